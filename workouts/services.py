"""Writes of workouts: keyword-only, typed, validated and atomic.

The admin's writes (renumbering after an edit, publishing from the changelist,
translating) and saving a generated workout as a draft come after the import writers.

The import writers below take parsed records (``workouts.fileformat``): one transaction per
workout, nothing written for an unchanged one, nothing overwritten that an editor changed
since its last import (unless the run overwrites). A run loads what it compares against
once (``WorkoutImportContext.start``), so deciding that a workout is unchanged costs no
query. Derived data (HTML, search, the page cache) is the pipeline's: writers report.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import reversion
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Model, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from exercises.fileformat.errors import ImportFileError
from exercises.fileformat.outcomes import Outcome
from exercises.fileformat.slugs import numbered_slug
from exercises.fileformat.term_caches import TermCache
from exercises.models import Equipment, Exercise, Muscle
from publishing.models import Language, Status
from publishing.pipeline import content_changed
from publishing.slugs import free_slug, free_translation_key
from workouts.candidates import exercise_candidates
from workouts.fileformat.records import CategoryRecord, WorkoutRecord
from workouts.generator import (
    FOCUS_MUSCLES,
    Focus,
    GeneratedWorkout,
    difficulty_rank,
    item_kind,
)
from workouts.matching import ExerciseMatcher
from workouts.models import (
    Workout,
    WorkoutCategory,
    WorkoutItem,
    WorkoutKind,
    WorkoutSection,
    WorkoutVideo,
)


@dataclass
class _Known:
    """What the run knows of one workout already in the database."""

    pk: int
    language: str
    slug: str
    source_hash: str
    changed_since_import: bool
    title: str
    catalogue_id: str = ""
    source_path: str = ""
    translation_key: str = ""
    is_primary_translation: bool = False


@dataclass
class WorkoutImportContext:
    """Everything one import run shares between workouts."""

    dry_run: bool
    overwrite: bool
    by_catalogue: dict[tuple[str, str], _Known]
    by_source: dict[tuple[str, str], _Known]
    by_slug: dict[tuple[str, str], _Known]
    primary_by_key: dict[tuple[str, str], int]
    categories: dict[tuple[str, str], WorkoutCategory]
    matcher: ExerciseMatcher
    exercise_by_ref: dict[str, int]
    equipment: TermCache[Equipment]
    muscles: TermCache[Muscle]
    claimed: dict[int, str] = field(default_factory=dict)  # pk -> source path in this run
    # Categories made for the workout being written: forgotten if its transaction rolls back.
    made_categories: list[tuple[str, str]] = field(default_factory=list)
    new_ids: int = 0
    items: int = 0
    matched_items: int = 0

    @classmethod
    def start(cls, *, dry_run: bool, overwrite: bool = False) -> "WorkoutImportContext":
        """Four queries, whatever the database holds."""
        fields: tuple[str, ...] = (
            "pk",
            "language",
            "slug",
            "source_hash",
            "imported_at",
            "updated_at",
            "title",
        )
        fields += ("catalogue_id", "source_path", "translation_key", "is_primary_translation")
        known = [
            _Known(pk, language, slug, source_hash, imported is None or imported != updated, *rest)
            for pk, language, slug, source_hash, imported, updated, *rest in (
                Workout.objects.values_list(*fields)
            )
        ]
        candidates = exercise_candidates()
        return cls(
            dry_run=dry_run,
            overwrite=overwrite,
            by_catalogue={
                (row.language, row.catalogue_id): row for row in known if row.catalogue_id
            },
            by_source={(row.language, row.source_path): row for row in known if row.source_path},
            by_slug={(row.language, row.slug): row for row in known},
            primary_by_key={
                (row.language, row.translation_key): row.pk
                for row in known
                if row.translation_key and row.is_primary_translation
            },
            categories={
                (category.group, category.slug): category
                for category in WorkoutCategory.objects.all()
            },
            matcher=ExerciseMatcher(candidates),
            exercise_by_ref={f"{c.language}/{c.slug}": c.pk for c in candidates},
            equipment=TermCache(Equipment),
            muscles=TermCache(Muscle),
        )

    def find(self, record: WorkoutRecord) -> _Known | None:
        """The workout a record describes: by catalogue id, else by source file, else the
        one with its slug and translation key (an exported file imported back)."""
        if record.catalogue_id:
            found = self.by_catalogue.get((record.language, record.catalogue_id))
            if found is not None:
                return found
        found = self.by_source.get((record.language, record.source_path))
        if found is not None:
            return found
        owner = self.by_slug.get((record.language, record.slug))
        if (
            owner is not None
            and record.translation_key
            and (owner.translation_key == record.translation_key)
            and owner.pk not in self.claimed
        ):
            return owner
        return None

    def remember(self, known: _Known, record: WorkoutRecord) -> None:
        for index in (self.by_catalogue, self.by_source, self.by_slug):
            for key in [key for key, row in index.items() if row.pk == known.pk]:
                del index[key]
        if record.catalogue_id:
            self.by_catalogue[(record.language, record.catalogue_id)] = known
        self.by_source[(record.language, record.source_path)] = known
        self.by_slug[(record.language, known.slug)] = known
        self.claimed[known.pk] = record.source_path


@dataclass(frozen=True)
class WorkoutWriteResult:
    outcome: Outcome
    language: str
    slug: str
    warnings: list[str]


class _DryRunRollback(Exception):
    """Raised at the end of a dry run's write so its transaction rolls back."""


