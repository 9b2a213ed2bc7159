from django.urls import path

from . import views

app_name = "activation"
urlpatterns = [
    path("", views.start, name="start"),
    path("je-m-identifie/", views.identify, name="identify"),
    path("je-m-identifie/carte-vitale/", views.identify_card, name="identify_card"),
    path("nouveau-code/", views.new_code, name="new_code"),
    path("nouveau-code/envoi/", views.new_code_channel, name="new_code_channel"),
    path("nouveau-code/saisie/", views.new_code_enter, name="new_code_enter"),
    path("code-utilise/", views.code_used, name="code_used"),
    path("code-expire/", views.code_expired, name="code_expired"),
    path("decision/", views.decision, name="decision"),
    path("decision/opposition/", views.oppose_confirm, name="oppose_confirm"),
    path("decision/opposition/prise-en-compte/", views.opposed, name="opposed"),
    path("decision/opposition/justificatif/<str:token>/", views.receipt, name="receipt"),
    path("decision/profil-active/", views.profile_activated, name="profile_activated"),
    path("profils/", views.profiles, name="profiles"),
]
