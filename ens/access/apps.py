from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "ens.access"
    label = "access"
    verbose_name = "Historique des accès"
