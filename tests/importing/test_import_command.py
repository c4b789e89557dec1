"""``manage.py import_exercises``: writes, idempotency, failures and reporting."""

import shutil

import pytest
from django.db import IntegrityError
from taggit.models import Tag

from exercises.models import Category, Equipment, Exercise, Muscle, Step
from tests.factories import image_bytes
from tests.importing.helpers import FIXTURES, write

pytestmark = pytest.mark.django_db

GOOD = """---
title: "Roll Up"
translationKey: roll-up
difficulty: beginner
duration: 45
equipment: [mat]
muscles: ["Hip Flexors", core]
keywords: [spine, core]
steps:
  - Lie down.
  - Roll up.
video_id: O5-ROTyo2dA
faq:
  - q: Why?
    a: Because.
---
Body.
"""


def test_the_seeds_import_with_every_field(run_import):
    result = run_import(FIXTURES)

    assert result.exit_code == 0, result.stderr
    first = Exercise.objects.get(language="en", slug="leg-kicks-back")
    assert first.title == "Leg Kicks Back"
    assert first.description.startswith("A side-lying exercise")
    assert first.difficulty == "intermediate"
    assert first.duration == 60
    assert first.category.slug == "mat"
    assert [term.slug for term in first.equipment.all()] == ["mat"]
    assert sorted(term.slug for term in first.muscles.all()) == ["core", "hip-flexors"]
    assert first.tags.count() == 4
    assert first.steps.count() == 5
    assert first.modifications.count() == 3
    assert first.faqs.count() == 3
    assert first.is_published
    second = Exercise.objects.get(language="en", slug="band-glute-kickback")
    assert second.title == "Band Glute Kickback"
    assert [video.video_id for video in second.videos.all()] == ["O5-ROTyo2dA"]
    assert [step.title for step in second.steps.all()] == [
        "Set Up",
        "Brace Your Core",
        "Kick Back",
        "Squeeze at the Top",
    ]
    assert [term.slug for term in second.equipment.all()] == ["band"]


def test_source_path_is_relative_to_the_import_folder(run_import):
    run_import(FIXTURES)

    exercise = Exercise.objects.get(language="en", slug="leg-kicks-back")
    assert exercise.source_path == "en/mat/leg-kicks-back.md"
    assert len(exercise.source_hash) == 64


def test_reimporting_unchanged_files_writes_nothing(run_import, django_assert_num_queries):
    run_import(FIXTURES)
    stamps = dict(Exercise.objects.values_list("pk", "updated_at"))

    with django_assert_num_queries(1):  # the run's index of existing exercises, nothing else
        result = run_import(FIXTURES)

    assert result.exit_code == 0
    assert f"0 created, 0 updated, {len(stamps)} unchanged" in result.stdout
    assert dict(Exercise.objects.values_list("pk", "updated_at")) == stamps


def test_a_changed_file_updates_the_same_exercise_and_replaces_its_children(tmp_path, run_import):
    path = write(tmp_path / "roll-up.md", GOOD)
    run_import(tmp_path)
    exercise = Exercise.objects.get(slug="roll-up")
    old_steps = set(exercise.steps.values_list("pk", flat=True))

    write(
        path, GOOD.replace("  - Roll up.\n", "  - Roll up.\n  - Roll down.\n").replace("45", "50")
    )
    result = run_import(tmp_path)

    assert "1 updated" in result.stdout
    exercise.refresh_from_db()
    assert exercise.duration == 50
    assert list(exercise.steps.values_list("text", flat=True)) == [
        "Lie down.",
        "Roll up.",
        "Roll down.",
    ]
    assert not old_steps & set(exercise.steps.values_list("pk", flat=True))
    assert exercise.videos.count() == 1
    assert Exercise.objects.count() == 1


def test_a_moved_file_with_the_same_slug_updates_rather_than_duplicates(tmp_path, run_import):
    write(tmp_path / "a/roll-up.md", GOOD)
    run_import(tmp_path)
    shutil.move(tmp_path / "a", tmp_path / "b")

    result = run_import(tmp_path)

    assert "1 updated" in result.stdout
    assert Exercise.objects.get().source_path == "b/roll-up.md"


def test_bad_files_fail_one_line_each_while_good_files_import(tmp_path, bad_files, run_import):
    write(tmp_path / "roll-up.md", GOOD)

    result = run_import(tmp_path)

    assert result.exit_code == 1
    assert Exercise.objects.filter(slug="roll-up").exists()
    assert Exercise.objects.count() == 1
    failures = [line for line in result.error_lines if not line.startswith("CommandError")]
    assert len(failures) == len(list(bad_files.iterdir())) == 11
    assert all(line.startswith(str(bad_files)) for line in failures)
    assert all(line.endswith(")") for line in failures)
    assert "Traceback" not in result.stderr
    assert f"{len(failures)} failed" in result.stdout


