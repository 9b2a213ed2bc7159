from django.urls import path

from . import views_patient

app_name = "authorisations"
urlpatterns = [
    path("", views_patient.authorisations, name="list"),
    path("bloquer/<int:professional_id>/", views_patient.block, name="block"),
    path("debloquer/<int:professional_id>/", views_patient.unblock, name="unblock"),
    path("urgence/", views_patient.emergency_opposition, name="emergency_opposition"),
    path("partages/<int:share_id>/retirer/", views_patient.share_revoke, name="share_revoke"),
]
