from django.apps import AppConfig


class MedicalProfileConfig(AppConfig):
    name = "ens.medical_profile"
    label = "medical_profile"
    verbose_name = "Profil médical"
