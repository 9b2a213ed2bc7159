"""`manage.py import_registry FILE.csv`: load the registry of insured people (design §2).

Exit codes: 0 every row imported; 1 some rows rejected or some parent links unresolved
(the good rows are imported all the same); 2 the file cannot be imported at all.
"""

import csv
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ens.registry.rows import HEADER
from ens.registry.services import DEFAULT_BATCH_SIZE, RegistryFileError, RowError, registry_import

# Rejections printed on stderr; all of them go to the --errors file.
SHOWN_ERRORS = 50


class Command(BaseCommand):
    help = "Importe le registre des assurés depuis un fichier CSV (UTF-8, séparateur « ; »)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="fichier CSV, en-tête : " + ";".join(HEADER))
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
        parser.add_argument(
            "--errors", metavar="FICHIER", help="écrit les lignes rejetées et leur motif (CSV)"
        )
        parser.add_argument("--no-progress", action="store_true", help="sans barre de progression")

    def handle(self, *args, file: str, batch_size: int, errors: str | None, **options):
        path = Path(file)
        if batch_size < 1:
            raise CommandError("--batch-size doit être au moins 1.", returncode=2)
        try:
            stream = path.open("rb")
        except FileNotFoundError:
            raise CommandError(f"Fichier introuvable : {path}", returncode=2) from None
        except IsADirectoryError:
            raise CommandError(f"{path} est un dossier, pas un fichier.", returncode=2) from None
        except OSError as exc:
            raise CommandError(
                f"Impossible de lire le fichier {path} : {exc.strerror}.", returncode=2
            ) from None

        shown = 0

        def on_error(error: RowError) -> None:
            nonlocal shown
            if errors_writer:
                errors_writer.writerow([error.line, error.reason, error.content])
            if shown < SHOWN_ERRORS:
                self.stderr.write(f"ligne {error.line} : {error.reason}")
            shown += 1

        errors_file = errors_writer = None
        if errors:
            try:
                errors_file = open(errors, "w", encoding="utf-8", newline="")  # noqa: SIM115
            except OSError as exc:
                stream.close()
                raise CommandError(
                    f"Impossible d'écrire le fichier des rejets {errors} : {exc.strerror}.",
                    returncode=2,
                ) from None
            errors_writer = csv.writer(errors_file, delimiter=";")
            errors_writer.writerow(["ligne", "motif", "contenu"])

        size = path.stat().st_size
        show_bar = not options["no_progress"] and sys.stderr.isatty()
        bar = tqdm(total=size, unit="o", unit_scale=True, disable=not show_bar, file=sys.stderr)
        self.stdout.write(f"Import du registre depuis {path} ({size:,} octets)…".replace(",", " "))
        started = time.monotonic()
        try:
            with stream:
                report = registry_import(
                    stream=stream, batch_size=batch_size, on_error=on_error, on_progress=bar.update
                )
        except RegistryFileError as exc:
            raise CommandError(str(exc), returncode=2) from None
        except OSError as exc:
            raise CommandError(
                f"Lecture du fichier {path} interrompue : {exc.strerror}. Les lots déjà "
                "importés sont conservés ; relancez l'import.",
                returncode=2,
            ) from None
        finally:
            bar.close()
            if errors_file:
                errors_file.close()
        elapsed = time.monotonic() - started

        if shown > SHOWN_ERRORS:
            more = shown - SHOWN_ERRORS
            hint = f" (toutes dans {errors})" if errors else " (option --errors FICHIER)"
            self.stderr.write(f"… et {more} autres erreurs{hint}.")
        self.stdout.write(
            f"Lignes lues : {report.read} ; assurés créés : {report.created}, mis à jour : "
            f"{report.updated}, inchangés : {report.unchanged} ; lignes rejetées : "
            f"{report.rejected} ; rattachements créés : {report.links_created}, non "
            f"résolus : {report.links_unresolved} ({elapsed:.1f} s)."
        )
        if not report.ok:
            raise CommandError(
                "Import terminé avec des erreurs : les lignes valides sont importées.",
                returncode=1,
            )