def import_workout_categories(
    *, categories: list[CategoryRecord], context: WorkoutImportContext
) -> tuple[int, int]:
    """Create the catalogue's options that are missing and rename the others (only with
    ``overwrite``: an editor may have renamed them). Returns (created, updated)."""
    created = updated = 0
    changed: list[int] = []
    with transaction.atomic():
        for record in categories:
            key = (record.group, record.slug)
            names = {"es": record.name_es} if record.name_es else {}
            category = context.categories.get(key)
            if category is None:
                category = WorkoutCategory(
                    group=record.group,
                    slug=record.slug,
                    name=record.name,
                    translated_names=names,
                    position=record.position,
                    created_by_import=True,
                )
                created += 1
            elif context.overwrite and (
                category.name,
                category.translated_names,
                category.position,
            ) != (record.name, names, record.position):
                category.name, category.translated_names = record.name, names
                category.position = record.position
                updated += 1
            else:
                continue
            try:
                category.full_clean(validate_constraints=False)
            except ValidationError as error:
                where = f"categories.{record.group}.{record.slug}"
                raise ImportFileError(" ".join(error.messages), where) from error
            category.save()
            context.categories[key] = category
            changed.append(category.pk)
        if changed:
            content_changed(WorkoutCategory, changed)
        if context.dry_run:
            transaction.set_rollback(True)
    if context.dry_run:
        for key in [key for key, row in context.categories.items() if row.pk in changed]:
            del context.categories[key]
    return created, updated


def _category(context: WorkoutImportContext, group: str, slug: str) -> WorkoutCategory:
    """The option a workout names; one no catalogue of the run defined is made from its id."""
    category = context.categories.get((group, slug))
    if category is None:
        category = WorkoutCategory(
            group=group, slug=slug, name=slug.replace("-", " ").capitalize(), created_by_import=True
        )
        category.full_clean(validate_constraints=False)
        category.save()
        context.categories[(group, slug)] = category
        context.made_categories.append((group, slug))
    return category


