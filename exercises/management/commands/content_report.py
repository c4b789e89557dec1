import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from exercises.report.findings import content_report, count_by_kind


class Command(BaseCommand):
    help = (
        "Report what editors should look at: a video id on many exercises (likely a "
        "placeholder), exercises without steps, translations or images, duplicate and "
        "near-duplicate titles, translation keys shared within one language, and terms an "
        "import created. One finding a line; --format json for machines. Reads only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--format",
            dest="output_format",
            choices=["text", "json"],
            default="text",
            help="text: one finding a line (default); json: one document with every finding.",
        )

    def handle(self, *args: Any, output_format: str, verbosity: int, **options: Any) -> None:
        findings = content_report()
        counts = count_by_kind(findings)
        if output_format == "json":
            document = {
                "counts": {str(kind): count for kind, count in counts.items()},
                "findings": [finding.as_dict() for finding in findings],
            }
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        for finding in findings:
            self.stdout.write(f"{finding.kind}: {finding.message}")
        if verbosity >= 1:
            summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
            self.stdout.write(self.style.SUCCESS(f"{len(findings)} findings: {summary}."))
