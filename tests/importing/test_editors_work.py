"""Re-imports never overwrite what editors changed, unless told to; each import is a revision."""

from io import BytesIO

import pytest
from PIL import Image
from reversion.models import Version

from exercises.media.images import MAX_STORED_SIDE
from exercises.models import Exercise, Status
from exercises.services import exercises_set_status
from tests.factories import make_exercise
from tests.importing.helpers import write

pytestmark = pytest.mark.django_db

SOURCE = """---
title: Roll Up
steps:
  - Lie down.
  - Roll up.
---
Body.
"""


@pytest.fixture
def imported(tmp_path, run_import):
    path = write(tmp_path / "roll-up.md", SOURCE)
    assert run_import(tmp_path).exit_code == 0
    return path, Exercise.objects.get()


def edit_in_the_admin(exercise: Exercise) -> None:
    """What the admin's change form does: the exercise is saved, a child row changed."""
    exercise.title = "Roll Up (edited)"
    exercise.status = Status.DRAFT
    exercise.save()
    step = exercise.steps.get(position=2)
    step.text = "Roll up slowly."
    step.save()


def test_an_import_is_kept_as_a_revision_naming_the_file(imported):
    _, exercise = imported

    version = Version.objects.get_for_object(exercise).get()

    assert version.revision.comment == "Imported from roll-up.md"
    assert version.field_dict["title"] == "Roll Up"
    # The revision was taken after the children were written, so it holds them.
    step_versions = Version.objects.filter(revision=version.revision, content_type__model="step")
    assert step_versions.count() == 2


def test_a_reimport_skips_an_exercise_changed_in_the_admin(
    imported, tmp_path, run_import, django_assert_num_queries
):
    path, exercise = imported
    edit_in_the_admin(exercise)
    write(path, SOURCE.replace("Body.", "Body, fixed."))

    with django_assert_num_queries(1):  # the run's index tells, without touching the row
        result = run_import(tmp_path)

    assert result.exit_code == 0
    assert "0 updated, 0 unchanged, 1 skipped, 0 failed, 1 warnings" in result.stdout
    assert result.stderr.strip() == (
        f"{path}: warning: exercise 'Roll Up (edited)' (en/roll-up) was changed in the admin "
        "since its last import, so this file was not imported; use --overwrite to replace the "
        "changes"
    )
    exercise.refresh_from_db()
    assert (exercise.title, exercise.status, exercise.body) == (
        "Roll Up (edited)",
        Status.DRAFT,
        "Body.",  # stored normalised: no trailing line end
    )
    assert list(exercise.steps.values_list("text", flat=True)) == ["Lie down.", "Roll up slowly."]


def test_an_unpublish_action_counts_as_an_editors_change(imported, tmp_path, run_import):
    path, exercise = imported
    exercises_set_status(exercises=Exercise.objects.all(), status=Status.DRAFT)
    write(path, SOURCE.replace("Body.", "Body, fixed."))

    result = run_import(tmp_path)

    assert "1 skipped" in result.stdout
    assert Exercise.objects.get().status == Status.DRAFT


def test_an_unchanged_file_leaves_an_edited_exercise_alone_without_a_warning(
    imported, tmp_path, run_import
):
    _, exercise = imported
    edit_in_the_admin(exercise)

    result = run_import(tmp_path)

    assert "1 unchanged" in result.stdout and "0 warnings" in result.stdout
    assert Exercise.objects.get().title == "Roll Up (edited)"


def test_overwrite_replaces_the_edits_as_a_revision_and_keeps_the_editors_status(
    imported, tmp_path, run_import
):
    path, exercise = imported
    edit_in_the_admin(exercise)
    write(path, SOURCE.replace("Body.", "Body, fixed."))

    result = run_import(tmp_path, overwrite=True)

    assert "1 updated" in result.stdout, result.stderr
    exercise.refresh_from_db()
    assert (exercise.title, exercise.body) == ("Roll Up", "Body, fixed.")
    assert list(exercise.steps.values_list("text", flat=True)) == ["Lie down.", "Roll up."]
    # The file says nothing about its status, so the editor's draft stays a draft.
    assert exercise.status == Status.DRAFT
    comments = [v.revision.comment for v in Version.objects.get_for_object(exercise)]
    assert comments == ["Imported from roll-up.md", "Imported from roll-up.md"]
    # Once overwritten, the exercise is the file's again: the next change imports plainly.
    write(path, SOURCE.replace("Body.", "Body, fixed twice."))
    assert "1 updated" in run_import(tmp_path).stdout


