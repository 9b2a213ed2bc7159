"""`manage.py bench <name>`: run one benchmark of the bench/ package and print its figures.

Each benchmark is a module `bench.<name>` with `add_arguments(parser)` (optional) and
`run(command, **options)`; it measures a baseline in the same run and prints the ratio.
"""

import importlib
import pkgutil

from django.core.management.base import BaseCommand, CommandError

import bench


def _benchmarks() -> dict[str, object]:
    return {
        info.name: importlib.import_module(f"bench.{info.name}")
        for info in pkgutil.iter_modules(bench.__path__)
        if not info.name.startswith("_")
    }


class Command(BaseCommand):
    help = "Run a benchmark of bench/ (import, wave, login...) and print rates and ratios."

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="benchmark", required=True)
        for name, module in _benchmarks().items():
            sub = subparsers.add_parser(name, help=(module.__doc__ or "").strip().splitlines()[0])
            if hasattr(module, "add_arguments"):
                module.add_arguments(sub)

    def handle(self, *args, benchmark: str, **options):
        module = _benchmarks().get(benchmark)
        if module is None:
            raise CommandError(f"benchmark inconnu : {benchmark}")
        module.run(self, **options)
