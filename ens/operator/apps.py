from django.apps import AppConfig


class OperatorConfig(AppConfig):
    name = "ens.operator"
    label = "backoffice"
    verbose_name = "Back-office de l'opérateur"
