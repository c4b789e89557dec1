"""Demo content of realistic shape, generated deterministically from a seed (for benchmarks).

``generate_pairs`` is plain Python (no database): each pair is an English exercise and its
Spanish translation sharing a translation key, with steps, modifications, FAQs, videos, tags
drawn from a Zipf-like vocabulary, equipment, muscles, a category, and some drafts.
``seed_demo_exercises`` writes them with ``bulk_create`` in batches.
"""

import dataclasses
import random
import string
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from taggit.models import Tag

from exercises.models import (
    FAQ,
    Category,
    Difficulty,
    Equipment,
    Exercise,
    Language,
    Modification,
    ModificationLevel,
    Muscle,
    Status,
    Step,
    TaggedExercise,
    VideoReference,
)
from publishing import pipeline

DRAFT_SHARE = 0.08
TAG_VOCABULARY_SIZE = 400
BATCH_SIZE = 1000

# (English, Spanish) words the names and text are built from.
MOVES = [
    ("Roll Up", "Enrollamiento"),
    ("Hundred", "Cien"),
    ("Teaser", "Teaser"),
    ("Swan", "Cisne"),
    ("Side Kick", "Patada lateral"),
    ("Leg Circle", "Círculo de pierna"),
    ("Bridge", "Puente"),
    ("Plank", "Plancha"),
    ("Saw", "Sierra"),
    ("Mermaid", "Sirena"),
    ("Spine Stretch", "Estiramiento de columna"),
    ("Corkscrew", "Sacacorchos"),
    ("Scissors", "Tijeras"),
    ("Clam", "Almeja"),
    ("Kickback", "Patada atrás"),
    ("Swimming", "Natación"),
    ("Seal", "Foca"),
    ("Rocking", "Balanceo"),
    ("Twist", "Torsión"),
    ("Push Up", "Flexión"),
]
QUALIFIERS = [
    ("Single Leg", "a una pierna"),
    ("Double Leg", "a dos piernas"),
    ("Kneeling", "de rodillas"),
    ("Standing", "de pie"),
    ("Supine", "en supino"),
    ("Prone", "en prono"),
    ("Seated", "sentado"),
    ("Side-Lying", "de lado"),
    ("Half", "medio"),
    ("Advanced", "avanzado"),
    ("Slow", "lento"),
    ("Pulsing", "con pulsos"),
]
EQUIPMENT = [
    ("Mat", "mat"),
    ("Resistance band", "band"),
    ("Pilates ring", "ring"),
    ("Stability ball", "ball"),
    ("Foam roller", "roller"),
    ("Small ball", "small-ball"),
    ("Dumbbells", "dumbbells"),
    ("Reformer", "reformer"),
]
MUSCLES = [
    "Core",
    "Glutes",
    "Hamstrings",
    "Quadriceps",
    "Obliques",
    "Lower back",
    "Shoulders",
    "Chest",
    "Hip flexors",
    "Inner thighs",
    "Upper back",
    "Calves",
]
CATEGORIES = ["Mat", "Band", "Ball", "Ring", "Reformer", "Stretching"]
SENTENCES_EN = [
    "Keep the pelvis steady and the ribs soft.",
    "Breathe out as you lengthen through the spine.",
    "Press the shoulders away from the ears.",
    "Move slowly and stop before the lower back arches.",
    "Reach long through the heels and the crown of the head.",
    "Hold the position for three breaths.",
    "Return with control to the starting position.",
    "Draw the navel towards the spine without holding the breath.",
]
SENTENCES_ES = [
    "Mantén la pelvis estable y las costillas suaves.",
    "Exhala mientras alargas la columna.",
    "Aleja los hombros de las orejas.",
    "Muévete despacio y detente antes de arquear la zona lumbar.",
    "Estira los talones y la coronilla en direcciones opuestas.",
    "Mantén la posición durante tres respiraciones.",
    "Vuelve con control a la posición inicial.",
    "Lleva el ombligo hacia la columna sin contener la respiración.",
]
VIDEO_ALPHABET = string.ascii_letters + string.digits + "-_"


@dataclass
class DemoExercise:
    title: str
    slug: str
    language: str
    description: str
    body: str
    difficulty: str
    duration: int | None
    status: str
    published_on: date
    category: str
    equipment: list[str]
    muscles: list[str]
    tags: list[str]
    steps: list[tuple[str, str]]
    modifications: list[tuple[str, str, str]]
    faqs: list[tuple[str, str]]
    videos: list[str]
    translation_key: str = ""


def tag_vocabulary(size: int = TAG_VOCABULARY_SIZE) -> list[str]:
    words = [move.lower() for move, _ in MOVES] + [muscle.lower() for muscle in MUSCLES]
    extra = ["breathing", "balance", "mobility", "posture", "strength", "control", "flow"]
    vocabulary = list(dict.fromkeys(extra + words))
    number = 0
    while len(vocabulary) < size:
        number += 1
        vocabulary.append(f"{words[number % len(words)]} {number}")
    return vocabulary[:size]


