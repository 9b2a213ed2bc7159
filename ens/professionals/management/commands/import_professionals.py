"""`manage.py import_professionals FILE.csv`: load the directory of professionals.

Exit codes as import_registry: 0 every row imported; 1 some rows rejected (the good rows are
imported all the same); 2 the file cannot be imported at all.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ens.professionals.importer import (
    DEFAULT_BATCH_SIZE,
    HEADER,
    DirectoryFileError,
    RowError,
    professionals_import,
)

SHOWN_ERRORS = 50


class Command(BaseCommand):
    help = "Importe l'annuaire des professionnels de santé depuis un CSV (UTF-8, « ; »)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier CSV, en-tête : " + ";".join(HEADER))
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)

    def handle(self, *args, file: str, batch_size: int, **options):
        path = Path(file)
        if batch_size < 1:
            raise CommandError("--batch-size doit être au moins 1.", returncode=2)
        shown = 0

        def on_error(error: RowError) -> None:
            nonlocal shown
            if shown < SHOWN_ERRORS:
                self.stderr.write(f"ligne {error.line} : {error.reason}")
            shown += 1

        self.stdout.write(f"Import de l'annuaire des professionnels depuis {path}…")
        try:
            with path.open("rb") as stream:
                report = professionals_import(
                    stream=stream, on_error=on_error, batch_size=batch_size
                )
        except (FileNotFoundError, IsADirectoryError):
            raise CommandError(f"Fichier introuvable : {path}", returncode=2) from None
        except DirectoryFileError as error:
            raise CommandError(f"Fichier refusé : {error}.", returncode=2) from None
        self.stdout.write(
            f"{report.imported} professionnels importés, {report.rejected} lignes rejetées."
        )
        if report.rejected:
            raise CommandError(f"{report.rejected} lignes rejetées.", returncode=1)