def _resolve_slug(
    record: WorkoutRecord, known: _Known | None, context: WorkoutImportContext
) -> tuple[str, list[str]]:
    """The record's slug, unless another workout already has it in this language."""
    owner = context.by_slug.get((record.language, record.slug))
    if owner is None or (known is not None and owner.pk == known.pk):
        return record.slug, []
    other = context.claimed.get(owner.pk) or "a workout made in the admin"
    if known is not None:
        slug = known.slug
    else:
        number = 2
        while (record.language, numbered_slug(record.slug, number)) in context.by_slug:
            number += 1
        slug = numbered_slug(record.slug, number)
    return slug, [f"slug {record.slug!r} is already used by {other}; this file gets {slug!r}"]


def _workout_fields(record: WorkoutRecord, slug: str) -> dict[str, Any]:
    follow = record.follow_along
    extra = dict(record.extra_front_matter)
    if record.image_source:
        # The picture's path, kept until the workout gets a picture of its own.
        extra["image"] = record.image_source
    return {
        "title": record.title,
        "slug": slug,
        "language": record.language,
        "kind": record.kind,
        "catalogue_id": record.catalogue_id,
        "translation_key": record.translation_key,
        "description": record.description,
        "body": record.body,
        "duration": record.duration,
        "difficulty": record.difficulty,
        "calories": record.calories,
        "featured": record.featured,
        "follow_along_video_id": follow.youtube_id if follow else "",
        "follow_along_video_title": follow.title if follow else "",
        "follow_along_video_channel": follow.channel if follow else "",
        "publish_at": record.publish_at,
        "unpublish_at": record.unpublish_at,
        "published_on": record.published_on,
        "last_modified_on": record.last_modified_on,
        "extra_front_matter": extra,
        "source_path": record.source_path,
        "source_hash": record.source_hash,
    }


def _validation_problem(error: ValidationError, prefix: str = "") -> ImportFileError:
    if hasattr(error, "error_dict"):
        name, errors = next(iter(error.message_dict.items()))
        where = "" if name == "__all__" else name
        return ImportFileError(" ".join(errors), f"{prefix}.{where}" if prefix else where)
    return ImportFileError(" ".join(error.messages), prefix)


def _rows(
    record: WorkoutRecord, context: WorkoutImportContext
) -> list[tuple[WorkoutSection, list[WorkoutItem]]]:
    """Unsaved, validated sections and items; each item linked to the exercise it names."""
    rows = []
    for number, section in enumerate(record.sections, start=1):
        where = f"sections[{number}]"
        row = WorkoutSection(
            position=number, kind=section.kind, title=section.title, minutes=section.minutes
        )
        try:
            row.full_clean(exclude=["workout"], validate_constraints=False)
        except ValidationError as error:
            raise _validation_problem(error, where) from error
        items = []
        for position, item in enumerate(section.items, start=1):
            exercise_id = context.exercise_by_ref.get(item.exercise) if item.exercise else None
            if exercise_id is None and (found := context.matcher.match(item.name, record.language)):
                exercise_id = found.pk
            item_row = WorkoutItem(
                position=position,
                kind=item.kind,
                name=item.name,
                exercise_id=exercise_id,
                duration=item.duration,
                reps=item.reps,
                instructions=list(item.instructions),
            )
            try:
                item_row.full_clean(exclude=["section", "exercise"], validate_constraints=False)
            except ValidationError as error:
                raise _validation_problem(error, f"{where}.items[{position}]") from error
            items.append(item_row)
        rows.append((row, items))
    return rows


def _status(workout: Workout, record: WorkoutRecord) -> str:
    """The file's status for a new workout; on re-import only if the file gives one."""
    if workout.pk is None or record.declared_status:
        return record.status
    return str(workout.status)


