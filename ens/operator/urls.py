from django.contrib.auth.views import LogoutView
from django.urls import path

from . import views

app_name = "operator"
urlpatterns = [
    path("", views.home, name="home"),
    path("connexion/", views.OperatorLoginView.as_view(), name="login"),
    path("deconnexion/", LogoutView.as_view(next_page="operator:login"), name="logout"),
    path("vagues/", views.wave_list, name="wave_list"),
    path("vagues/nouvelle/", views.wave_new, name="wave_new"),
    path("vagues/<int:pk>/", views.wave_detail, name="wave_detail"),
    path("vagues/<int:pk>/lancer/", views.wave_launch, name="wave_launch"),
    path("courriers/<int:pk>/", views.letter_download, name="letter_download"),
    path("historique/", views.history, name="history"),
]
