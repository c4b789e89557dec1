"""Records into rows: one transaction per file, nothing written for an unchanged file.

An import run loads a small index of the existing exercises (ids, slugs, source paths,
hashes) and the taxonomy terms once, so matching a file and deciding that it is unchanged
costs no query, and a new term is created once per run.
"""

from dataclasses import dataclass, field
from itertools import count

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Model
from django.utils.text import slugify
from taggit.models import Tag

from exercises.importing.errors import ImportFileError
from exercises.importing.records import ExerciseRecord
from exercises.importing.slugs import numbered_slug
from exercises.models import (
    FAQ,
    Category,
    Equipment,
    Exercise,
    Modification,
    Muscle,
    Step,
    VideoReference,
)
from exercises.renditions import exercise_update_renditions

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"

# Model fields named as the source file names them, for error messages.
_SOURCE_FIELD_NAMES = {
    "translation_key": "translationKey",
    "published_on": "date",
    "last_modified_on": "lastmod",
    "image_source": "image",
    "video_id": "video",
    "question": "q",
    "answer": "a",
}
_TERM_NAME_LENGTH = 100


@dataclass
class IndexedExercise:
    pk: int
    language: str
    slug: str
    source_path: str
    source_hash: str
    translation_key: str


@dataclass
class ExerciseIndex:
    """What the database holds, kept up to date as the run writes (or would write)."""

    by_slug: dict[tuple[str, str], IndexedExercise] = field(default_factory=dict)
    by_source: dict[str, list[IndexedExercise]] = field(default_factory=dict)
    by_translation: dict[tuple[str, str], list[IndexedExercise]] = field(default_factory=dict)
    claimed_by: dict[int, str] = field(default_factory=dict)  # pk -> source path this run
    _dry_run_ids: count = field(default_factory=lambda: count(-1, -1))

    @classmethod
    def load(cls) -> "ExerciseIndex":
        index = cls()
        rows = Exercise.objects.values_list(
            "pk", "language", "slug", "source_path", "source_hash", "translation_key"
        )
        for row in rows.iterator():
            index.add(IndexedExercise(*row))
        return index

    def add(self, entry: IndexedExercise) -> None:
        self.by_slug[(entry.language, entry.slug)] = entry
        self.by_source.setdefault(entry.source_path, []).append(entry)
        if entry.translation_key:
            key = (entry.translation_key, entry.language)
            self.by_translation.setdefault(key, []).append(entry)

    def remove(self, entry: IndexedExercise) -> None:
        self.by_slug.pop((entry.language, entry.slug), None)
        self.by_source.get(entry.source_path, []).remove(entry)
        if entry.translation_key:
            self.by_translation[(entry.translation_key, entry.language)].remove(entry)

    def new_id(self) -> int:
        return next(self._dry_run_ids)

    def match(self, record: ExerciseRecord) -> IndexedExercise | None:
        """The exercise this file imported before: same source path, else same slug."""
        for entry in self.by_source.get(record.source_path, []):
            if entry.language == record.language and entry.pk not in self.claimed_by:
                return entry
        entry = self.by_slug.get((record.language, record.slug))
        if entry is not None and entry.pk not in self.claimed_by:
            return entry
        return None

    def same_translation(self, record: ExerciseRecord, entry: IndexedExercise | None):
        """Other exercises with this file's translation key in the same language."""
        key = (record.translation_key, record.language)
        return [other for other in self.by_translation.get(key, []) if other is not entry]


class TermCache:
    """Taxonomy terms by normalised name (the slug), created on first use in a run."""

    def __init__(self, model: type[Model], *, humanise: bool = True):
        self.model = model
        self.humanise = humanise
        self._by_slug: dict[str, Model] | None = None
        self._created: list[str] = []

    def _terms(self) -> dict[str, Model]:
        if self._by_slug is None:
            self._by_slug = {term.slug: term for term in self.model.objects.all()}
        return self._by_slug

    def _display_name(self, name: str) -> str:
        if self.humanise and name == name.lower():
            name = name.replace("-", " ").replace("_", " ")
            name = name[:1].upper() + name[1:]
        return name[:_TERM_NAME_LENGTH]

    def get_or_create(self, name: str) -> Model | None:
        slug = slugify(name)[:_TERM_NAME_LENGTH].strip("-")
        if not slug:
            return None
        terms = self._terms()
        if slug not in terms:
            terms[slug] = self.model.objects.create(name=self._display_name(name), slug=slug)
            self._created.append(slug)
        return terms[slug]

    def commit(self) -> None:
        self._created.clear()

    def rollback(self) -> None:
        """Forget terms created inside a transaction that was rolled back."""
        for slug in self._created:
            self._terms().pop(slug, None)
        self._created.clear()


