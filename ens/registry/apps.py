from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "ens.registry"
    verbose_name = "Registre des assurés"