def test_a_file_that_turns_bad_leaves_its_exercise_as_it_was(tmp_path, run_import):
    path = write(tmp_path / "roll-up.md", GOOD)
    run_import(tmp_path)
    before = Exercise.objects.values().get()

    write(path, GOOD.replace("Roll Up", "Roll Up Two").replace("O5-ROTyo2dA", "bad id"))
    result = run_import(tmp_path)

    assert result.exit_code == 1
    assert "video_id" in result.stderr
    assert Exercise.objects.values().get() == before
    assert Step.objects.count() == 2


# The import's own transactions, as in production: a chunk the database refuses is rolled
# back and imported again file by file, which a test's enclosing transaction would not allow.
@pytest.mark.django_db(transaction=True)
def test_a_database_error_mid_write_rolls_back_the_whole_file(tmp_path, run_import, monkeypatch):
    write(tmp_path / "a.md", GOOD.replace("[mat]", "[reformer]"))
    write(tmp_path / "b.md", GOOD.replace("Roll Up", "Teaser").replace("[mat]", "[reformer]"))
    real_bulk_create = Step.objects.bulk_create

    def refuse_a(rows, **kwargs):
        rows = list(rows)
        if any(row.exercise.slug == "a" for row in rows):
            raise IntegrityError("simulated")
        return real_bulk_create(rows, **kwargs)

    monkeypatch.setattr(Step.objects, "bulk_create", refuse_a)

    result = run_import(tmp_path)

    assert result.exit_code == 1
    assert "a.md: the database refused it: simulated" in result.stderr
    assert list(Exercise.objects.values_list("slug", flat=True)) == ["b"]
    # The term created inside the failed transaction was forgotten and made again for b.md.
    assert list(Exercise.objects.get().equipment.values_list("slug", flat=True)) == ["reformer"]


def test_dry_run_validates_everything_and_writes_nothing(tmp_path, run_import):
    shutil.copytree(FIXTURES, tmp_path / "fixtures")
    write(tmp_path / "fixtures/bad.md", "---\ntitle: X\ndifficulty: ninja\n---\n")

    terms_before = Equipment.objects.count() + Muscle.objects.count() + Category.objects.count()

    result = run_import(tmp_path / "fixtures", dry_run=True)

    assert result.exit_code == 1
    assert "bad.md: unknown difficulty" in result.stderr
    assert "Dry run, nothing written" in result.stdout
    assert "0 created" not in result.stdout
    assert Exercise.objects.count() == 0
    terms_after = Equipment.objects.count() + Muscle.objects.count() + Category.objects.count()
    assert terms_after == terms_before
    assert Tag.objects.count() == 0


def test_translations_share_the_key_and_same_language_duplicates_warn(tmp_path, run_import):
    write(tmp_path / "en/roll-up.md", GOOD)
    write(tmp_path / "es/roll-up.md", GOOD.replace("Roll Up", "Enrollar"))
    # Imported first, but its name is not the Spanish file's: roll-up.md is the translation.
    write(tmp_path / "en/roll-up-again.md", GOOD.replace("Roll Up", "Roll Up Again"))

    result = run_import(tmp_path)

    assert result.exit_code == 0
    english = Exercise.objects.get(language="en", slug="roll-up")
    spanish = Exercise.objects.get(language="es")
    assert list(english.translations()) == [spanish]
    assert list(spanish.translations()) == [english]
    assert not Exercise.objects.get(slug="roll-up-again").translations().exists()
    warning = next(line for line in result.stderr.splitlines() if "translationKey" in line)
    assert "roll-up-again.md" in warning and "en/roll-up.md" in warning
    assert Exercise.objects.filter(translation_key="roll-up", language="en").count() == 2


def test_a_slug_taken_by_another_file_gets_a_suffix_and_a_warning(tmp_path, run_import):
    write(tmp_path / "a/roll-up.md", GOOD)
    write(tmp_path / "b/roll-up.md", GOOD.replace("translationKey: roll-up", ""))

    first = run_import(tmp_path)
    second = run_import(tmp_path)

    assert sorted(Exercise.objects.values_list("slug", "source_path")) == [
        ("roll-up", "a/roll-up.md"),
        ("roll-up-2", "b/roll-up.md"),
    ]
    assert "already used by a/roll-up.md" in first.stderr
    assert "2 unchanged" in second.stdout


