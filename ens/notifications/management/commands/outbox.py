"""`manage.py outbox [--to ADDRESS] [--last N]`: print the demo outbox, newest first."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ens.notifications.selectors import outbox_messages


class Command(BaseCommand):
    help = (
        "Affiche la boîte de démonstration (e-mails et SMS conservés), "
        "du plus récent au plus ancien."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", help="adresse e-mail ou numéro de mobile du destinataire")
        parser.add_argument(
            "--last", type=int, default=10, help="nombre de messages (10 par défaut)"
        )

    def handle(self, *args, to: str | None, last: int, **options):
        if last < 1:
            raise CommandError("--last doit être un entier positif")
        messages = list(outbox_messages(to=to, last=last))
        for message in messages:
            created = timezone.localtime(message.created_at).strftime("%d/%m/%Y %H:%M:%S")
            self.stdout.write(self.style.MIGRATE_HEADING("─" * 72))
            self.stdout.write(f"Date         : {created}")
            self.stdout.write(f"Canal        : {message.get_channel_display()}")
            self.stdout.write(f"Destinataire : {message.to}")
            if message.subject:
                self.stdout.write(f"Sujet        : {message.subject}")
            self.stdout.write("")
            self.stdout.write(message.body_text)
        if messages:
            self.stdout.write(self.style.MIGRATE_HEADING("─" * 72))
        target = f" pour {to}" if to else ""
        self.stdout.write(f"{len(messages)} message(s){target} dans la boîte de démonstration.")