def generate_pairs(
    *, count: int, seed: int, taken_slugs: dict[str, set[str]] | None = None
) -> Iterator[tuple[DemoExercise, DemoExercise | None]]:
    """English/Spanish pairs, ``count`` exercises in all (the last one English only when
    ``count`` is odd). ``taken_slugs`` (per language) are avoided; the same seed and taken
    slugs always give the same content."""
    rng = random.Random(seed)
    vocabulary = tag_vocabulary()
    # Zipf-like: the n-th tag is drawn with weight 1/n, so a few tags are everywhere.
    cumulative = list(accumulate(1 / rank for rank in range(1, len(vocabulary) + 1)))
    used_slugs = {
        language: SlugPicker((taken_slugs or {}).get(language, set()))
        for language in Language.values
    }
    for number in range((count + 1) // 2):
        move, qualifier = rng.choice(MOVES), rng.choice(QUALIFIERS)
        shared = {
            "difficulty": rng.choice([*Difficulty.values, ""]),
            "duration": rng.choice([None, 30, 45, 60, 90, 120, 180, 300]),
            "status": Status.DRAFT if rng.random() < DRAFT_SHARE else Status.PUBLISHED,
            "published_on": date(2020, 1, 1) + timedelta(days=rng.randrange(2000)),
            "category": rng.choice(CATEGORIES),
            "equipment": sorted({rng.choice(EQUIPMENT)[1] for _ in range(rng.randint(1, 3))}),
            "muscles": sorted(set(rng.sample(MUSCLES, rng.randint(1, 4)))),
            "tags": sorted(
                set(rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(2, 7)))
            ),
            "videos": [
                "".join(rng.choices(VIDEO_ALPHABET, k=11)) for _ in range(rng.choice([0, 1, 1, 2]))
            ],
        }
        step_count = rng.randint(3, 8)
        step_sentences = [rng.randrange(len(SENTENCES_EN)) for _ in range(step_count)]
        modification_count = rng.randint(0, 3)
        faq_count = rng.randint(0, 3)
        paragraphs = [rng.sample(range(len(SENTENCES_EN)), 3) for _ in range(rng.randint(1, 4))]
        key = f"demo-{seed}-{number}"
        english = _exercise(
            title=f"{qualifier[0]} {move[0]}",
            language=Language.ENGLISH,
            sentences=SENTENCES_EN,
            step_sentences=step_sentences,
            modification_count=modification_count,
            faq_count=faq_count,
            paragraphs=paragraphs,
            used_slugs=used_slugs[Language.ENGLISH],
            translation_key=key,
            **shared,
        )
        if number * 2 + 1 >= count:
            yield english, None
            continue
        spanish = _exercise(
            title=f"{move[1]} {qualifier[1]}",
            language=Language.SPANISH,
            sentences=SENTENCES_ES,
            step_sentences=step_sentences,
            modification_count=modification_count,
            faq_count=faq_count,
            paragraphs=paragraphs,
            used_slugs=used_slugs[Language.SPANISH],
            translation_key=key,
            **shared,
        )
        yield english, spanish


class SlugPicker:
    """Hands out unused slugs (or keys), numbering repeats of a name (``swan``, ``swan-2``...)."""

    def __init__(self, taken: set[str]):
        self.taken = set(taken)
        self.next_suffix: dict[str, int] = {}

    def pick(self, base: str) -> tuple[str, int]:
        suffix = self.next_suffix.get(base, 1)
        slug = base if suffix == 1 else f"{base}-{suffix}"
        while slug in self.taken:
            suffix += 1
            slug = f"{base}-{suffix}"
        self.taken.add(slug)
        self.next_suffix[base] = suffix + 1
        return slug, suffix if suffix > 1 else 0


def _exercise(
    *,
    title,
    language,
    sentences,
    step_sentences,
    modification_count,
    faq_count,
    paragraphs,
    used_slugs,
    **fields,
) -> DemoExercise:
    slug, suffix = used_slugs.pick(slugify(title))
    if suffix:
        title = f"{title} {suffix}"
    english = language == Language.ENGLISH
    levels = ModificationLevel.values
    return DemoExercise(
        title=title,
        slug=slug,
        language=language,
        description=f"{title}. {sentences[step_sentences[0]]}",
        body="\n\n".join(" ".join(sentences[index] for index in group) for group in paragraphs),
        steps=[
            (f"{'Step' if english else 'Paso'} {position}" if position % 2 else "", sentences[s])
            for position, s in enumerate(step_sentences, start=1)
        ],
        modifications=[
            (
                f"{'Option' if english else 'Opción'} {position}",
                levels[position % len(levels)],
                sentences[(position * 3) % len(sentences)],
            )
            for position in range(1, modification_count + 1)
        ],
        faqs=[
            (
                f"{'Question' if english else 'Pregunta'} {position}: {title}?",
                sentences[(position * 5) % len(sentences)],
            )
            for position in range(1, faq_count + 1)
        ],
        **fields,
    )


