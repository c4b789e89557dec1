"""seed_demo: realistic, bilingual, deterministic demo content for benchmarks."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from exercises.demo_content import generate_pairs
from exercises.models import FAQ, Exercise, Status, Step, TaggedExercise, VideoReference


def snapshot() -> list[tuple]:
    return [
        (
            exercise.language,
            exercise.slug,
            exercise.title,
            exercise.translation_key,
            exercise.status,
            exercise.difficulty,
            exercise.body,
            exercise.category.slug,
            tuple(term.slug for term in exercise.equipment.all()),
            tuple(term.slug for term in exercise.muscles.all()),
            tuple(sorted(tag.name for tag in exercise.tags.all())),
            tuple((step.title, step.text) for step in exercise.steps.all()),
            tuple(video.video_id for video in exercise.videos.all()),
            exercise.faqs.count(),
            exercise.modifications.count(),
        )
        for exercise in Exercise.objects.order_by("language", "slug").prefetch_related(
            "equipment", "muscles", "tags", "steps", "videos"
        )
    ]


def seed(count: int, seed_number: int) -> str:
    output = StringIO()
    call_command("seed_demo", count=count, seed=seed_number, stdout=output)
    return output.getvalue()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_library():
    seed(60, 7)
    first = snapshot()
    Exercise.objects.all().delete()
    seed(60, 7)

    assert snapshot() == first
    assert len(first) == 60


@pytest.mark.django_db
def test_another_seed_gives_another_library():
    seed(40, 1)
    first = snapshot()
    Exercise.objects.all().delete()
    seed(40, 2)

    assert snapshot() != first


@pytest.mark.django_db
def test_seeded_content_has_the_shape_of_real_content():
    output = seed(301, 3)

    assert "Added 301 demo exercises" in output
    languages = Counter(Exercise.objects.values_list("language", flat=True))
    assert languages == {"en": 151, "es": 150}
    keys = Counter(Exercise.objects.values_list("translation_key", flat=True))
    assert sum(1 for number in keys.values() if number == 2) == 150
    assert 0 < Exercise.objects.filter(status=Status.DRAFT).count() < 301 * 0.2
    assert Step.objects.count() >= 301 * 3
    assert FAQ.objects.exists()
    assert VideoReference.objects.exists()
    for exercise in Exercise.objects.all()[:20]:
        exercise.full_clean()  # the bulk writes skip validation: prove they need none
    for video in VideoReference.objects.all()[:20]:
        video.full_clean()
    tag_uses = sorted(Counter(TaggedExercise.objects.values_list("tag_id", flat=True)).values())
    assert tag_uses[-1] > 10 * tag_uses[len(tag_uses) // 2]  # a few tags are everywhere


@pytest.mark.django_db
def test_seeding_again_adds_without_clashing_slugs():
    seed(30, 1)
    seed(30, 1)

    assert Exercise.objects.count() == 60


def test_generation_is_plain_python_and_reproducible():
    first = list(generate_pairs(count=9, seed=5))
    again = list(generate_pairs(count=9, seed=5))

    assert first == again
    assert first[-1][1] is None  # nine exercises: four pairs and one English exercise


@pytest.mark.django_db
def test_dry_run_writes_nothing_and_bad_counts_are_refused():
    output = StringIO()
    call_command("seed_demo", count=10, dry_run=True, stdout=output)
    assert "Would add 10 demo exercises" in output.getvalue()
    assert not Exercise.objects.exists()
    with pytest.raises(CommandError, match="--count must be at least 1"):
        call_command("seed_demo", count=0)
