"""`manage.py verify_access_log [--person NIR]`: prove that no access-log entry was changed or
removed (issue 7), and name each one that was.

Exit codes: 0 every chain is intact; 1 at least one entry was changed or removed; 2 bad
arguments. Streamed: memory stays flat whatever the size of the log (ens.access.verify).
"""

import time

from django.core.management.base import BaseCommand, CommandError

from ens.access.verify import verify_chains
from ens.registry.models import InsuredPerson
from ens.registry.nir import NirError, parse_nir


class Command(BaseCommand):
    help = (
        "Vérifie l'historique des accès : aucune entrée modifiée ni supprimée "
        "(chaîne d'empreintes par assuré)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--person", metavar="NIR", help="vérifie la chaîne d'un seul assuré")

    def handle(self, *args, person: str | None, **options):
        person_id = None
        if person:
            try:
                nir = parse_nir(person).value
            except NirError as exc:
                raise CommandError(f"NIR invalide : {exc.messages[0]}", returncode=2) from None
            person_id = InsuredPerson.objects.filter(nir=nir).values_list("pk", flat=True).first()
            if person_id is None:
                raise CommandError(f"Aucun assuré avec le NIR {person}.", returncode=2)

        started = time.perf_counter()
        report = verify_chains(person_id=person_id)
        elapsed = time.perf_counter() - started

        nirs = dict(
            InsuredPerson.objects.filter(
                pk__in={problem.person_id for problem in report.problems}
            ).values_list("pk", "nir")
        )
        for problem in report.problems:
            nir = nirs.get(problem.person_id, f"#{problem.person_id}")
            self.stderr.write(problem.describe(nir))
        summary = (
            f"{report.chains} chaîne(s), {report.entries} entrée(s) vérifiée(s) "
            f"en {elapsed:.1f} s : "
        )
        if report.ok:
            self.stdout.write(summary + "aucune entrée modifiée ni supprimée.")
            return
        raise CommandError(
            summary + f"{len(report.problems)} anomalie(s) trouvée(s).", returncode=1
        )
