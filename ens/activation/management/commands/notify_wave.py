"""`manage.py notify_wave`: notify a department, a list of NIRs or everyone (design §3)."""

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ens.activation.waves import (
    WAVE_BATCH_SIZE,
    normalize_department,
    read_nirs,
    wave_confirm,
    wave_count,
    wave_create,
    wave_notify,
)
from ens.operator.models import NotificationWave, WaveKind

COMMAND_LINE = "ligne de commande"


class Command(BaseCommand):
    help = (
        "Notifie une population (un département, une liste de NIR ou tout le monde) : code "
        "provisoire par e-mail, ou par courrier (PDF) sans e-mail ; création automatique 6 "
        "semaines plus tard."
    )

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--department", help="département de résidence (76, 2A, 971...)")
        who.add_argument(
            "--file", type=Path, help="liste de NIR : un par ligne, ou CSV avec une colonne nir"
        )
        who.add_argument(
            "--all", action="store_true", help="toute la population pas encore notifiée"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="dire combien seraient notifiés, sans rien faire"
        )
        parser.add_argument("--batch-size", type=int, default=WAVE_BATCH_SIZE)

    def handle(self, *args, department, file, all, dry_run, batch_size, **options):
        nir_file = None
        if file is not None:
            try:
                content = file.read_bytes()
            except OSError as exc:
                raise CommandError(f"impossible de lire {file} : {exc}") from exc
            try:
                nirs, invalid = read_nirs(content.decode("utf-8-sig", errors="replace"))
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            if invalid:
                self.stderr.write(f"{invalid} ligne(s) sans NIR valide ignorée(s).")
            nir_file = (file.name, "\n".join(nirs).encode())
        kind = WaveKind.DEPARTMENT if department else WaveKind.FILE if file else WaveKind.ALL

        if dry_run:
            draft = NotificationWave(kind=kind, launched_by_label=COMMAND_LINE)
            try:
                draft.department = normalize_department(department) if department else ""
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            count = wave_count(draft, nirs if file else [])
            self.stdout.write(
                f"{count.to_notify} personne(s) seraient notifiées ; "
                f"{count.already} ont déjà un espace santé et seraient ignorées."
            )
            return

        try:
            wave = wave_create(
                kind=kind,
                launched_by_label=COMMAND_LINE,
                department=department or "",
                nir_file=nir_file,
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        wave_confirm(wave=wave)
        with tqdm(
            total=wave.expected, unit="pers.", file=sys.stderr, disable=None, desc="Vague"
        ) as bar:
            wave = wave_notify(wave=wave, batch_size=batch_size, progress=bar.update)
        self.stdout.write(
            f"Vague {wave.pk} ({wave.criteria_label}) : "
            f"{wave.notified_email} notifiée(s) par e-mail, "
            f"{wave.notified_letter} par courrier ({wave.letters.count()} PDF), "
            f"{wave.notified_child} profil(s) d'enfant, "
            f"{wave.skipped} ignorée(s) (espace existant), "
            f"{wave.no_contact} sans coordonnées."
        )