def _write(
    record: WorkoutRecord,
    workout: Workout,
    fields: dict[str, Any],
    rows: list[tuple[WorkoutSection, list[WorkoutItem]]],
    context: WorkoutImportContext,
) -> Workout:
    replace = workout.pk is not None
    workout.status = _status(workout, record)
    for name, value in fields.items():
        setattr(workout, name, value)
    workout.save()  # derived data: the pipeline's, on commit
    # Stamped in the database from the saved value itself, so it equals updated_at exactly
    # until something else saves the workout.
    Workout.objects.filter(pk=workout.pk).update(imported_at=F("updated_at"))
    workout.imported_at = workout.updated_at
    if replace:
        WorkoutSection.objects.filter(workout=workout).delete()
        WorkoutVideo.objects.filter(workout=workout).delete()
    sections = [section for section, _ in rows]
    for section in sections:
        section.workout = workout
    WorkoutSection.objects.bulk_create(sections)
    items = []
    for section, section_items in rows:
        for item in section_items:
            item.section = section
            items.append(item)
    WorkoutItem.objects.bulk_create(items)
    WorkoutVideo.objects.bulk_create(
        WorkoutVideo(
            workout=workout,
            position=position,
            youtube_id=video.youtube_id,
            title=video.title,
            channel=video.channel,
        )
        for position, video in enumerate(record.related_videos, start=1)
    )
    equipment = (
        context.equipment.get_or_create(w, language=record.language) for w in record.equipment
    )
    focus = (context.muscles.find(w, language=record.language) for w in record.focus)
    categories = (_category(context, group, slug) for group, slug in record.categories)
    _set_links(workout, "equipment", equipment, replace=replace)
    _set_links(workout, "focus", focus, replace=replace)
    _set_links(workout, "categories", categories, replace=replace)
    content_changed(Workout, [workout.pk])
    # Opened only now, after the children are written: a revision serialises its objects
    # when they are added.
    if reversion.is_registered(Workout):
        with reversion.create_revision(atomic=False):
            reversion.add_to_revision(workout)
            reversion.set_comment(f"Imported from {record.source_path}")
    return workout


def _set_links(
    workout: Workout, name: str, targets: Iterable[Model | None], *, replace: bool
) -> None:
    """One delete and one insert: ``set()`` first reads what is there, per relation."""
    field: Any = Workout._meta.get_field(name)  # a ManyToManyField
    through = field.remote_field.through
    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    if replace:
        through.objects.filter(**{source: workout.pk}).delete()
    pks = dict.fromkeys(term.pk for term in targets if term is not None)
    through.objects.bulk_create(through(**{source: workout.pk, target: pk}) for pk in pks)


def _primary(record: WorkoutRecord, known: _Known | None, context: WorkoutImportContext) -> bool:
    """Only one workout per language and translation key is the primary translation."""
    if not record.translation_key or not record.is_primary_translation:
        return record.is_primary_translation
    holder = context.primary_by_key.get((record.language, record.translation_key))
    return holder is None or (known is not None and holder == known.pk)


