from django.apps import AppConfig


class SpaceConfig(AppConfig):
    name = "ens.space"
    label = "space"
    verbose_name = "Espace santé (accueil, profils)"
