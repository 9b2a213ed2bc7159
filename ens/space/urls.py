from django.urls import include, path

from . import views

app_name = "space"
urlpatterns = [
    path("", views.home, name="home"),
    path("bienvenue/", views.welcome, name="welcome"),
    path("bienvenue/question/<int:number>/", views.question, name="question"),
    path("bienvenue/passer/", views.skip, name="skip"),
    path("bienvenue/merci/", views.thanks, name="thanks"),
    path("profils/", views.profiles, name="profiles"),
    path("profils/ouvrir/", views.switch_profile, name="switch_profile"),
    path("bientot/<slug:slug>/", views.coming_soon, name="coming_soon"),
    path("profil/", include("ens.medical_profile.urls")),
]