class TagCache(TermCache):
    """django-taggit tags, reused by normalised name like the other taxonomies."""

    def __init__(self):
        super().__init__(Tag, humanise=False)

    def _terms(self) -> dict[str, Model]:
        if self._by_slug is None:
            self._by_slug = {}
            for tag in Tag.objects.all():
                self._by_slug.setdefault(slugify(tag.name), tag)
                self._by_slug.setdefault(tag.slug, tag)
        return self._by_slug


@dataclass
class ImportContext:
    """Everything one import run shares between files."""

    dry_run: bool
    index: ExerciseIndex
    equipment: TermCache
    muscles: TermCache
    categories: TermCache
    tags: TagCache

    @classmethod
    def start(cls, *, dry_run: bool) -> "ImportContext":
        return cls(
            dry_run=dry_run,
            index=ExerciseIndex.load(),
            equipment=TermCache(Equipment),
            muscles=TermCache(Muscle),
            categories=TermCache(Category),
            tags=TagCache(),
        )

    def caches(self) -> list[TermCache]:
        return [self.equipment, self.muscles, self.categories, self.tags]


@dataclass(frozen=True)
class WriteResult:
    outcome: str
    language: str
    slug: str
    warnings: list[str]


def _validation_problem(error: ValidationError, prefix: str = "") -> ImportFileError:
    if hasattr(error, "error_dict"):
        name, errors = next(iter(error.message_dict.items()))
        where = "" if name == "__all__" else _SOURCE_FIELD_NAMES.get(name, name)
        return ImportFileError(" ".join(errors), f"{prefix}.{where}" if prefix else where)
    return ImportFileError(" ".join(error.messages), prefix)


def _resolve_slug(
    record: ExerciseRecord, entry: IndexedExercise | None, index: ExerciseIndex
) -> tuple[str, list[str]]:
    """The record's slug, unless another file's exercise already has it in this language."""
    owner = index.by_slug.get((record.language, record.slug))
    if owner is None or owner is entry:
        return record.slug, []
    other = index.claimed_by.get(owner.pk) or owner.source_path or "an exercise made in the admin"
    if entry is not None:
        slug = entry.slug
    else:
        number = 2
        while (record.language, numbered_slug(record.slug, number)) in index.by_slug:
            number += 1
        slug = numbered_slug(record.slug, number)
    return slug, [f"slug {record.slug!r} is already used by {other}; this file gets {slug!r}"]


def _exercise_fields(record: ExerciseRecord, slug: str) -> dict:
    return {
        "title": record.title,
        "slug": slug,
        "language": record.language,
        "translation_key": record.translation_key,
        "description": record.description,
        "body": record.body,
        "difficulty": record.difficulty,
        "duration": record.duration,
        "author": record.author,
        "image_source": record.image_source,
        "status": record.status,
        "published_on": record.published_on,
        "last_modified_on": record.last_modified_on,
        "extra_front_matter": record.extra_front_matter,
        "source_path": record.source_path,
        "source_hash": record.source_hash,
    }


def _child_rows(record: ExerciseRecord) -> list[tuple[str, Model]]:
    rows: list[tuple[str, Model]] = []
    for position, step in enumerate(record.steps, start=1):
        rows.append(
            (f"steps[{position}]", Step(position=position, title=step.title, text=step.text))
        )
    for position, item in enumerate(record.modifications, start=1):
        modification = Modification(
            position=position, name=item.name, level=item.level, description=item.description
        )
        rows.append((f"modifications[{position}]", modification))
    for position, item in enumerate(record.faqs, start=1):
        faq = FAQ(position=position, question=item.question, answer=item.answer)
        rows.append((f"faq[{position}]", faq))
    for position, video in enumerate(record.videos, start=1):
        reference = VideoReference(
            position=position,
            provider=video.provider,
            video_id=video.video_id,
            url=video.url,
            title=video.title,
            channel=video.channel,
            start=video.start,
        )
        rows.append((f"videos[{position}]", reference))
    return rows


def _validate(exercise: Exercise, children: list[tuple[str, Model]], record: ExerciseRecord):
    """Every row passes the model's own validation before anything is written.

    The check constraints repeat the fields' choices and the video's clean(), and the slug's
    uniqueness is settled against the run's index, so constraints are not queried per row.
    """
    try:
        exercise.full_clean(exclude=["category", "image"], validate_constraints=False)
    except ValidationError as error:
        raise _validation_problem(error) from error
    for where, row in children:
        try:
            row.full_clean(exclude=["exercise"], validate_constraints=False)
        except ValidationError as error:
            raise _validation_problem(error, where) from error
    for field_name, names in (
        ("equipment", record.equipment),
        ("muscles", record.muscles),
        ("keywords", record.tags),
    ):
        too_long = [name for name in names if len(name) > _TERM_NAME_LENGTH]
        if too_long:
            raise ImportFileError(
                f"{too_long[0][:40]!r}... is longer than {_TERM_NAME_LENGTH} characters",
                field_name,
            )


