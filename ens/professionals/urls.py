from django.urls import path

from . import views

app_name = "professionals"
urlpatterns = [
    path("", views.home, name="home"),
    path("patients/<int:person_id>/", views.patient, name="patient"),
    path(
        "patients/<int:person_id>/documents/<uuid:document_id>/",
        views.document_download,
        name="document_download",
    ),
    path("patients/<int:person_id>/ajouter-document/", views.document_add, name="document_add"),
    path("patients/<int:person_id>/urgence/", views.emergency, name="emergency"),
]
