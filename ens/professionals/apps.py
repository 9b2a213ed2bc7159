from django.apps import AppConfig


class ProfessionalsConfig(AppConfig):
    name = "ens.professionals"
    verbose_name = "Professionnels de santé"