def seed_demo_exercises(*, count: int, seed: int) -> int:
    """Writes ``count`` demo exercises; returns how many were written."""
    terms = {
        "category": _terms(Category, [(name, slugify(name)) for name in CATEGORIES]),
        "equipment": _terms(Equipment, EQUIPMENT),
        "muscles": _terms(Muscle, [(name, slugify(name)) for name in MUSCLES]),
    }
    tags = {tag.name: tag for tag in Tag.objects.all()}
    taken_slugs: dict[str, set[str]] = {language: set() for language in Language.values}
    for language, slug in Exercise.objects.values_list("language", "slug").iterator():
        taken_slugs[language].add(slug)
    free_keys = SlugPicker(
        set(Exercise.objects.exclude(translation_key="").values_list("translation_key", flat=True))
    )
    with pipeline.batch():  # HTML, search documents and the content version per few hundred
        return _write_pairs(
            generate_pairs(count=count, seed=seed, taken_slugs=taken_slugs),
            free_keys,
            terms,
            tags,
        )


def _write_pairs(pairs, free_keys: SlugPicker, terms: dict, tags: dict) -> int:
    written = 0
    batch: list[DemoExercise] = []
    for pair in pairs:
        # Seeding twice with one seed repeats its keys; a key names one pair only.
        key, _ = free_keys.pick(pair[0].translation_key)
        batch.extend(
            dataclasses.replace(item, translation_key=key) for item in pair if item is not None
        )
        if len(batch) >= BATCH_SIZE:
            written += _write_batch(batch, terms, tags)
            batch = []
    if batch:
        written += _write_batch(batch, terms, tags)
    return written


def _terms(model, names_and_slugs) -> dict:
    existing = {term.slug: term for term in model.objects.all()}
    missing = [
        model(name=name, slug=slug) for name, slug in names_and_slugs if slug not in existing
    ]
    model.objects.bulk_create(missing)
    return {term.slug: term for term in model.objects.all()}


@transaction.atomic
def _write_batch(batch: list[DemoExercise], terms: dict, tags: dict) -> int:
    exercises = Exercise.objects.bulk_create(
        Exercise(
            title=item.title,
            slug=item.slug,
            language=item.language,
            translation_key=item.translation_key,
            description=item.description,
            body=item.body,
            difficulty=item.difficulty,
            duration=item.duration,
            category_id=terms["category"][slugify(item.category)].pk,
            status=item.status,
            published_on=item.published_on,
            last_modified_on=item.published_on + timedelta(days=len(item.body) % 90),
            author="Demo",
        )
        for item in batch
    )
    new_tags = sorted({name for item in batch for name in item.tags if name not in tags})
    for tag in Tag.objects.bulk_create(Tag(name=name, slug=slugify(name)) for name in new_tags):
        tags[tag.name] = tag
    if new_tags and tags[new_tags[0]].pk is None:  # databases that return no ids
        tags.update({tag.name: tag for tag in Tag.objects.filter(name__in=new_tags)})
    children: dict[type[Any], list[Any]] = {Step: [], Modification: [], FAQ: [], VideoReference: []}
    equipment: list[Any] = []
    muscles: list[Any] = []
    tagged: list[TaggedExercise] = []
    # Ids rather than instances: assigning related objects costs more than the insert.
    for exercise, item in zip(exercises, batch, strict=True):
        for position, (title, text) in enumerate(item.steps, start=1):
            children[Step].append(
                Step(exercise_id=exercise.pk, position=position, title=title, text=text)
            )
        for position, (name, level, description) in enumerate(item.modifications, start=1):
            children[Modification].append(
                Modification(
                    exercise_id=exercise.pk,
                    position=position,
                    name=name,
                    level=level,
                    description=description,
                )
            )
        for position, (question, answer) in enumerate(item.faqs, start=1):
            children[FAQ].append(
                FAQ(exercise_id=exercise.pk, position=position, question=question, answer=answer)
            )
        for position, video_id in enumerate(item.videos, start=1):
            children[VideoReference].append(
                VideoReference(exercise_id=exercise.pk, position=position, video_id=video_id)
            )
        equipment.extend(
            Exercise.equipment.through(
                exercise_id=exercise.pk, equipment_id=terms["equipment"][slug].pk
            )
            for slug in item.equipment
        )
        muscles.extend(
            Exercise.muscles.through(
                exercise_id=exercise.pk, muscle_id=terms["muscles"][slugify(name)].pk
            )
            for name in item.muscles
        )
        tagged.extend(
            TaggedExercise(tag_id=tags[name].pk, content_object_id=exercise.pk)
            for name in item.tags
        )
    for model, rows in children.items():
        model.objects.bulk_create(rows)
    Exercise.equipment.through.objects.bulk_create(equipment)
    Exercise.muscles.through.objects.bulk_create(muscles)
    TaggedExercise.objects.bulk_create(tagged)
    # bulk_create sends no signals: the pipeline derives their HTML (through
    # Exercise.render_body(), like every exercise's) and search documents on commit.
    pipeline.content_changed(Exercise, [exercise.pk for exercise in exercises])
    return len(exercises)
