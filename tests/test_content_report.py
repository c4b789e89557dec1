"""The content health report: the command, the admin page, and what each check finds."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from exercises.models import Exercise, Step, VideoReference
from exercises.report.findings import (
    MAX_BLOCK_SIZE,
    ExerciseRef,
    FindingKind,
    _near_pairs,
    content_report,
    title_words,
)
from tests.factories import make_exercise
from tests.importing.helpers import write

pytestmark = pytest.mark.django_db

PLACEHOLDER = "Zz9PlaceHld"


def _with_step(**fields) -> Exercise:
    exercise = make_exercise(**fields)
    Step.objects.create(exercise=exercise, position=1, text="Move with control.")
    return exercise


@pytest.fixture
def library():
    """A shared video on six exercises, a pair of duplicate titles, a missing translation."""
    for number in range(6):
        exercise = _with_step(
            title=f"Knee Fold {number}", language="es", translation_key=f"fold-{number}"
        )
        _with_step(
            title=f"Knee Fold Twin {number}", language="en", translation_key=f"fold-{number}"
        )
        VideoReference.objects.create(exercise=exercise, position=1, video_id=PLACEHOLDER)
    _with_step(title="Side Kick Series", slug="side-kick-series", translation_key="side-kick")
    _with_step(title="side-kick series!", slug="side-kick-series-2")
    make_exercise(title="Lonely Lunge", slug="lonely-lunge")


def _run(*args: str) -> str:
    out = StringIO()
    call_command("content_report", *args, stdout=out)
    return out.getvalue()


def test_report_finds_a_shared_video_with_its_count_and_exercises(library):
    lines = [line for line in _run().splitlines() if line.startswith("shared-video:")]

    assert len(lines) == 1
    assert PLACEHOLDER in lines[0] and " 6 exercises" in lines[0]
    assert "es/knee-fold-0" in lines[0]


def test_report_finds_a_missing_translation_and_no_steps(library):
    output = _run()

    assert "missing-translation: en/lonely-lunge has no translation" in output
    assert "no-steps: en/lonely-lunge has no steps" in output
    assert "en/knee-fold-twin-0 has no translation" not in output


def test_report_finds_a_duplicate_title_despite_case_punctuation_and_plural(library):
    (line,) = [line for line in _run().splitlines() if line.startswith("duplicate-title:")]

    assert "en/side-kick-series" in line and "en/side-kick-series-2" in line


def test_json_report_has_counts_and_every_exercise_of_a_finding(library):
    document = json.loads(_run("--format", "json"))

    assert document["counts"]["shared-video"] == 1
    (shared,) = [f for f in document["findings"] if f["kind"] == "shared-video"]
    assert shared["count"] == 6 and shared["video_id"] == PLACEHOLDER
    assert len(shared["exercises"]) == 6


def test_five_exercises_sharing_a_video_are_not_a_finding():
    for number in range(5):
        exercise = _with_step(title=f"Roll {number}")
        VideoReference.objects.create(exercise=exercise, position=1, video_id=PLACEHOLDER)

    assert not [f for f in content_report() if f.kind == FindingKind.SHARED_VIDEO]


def test_translation_key_conflict_names_the_linked_one_and_the_others():
    chosen = _with_step(title="Cisne", language="es", translation_key="swan")
    other = _with_step(
        title="Cisne otra vez", language="es", translation_key="swan", is_primary_translation=False
    )

    (finding,) = [f for f in content_report() if f.kind == FindingKind.TRANSLATION_KEY_CONFLICT]

    assert finding.detail["chosen"] == [chosen.pk]
    assert {ref.pk for ref in finding.exercises} == {chosen.pk, other.pk}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Bench Press", "Benchpress"),
        ("Dumbbell Bench Press", "Bench Press Dumbbell"),
        ("Single Leg Stretch", "Single Leg Strech"),
    ],
)
def test_near_duplicate_titles(first, second):
    _with_step(title=first, slug="first")
    _with_step(title=second, slug="second")

    near = [f for f in content_report() if f.kind == FindingKind.NEAR_DUPLICATE_TITLE]

    assert [{ref.slug for ref in finding.exercises} for finding in near] == [{"first", "second"}]


def test_different_exercises_with_alike_titles_are_not_near_duplicates():
    for slug, title in [("a", "Incline Bench Press"), ("b", "Decline Bench Press"), ("c", "Roll")]:
        _with_step(title=title, slug=slug)
    _with_step(title="Roll Up", slug="d")

    assert not [f for f in content_report() if f.kind == FindingKind.NEAR_DUPLICATE_TITLE]


def test_title_words_fold_case_accents_punctuation_and_plural_s():
    assert title_words("Elevación de Piernas!") == title_words("elevacion de pierna")
    assert title_words("Press") == ("press",)


def test_near_duplicate_search_skips_blocks_larger_than_the_cap():
    titles = [
        (("move", f"variant{number:04d}"), ExerciseRef(number, "en", f"s{number}", "t"))
        for number in range(MAX_BLOCK_SIZE + 1)
    ]

    assert list(_near_pairs(titles)) == []


def test_the_report_runs_a_fixed_number_of_queries(django_assert_max_num_queries, library):
    for number in range(30):
        _with_step(title=f"Extra {number}", language="es")

    # 19: four of them compare the language-neutral fields of linked translations, the
    # generic missing-translation check runs one per content type (exercises, workouts),
    # and the workouts' own checks (stated time, unmatched item names) one each.
    with django_assert_max_num_queries(19):
        content_report()


def test_admin_report_page_is_linked_from_the_changelist_and_lists_findings(editor_client, library):
    changelist = editor_client.get("/admin/exercises/exercise/").content.decode()
    assert "/admin/exercises/exercise/content-report/" in changelist

    response = editor_client.get("/admin/exercises/exercise/content-report/")

    assert response.status_code == 200
    html = response.content.decode()
    assert PLACEHOLDER in html and "No translation (Spanish)." in html
    one_kind = editor_client.get(
        "/admin/exercises/exercise/content-report/", {"kind": "missing-translation"}
    )
    assert one_kind.content.decode().count("en/lonely-lunge") == 1  # named once


def test_admin_removes_a_video_from_every_exercise(editor_client, library):
    kept = _with_step(title="Own Video")
    VideoReference.objects.create(exercise=kept, position=1, video_id="O5-ROTyo2dA")

    response = editor_client.post(
        "/admin/exercises/exercise/content-report/remove-video/", {"video_id": PLACEHOLDER}
    )

    assert response.status_code == 302
    assert not VideoReference.objects.filter(video_id=PLACEHOLDER).exists()
    assert VideoReference.objects.filter(video_id="O5-ROTyo2dA").count() == 1


def test_a_viewer_cannot_remove_videos(client, django_user_model, library):
    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    client.force_login(viewer)

    response = client.post(
        "/admin/exercises/exercise/content-report/remove-video/", {"video_id": PLACEHOLDER}
    )

    assert response.status_code == 403
    assert VideoReference.objects.filter(video_id=PLACEHOLDER).count() == 6


def test_importer_warns_once_when_many_files_share_a_video(tmp_path, run_import_quietly):
    for number in range(7):
        write(
            tmp_path / f"move{number}_band.md",
            f'---\nvideo: "{PLACEHOLDER}"\ndescription: "Move number {number}."\n---\nText.\n',
        )

    stderr = run_import_quietly(tmp_path)

    assert stderr.count(f"video {PLACEHOLDER} is in 6 files") == 1


@pytest.fixture
def run_import_quietly():
    def run(path) -> str:
        out, err = StringIO(), StringIO()
        call_command("import_exercises", str(path), stdout=out, stderr=err)
        return err.getvalue()

    return run
