"""``manage.py export_exercises``: shape-1 files, deterministic, and a lossless round trip."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.files.base import ContentFile
from django.core.management import call_command
from taggit.models import Tag

from exercises.fileformat.exporting import exercise_markdown, export_exercises
from exercises.models import Category, Equipment, Exercise, Muscle, VideoReference
from tests.factories import make_exercise, make_full_exercise
from tests.importing.helpers import FIXTURES

pytestmark = pytest.mark.django_db


def export(directory: Path) -> dict[str, bytes]:
    call_command("export_exercises", str(directory), stdout=StringIO())
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*.md"))
    }


def empty_the_database():
    for model in (Exercise, Equipment, Muscle, Category, Tag):
        model.objects.all().delete()


def round_trip(tmp_path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    first = export(tmp_path / "first")
    empty_the_database()
    call_command("import_exercises", str(tmp_path / "first"), stdout=StringIO(), stderr=StringIO())
    return first, export(tmp_path / "second")


def test_front_matter_holds_every_field_in_the_documented_order():
    exercise = make_full_exercise(
        title="The Hundred",
        translation_key="hundred",
        author="Studio",
        image_source="/images/hundred.jpg",
        extra_front_matter={"weight": 2, "aliases": ["/stale/"]},
    )
    exercise.old_addresses.create(path="/old/")

    text = exercise_markdown(exercise)

    front_matter = yaml.safe_load(text.split("---\n")[1])
    assert list(front_matter) == [
        "title",
        "slug",
        "url",
        "aliases",
        "language",
        "translationKey",
        "description",
        "status",
        "category",
        "difficulty",
        "duration",
        "equipment",
        "muscles",
        "keywords",
        "author",
        "image",
        "videos",
        "steps",
        "modifications",
        "faq",
        "weight",
    ]
    assert front_matter["url"] == "/exercises/the-hundred/"
    assert front_matter["aliases"] == ["/old/"]  # the stored ones, not a stale extra key
    assert front_matter["steps"] == ["Lie down.", {"title": "Lift", "text": "Lift the legs."}]
    assert front_matter["videos"] == [{"id": "O5-ROTyo2dA", "provider": "youtube"}]
    assert front_matter["modifications"] == [
        {"name": "Bent knees", "level": "easier", "description": "Bend."}
    ]
    assert front_matter["faq"] == [{"q": "Why?", "a": "Because."}]
    assert front_matter["keywords"] == ["beginner friendly", "core"]


def test_body_follows_the_front_matter_verbatim():
    body = "\nIntro with trailing spaces  \n\n## Execution\n1. One\n"
    exercise = make_exercise(title="Saw", body=body)

    assert exercise_markdown(exercise).endswith(f"---\n{body}")


def test_round_trip_of_factory_data_gives_identical_bytes(tmp_path):
    make_full_exercise(title="The Hundred", translation_key="hundred", author="Ana")
    make_full_exercise(title="El Cien", language="es", translation_key="hundred", status="draft")
    make_exercise(title="Bare", body="Only a body.\n", description="Multi\nline\ntext")

    first, second = round_trip(tmp_path)

    assert sorted(first) == ["en/bare.md", "en/the-hundred.md", "es/el-cien.md"]
    assert first == second


def test_round_trip_keeps_a_videos_upload_date_and_duration(tmp_path):
    exercise = make_exercise(title="Saw")
    VideoReference.objects.create(
        exercise=exercise,
        position=1,
        video_id="O5-ROTyo2dA",
        upload_date=date(2019, 6, 1),
        duration=75,
    )

    first, second = round_trip(tmp_path)

    assert b"upload_date: 2019-06-01" in first["en/saw.md"]
    assert b"duration: 75" in first["en/saw.md"]
    assert first == second


def test_round_trip_of_the_example_fixtures_gives_identical_bytes(tmp_path):
    call_command("import_exercises", str(FIXTURES), stdout=StringIO(), stderr=StringIO())
    count = Exercise.objects.count()

    first, second = round_trip(tmp_path)

    assert len(first) == count > 10
    assert first == second


def test_the_same_database_exports_the_same_bytes(tmp_path):
    make_full_exercise(title="Teaser")

    assert export(tmp_path / "a") == export(tmp_path / "b")


def test_a_slug_that_would_leave_the_folder_is_refused(tmp_path):
    make_exercise(title="Escape", slug="../../escape")

    results = list(export_exercises(directory=tmp_path / "out"))

    assert "unsafe" in results[0][1]
    assert not list(tmp_path.rglob("*.md"))


def test_export_writes_stored_pictures_so_a_reimport_restores_them(tmp_path):
    call_command("import_exercises", str(FIXTURES), stdout=StringIO(), stderr=StringIO())
    pictured = Exercise.objects.get(language="en", slug="leg-kicks-back")
    original = pictured.image.read()

    first, second = round_trip(tmp_path)

    exported = tmp_path / "first" / "images" / "exercises" / "leg-kicks-back.jpg"
    assert exported.read_bytes() == original
    restored = Exercise.objects.get(language="en", slug="leg-kicks-back")
    assert restored.image.read() == original
    assert restored.image_source == "/images/exercises/leg-kicks-back.jpg"
    assert first == second


def test_export_never_writes_a_picture_outside_the_directory(tmp_path):
    exercise = make_exercise(image_source="../../outside.png")
    exercise.image.save("inside.png", ContentFile(b"not really a png"), save=True)

    export(tmp_path / "out")

    assert not (tmp_path / "outside.png").exists()
    assert sorted(p.name for p in (tmp_path / "out").rglob("*") if p.is_file()) == [
        f"{exercise.slug}.md"
    ]
