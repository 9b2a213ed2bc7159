from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ens.core"
    verbose_name = "Mon espace santé"
