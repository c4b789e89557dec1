"""import_workouts end to end: what it writes, what it leaves alone, what it refuses."""

import pytest

from exercises.models import Equipment, Muscle
from tests.workouts.importing.helpers import FIXTURES, write
from workouts.models import Workout, WorkoutCategory, WorkoutItem

pytestmark = pytest.mark.django_db


def test_the_example_workouts_import_in_both_languages_with_their_categories(run_import):
    result = run_import(FIXTURES)

    assert result.exit_code == 0, result.stderr
    assert "0 failed" in result.stdout
    assert Workout.objects.filter(language="en").count() == 6
    assert Workout.objects.filter(language="es").count() == 4
    core = WorkoutCategory.objects.get(group="body_focus", slug="core")
    assert (core.name, core.translated_names) == ("Core", {"es": "Centro"})
    spanish = Workout.objects.get(language="es", slug="10min-classic-core")
    assert spanish.title == "Centro Clásico en 10 Minutos"
    assert spanish.total_seconds() == 600
    assert spanish.follow_along_video_id == "Fx7kQw2LmPa"
    assert [v.title for v in spanish.related_videos.all()] == ["Breathing for the hundred"]
    assert set(spanish.categories.values_list("slug", flat=True)) == {
        "10min",
        "core",
        "home",
        "restless",
    }
    builder = Workout.objects.get(language="es", slug="constructor-pelota-banda")
    assert set(builder.equipment.values_list("slug", flat=True)) == {"ball", "band"}
    assert "'season'" in result.stderr


def test_items_link_to_exercises_in_the_workouts_language_then_through_translations(
    run_import, example_exercises
):
    run_import(FIXTURES)

    def linked(language, slug, name):
        item = WorkoutItem.objects.get(
            section__workout__language=language, section__workout__slug=slug, name=name
        )
        return (item.exercise.language, item.exercise.slug) if item.exercise else None

    assert linked("en", "10min-classic-core", "The Hundred") == ("en", "the-hundred")
    assert linked("es", "relajacion-nocturna", "La Sierra") == ("es", "la-sierra")
    # The Spanish workout's items come from the English catalogue: linked to the translation.
    assert linked("es", "10min-classic-core", "Saw") == ("es", "la-sierra")
    assert linked("en", "evening-unwind", "Moon Stretch") is None


def test_a_second_run_leaves_every_workout_unchanged_in_a_few_queries(
    run_import, django_assert_max_num_queries
):
    run_import(FIXTURES)

    with django_assert_max_num_queries(12):
        result = run_import(FIXTURES)

    assert "0 created, 0 updated, 10 unchanged" in result.stdout


def test_a_dry_run_reports_what_it_would_do_and_writes_nothing(run_import):
    result = run_import(FIXTURES, dry_run=True)

    assert result.exit_code == 0, result.stderr
    assert "Dry run, nothing written: 10 created" in result.stdout
    assert not Workout.objects.exists()
    assert not WorkoutCategory.objects.exists()
    assert not Equipment.objects.filter(created_by_import=True).exists()


def test_a_workout_changed_in_the_admin_is_only_replaced_with_overwrite(run_import, tmp_path):
    page = write(
        tmp_path / "workouts/x.md",
        "---\ntitle: Short Flow\n---\n### Main Workout (2 minutes)\n- **Saw** - 4\n",
    )
    run_import(tmp_path)
    workout = Workout.objects.get(slug="x")
    workout.title = "Edited by hand"
    workout.save()
    page.write_text(page.read_text().replace("Short Flow", "Short Flow Again"))

    kept = run_import(tmp_path)
    assert Workout.objects.get(pk=workout.pk).title == "Edited by hand"
    assert "was changed in the admin" in kept.stderr
    replaced = run_import(tmp_path, overwrite=True)

    assert replaced.exit_code == 0
    assert Workout.objects.get(pk=workout.pk).title == "Short Flow Again"


def test_a_changed_file_rewrites_its_sections_and_items(run_import, tmp_path):
    page = write(
        tmp_path / "workouts/x.md",
        "---\ntitle: Flow\n---\n### Main Workout (2 minutes)\n- **Saw** - 4\n- **Teaser** - 2\n",
    )
    run_import(tmp_path)
    page.write_text("---\ntitle: Flow\n---\n### Cool-Down (1 minute)\n**Saw (1 min)**\n")

    result = run_import(tmp_path)

    assert "1 updated" in result.stdout
    workout = Workout.objects.get(slug="x")
    assert [(s.kind, s.minutes) for s in workout.sections.all()] == [("cool_down", 1)]
    assert list(WorkoutItem.objects.values_list("name", "duration")) == [("Saw", 60)]