def import_workout(*, record: WorkoutRecord, context: WorkoutImportContext) -> WorkoutWriteResult:
    """Create, update or leave alone the workout one record describes.

    Raises ImportFileError when a row fails validation; a DatabaseError raised inside the
    workout's transaction leaves the database as it was for it.
    """
    known = context.find(record)
    slug, warnings = _resolve_slug(record, known, context)
    if known is not None:
        unchanged_file = known.source_hash == record.source_hash and known.slug == slug
        if unchanged_file and not (known.changed_since_import and context.overwrite):
            # Nothing new in the file: the workout stays as it is, edited or not.
            context.claimed[known.pk] = record.source_path
            return WorkoutWriteResult(Outcome.UNCHANGED, record.language, slug, warnings)
        if known.changed_since_import and not context.overwrite:
            context.claimed[known.pk] = record.source_path
            warnings.append(
                f"workout {known.title!r} ({record.language}/{known.slug}) was changed in the "
                "admin since its last import, so this file was not imported; use --overwrite "
                "to replace the changes"
            )
            return WorkoutWriteResult(Outcome.SKIPPED, record.language, known.slug, warnings)
    fields = _workout_fields(record, slug)
    fields["is_primary_translation"] = _primary(record, known, context)
    if unknown_focus := [
        word
        for word in record.focus
        if context.muscles.find(word, language=record.language) is None
    ]:
        # "energy" is a goal, not a body area: kept with the workout (and exported back),
        # never a new muscle in the vocabulary every exercise filter lists.
        fields["extra_front_matter"]["focus"] = unknown_focus
        warnings.extend(
            f"focus {word!r} is no body area the vocabulary knows; kept in the file, not linked"
            for word in unknown_focus
        )
    probe = Workout(**fields, status=record.status)
    try:
        probe.full_clean(exclude=["image"], validate_constraints=False)
    except ValidationError as error:
        raise _validation_problem(error) from error
    rows = _rows(record, context)
    outcome = Outcome.CREATED if known is None else Outcome.UPDATED
    committed = False
    context.made_categories.clear()
    try:
        with transaction.atomic():
            workout = Workout()
            if known is not None:
                workout = Workout.objects.select_for_update().filter(pk=known.pk).first() or workout
            pk = _write(record, workout, fields, rows, context).pk
            if context.dry_run:
                raise _DryRunRollback
        committed = True
    except _DryRunRollback:
        context.new_ids -= 1
        pk = known.pk if known is not None else context.new_ids
    finally:
        # Rows made inside a rolled-back transaction no longer exist.
        for cache in (context.equipment, context.muscles):
            cache.commit() if committed else cache.rollback()
        if not committed:
            for key in context.made_categories:
                context.categories.pop(key, None)
    items = [item for _, section_items in rows for item in section_items]
    context.items += len(items)
    context.matched_items += sum(1 for item in items if item.exercise_id is not None)
    row = _Known(
        pk,
        record.language,
        slug,
        record.source_hash,
        False,
        record.title,
        record.catalogue_id,
        record.source_path,
        record.translation_key,
        bool(fields["is_primary_translation"]),
    )
    context.remember(row, record)
    if fields["is_primary_translation"] and record.translation_key:
        context.primary_by_key[(record.language, record.translation_key)] = pk
    return WorkoutWriteResult(outcome, record.language, slug, warnings)


# Copied into a translation as they are: the texts to translate in place, and everything
# that is the same in every language.
TRANSLATION_COPIED_FIELDS = [
    "title",
    "description",
    "body",
    "catalogue_id",
    "kind",
    "duration",
    "difficulty",
    "calories",
    "featured",
    "follow_along_video_id",
    "follow_along_video_title",
    "follow_along_video_channel",
    "image",
    "image_renditions",
]
SECTION_FIELDS = ["position", "kind", "title", "minutes"]
ITEM_FIELDS = ["position", "kind", "name", "duration", "reps", "instructions"]
VIDEO_FIELDS = ["position", "youtube_id", "title", "channel"]


@transaction.atomic
def workout_renumber(*, workout: Workout) -> int:
    """Number the sections 1, 2, 3... and each section's items 1, 2, 3... in the order they
    have (position, then age), so gaps and ties from typed numbers never pile up; returns
    how many rows changed."""
    changed: list[WorkoutSection | WorkoutItem | WorkoutVideo] = []
    sections = list(WorkoutSection.objects.filter(workout=workout).order_by("position", "pk"))
    changed += _renumbered(sections)
    WorkoutSection.objects.bulk_update(
        [r for r in changed if isinstance(r, WorkoutSection)], ["position"]
    )
    items = list(
        WorkoutItem.objects.filter(section__workout=workout).order_by("section", "position", "pk")
    )
    moved_items: list[WorkoutItem] = []
    for section in sections:
        moved_items += _renumbered([item for item in items if item.section_id == section.pk])
    WorkoutItem.objects.bulk_update(moved_items, ["position"])
    videos = _renumbered(list(workout.related_videos.order_by("position", "pk")))
    WorkoutVideo.objects.bulk_update(videos, ["position"])
    total = len(changed) + len(moved_items) + len(videos)
    if total:
        content_changed(Workout, [workout.pk])  # bulk_update sends no signal
    return total


