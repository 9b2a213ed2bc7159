"""The last activation steps (views_credentials), mounted under /activation/ by ens.urls."""

from django.urls import path

from . import views_credentials as views

app_name = "activation_credentials"
urlpatterns = [
    path("coordonnees/", views.contacts, name="contacts"),
    path(
        "coordonnees/adresse-e-mail/",
        views.contact_change,
        {"kind": "email"},
        name="change_email",
    ),
    path(
        "coordonnees/adresse-e-mail/code/",
        views.contact_confirm,
        {"kind": "email"},
        name="confirm_email",
    ),
    path("coordonnees/mobile/", views.contact_change, {"kind": "mobile"}, name="change_mobile"),
    path(
        "coordonnees/mobile/code/", views.contact_confirm, {"kind": "mobile"}, name="confirm_mobile"
    ),
    path("identifiant/", views.credentials, name="credentials"),
    path("termine/", views.done, name="done"),
    path("session-expiree/", views.session_expired, name="session_expired"),
]
