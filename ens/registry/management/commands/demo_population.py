"""`manage.py demo_population --size N [--seed S] [--if-empty]`: load the demo population."""

from django.core.management.base import BaseCommand, CommandError

from ens.registry.demo import demo_population_create
from ens.registry.models import InsuredPerson


class Command(BaseCommand):
    help = (
        "Crée une population de démonstration réaliste (assurés, enfants rattachés, cartes "
        "Vitale), l'annuaire des professionnels et les personnes fixes (design §7)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=1000, help="nombre d'assurés générés")
        parser.add_argument(
            "--seed",
            type=int,
            default=2021,
            help="graine (même graine, même jour : même population)",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="ne rien faire si le registre contient déjà des assurés",
        )

    def handle(self, *args, size: int, seed: int, if_empty: bool, **options):
        if size < 0:
            raise CommandError("--size doit être positif ou nul.")
        if if_empty and InsuredPerson.objects.exists():
            count = InsuredPerson.objects.count()
            self.stdout.write(f"Registre non vide ({count} assurés) : rien à faire.")
            return
        self.stdout.write(f"Création de {size} assurés (graine {seed}) et des personnes fixes…")
        s = demo_population_create(size=size, seed=seed)
        for line in (
            f"{s.people} assurés générés, dont {s.children} enfants mineurs "
            f"({s.parent_links} rattachements à un parent) ;",
            f"{s.without_email} adultes sans e-mail, {s.without_mobile} sans mobile ;",
            f"{s.cards_with_photo} cartes Vitale avec photo ;",
            f"{s.in_76} domiciliés en Seine-Maritime (76), {s.born_abroad} nés à l'étranger, "
            f"{s.born_in_corsica} nés en Corse ;",
            f"{s.professionals_created} professionnels ajoutés à l'annuaire ;",
            f"personnes fixes à jour : {', '.join(s.fixed)}.",
        ):
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Terminé : {InsuredPerson.objects.count()} assurés."))
