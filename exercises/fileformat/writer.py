"""Records into rows: one transaction per file, nothing written for an unchanged file.

An import run loads a small index of the existing exercises (``exercise_index``) and the
taxonomy terms (``term_caches``) once, so matching a file and deciding that it is unchanged
costs no query, and a new term is created once per run.
"""

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Model
from taggit.models import Tag

from exercises.fileformat.errors import ImportFileError
from exercises.fileformat.exercise_index import ExerciseIndex, IndexedExercise
from exercises.fileformat.fields import (
    FIELD_BY_ATTRIBUTE,
    FIELDS,
    FieldKind,
    FrontMatterField,
    source_name,
)
from exercises.fileformat.images import ImageProblem, stored_picture
from exercises.fileformat.outcomes import Outcome
from exercises.fileformat.records import ExerciseRecord
from exercises.fileformat.slugs import numbered_slug
from exercises.fileformat.term_caches import (
    TERM_NAME_LENGTH,
    RunCache,
    TagCache,
    Term,
    TermCache,
)
from exercises.media.images import PreparedImage
from exercises.models import (
    FAQ,
    Category,
    Equipment,
    Exercise,
    Modification,
    Muscle,
    OldAddressOrigin,
    Step,
    TaggedExercise,
    VideoReference,
)
from exercises.services import (
    exercise_add_old_addresses,
    exercises_save_revisions,
    join_translation_group,
)
from exercises.text.normalise import normalise_text, normalise_text_fields, normalised_text_fields
from publishing.pipeline import content_changed

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import ManyRelatedManager

# The writer's share of the field table: what it copies, and how errors name child fields.
_COLUMNS = tuple(field.attribute for field in FIELDS if field.kind == FieldKind.COLUMN)
_TERM_LISTS = tuple(field for field in FIELDS if field.kind == FieldKind.TERMS)
_STEPS = FIELD_BY_ATTRIBUTE["steps"]
_MODIFICATIONS = FIELD_BY_ATTRIBUTE["modifications"]
_FAQS = FIELD_BY_ATTRIBUTE["faqs"]
_VIDEOS = FIELD_BY_ATTRIBUTE["videos"]
_ALIASES = FIELD_BY_ATTRIBUTE["aliases"]


# A slug ``numbered_slug`` made: ``roll-up-2``.
_NUMBERED_SLUG = re.compile(r"-\d+$")


@dataclass
class ImportContext:
    """Everything one import run shares between files."""

    dry_run: bool
    overwrite: bool
    index: ExerciseIndex
    equipment: TermCache[Equipment]
    muscles: TermCache[Muscle]
    categories: TermCache[Category]
    tags: TagCache
    # Exercises written in the open transaction -> their revision's comment; the revisions
    # are written together before it commits (``save_revisions``).
    revisions: dict[int, str] = field(default_factory=dict)

    @classmethod
    def start(cls, *, dry_run: bool, overwrite: bool = False) -> "ImportContext":
        return cls(
            dry_run=dry_run,
            overwrite=overwrite,
            index=ExerciseIndex.load(),
            equipment=TermCache(Equipment),
            muscles=TermCache(Muscle),
            categories=TermCache(Category),
            tags=TagCache(),
        )

    def caches(self) -> list[RunCache]:
        return [self.equipment, self.muscles, self.categories, self.tags]

    def save_revisions(self) -> None:
        """Keep a revision of each exercise the open transaction wrote, as it is now (its
        children and tags included), in one bulk write."""
        exercises_save_revisions(comments=self.revisions)
        self.revisions = {}

    def forget(self) -> None:
        """The open transaction rolled back: what the run knew of the database since it
        began may be wrong, so it is loaded again."""
        fresh = ImportContext.start(dry_run=self.dry_run, overwrite=self.overwrite)
        self.__dict__.update(fresh.__dict__)


@dataclass(frozen=True)
class WriteResult:
    outcome: Outcome
    language: str
    slug: str
    warnings: list[str]


def _validation_problem(
    error: ValidationError, item_field: FrontMatterField | None = None, prefix: str = ""
) -> ImportFileError:
    """The model's message, pointed at the key the file uses for the field that failed."""
    if hasattr(error, "error_dict"):
        name, errors = next(iter(error.message_dict.items()))
        if name == "__all__":
            where = ""
        elif item_field is not None:
            where = item_field.item_key(name) if name in item_field.item_keys else name
        else:
            where = source_name(name)
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


