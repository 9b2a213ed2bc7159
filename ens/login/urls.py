from django.urls import path

from . import views
from .models import Purpose

app_name = "login"
LOGIN, IDENTIFIER, PASSWORD = (
    {"purpose": Purpose.LOGIN},
    {"purpose": Purpose.IDENTIFIER},
    {"purpose": Purpose.PASSWORD},
)
urlpatterns = [
    path("connexion/", views.login_start, name="start"),
    path("connexion/methode/", views.channel, LOGIN, name="channel"),
    path("connexion/code/", views.code, LOGIN, name="code"),
    path("connexion/code/renvoyer/", views.resend, LOGIN, name="resend"),
    path("connexion/session-expiree/", views.session_expired, name="expired"),
    path("connexion/identifiant-oublie/", views.identifier_forgot, name="identifier_forgot"),
    path(
        "connexion/identifiant-oublie/methode/",
        views.channel,
        IDENTIFIER,
        name="identifier_channel",
    ),
    path("connexion/identifiant-oublie/code/", views.code, IDENTIFIER, name="identifier_code"),
    path(
        "connexion/identifiant-oublie/code/renvoyer/",
        views.resend,
        IDENTIFIER,
        name="identifier_resend",
    ),
    path("connexion/identifiant-oublie/envoye/", views.identifier_sent, name="identifier_sent"),
    path("connexion/mot-de-passe-oublie/", views.password_forgot, name="password_forgot"),
    path(
        "connexion/mot-de-passe-oublie/methode/",
        views.channel,
        PASSWORD,
        name="password_channel",
    ),
    path("connexion/mot-de-passe-oublie/code/", views.code, PASSWORD, name="password_code"),
    path(
        "connexion/mot-de-passe-oublie/code/renvoyer/",
        views.resend,
        PASSWORD,
        name="password_resend",
    ),
    path("connexion/mot-de-passe-oublie/nouveau/", views.password_new, name="password_new"),
    path("connexion/mot-de-passe-oublie/modifie/", views.password_changed, name="password_changed"),
    path("deconnexion/", views.logout_view, name="logout"),
    path("deconnexion/terminee/", views.logged_out, name="logged_out"),
    path("espace/parametres/", views.settings_page, name="settings"),
    path("espace/parametres/sessions/<int:pk>/fermer/", views.session_end, name="session_end"),
    path(
        "espace/parametres/sessions/fermer-autres/",
        views.sessions_end_others,
        name="sessions_end_others",
    ),
]