def _renumbered(rows):
    moved = []
    for number, row in enumerate(rows, start=1):
        if row.position != number:
            row.position = number
            moved.append(row)
    return moved


@transaction.atomic
def workouts_set_status(*, workouts: QuerySet[Workout], status: str) -> int:
    """Publish or unpublish ``workouts`` (each saved, so its revision and the pipeline see
    it); publishing dates those never published. Returns how many changed."""
    if status not in Status.values:
        raise ValidationError(_("Unknown status %(status)s.") % {"status": status})
    changed = 0
    # By id: the changelist's queryset is annotated (a GROUP BY), which FOR UPDATE refuses.
    ids = list(workouts.values_list("pk", flat=True))
    chosen = Workout.objects.filter(pk__in=ids).exclude(status=status)
    for workout in chosen.select_for_update().order_by("pk"):
        workout.status = status
        if status == Status.PUBLISHED and workout.published_on is None:
            workout.published_on = timezone.localdate()
        workout.full_clean()
        workout.save(update_fields=["status", "published_on", "updated_at"])
        changed += 1
    return changed


@transaction.atomic
def workout_translate(
    *, workout: Workout, language: str, user: AbstractBaseUser | AnonymousUser | None = None
) -> tuple[Workout, bool]:
    """The ``language`` version of ``workout``: the existing one, or a new draft with the
    same structure (returns it and whether it was created). Each item links the exercise's
    translation in ``language`` where it has one, else no exercise (its name stays, to
    translate or link by hand). Gives ``workout`` a translation key first if it has none."""
    if language == workout.language or language not in Language.values:
        raise ValidationError(
            _("Cannot translate a workout into %(language)s.") % {"language": language}
        )
    source = Workout.objects.select_for_update().get(pk=workout.pk)
    if not source.translation_key:
        source.translation_key = free_translation_key(source, f"workout-{source.slug}"[:200])
        # Only the key: the original's content did not change, so its stamp stays.
        Workout.objects.filter(pk=source.pk).update(translation_key=source.translation_key)
    existing = Workout.objects.filter(
        translation_key=source.translation_key, language=language
    ).first()
    if existing is not None:
        return existing, False

    with reversion.create_revision():
        translation = Workout(
            **{name: getattr(source, name) for name in TRANSLATION_COPIED_FIELDS},
            language=language,
            slug=free_slug(Workout, source.slug, language=language),
            translation_key=source.translation_key,
            translation_of=source,
            status=Status.DRAFT,
        )
        translation.full_clean()
        translation.save()
        translation.equipment.set(source.equipment.all())
        translation.focus.set(source.focus.all())
        translation.categories.set(source.categories.all())
        WorkoutVideo.objects.bulk_create(
            WorkoutVideo(workout=translation, **{name: getattr(v, name) for name in VIDEO_FIELDS})
            for v in source.related_videos.order_by("position", "pk")
        )
        sections = list(
            source.sections.order_by("position", "pk").prefetch_related("items__exercise")
        )
        linked = _translated_exercises(sections, language=language)
        for section in sections:
            copy = WorkoutSection.objects.create(
                workout=translation, **{name: getattr(section, name) for name in SECTION_FIELDS}
            )
            WorkoutItem.objects.bulk_create(
                _translated_item(item, section=copy, linked=linked)
                for item in sorted(section.items.all(), key=lambda i: (i.position, i.pk))
            )
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(
            _("Translated from %(language)s.") % {"language": Language(source.language).label}
        )
        reversion.add_to_revision(translation)
    content_changed(Workout, [translation.pk])  # the items went in with bulk_create
    return translation, True