def _exercise_fields(record: ExerciseRecord, slug: str) -> dict[str, Any]:
    fields = {name: getattr(record, name) for name in _COLUMNS} | {
        "slug": slug,
        "body": record.body,
        "source_text": record.source_text,
        "extra_front_matter": record.extra_front_matter,
        "source_path": record.source_path,
        "source_hash": record.source_hash,
    }
    # Stored as the admin stores what an editor types, so an import and a save agree.
    for name in normalised_text_fields(Exercise):
        fields[name] = normalise_text(fields[name])
    return fields


ChildModel = Step | Modification | FAQ | VideoReference
# The field a child row comes from, where in the file it is, and the unsaved row.
ChildRow = tuple[FrontMatterField, str, ChildModel]


def _child_rows(record: ExerciseRecord) -> list[ChildRow]:
    rows: list[ChildRow] = []
    for position, step in enumerate(record.steps, start=1):
        row = Step(position=position, title=step.title, text=step.text)
        rows.append((_STEPS, f"{_STEPS.key}[{position}]", row))
    for position, item in enumerate(record.modifications, start=1):
        modification = Modification(
            position=position, name=item.name, level=item.level, description=item.description
        )
        rows.append((_MODIFICATIONS, f"{_MODIFICATIONS.key}[{position}]", modification))
    for position, question in enumerate(record.faqs, start=1):
        faq = FAQ(position=position, question=question.question, answer=question.answer)
        rows.append((_FAQS, f"{_FAQS.key}[{position}]", faq))
    for position, video in enumerate(record.videos, start=1):
        reference = VideoReference(
            position=position,
            provider=video.provider,
            video_id=video.video_id,
            url=video.url,
            title=video.title,
            channel=video.channel,
            start=video.start,
            upload_date=video.upload_date,
            duration=video.duration,
        )
        rows.append((_VIDEOS, f"{_VIDEOS.key}[{position}]", reference))
    for child in rows:
        normalise_text_fields(child[2])
    return rows


def _validate(exercise: Exercise, children: list[ChildRow], record: ExerciseRecord) -> None:
    """Every row passes the model's own validation before anything is written.

    The check constraints repeat the fields' choices and the video's clean(), and the slug's
    uniqueness is settled against the run's index, so constraints are not queried per row.
    """
    try:
        exercise.full_clean(exclude=["category", "image"], validate_constraints=False)
    except ValidationError as error:
        raise _validation_problem(error) from error
    for item_field, where, row in children:
        try:
            row.full_clean(exclude=["exercise"], validate_constraints=False)
        except ValidationError as error:
            raise _validation_problem(error, item_field, where) from error
    for term_field in _TERM_LISTS:
        names: list[str] = getattr(record, term_field.attribute)
        too_long = [name for name in names if len(name) > TERM_NAME_LENGTH]
        if too_long:
            raise ImportFileError(
                f"{too_long[0][:40]!r}... is longer than {TERM_NAME_LENGTH} characters",
                term_field.key,
            )


def _store_image(
    exercise: Exercise, record: ExerciseRecord, picture: PreparedImage | None, previous_source: str
) -> None:
    """Keep the stored picture in step with the file's ``image`` (the old one goes on commit)."""
    old_name = exercise.image.name if exercise.image else ""
    if picture is not None:
        if old_name and exercise.image.storage.exists(old_name):
            with exercise.image.open("rb") as stored:
                if stored.read() == picture.content:
                    return
        name = f"{exercise.slug}.{picture.extension}"
        exercise.image.save(name, ContentFile(picture.content), save=False)
    elif previous_source != record.image_source and old_name:
        exercise.image = ""
    else:
        return
    if old_name:
        storage = exercise.image.storage
        transaction.on_commit(lambda: storage.delete(old_name))


def _picture(record: ExerciseRecord, warnings: list[str]) -> PreparedImage | None:
    if record.image is None:
        return None
    picture = stored_picture(record.image)
    if isinstance(picture, ImageProblem):
        warnings.append(f"{picture.message}; only its path is kept")
        return None
    return picture


class _DryRunRollback(Exception):
    """Raised at the end of a dry run's write so its transaction rolls back."""


def _status(exercise: Exercise, record: ExerciseRecord) -> str:
    """The file's status for a new exercise; on re-import only if the file's own status changed.

    An editor may publish or unpublish an imported exercise; a file that says nothing about
    its status, or says what it said last time, keeps that choice.
    """
    if exercise.pk is None:
        return record.status
    if record.declared_status and record.declared_status != exercise.source_status:
        return record.declared_status
    return exercise.status


