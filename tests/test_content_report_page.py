"""The content report page: grouped with counts, filtered, paged, downloadable; each
finding once."""

import csv
import io
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from exercises.models import Step
from exercises.report.findings import Finding, FindingKind
from exercises.report.formats import findings_csv
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db

REPORT = "/admin/exercises/exercise/content-report/"


@pytest.fixture
def untranslated():
    """120 English and 30 Spanish exercises with steps and no translation or image."""
    for number in range(150):
        language = "en" if number < 120 else "es"
        exercise = make_exercise(
            title=f"Lonely {number:03}", slug=f"lonely-{number:03}", language=language
        )
        Step.objects.create(exercise=exercise, position=1, text="Move.")


def rows(html: str) -> list[str]:
    return re.findall(r"<tr>\s*<td>(.*?)</td>", html, re.S)


def test_findings_are_grouped_by_kind_with_counts_and_paged(editor_client, untranslated):
    html = editor_client.get(REPORT).content.decode()

    assert "300 findings in all." in html
    assert re.search(r"Missing translation</a></th><td class=\"numeric\">150<", html)
    assert re.search(r"Missing image</a></th><td class=\"numeric\">150<", html)
    assert len(rows(html)) == 50
    assert "Page 1 of 6 (300 findings)" in html
    assert 'href="?page=2" rel="next"' in html


def test_each_exercise_is_named_once_per_finding(editor_client, untranslated):
    html = editor_client.get(REPORT, {"kind": "missing-translation"}).content.decode()

    assert html.count("en/lonely-000") == 1
    assert html.count(">Lonely 000</a>") == 1


def test_filters_by_language_and_kind_and_keeps_them_across_pages(editor_client, untranslated):
    html = editor_client.get(
        REPORT, {"language": "en", "kind": "missing-translation", "page": "2"}
    ).content.decode()

    assert "Page 2 of 3 (120 findings)" in html
    assert "es/lonely-" not in html
    assert "Missing image" in html  # still counted in the summary
    assert len(rows(html)) == 50
    assert 'href="?language=en&amp;kind=missing-translation&amp;page=3" rel="next"' in html
    spanish = editor_client.get(REPORT, {"language": "es"}).content.decode()
    assert "60 findings" in spanish and "en/lonely-" not in spanish


def test_unknown_filter_values_show_everything(editor_client, untranslated):
    html = editor_client.get(REPORT, {"language": "xx", "kind": "nope", "page": "x"}).content
    assert "Page 1 of 6 (300 findings)" in html.decode()


def test_downloads_the_filtered_findings_as_csv_and_json(editor_client, untranslated):
    response = editor_client.get(REPORT, {"language": "es", "format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="content-report-es.csv"' in response["Content-Disposition"]
    table = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(table) == 60
    assert {row["languages"] for row in table} == {"es"}
    assert table[0]["exercises"].startswith("es/lonely-")

    document = json.loads(
        editor_client.get(REPORT, {"kind": "missing-image", "format": "json"}).content
    )
    assert document["counts"]["missing-image"] == 150
    assert document["counts"]["missing-translation"] == 0
    assert len(document["findings"]) == 150


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted():
    finding = Finding(
        FindingKind.UNREVIEWED_TERM, '=HYPERLINK("http://x")', note="@SUM(1)", detail={}
    )

    (row,) = list(csv.DictReader(io.StringIO(findings_csv([finding]))))

    assert row["message"] == '\'=HYPERLINK("http://x")'
    assert row["what"] == "'@SUM(1)"


def test_command_filters_and_writes_csv(untranslated):
    out = StringIO()
    call_command("content_report", "--format", "csv", "--kind", "missing-image", stdout=out)
    table = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(table) == 150 and {row["kind"] for row in table} == {"missing-image"}

    out = StringIO()
    call_command("content_report", "--language", "es", stdout=out)
    assert "60 findings" in out.getvalue()
