from django.urls import path

from . import views

app_name = "messaging"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("archives/", views.archives, name="archives"),
    path("<uuid:conversation_id>/", views.conversation, name="conversation"),
    path("<uuid:conversation_id>/archiver/", views.archive, name="archive"),
    path("<uuid:conversation_id>/desarchiver/", views.unarchive, name="unarchive"),
    path("<uuid:conversation_id>/supprimer/", views.delete, name="delete"),
    path("pieces-jointes/<uuid:attachment_id>/", views.attachment_download, name="attachment"),
    path(
        "pieces-jointes/<uuid:attachment_id>/enregistrer/",
        views.attachment_save,
        name="attachment_save",
    ),
]
