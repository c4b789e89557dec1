from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from exercises.media.renditions import exercise_update_renditions
from exercises.models import Exercise
from publishing.pipeline import content_changed


class Command(BaseCommand):
    help = (
        "Make the card and detail renditions of exercise pictures that have none (all of "
        "them with --all), for pictures stored before renditions existed."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--all", action="store_true", help="Remake every exercise's.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be made; write nothing."
        )

    def handle(self, *args: Any, all: bool, dry_run: bool, verbosity: int, **options: Any) -> None:
        exercises = Exercise.objects.exclude(image="").order_by("pk")
        if not all:
            exercises = exercises.filter(image_renditions=[])
        if dry_run:
            self.stdout.write(f"Would make renditions for {exercises.count()} exercises.")
            return
        made: list[int] = []
        for exercise in exercises.iterator():
            # A repair of files on storage: made here to report them, the rest (the pages'
            # content version) is the pipeline's, told below.
            renditions = exercise_update_renditions(exercise=exercise)
            made.append(exercise.pk)
            if verbosity >= 2:
                self.stdout.write(f"{exercise.language}/{exercise.slug}: {len(renditions)} files")
        content_changed(Exercise, made)
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Made renditions for {len(made)} exercises."))
