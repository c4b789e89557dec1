from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from exercises.models import Exercise
from exercises.related import RANK_CHUNK, rank_related
from publishing.caching import bump_content_version


class Command(BaseCommand):
    help = (
        "Store the related exercises of every exercise never ranked (run it once after the "
        "migration that adds the ranking table: until then such pages rank per request). "
        "Saves, imports and scheduled publishing keep the rankings up to date afterwards; "
        "--all ranks every exercise again."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--all", action="store_true", help="Rank every exercise, not only the never ranked."
        )
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=RANK_CHUNK,
            help=f"Exercises ranked per transaction (default {RANK_CHUNK}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be ranked; write nothing."
        )

    def handle(
        self,
        *args: Any,
        all: bool,
        chunk_size: int,
        dry_run: bool,
        verbosity: int,
        **options: Any,
    ) -> None:
        if chunk_size < 1:
            raise CommandError("--chunk-size must be 1 or more.")
        # By language: each chunk reads the exercises of its languages once.
        exercises = Exercise.objects.order_by("language", "pk")
        if not all:
            exercises = exercises.filter(related_ranked=False)
        ids = list(exercises.values_list("pk", flat=True))
        if dry_run:
            self.stdout.write(f"Would rank {len(ids)} exercises (dry run, nothing written).")
            return
        done = 0
        for start in range(0, len(ids), chunk_size):
            # One transaction per chunk: an interrupted run keeps what it ranked, and the
            # next run (without --all) goes on from there.
            with transaction.atomic():
                done += rank_related(ids[start : start + chunk_size])
            if verbosity >= 2:
                self.stdout.write(f"ranked {done} of {len(ids)}")
        if done:
            bump_content_version()  # cached pages show the stored rankings from now on
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Ranked the related exercises of {done}."))
