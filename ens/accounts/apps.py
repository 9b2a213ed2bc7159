from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ens.accounts"
    verbose_name = "Comptes"