def test_each_bad_file_is_one_line_naming_file_problem_and_where_and_the_rest_import(
    run_import, tmp_path
):
    write(tmp_path / "workouts/good.md", "---\ntitle: Good\n---\n### Warm-Up (1 minute)\n**Saw**\n")
    write(tmp_path / "workouts/bad.md", "---\ntitle: Bad\nduration: ages\n---\n")
    write(tmp_path / "workouts/orphan.md", "---\ntitle: O\nworkout_id: nowhere\n---\n")
    write(
        tmp_path / "catalogue.json",
        '{"workouts": [{"id": "fine", "title": "Fine"}, {"id": "../up", "title": "Up"}]}',
    )

    result = run_import(tmp_path)

    assert result.exit_code == 1
    lines = result.error_lines[:-1]  # the last is the command's own summary
    assert len(lines) == 3
    assert any(
        "bad.md: cannot read 'ages' as a duration" in line and "(duration, line 3)" in line
        for line in lines
    )
    assert any("orphan.md: workout_id 'nowhere' is in no catalogue" in line for line in lines)
    assert any("catalogue.json workout '../up': id '../up' must be" in line for line in lines)
    assert set(Workout.objects.values_list("slug", flat=True)) == {"good", "fine"}
    assert "Traceback" not in result.stderr


def test_hostile_input_is_refused_size_links_and_ids(run_import, tmp_path):
    outside = write(tmp_path / "outside.md", "---\ntitle: Secret\nsections: []\n---\n")
    root = tmp_path / "root"
    write(root / "workouts/big.md", "---\ntitle: Big\n---\n" + "x" * 3000)
    (root / "workouts/link.md").symlink_to(outside)
    write(root / "workouts/id.md", '---\ntitle: Id\ncatalogue_id: "a/../../b"\nsections: []\n---\n')

    result = run_import(root, max_bytes=2000)

    assert result.exit_code == 1
    assert "over the limit of 2000" in result.stderr
    assert "leads outside the import folder" in result.stderr
    assert "id 'a/../../b' must be lower-case" in result.stderr
    assert not Workout.objects.exists()


def test_two_files_with_one_slug_keep_both_with_a_numbered_slug(run_import, tmp_path):
    write(tmp_path / "workouts/Core_Burn.md", "---\ntitle: Core Burn\nsections: []\n---\n")
    write(tmp_path / "workouts/core-burn.md", "---\ntitle: Core Burn\nsections: []\n---\n")

    result = run_import(tmp_path)

    assert result.exit_code == 0, result.stderr
    assert set(Workout.objects.values_list("slug", flat=True)) == {"core-burn", "core-burn-2"}
    assert "is already used by" in result.stderr


def test_an_export_imported_back_into_the_same_database_updates_rather_than_duplicates(
    run_import, run_export, tmp_path
):
    run_import(FIXTURES)
    run_export(tmp_path / "export")

    result = run_import(tmp_path / "export")

    assert result.exit_code == 0, result.stderr
    assert "0 created" in result.stdout
    assert Workout.objects.count() == 10


def test_characters_no_column_can_hold_are_refused_naming_the_field(run_import, tmp_path):
    write(
        tmp_path / "catalogue.json",
        '{"workouts": [{"id": "nul", "title": "Bad \\u0000 title"}, {"id": "ok", "title": "Ok"}]}',
    )

    result = run_import(tmp_path)

    assert result.exit_code == 1
    assert "title contains the character U+0000, which cannot be stored (title)" in result.stderr
    assert list(Workout.objects.values_list("slug", flat=True)) == ["ok"]


def test_a_focus_that_is_no_body_area_is_kept_with_the_workout_not_made_a_muscle(
    run_import, run_export, tmp_path
):
    write(
        tmp_path / "workouts/wake.md",
        "---\ntitle: Wake Up\nfocus: [full-body, energy]\nsections: []\n---\n",
    )
    write(
        tmp_path / "entrenamientos/despertar.md",
        "---\ntitle: Despertar\nlanguage: es\nfocus: [cuerpo-completo, energía]\n"
        "sections: []\n---\n",
    )

    result = run_import(tmp_path)

    assert result.exit_code == 0, result.stderr
    assert "focus 'energy' is no body area" in result.stderr
    assert not Muscle.objects.filter(slug__in=["energy", "energia"]).exists()
    for slug in ("wake", "despertar"):
        assert list(Workout.objects.get(slug=slug).focus.values_list("slug", flat=True)) == [
            "full-body"
        ]
    run_export(tmp_path / "export")
    exported = (tmp_path / "export").rglob("wake.md")
    assert "- energy" in next(exported).read_text()