def _write(
    record: ExerciseRecord,
    entry: IndexedExercise | None,
    exercise: Exercise,
    slug: str,
    children: list[ChildRow],
    picture: PreparedImage | None,
    context: ImportContext,
    warnings: list[str],
) -> Exercise:
    replace = exercise.pk is not None
    previous_image_source = exercise.image_source
    joins_group = exercise.pk is None or (exercise.translation_key, exercise.language) != (
        record.translation_key,
        record.language,
    )
    status = _status(exercise, record)
    for name, value in _exercise_fields(record, slug).items():
        setattr(exercise, name, value)
    exercise.status = status
    exercise.source_status = record.declared_status
    if joins_group:
        # Only an exercise new to its translation group is placed, so a re-import keeps the
        # choice an editor made; the run's index spares the query when it is alone there.
        if context.index.translation_choice_open(record, entry):
            join_translation_group(exercise=exercise)
        else:
            exercise.is_primary_translation = True
    exercise.category = (
        context.categories.get_or_create(record.category, language=record.language)
        if record.category
        else None
    )
    previous_image_name = exercise.image.name if exercise.image else ""
    if not context.dry_run:  # storage is not transactional: a dry run must not touch it
        _store_image(exercise, record, picture, previous_image_source)
    exercise.save()  # its HTML, renditions and search document: the pipeline's, on commit
    if (exercise.image.name if exercise.image else "") != previous_image_name:
        content_changed(Exercise, [exercise.pk], aspects=["picture"])
    # Stamped in the database from the saved value itself, so it equals updated_at exactly
    # until something else saves the exercise.
    Exercise.objects.filter(pk=exercise.pk).update(imported_at=F("updated_at"))
    exercise.imported_at = exercise.updated_at
    if replace:
        for model in (Step, Modification, FAQ, VideoReference):
            model._default_manager.filter(exercise=exercise).delete()
    by_model: dict[type[Model], list[Model]] = {}
    for _, _, row in children:
        row.exercise = exercise
        by_model.setdefault(type(row), []).append(row)
    for child_model, rows in by_model.items():
        child_model._default_manager.bulk_create(rows)
    _set_terms(exercise.equipment, context.equipment, record, record.equipment, replace=replace)
    _set_terms(exercise.muscles, context.muscles, record, record.muscles, replace=replace)
    # Several keywords may be one tag ("ejercicio de glúteos", "ejercicio glúteos").
    by_pk = {tag.pk: tag for name in record.tags if (tag := context.tags.get_or_create(name))}
    tags = list(by_pk.values())
    _set_tags(exercise, tags, replace=replace)
    _add_old_addresses(exercise, record, warnings)
    return exercise


def _add_old_addresses(exercise: Exercise, record: ExerciseRecord, warnings: list[str]) -> None:
    """The source page's address and aliases answer 301 here; never removed by an import
    (a link once published should keep working). One another exercise holds stays its."""
    origins = dict.fromkeys(record.alias_addresses, OldAddressOrigin.ALIAS)
    if record.source_address:
        origins[record.source_address] = OldAddressOrigin.IMPORTED
    for address in exercise_add_old_addresses(exercise=exercise, addresses=origins):
        warnings.append(
            f"{_ALIASES.key}: {address.path} already leads to {address.exercise.title!r}, "
            "which keeps it"
        )


def _set_terms(
    relation: "ManyRelatedManager[Term, Any]",
    cache: TermCache[Term],
    record: ExerciseRecord,
    words: list[str],
    *,
    replace: bool,
) -> None:
    """Source words in any language land on their canonical terms, each term once."""
    found = (cache.get_or_create(word, language=record.language) for word in words)
    terms = list({term.pk: term for term in found if term is not None}.values())
    if replace:
        relation.set(terms)
    else:
        relation.add(*terms)


def _set_tags(exercise: Exercise, tags: list[Tag], *, replace: bool) -> None:
    """One delete and one insert; taggit's own add() costs several queries per tag."""
    if replace:
        TaggedExercise.objects.filter(content_object=exercise).delete()
    TaggedExercise.objects.bulk_create(
        TaggedExercise(tag=tag, content_object=exercise) for tag in tags
    )


def _conflict(record: ExerciseRecord, slug: str, title: str, warnings: list[str]) -> WriteResult:
    warnings.append(
        f"exercise {title!r} ({record.language}/{slug}) was changed in the admin since its last "
        "import, so this file was not imported; use --overwrite to replace the changes"
    )
    return WriteResult(Outcome.SKIPPED, record.language, slug, warnings)


