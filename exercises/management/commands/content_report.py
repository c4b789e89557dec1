from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from exercises.models import Language
from exercises.report.findings import FindingKind, content_report, count_by_kind, filter_findings
from exercises.report.formats import findings_csv, findings_json


class Command(BaseCommand):
    help = (
        "Report what editors should look at: a video id on many exercises (likely a "
        "placeholder), exercises without steps, translations or images, duplicate and "
        "near-duplicate titles, translation keys shared within one language, and terms an "
        "import created. One finding a line; --format json or csv for machines. Reads only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--format",
            dest="output_format",
            choices=["text", "json", "csv"],
            default="text",
            help="text: one finding a line (default); json: one document with every finding "
            "and the counts; csv: one row per finding.",
        )
        parser.add_argument(
            "--language",
            choices=Language.values,
            default="",
            help="Only findings about this language's exercises (and about terms).",
        )
        parser.add_argument(
            "--kind", choices=[str(kind) for kind in FindingKind], default="", help="One kind."
        )

    def handle(
        self,
        *args: Any,
        output_format: str,
        language: str,
        kind: str,
        verbosity: int,
        **options: Any,
    ) -> None:
        findings = filter_findings(content_report(), language=language, kind=kind)
        if output_format == "json":
            self.stdout.write(findings_json(findings))
            return
        if output_format == "csv":
            self.stdout.write(findings_csv(findings), ending="")
            return
        for finding in findings:
            self.stdout.write(f"{finding.kind}: {finding.message}")
        if verbosity >= 1:
            counts = count_by_kind(findings)
            summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
            self.stdout.write(self.style.SUCCESS(f"{len(findings)} findings: {summary}."))
