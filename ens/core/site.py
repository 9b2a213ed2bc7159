"""The DSFR site configuration of the service, shared by its migration and the tests.

No RGAA audit has been made, so the footer says "non conforme" (a site without an audit
must not claim conformity), while every page is checked with axe-core in the tests.
"""

SITE_CONFIG = {
    "site_title": "Mon espace santé",
    "site_tagline": "Le service public pour gérer mes données de santé",
    "header_brand": "République française",
    "header_brand_html": "République<br>française",
    "footer_brand": "République française",
    "footer_brand_html": "République<br>française",
    "footer_description": (
        "Mon espace santé est un service public numérique, mis en œuvre par "
        "l'Assurance Maladie et le ministère chargé de la Santé, qui permet à chacun "
        "de stocker et de partager ses informations de santé en toute sécurité."
    ),
    "accessibility_status": "NOT",
}
ENGLISH_OVERRIDES = {"site_tagline": "The public service to manage my health data"}


def write_site_config(config_model) -> None:
    """Create or update the French and English rows of django-dsfr's `DsfrConfig`."""
    config_model.objects.update_or_create(language="fr", defaults=SITE_CONFIG)
    config_model.objects.update_or_create(
        language="en", defaults={**SITE_CONFIG, **ENGLISH_OVERRIDES}
    )
