from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "ens.notifications"
    verbose_name = "Notifications"
