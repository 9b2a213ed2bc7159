from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    name = "ens.measures"
    label = "measures"
    verbose_name = "Mesures de santé"
