"""`manage.py run_transitions`: create automatically the spaces whose date passed (design §3)."""

import sys
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from ens.activation.transitions import TRANSITION_BATCH_SIZE, spaces_auto_create
from ens.operator.services import letter_batches_purge


class Command(BaseCommand):
    help = (
        "Passe en « créé automatiquement » les espaces notifiés dont la date de création "
        "automatique est passée sans opposition, et supprime les PDF de courriers dont les "
        "codes ont expiré (aussi lancé par Celery beat)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            help="date et heure à prendre pour « maintenant » (ISO 8601), pour essayer ou mesurer",
        )
        parser.add_argument("--batch-size", type=int, default=TRANSITION_BATCH_SIZE)

    def handle(self, *args, now, batch_size, **options):
        at = None
        if now:
            try:
                at = datetime.fromisoformat(now)
            except ValueError as exc:
                raise CommandError(f"--now : date invalide {now!r}") from exc
            if timezone.is_naive(at):
                at = timezone.make_aware(at)
        with tqdm(unit="espaces", file=sys.stderr, disable=None, desc="Transitions") as bar:
            moved = spaces_auto_create(now=at, batch_size=batch_size, progress=bar.update)
        self.stdout.write(f"{moved} espace(s) créé(s) automatiquement.")
        purged = letter_batches_purge(now=at)
        self.stdout.write(f"{purged} PDF de courriers supprimé(s) (codes expirés).")
