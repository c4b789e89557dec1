"""The content report as files an editor downloads or a script reads: CSV and JSON."""

import csv
import io
import json
from collections.abc import Sequence

from exercises.report.findings import Finding, count_by_kind

CSV_COLUMNS = ["kind", "languages", "what", "exercises", "exercise_ids", "message"]
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection);
# exercise titles and file paths come from imported files, so such a cell is quoted.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def findings_csv(findings: Sequence[Finding]) -> str:
    """One row per finding; its exercises as ``language/slug`` separated by spaces."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for finding in findings:
        row = [
            str(finding.kind),
            " ".join(sorted(finding.languages)),
            finding.note or finding.message,
            " ".join(str(ref) for ref in finding.exercises),
            " ".join(str(ref.pk) for ref in finding.exercises),
            finding.message,
        ]
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def findings_json(findings: Sequence[Finding]) -> str:
    """One document: the count of each kind, then every finding with all it knows."""
    document = {
        "counts": {str(kind): count for kind, count in count_by_kind(findings).items()},
        "findings": [finding.as_dict() for finding in findings],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
