from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from exercises.models import Exercise
from exercises.search import rebuild_search_index


class Command(BaseCommand):
    help = (
        "Rebuild the search index of every exercise from its current content (after a bulk "
        "change made outside the importer and the admin)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report how many exercises would be indexed without writing.",
        )

    def handle(self, *args: Any, dry_run: bool, verbosity: int, **options: Any) -> None:
        if dry_run:
            total = Exercise.objects.count()
            self.stdout.write(f"Would index {total} exercises (dry run, nothing written).")
            return
        total = rebuild_search_index()
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Indexed {total} exercises."))