def _store_image(exercise: Exercise, record: ExerciseRecord, previous_source: str) -> None:
    """Keep the stored picture in step with the file's ``image`` (the old one goes on commit)."""
    old_name = exercise.image.name if exercise.image else ""
    if record.image is not None:
        if old_name and exercise.image.storage.exists(old_name):
            with exercise.image.open("rb") as stored:
                if stored.read() == record.image.content:
                    return
        name = f"{exercise.slug}.{record.image.extension}"
        exercise.image.save(name, ContentFile(record.image.content), save=False)
    elif previous_source != record.image_source and old_name:
        exercise.image = ""
    else:
        return
    if old_name:
        storage = exercise.image.storage
        transaction.on_commit(lambda: storage.delete(old_name))


def _write(
    record: ExerciseRecord,
    entry: IndexedExercise | None,
    slug: str,
    children: list[tuple[str, Model]],
    context: ImportContext,
) -> Exercise:
    exercise = (entry and Exercise.objects.filter(pk=entry.pk).first()) or Exercise()
    previous_image_source = exercise.image_source
    for name, value in _exercise_fields(record, slug).items():
        setattr(exercise, name, value)
    exercise.category = (
        context.categories.get_or_create(record.category) if record.category else None
    )
    previous_image_name = exercise.image.name if exercise.image else ""
    _store_image(exercise, record, previous_image_source)
    exercise.save()
    current_image_name = exercise.image.name if exercise.image else ""
    if current_image_name != previous_image_name or (
        current_image_name and not exercise.image_renditions
    ):
        exercise_update_renditions(exercise=exercise)
    if entry is not None:
        for model in (Step, Modification, FAQ, VideoReference):
            model.objects.filter(exercise=exercise).delete()
    by_model: dict[type[Model], list[Model]] = {}
    for _, row in children:
        row.exercise = exercise
        by_model.setdefault(type(row), []).append(row)
    for model, rows in by_model.items():
        model.objects.bulk_create(rows)
    for relation, cache, names in (
        (exercise.equipment, context.equipment, record.equipment),
        (exercise.muscles, context.muscles, record.muscles),
    ):
        terms = [term for name in names if (term := cache.get_or_create(name))]
        if entry is None:
            relation.add(*terms)
        else:
            relation.set(terms)
    tags = [tag for name in record.tags if (tag := context.tags.get_or_create(name))]
    _set_tags(exercise, tags, replace=entry is not None)
    return exercise


def _set_tags(exercise: Exercise, tags: list[Tag], *, replace: bool) -> None:
    """One delete and one insert; taggit's own add() costs several queries per tag."""
    tagged_item = Exercise.tags.through
    if replace:
        content_type = ContentType.objects.get_for_model(Exercise)
        tagged_item.objects.filter(content_type=content_type, object_id=exercise.pk).delete()
    tagged_item.objects.bulk_create(tagged_item(tag=tag, content_object=exercise) for tag in tags)


def write_exercise(*, record: ExerciseRecord, context: ImportContext) -> WriteResult:
    """Create, update or leave alone the exercise for one parsed file.

    Raises ImportFileError when a row fails validation; a DatabaseError raised inside the
    file's transaction leaves the database as it was for this file.
    """
    index = context.index
    entry = index.match(record)
    slug, warnings = _resolve_slug(record, entry, index)
    warnings.extend(
        f"translationKey {record.translation_key!r} in {record.language!r} is also used by "
        f"{index.claimed_by.get(other.pk) or other.source_path or other.slug}"
        for other in index.same_translation(record, entry)
    )
    if entry is not None and entry.source_hash == record.source_hash and entry.slug == slug:
        index.claimed_by[entry.pk] = record.source_path
        return WriteResult(UNCHANGED, record.language, slug, warnings)

    children = _child_rows(record)
    _validate(Exercise(**_exercise_fields(record, slug)), children, record)
    outcome = CREATED if entry is None else UPDATED
    if context.dry_run:
        pk = entry.pk if entry else index.new_id()
    else:
        committed = False
        try:
            with transaction.atomic():
                pk = _write(record, entry, slug, children, context).pk
            committed = True
        finally:
            for cache in context.caches():
                cache.commit() if committed else cache.rollback()
    if entry is not None:
        index.remove(entry)
    index.add(
        IndexedExercise(
            pk,
            record.language,
            slug,
            record.source_path,
            record.source_hash,
            record.translation_key,
        )
    )
    index.claimed_by[pk] = record.source_path
    return WriteResult(outcome, record.language, slug, warnings)
