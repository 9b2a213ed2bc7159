from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("ajouter/", views.document_add, name="add"),
    path("<uuid:document_id>/", views.document_detail, name="detail"),
    path("<uuid:document_id>/apercu/", views.document_preview, name="preview"),
    path("<uuid:document_id>/telecharger/", views.document_download, name="download"),
    path("<uuid:document_id>/modifier/", views.document_edit, name="edit"),
    path("<uuid:document_id>/supprimer/", views.document_delete_confirm, name="delete"),
    path(
        "<uuid:document_id>/masquer/",
        views.document_set_visibility,
        {"hidden": True},
        name="hide",
    ),
    path(
        "<uuid:document_id>/ne-plus-masquer/",
        views.document_set_visibility,
        {"hidden": False},
        name="show",
    ),
]