def _write_in_transaction(
    record: ExerciseRecord,
    entry: IndexedExercise | None,
    slug: str,
    children: list[ChildRow],
    picture: PreparedImage | None,
    context: ImportContext,
    warnings: list[str],
) -> tuple[int, Outcome]:
    """Write the file, or find under the row's lock that it must not be written.

    The decision made from the run's index is taken again on the locked row: an editor or
    another import may have saved the exercise since the run started.
    """
    outcome = Outcome.CREATED
    with transaction.atomic():
        exercise = None
        if entry is not None:
            exercise = Exercise.objects.select_for_update().filter(pk=entry.pk).first()
        if exercise is not None:
            outcome = Outcome.UPDATED
            if exercise.changed_since_import and not context.overwrite:
                return exercise.pk, Outcome.SKIPPED
            if (
                not exercise.changed_since_import
                and exercise.source_hash == record.source_hash
                and exercise.slug == slug
            ):
                return exercise.pk, Outcome.UNCHANGED
        exercise = exercise or Exercise()
        pk = _write(record, entry, exercise, slug, children, picture, context, warnings).pk
        if context.dry_run:
            # Everything was written and checked, as in a real run; none of it is kept.
            raise _DryRunRollback
    return pk, outcome


def unchanged_without_parsing(
    *, source_path: str, source_hash: str, context: ImportContext
) -> WriteResult | None:
    """The result for a file whose exercise was imported from these very bytes (and
    picture), found before parsing it; None when the file must be parsed and written.

    What ``write_exercise`` would decide for an unchanged file, except that the warnings
    its parse gave were reported when it was imported and are not repeated. An exercise
    whose slug was numbered because another file held it is left to ``write_exercise``,
    which gives the slug back once it is free.
    """
    for entry in context.index.by_source.get(source_path, []):
        if (
            entry.source_hash == source_hash
            and entry.pk not in context.index.claimed_by
            and not (entry.changed_since_import and context.overwrite)
            and not _NUMBERED_SLUG.search(entry.slug)
        ):
            context.index.claimed_by[entry.pk] = source_path
            return WriteResult(Outcome.UNCHANGED, entry.language, entry.slug, [])
    return None


def write_exercise(
    *, record: ExerciseRecord, context: ImportContext, retried: bool = False
) -> WriteResult:
    """Create, update or leave alone the exercise for one parsed file.

    An exercise changed since its last import (in the admin, by an action, by restoring a
    revision) is skipped with a warning unless the run overwrites. Raises ImportFileError
    when a row fails validation; a DatabaseError raised inside the file's transaction
    leaves the database as it was for this file.
    """
    index = context.index
    entry = index.match(record)
    slug, warnings = _resolve_slug(record, entry, index)
    warnings.extend(
        f"translationKey {record.translation_key!r} in {record.language!r} is also used by "
        f"{index.claimed_by.get(other.pk) or other.source_path or other.slug}"
        for other in index.same_translation(record, entry)
    )
    if entry is not None:
        unchanged_file = entry.source_hash == record.source_hash and entry.slug == slug
        if unchanged_file and not (entry.changed_since_import and context.overwrite):
            # Nothing new in the file: the exercise stays as it is, edited or not.
            index.claimed_by[entry.pk] = record.source_path
            return WriteResult(Outcome.UNCHANGED, record.language, slug, warnings)
        if entry.changed_since_import and not context.overwrite:
            index.claimed_by[entry.pk] = record.source_path
            return _conflict(record, entry.slug, entry.title, warnings)

    children = _child_rows(record)
    _validate(Exercise(**_exercise_fields(record, slug)), children, record)
    # Decoded here, not in the parser: only a file that is written needs its picture.
    picture = _picture(record, warnings)
    committed = retry = False
    try:
        pk, outcome = _write_in_transaction(
            record, entry, slug, children, picture, context, warnings
        )
        committed = not context.dry_run
        if committed and outcome in (Outcome.CREATED, Outcome.UPDATED):
            context.revisions[pk] = f"Imported from {record.source_path}"
    except _DryRunRollback:
        pk = entry.pk if entry else index.new_id()
        outcome = Outcome.CREATED if entry is None else Outcome.UPDATED
    except IntegrityError:
        # Another import made this file's exercise (or took its slug) after the run started:
        # with its row in the index, the file is matched again instead of failing.
        if retried or not index.refresh(record):
            raise
        retry = True
    finally:
        # Terms made inside a rolled-back transaction no longer exist.
        for cache in context.caches():
            cache.commit() if committed else cache.rollback()
    if retry:
        return write_exercise(record=record, context=context, retried=True)
    if outcome == Outcome.SKIPPED and entry is not None:
        index.claimed_by[entry.pk] = record.source_path
        return _conflict(record, entry.slug, entry.title, warnings)
    if outcome == Outcome.UNCHANGED and entry is not None:
        index.claimed_by[entry.pk] = record.source_path
        return WriteResult(outcome, record.language, slug, warnings)
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
            record.title,
        )
    )
    index.claimed_by[pk] = record.source_path
    return WriteResult(outcome, record.language, slug, warnings)
