from django.urls import path

from . import views

app_name = "medical_profile"
urlpatterns = [
    path("", views.detail, name="detail"),
    path("synthese/", views.summary, name="summary"),
    path("synthese/pdf/", views.summary_download, name="summary_pdf"),
    path("synthese/partage/", views.shares, name="shares"),
    path("synthese/partage/ajouter/", views.share_add, name="share_add"),
    path("synthese/partage/<int:share_id>/retirer/", views.share_revoke, name="share_revoke"),
    path("<slug:slug>/", views.section_list, name="section"),
    path("<slug:slug>/ajouter/", views.entry_add, name="add"),
    path("<slug:slug>/<int:entry_id>/modifier/", views.entry_edit, name="edit"),
    path("<slug:slug>/<int:entry_id>/supprimer/", views.entry_delete, name="delete"),
]
