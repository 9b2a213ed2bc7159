"""Child process of `bench home`: migrate the bench database, create Camille, open a session.

`python -m bench._home_setup` works on the database of DATABASE_URL and prints the session
cookie value of a logged-in session of Camille (design §7) as its last line. The session is
made by Django's own login machinery (the test client's `force_login`), so every check the
login adds to a session holds for it.
"""

from datetime import date

import django


def camille_with_account(**defaults):
    """Camille Durand (design §7) and her account, created unless there already (`defaults`
    add to her identity). Also used by bench._documents_setup."""
    from ens.accounts.models import User
    from ens.registry.models import InsuredPerson

    person, _ = InsuredPerson.objects.get_or_create(
        nir="291037511203461",
        defaults={
            "birth_date": date(1991, 3, 21),
            "last_name": "Durand",
            "first_name": "Camille",
            "sex": "F",
            **defaults,
        },
    )
    user, _ = User.objects.get_or_create(username="camille.durand", defaults={"person": person})
    return person, user


def session_cookie(user) -> str:
    """The session cookie value of a session of `user` opened by Django's login machinery."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def main() -> None:
    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from ens.medical_profile.models import MedicalProfile
    from ens.messaging.models import Message

    call_command("migrate", verbosity=0, interactive=False)
    camille, user = camille_with_account(email="camille.durand@example.fr", mobile="+33698765432")
    MedicalProfile.objects.update_or_create(
        person=camille,
        defaults={"first_visit_done_at": timezone.now(), "height_m": "1.68", "weight_kg": "61"},
    )
    if not Message.objects.filter(recipient=camille).exists():
        for subject in ("Bienvenue sur Mon espace santé", "Résultats d'analyses"):
            Message.objects.create(
                recipient=camille, sender_label="Mon espace santé", subject=subject, body="."
            )
    print(session_cookie(user))


if __name__ == "__main__":
    main()
