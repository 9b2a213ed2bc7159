from django.apps import AppConfig


class ActivationConfig(AppConfig):
    name = "ens.activation"
    verbose_name = "Activation et opposition"
