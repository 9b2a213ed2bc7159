from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "ens.messaging"
    verbose_name = "Messagerie sécurisée"
