from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand, CommandError

from exercises.media.transfer import Outcome, media_copy_to_storage


class Command(BaseCommand):
    help = (
        "Copy the pictures stored on the local disk (MEDIA_ROOT) into the bucket named by "
        "AWS_STORAGE_BUCKET_NAME, under the same names, so exercises keep their pictures when "
        "media move to object storage. Files the bucket already holds are left alone, so it "
        "can run again to copy only what is new."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--source",
            type=Path,
            default=None,
            help="Folder to copy from (default: MEDIA_ROOT).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be copied; copy nothing."
        )

    def handle(
        self, *args: Any, source: Path | None, dry_run: bool, verbosity: int, **options: Any
    ) -> None:
        target = storages["default"]
        if isinstance(target, FileSystemStorage):
            raise CommandError(
                "Media are stored on the local disk: set AWS_STORAGE_BUCKET_NAME (and "
                "AWS_S3_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) to copy them "
                "into a bucket."
            )
        root = Path(source or settings.MEDIA_ROOT)
        if not root.is_dir():
            raise CommandError(f"{root}: not a folder (the local media to copy).")
        # Each outcome as a summary word; a dry run copies nothing, so it says what it would.
        labels = {outcome: str(outcome) for outcome in Outcome}
        if dry_run:
            labels[Outcome.COPIED] = "would be copied"
        counts = dict.fromkeys(Outcome, 0)
        for result in media_copy_to_storage(
            root=root, source=FileSystemStorage(location=root), target=target, dry_run=dry_run
        ):
            counts[result.outcome] += 1
            if result.outcome in (Outcome.FAILED, Outcome.DIFFERENT):
                self.stderr.write(f"{result.name}: {result.outcome}: {result.detail}")
            elif verbosity >= 3 or (verbosity >= 2 and result.outcome is Outcome.COPIED):
                self.stdout.write(f"{result.name}: {labels[result.outcome]}")
        summary = ", ".join(f"{counts[outcome]} {labels[outcome]}" for outcome in Outcome)
        if counts[Outcome.FAILED]:
            raise CommandError(f"{summary}: {counts[Outcome.FAILED]} files could not be copied.")
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Media: {summary}."))
