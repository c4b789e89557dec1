"""Records into rows: one savepoint per file, nothing written for an unchanged file.

An import run loads a small index of the existing exercises (``exercise_index``) and the
taxonomy terms (``term_caches``) once, so matching a file and deciding that it is unchanged
costs no query, and a new term is created once per run. A file's own savepoint writes its
exercise row; the rows beside it (children, term links, tags, old addresses, the import
stamp) are gathered in ``PendingRows`` and written for the whole transaction at once.
"""

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Model

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
    exercises_add_old_addresses,
    exercises_save_revisions,
    join_translation_group,
)
from exercises.text.normalise import normalise_text, normalise_text_fields, normalised_text_fields
from publishing.pipeline import content_changed

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
    # The rows beside the exercises written in the open transaction (``write_pending``).
    pending: "PendingRows" = field(default_factory=lambda: PendingRows())

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

    def write_pending(self) -> dict[str, list[str]]:
        """Write the rows gathered since the open transaction began (before its revisions,
        which hold them); returns the warnings they gave, by the file's source path."""
        warnings = self.pending.write()
        self.pending = PendingRows()
        return warnings

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
) -> "FileRows":
    """Save the exercise row; the rows beside it are returned, for ``PendingRows``."""
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
    rows: list[Model] = []
    for _, _, row in children:
        row.exercise = exercise
        rows.append(row)
    rows += _links(exercise, Exercise.equipment.through, context.equipment, record.equipment)
    rows += _links(exercise, Exercise.muscles.through, context.muscles, record.muscles)
    # Several keywords may be one tag ("ejercicio de glúteos", "ejercicio glúteos").
    by_pk = {tag.pk: tag for name in record.tags if (tag := context.tags.get_or_create(name))}
    rows += [TaggedExercise(tag=tag, content_object=exercise) for tag in by_pk.values()]
    return FileRows(record.source_path, exercise, replace, rows, _old_addresses(record))


def _old_addresses(record: ExerciseRecord) -> dict[str, OldAddressOrigin]:
    """The source page's address and aliases answer 301 here; never removed by an import
    (a link once published should keep working). One another exercise holds stays its."""
    origins = dict.fromkeys(record.alias_addresses, OldAddressOrigin.ALIAS)
    if record.source_address:
        origins[record.source_address] = OldAddressOrigin.IMPORTED
    return origins


def _links(
    exercise: Exercise, through: type[Model], cache: TermCache[Term], words: list[str]
) -> list[Model]:
    """Source words in any language land on their canonical terms, each term once: the rows
    of ``through`` (an m2m's table) that link ``exercise`` to them."""
    found = (cache.get_or_create(word, language=exercise.language) for word in words)
    terms = {term.pk: term for term in found if term is not None}
    return [through(exercise_id=exercise.pk, **{_target(through): pk}) for pk in terms]


def _target(through: type[Model]) -> str:
    """The column of ``through`` that names the term."""
    return next(
        f.attname
        for f in through._meta.concrete_fields
        if f.is_relation and f.related_model is not Exercise
    )


@dataclass
class FileRows:
    """What one written file adds beside its exercise row."""

    source_path: str
    exercise: Exercise
    replace: bool  # the exercise existed: its children, links and tags are replaced
    rows: list[Model]  # its children, term links and tags, unsaved
    addresses: dict[str, OldAddressOrigin]


# Rows an exercise owns that a re-import replaces, by the column naming the exercise.
_REPLACED = (
    (Step, "exercise_id"),
    (Modification, "exercise_id"),
    (FAQ, "exercise_id"),
    (VideoReference, "exercise_id"),
    (Exercise.equipment.through, "exercise_id"),
    (Exercise.muscles.through, "exercise_id"),
    (TaggedExercise, "content_object_id"),
)


@dataclass
class PendingRows:
    """The rows beside the exercises the open transaction wrote, written together before it
    commits: a few queries per transaction instead of a dozen per file.

    A file's rows join only once its savepoint is released, so a file refused on its way
    leaves nothing here; should this write be refused, the whole transaction rolls back
    and the run imports its files again one per transaction (``run._import_chunk``), where
    the refused file fails alone.
    """

    files: dict[int, FileRows] = field(default_factory=dict)  # by exercise, in order

    def add(self, rows: FileRows) -> None:
        earlier = self.files.pop(rows.exercise.pk, None)
        if earlier is not None:
            # Written twice in one transaction: the last write's rows are the ones kept,
            # the first's old addresses too (an import never removes one).
            rows.replace = rows.replace or earlier.replace
            rows.addresses = earlier.addresses | rows.addresses
        self.files[rows.exercise.pk] = rows

    def write(self) -> dict[str, list[str]]:
        """Write everything gathered; returns the warnings by source path."""
        if not self.files:
            return {}
        written = list(self.files)
        # Stamped in the database from the saved value itself, so it equals updated_at
        # exactly until something else saves the exercise.
        Exercise.objects.filter(pk__in=written).update(imported_at=F("updated_at"))
        replaced = [pk for pk, rows in self.files.items() if rows.replace]
        if replaced:
            for model, column in _REPLACED:
                model._default_manager.filter(**{f"{column}__in": replaced}).delete()
        by_model: dict[type[Model], list[Model]] = {}
        for rows in self.files.values():
            rows.exercise.imported_at = rows.exercise.updated_at
            for row in rows.rows:
                by_model.setdefault(type(row), []).append(row)
        for child_model, new in by_model.items():
            child_model._default_manager.bulk_create(new)
        held = exercises_add_old_addresses(
            wanted=[(rows.exercise, rows.addresses) for rows in self.files.values()]
        )
        warnings: dict[str, list[str]] = {}
        for rows, others in zip(self.files.values(), held, strict=True):
            for address in others:
                warnings.setdefault(rows.source_path, []).append(
                    f"{_ALIASES.key}: {address.path} already leads to "
                    f"{address.exercise.title!r}, which keeps it"
                )
        self.files = {}
        return warnings


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
) -> tuple[int, Outcome, FileRows | None]:
    """Write the file's exercise (its other rows are returned, to be written with the rest
    of the transaction's), or find under the row's lock that it must not be written.

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
                return exercise.pk, Outcome.SKIPPED, None
            if (
                not exercise.changed_since_import
                and exercise.source_hash == record.source_hash
                and exercise.slug == slug
            ):
                return exercise.pk, Outcome.UNCHANGED, None
        exercise = exercise or Exercise()
        rows = _write(record, entry, exercise, slug, children, picture, context, warnings)
        if context.dry_run:
            # Everything was written and checked, as in a real run; none of it is kept.
            alone = PendingRows()
            alone.add(rows)
            warnings.extend(alone.write().get(record.source_path, []))
            raise _DryRunRollback
    return exercise.pk, outcome, rows


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
    when a row fails validation; a DatabaseError raised inside the file's savepoint
    leaves the database as it was for this file. The rows beside the exercise wait in
    ``context.pending`` for the transaction's ``write_pending``.
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
        pk, outcome, rows = _write_in_transaction(
            record, entry, slug, children, picture, context, warnings
        )
        committed = not context.dry_run
        if committed and rows is not None:
            context.pending.add(rows)
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