def _translated_item(
    item: WorkoutItem, *, section: WorkoutSection, linked: dict[int, Exercise]
) -> WorkoutItem:
    """``item`` in the translation: linked to its exercise's translation where there is one;
    else unlinked, named by the original exercise's title when it had no name of its own,
    so an editor sees what to link (an item names its movement)."""
    copy = WorkoutItem(section=section, **{name: getattr(item, name) for name in ITEM_FIELDS})
    if item.exercise_id is not None:
        copy.exercise = linked.get(item.exercise_id)
        if copy.exercise is None and not copy.name and item.exercise is not None:
            copy.name = item.exercise.title
    return copy


def _translated_exercises(sections: list[WorkoutSection], *, language: str) -> dict[int, Exercise]:
    """Each linked exercise's translation in ``language``, by the linked exercise's id:
    the other language's chosen translation of the same key (one query)."""
    ids = {item.exercise_id for s in sections for item in s.items.all() if item.exercise_id}
    keys = dict(
        Exercise.objects.filter(pk__in=ids, is_primary_translation=True)
        .exclude(translation_key="")
        .values_list("pk", "translation_key")
    )
    targets = {
        exercise.translation_key: exercise
        for exercise in Exercise.objects.filter(
            translation_key__in=set(keys.values()),
            language=language,
            is_primary_translation=True,
        )
    }
    return {pk: targets[key] for pk, key in keys.items() if key in targets}


@transaction.atomic
def workout_save_generated(
    *,
    plan: GeneratedWorkout,
    language: str,
    title: str,
    description: str = "",
    user: AbstractBaseUser | AnonymousUser | None = None,
    comment: str = "",
) -> Workout:
    """The generator's ``plan`` stored as a draft workout of ``language`` (kind
    "generated") for an editor to refine: its sections and items, each item linked to its
    exercise (one deleted since the plan was made is left out), the hardest item's
    difficulty, the equipment the items use and, for a focused plan, the muscles of that
    area they work. One revision, by ``user`` with ``comment``."""
    if language not in Language.values:
        raise ValidationError(_("Unknown language %(language)s.") % {"language": language})
    exercises = Exercise.objects.in_bulk({item.candidate.id for item in plan.items})
    planned = [
        (section, [item for item in section.items if item.candidate.id in exercises])
        for section in plan.sections
    ]
    planned = [(section, items) for section, items in planned if items]
    if not planned:
        raise ValidationError(_("There is no workout to save."))
    candidates = [item.candidate for _section, items in planned for item in items]
    with reversion.create_revision():
        workout = Workout(
            title=title,
            slug=free_slug(Workout, slugify(title)[:150] or "workout", language=language),
            language=language,
            kind=WorkoutKind.GENERATED,
            status=Status.DRAFT,
            description=description,
            duration=plan.duration,
            difficulty=max(
                (candidate.difficulty for candidate in candidates if candidate.difficulty),
                key=difficulty_rank,
                default="",
            ),
        )
        workout.full_clean()
        workout.save()
        for position, (section, items) in enumerate(planned, start=1):
            row = WorkoutSection(
                workout=workout,
                position=position,
                kind=section.kind,
                minutes=round(sum(item.seconds for item in items) / 60) or None,
            )
            row.full_clean()
            row.save()
            for number, item in enumerate(items, start=1):
                exercise = exercises[item.candidate.id]
                child = WorkoutItem(
                    section=row,
                    position=number,
                    kind=item_kind(section.kind),
                    exercise=exercise,
                    name=exercise.title,
                    duration=item.seconds,
                )
                child.full_clean()
                child.save()
        used_equipment = {slug for candidate in candidates for slug in candidate.equipment}
        workout.equipment.set(Equipment.objects.filter(slug__in=used_equipment))
        if plan.focus != Focus.ALL:
            worked = {slug for candidate in candidates for slug in candidate.muscles}
            workout.focus.set(Muscle.objects.filter(slug__in=worked & FOCUS_MUSCLES[plan.focus]))
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(comment or _("Saved from the workout generator."))
    return workout