def test_taxonomies_are_reused_by_normalised_name(tmp_path, run_import):
    write(tmp_path / "a.md", GOOD)
    write(
        tmp_path / "b.md", GOOD.replace("Roll Up", "Teaser").replace('"Hip Flexors"', "hip-flexors")
    )

    run_import(tmp_path)

    used_muscles = Muscle.objects.filter(exercises__isnull=False).distinct()
    assert list(used_muscles.values_list("slug", flat=True)) == ["core", "hip-flexors"]
    used_equipment = Equipment.objects.filter(exercises__isnull=False).distinct()
    assert [term.name for term in used_equipment] == ["Mat"]
    assert not Muscle.objects.filter(created_by_import=True).exists()
    assert Tag.objects.count() == 2


def test_category_comes_from_the_folder_with_spanish_names_merged(tmp_path, run_import):
    write(tmp_path / "en/ball/bridge.md", "---\ntitle: Bridge\n---\n")
    write(tmp_path / "es/pelota/puente.md", "---\ntitle: Puente\n---\n")

    run_import(tmp_path)

    used = Category.objects.filter(exercises__isnull=False).distinct()
    assert list(used.values_list("slug", flat=True)) == ["ball"]
    assert not Category.objects.filter(created_by_import=True).exists()
    assert Exercise.objects.filter(category__slug="ball").count() == 2


def test_drafts_stay_drafts(tmp_path, run_import):
    write(tmp_path / "x.md", "---\ntitle: X\nstatus: draft\n---\n")

    run_import(tmp_path)

    assert Exercise.objects.get().status == "draft"


def test_a_found_image_is_stored_and_a_missing_or_broken_one_warns(tmp_path, run_import):
    write(tmp_path / "static/images/roll.png", image_bytes())
    write(tmp_path / "content/broken.png", b"not a picture")
    write(tmp_path / "content/a.md", "---\ntitle: A\nimage: /images/roll.png\n---\n")
    write(tmp_path / "content/b.md", "---\ntitle: B\nimage: broken.png\n---\n")
    write(tmp_path / "content/c.md", "---\ntitle: C\nimage: /images/none.png\n---\n")

    result = run_import(tmp_path / "content", media_dir=tmp_path / "static")
    beside = run_import(tmp_path / "content")

    assert result.exit_code == 0 and beside.exit_code == 0
    stored = Exercise.objects.get(slug="a")
    assert stored.image.name.endswith(".png") and "/a" in stored.image.name
    assert stored.image_source == "/images/roll.png"
    assert not Exercise.objects.get(slug="b").image
    assert Exercise.objects.get(slug="c").image_source == "/images/none.png"
    assert "'broken.png' not found" in result.stderr  # --media-dir is the only place looked in
    assert "broken.png is refused: The file is not an image that can be read" in beside.stderr
    assert "/images/none.png' not found" in result.stderr


def test_verbose_output_lists_each_file_and_ends_with_one_summary(tmp_path, run_import):
    write(tmp_path / "a.md", GOOD)
    write(tmp_path / "_index.md", "---\ntitle: Section\n---\n")

    result = run_import(tmp_path, verbosity=2)

    lines = result.stdout.splitlines()
    assert lines[0].startswith("skipped") and "_index.md" in lines[0]
    assert lines[1].startswith("created") and "a.md (en/a)" in lines[1]
    assert lines[2] == (
        "Import finished: 1 created, 0 updated, 0 unchanged, 1 skipped, 0 failed, 0 warnings."
    )
    assert "\r" not in result.stderr  # no progress bar when not on a terminal


def test_a_missing_path_fails_without_stopping_the_others(tmp_path, run_import):
    write(tmp_path / "a.md", GOOD)

    result = run_import(tmp_path / "nowhere", tmp_path)

    assert result.exit_code == 1
    assert "nowhere: no such file or folder" in result.stderr
    assert Exercise.objects.count() == 1


def test_query_count_per_file_does_not_grow_with_the_collection(
    tmp_path, run_import, django_assert_max_num_queries
):
    for number in range(20):
        write(tmp_path / f"ex-{number}.md", GOOD.replace("Roll Up", f"Roll Up {number}"))

    # A few queries to load the index and the terms, then a fixed number per file: a dozen
    # are the file's revision (django-reversion reads the children and tags it keeps), two come from
    # the page cache listening to m2m_changed (which turns off Django's fast add), one finds
    # the file's translation group, two store the page's old address. Once per run (per 200
    # files), the publishing pipeline derives what the written exercises need: their HTML,
    # renditions and search documents (a select and an update, a select, and a dozen for
    # the documents with their terms' aliases).
    with django_assert_max_num_queries(10 + 16 + 20 * 30):
        result = run_import(tmp_path)

    assert "20 created" in result.stdout
