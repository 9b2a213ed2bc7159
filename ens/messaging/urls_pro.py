from django.urls import path

from . import views_pro

app_name = "messaging_pro"
urlpatterns = [
    path("", views_pro.inbox, name="inbox"),
    path("nouveau/", views_pro.start, name="start"),
    path("<uuid:conversation_id>/", views_pro.conversation, name="conversation"),
    path("pieces-jointes/<uuid:attachment_id>/", views_pro.attachment_download, name="attachment"),
]
