"""Child process of `bench home`: migrate the bench database, create Camille, open a session.

`python -m bench._home_setup` works on the database of DATABASE_URL and prints the session
cookie value of a logged-in session of Camille (design §7) as its last line. The session is
made by Django's own login machinery (the test client's `force_login`), so every check the
login adds to a session holds for it.
"""

from datetime import date

import django


def main() -> None:
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    from ens.accounts.models import User
    from ens.medical_profile.models import MedicalProfile
    from ens.messaging.models import Message
    from ens.registry.models import InsuredPerson

    call_command("migrate", verbosity=0, interactive=False)
    camille, _ = InsuredPerson.objects.get_or_create(
        nir="291037511203461",
        defaults={
            "birth_date": date(1991, 3, 21),
            "last_name": "Durand",
            "first_name": "Camille",
            "sex": "F",
            "email": "camille.durand@example.fr",
            "mobile": "+33698765432",
        },
    )
    user, _ = User.objects.get_or_create(username="camille.durand", defaults={"person": camille})
    MedicalProfile.objects.update_or_create(
        person=camille,
        defaults={"first_visit_done_at": timezone.now(), "height_m": "1.68", "weight_kg": "61"},
    )
    if not Message.objects.filter(recipient=camille).exists():
        for subject in ("Bienvenue sur Mon espace santé", "Résultats d'analyses"):
            Message.objects.create(
                recipient=camille, sender_label="Mon espace santé", subject=subject, body="."
            )
    client = Client()
    client.force_login(user)
    print(client.cookies[settings.SESSION_COOKIE_NAME].value)


if __name__ == "__main__":
    main()
