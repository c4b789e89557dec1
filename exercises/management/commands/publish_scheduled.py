from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from publishing.scheduling import content_due, publish_scheduled


class Command(BaseCommand):
    help = (
        "Publish exercises whose publish-at time has come and unpublish those whose "
        "unpublish-at time has. Run it every minute or so from cron or a systemd timer."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would change; write nothing."
        )

    def handle(self, *args: Any, dry_run: bool, verbosity: int, **options: Any) -> None:
        now = timezone.now()
        result = content_due(now=now) if dry_run else publish_scheduled(now=now)
        if verbosity >= 2:
            for exercise in result.published:
                self.stdout.write(f"published: {exercise.language}/{exercise.slug}")
            for exercise in result.unpublished:
                self.stdout.write(f"unpublished: {exercise.language}/{exercise.slug}")
        if verbosity >= 1:
            published, unpublished = len(result.published), len(result.unpublished)
            message = (
                f"Would publish {published}, unpublish {unpublished}."
                if dry_run
                else f"Published {published}, unpublished {unpublished}."
            )
            self.stdout.write(self.style.SUCCESS(message))