def test_the_status_changes_on_reimport_only_when_the_files_own_status_changed(
    tmp_path, run_import
):
    path = write(tmp_path / "roll-up.md", SOURCE.replace("title:", "status: draft\ntitle:"))
    run_import(tmp_path)
    assert Exercise.objects.get().status == Status.DRAFT

    # The same status, other content: kept. An editor's publish would count as an edit.
    write(path, SOURCE.replace("title:", "status: draft\ntitle:").replace("Body.", "Body 2."))
    run_import(tmp_path)
    assert Exercise.objects.get().status == Status.DRAFT

    # Status removed from the file: the exercise keeps the one it has.
    write(path, SOURCE.replace("Body.", "Body 3."))
    run_import(tmp_path)
    assert Exercise.objects.get().status == Status.DRAFT

    # The file now says published: that is the file's own change, so it applies.
    write(path, SOURCE.replace("title:", "status: published\ntitle:"))
    run_import(tmp_path)
    assert Exercise.objects.get().status == Status.PUBLISHED


def test_an_exercise_made_in_the_admin_is_not_taken_over_by_a_file(tmp_path, run_import):
    make_exercise(title="Roll Up", body="Written in the admin.")
    write(tmp_path / "roll-up.md", SOURCE)

    result = run_import(tmp_path)

    assert "1 skipped" in result.stdout
    assert "use --overwrite" in result.stderr
    assert Exercise.objects.get().body == "Written in the admin."


def test_an_edit_made_while_the_run_is_going_is_not_overwritten(
    imported, tmp_path, run_import, monkeypatch
):
    """The run's index says "not edited"; the locked row says otherwise, and wins."""
    from exercises.fileformat import writer

    path, exercise = imported
    write(path, SOURCE.replace("Body.", "Body, fixed."))
    real_validate = writer._validate

    def editor_saves_meanwhile(*args, **kwargs):
        Exercise.objects.filter(pk=exercise.pk).update(title="Saved meanwhile")
        edited = Exercise.objects.get(pk=exercise.pk)
        edited.save()
        return real_validate(*args, **kwargs)

    monkeypatch.setattr(writer, "_validate", editor_saves_meanwhile)

    result = run_import(tmp_path)

    assert "1 skipped" in result.stdout
    assert Exercise.objects.get().title == "Saved meanwhile"


def test_an_imported_image_is_checked_and_stored_downscaled(tmp_path, run_import):
    wide = BytesIO()
    Image.new("RGB", (MAX_STORED_SIDE * 2, 100), "teal").save(wide, "PNG")
    bomb = BytesIO()
    Image.new("1", (8_000, 8_000)).save(bomb, "PNG")  # 64 megapixels in a few kilobytes
    write(tmp_path / "wide.png", wide.getvalue())
    write(tmp_path / "bomb.png", bomb.getvalue())
    write(tmp_path / "wide.md", "---\ntitle: Wide\nimage: wide.png\n---\n")
    write(tmp_path / "bomb.md", "---\ntitle: Bomb\nimage: bomb.png\n---\n")

    result = run_import(tmp_path)

    assert result.exit_code == 0
    stored = Exercise.objects.get(slug="wide").image
    with Image.open(stored.path) as picture:
        assert picture.size == (MAX_STORED_SIDE, 50)
    assert not Exercise.objects.get(slug="bomb").image
    assert Exercise.objects.get(slug="bomb").image_source == "bomb.png"
    assert result.stderr.strip() == (
        f"{tmp_path / 'bomb.md'}: warning: image bomb.png is refused: The image is "
        "8000 × 8000 pixels; the limit is 40 megapixels; only its path is kept"
    )
