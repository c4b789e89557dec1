"""Writes to exercises that more than one interface (admin, commands) needs."""

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

import reversion
from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Serializer as PythonSerializer
from django.db import connection, router, transaction
from django.db.models import Model, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Revision, Version

from exercises.models import (
    Exercise,
    OldAddress,
    OldAddressOrigin,
    Status,
    Taxonomy,
    VideoReference,
)
from exercises.vocabulary import KIND_BY_MODEL, absorb_term
from publishing.addresses import normalise_path
from publishing.pipeline import content_changed


@transaction.atomic
def exercises_set_status(*, exercises: QuerySet[Exercise], status: Status) -> int:
    """Publish or unpublish ``exercises``; returns how many changed.

    Publishing gives an exercise without a publication date today's date, so feeds and
    sitemaps always have one. Either way is effective now, so it cancels a pending
    publish-at time (which would otherwise keep the exercise hidden, or bring it back).
    """
    changing = exercises.exclude(status=status) | exercises.filter(publish_at__isnull=False)
    pks = list(changing.values_list("pk", flat=True))
    if status == Status.PUBLISHED:
        changing.filter(published_on__isnull=True).update(published_on=timezone.localdate())
    changed = changing.update(status=status, publish_at=None, updated_at=timezone.now())
    content_changed(Exercise, pks)  # update() sends no signals
    return changed


@dataclass(frozen=True)
class MergeResult:
    merged: list[str]  # the slugs of the terms that are gone
    moved_exercises: int


@transaction.atomic
def merge_terms(
    *, terms: Iterable[Taxonomy], into: Taxonomy, user: AbstractBaseUser | None = None
) -> MergeResult:
    """Merge ``terms`` into ``into``: every exercise of theirs gets ``into`` instead, their
    aliases move to it, and their slugs and names become its aliases, so later imports of
    those words land on ``into`` too. The terms are then deleted.

    Every exercise that changed gets a revision (its new terms, by ``user``) and a new
    ``updated_at``, so an editor's page opened before the merge is refused as stale rather
    than putting a deleted term back.
    """
    kind = KIND_BY_MODEL[type(into).__name__]
    sources = [term for term in terms if term.pk != into.pk]
    if any(type(term) is not type(into) for term in sources):
        raise ValidationError(_("Only terms of one kind can be merged."))
    alias_model = apps.get_model("exercises", kind.alias_model)
    moved: set[int] = set()
    merged = []
    for source in sources:
        merged.append(source.slug)
        moved |= absorb_term(
            exercise_model=Exercise,
            alias_model=alias_model,
            exercise_field=kind.exercise_field,
            source=source,
            target=into,
        )
    exercises = Exercise.objects.filter(pk__in=moved)
    exercises.update(updated_at=timezone.now())
    with reversion.create_revision():
        for exercise in exercises:
            reversion.add_to_revision(exercise)
        reversion.set_user(user)
        reversion.set_comment(
            _("Merged %(terms)s into %(term)s.") % {"terms": ", ".join(merged), "term": into.slug}
        )
    # The moves above are queryset updates, which send no signals; the moved exercises'
    # search documents hold the names of their terms.
    content_changed(Exercise, moved)
    return MergeResult(merged=merged, moved_exercises=len(moved))


def _file_stem(path: str) -> str:
    return PurePosixPath(path.replace("\\", "/")).stem.lower() if path else ""


def join_translation_group(*, exercise: Exercise) -> None:
    """Decide whether ``exercise`` (not saved yet) is THE translation in its language.

    One exercise per (translation key, language) is the translation that pages and the
    sitemap link to. By default that is the one whose file has the other language's file
    name (the original site paired pages by file name), else the first imported. So a
    newcomer takes the place when its language has none yet or when its name pairs and the
    current one's does not; and a newcomer whose name pairs with a non-chosen exercise of
    another language moves that language's choice to it the same way. Only a new member of
    a group changes anything, so re-imports keep an editor's choice. Runs inside the
    caller's transaction.
    """
    exercise.is_primary_translation = True
    if not exercise.translation_key:
        return
    group = Exercise.objects.filter(translation_key=exercise.translation_key)
    if exercise.pk is not None:
        group = group.exclude(pk=exercise.pk)
    members = list(group.only("pk", "language", "source_path", "is_primary_translation"))
    by_language: dict[str, list[Exercise]] = {}
    for member in members:
        by_language.setdefault(member.language, []).append(member)
    stem = _file_stem(exercise.source_path)
    demote: list[int] = []
    promote: list[int] = []
    for language, same in by_language.items():
        current = next((member for member in same if member.is_primary_translation), None)
        if language == exercise.language:
            if current is None:
                continue
            paired = {_file_stem(m.source_path) for m in members if m.language != language}
            if stem in paired and _file_stem(current.source_path) not in paired:
                demote.append(current.pk)
            else:
                exercise.is_primary_translation = False
        elif current is not None and stem and _file_stem(current.source_path) != stem:
            match = next((m for m in same if _file_stem(m.source_path) == stem), None)
            if match is not None:
                demote.append(current.pk)
                promote.append(match.pk)
    if demote:
        Exercise.objects.filter(pk__in=demote).update(is_primary_translation=False)
    if promote:
        Exercise.objects.filter(pk__in=promote).update(is_primary_translation=True)


@transaction.atomic
def make_primary_translation(*, exercise: Exercise) -> int:
    """An editor's choice: ``exercise`` becomes its language's translation for its key.
    Returns how many others stopped being it (saving ``exercise`` is the caller's)."""
    if not exercise.translation_key:
        return 0
    others = Exercise.objects.filter(
        translation_key=exercise.translation_key,
        language=exercise.language,
        is_primary_translation=True,
    )
    if exercise.pk is not None:
        others = others.exclude(pk=exercise.pk)
    pks = list(others.values_list("pk", flat=True))
    changed = others.update(is_primary_translation=False, updated_at=timezone.now())
    content_changed(Exercise, pks)  # update() sends no signals
    return changed


@transaction.atomic
def remove_video_everywhere(*, video_id: str) -> int:
    """Take the video ``video_id`` off every exercise that shows it (a placeholder id copied
    into many files, say); returns how many exercises lost it."""
    references = VideoReference.objects.filter(video_id=video_id)
    exercise_ids = set(references.values_list("exercise_id", flat=True))
    references.delete()
    Exercise.objects.filter(pk__in=exercise_ids).update(updated_at=timezone.now())
    content_changed(Exercise, exercise_ids)
    return len(exercise_ids)


# Fewer written rows than this leave the planner's statistics about right.
ANALYZE_AFTER_ROWS = 100


def analyze_exercise_tables(*, written: int) -> bool:
    """Refresh the planner statistics of the exercise tables after a bulk write of
    ``written`` exercises; returns whether it ran. Without them, pages right after an
    import of 10,000 files took 3-13 s on PostgreSQL where autovacuum had not caught up
    (issue 11), and SQLite, which keeps none until asked, looked up an exercise's
    translation by walking every row of its language (the admin list: 1.9 s at 10,000)."""
    if connection.vendor not in ("postgresql", "sqlite") or written < ANALYZE_AFTER_ROWS:
        return False
    tables = sorted(
        {
            model._meta.db_table
            for model in apps.get_app_config("exercises").get_models(include_auto_created=True)
        }
        | {apps.get_model("taggit", "Tag")._meta.db_table}
    )
    names = [connection.ops.quote_name(table) for table in tables]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE " + ", ".join(names))
        else:  # SQLite analyses one table per statement
            for name in names:
                cursor.execute("ANALYZE " + name)
    return True


@transaction.atomic(savepoint=False)  # inside an import's file transaction: no savepoint
def exercise_add_old_addresses(
    *, exercise: Exercise, addresses: dict[str, OldAddressOrigin], take_over: bool = False
) -> list[OldAddress]:
    """Make each path (already a canonical site path, see ``publishing.addresses``) answer
    301 to ``exercise``; its current address is left out. Paths another exercise holds stay
    with it and are returned, unless ``take_over`` (the paths were this exercise's own pages).
    Two queries: one to find the paths already held, one to store the new ones."""
    current = normalise_path(exercise.get_absolute_url())
    wanted = {path: origin for path, origin in addresses.items() if path != current}
    if not wanted:
        return []
    held = {
        address.path: address
        for address in OldAddress.objects.filter(path__in=wanted).select_related("exercise")
    }
    others = [address for address in held.values() if address.exercise_id != exercise.pk]
    if take_over and others:
        OldAddress.objects.filter(pk__in=[address.pk for address in others]).update(
            exercise=exercise, origin=OldAddressOrigin.RENAMED
        )
        others = []
    OldAddress.objects.bulk_create(
        OldAddress(path=path, exercise=exercise, origin=origin)
        for path, origin in wanted.items()
        if path not in held
    )
    return others


def exercises_add_old_addresses(
    *, wanted: Sequence[tuple[Exercise, Mapping[str, OldAddressOrigin]]]
) -> list[list[OldAddress]]:
    """``exercise_add_old_addresses`` (without ``take_over``) for several exercises at once,
    as if called for each in turn: a path two of them ask for is the first one's. Returns,
    per exercise, the addresses another exercise holds, in the order of their paths. Two
    queries however many exercises (an import writes a chunk of files together)."""
    asked: list[tuple[Exercise, dict[str, OldAddressOrigin]]] = []
    for exercise, addresses in wanted:
        current = normalise_path(exercise.get_absolute_url())
        asked.append((exercise, {path: o for path, o in addresses.items() if path != current}))
    paths = {path for _, addresses in asked for path in addresses}
    if not paths:
        return [[] for _ in asked]
    held = {
        address.path: address
        for address in OldAddress.objects.filter(path__in=paths).select_related("exercise")
    }
    new: list[OldAddress] = []
    refused: list[list[OldAddress]] = []
    for exercise, addresses in asked:
        others = []
        for path, origin in addresses.items():
            holder = held.get(path)
            if holder is None:
                held[path] = OldAddress(path=path, exercise=exercise, origin=origin)
                new.append(held[path])
            elif holder.exercise_id != exercise.pk:
                others.append(holder)
        refused.append(sorted(others, key=lambda address: address.path))
    OldAddress.objects.bulk_create(new)
    return refused


def exercise_record_move(*, exercise: Exercise, old_url: str) -> None:
    """After a change of slug or language: the old URL answers 301 to the new one, and an
    old address of the exercise that is now its URL again (renamed back) is dropped."""
    new_url = normalise_path(exercise.get_absolute_url())
    OldAddress.objects.filter(exercise=exercise, path=new_url).delete()
    exercise_add_old_addresses(
        exercise=exercise,
        addresses={normalise_path(old_url): OldAddressOrigin.RENAMED},
        take_over=True,
    )


def exercises_save_revisions(*, comments: Mapping[int, str]) -> int:
    """One django-reversion revision per exercise in ``comments`` (pk -> the revision's
    comment), holding what ``reversion.add_to_revision`` would: the exercise and every row
    its registration follows (steps, modifications, FAQs, videos, tags), serialised as
    django-reversion serialises them. Written in bulk, a few queries for any number of
    exercises, where ``reversion.create_revision`` costs a dozen per exercise. Returns how
    many revisions were written."""
    if not comments:
        return 0
    # django-reversion keeps its registration private; it is what add_to_revision reads.
    follow = reversion.revisions._get_options(Exercise).follow
    exercises = Exercise.objects.filter(pk__in=list(comments)).prefetch_related(
        *follow, *_serialised_m2m(Exercise)
    )
    now = timezone.now()
    revisions: list[Revision] = []
    versions: list[list[Version]] = []
    for exercise in exercises.order_by():
        revisions.append(Revision(date_created=now, comment=comments[exercise.pk]))
        versions.append(_versions(_followed(exercise)))
    with transaction.atomic():
        Revision.objects.bulk_create(revisions)
        for revision, rows in zip(revisions, versions, strict=True):
            for version in rows:
                version.revision = revision
        Version.objects.bulk_create([version for rows in versions for version in rows])
    return len(revisions)


def _followed(row: Model) -> list[Model]:
    """``row`` and what its reversion registration follows, recursively, each once (the
    exercise's own relations come prefetched)."""
    found: dict[tuple[type[Model], object], Model] = {}
    pending = [row]
    while pending:
        current = pending.pop(0)
        key = (type(current), current.pk)
        if key in found or current.pk is None:
            continue
        found[key] = current
        for name in reversion.revisions._get_options(type(current)).follow:
            related = getattr(current, name, None)
            if isinstance(related, Model):
                pending.append(related)
            elif related is not None:
                pending.extend(related.all())
    return list(found.values())


def _serialised_m2m(model: type[Model]) -> list[Prefetch]:
    """The many-to-many relations of ``model`` its versions hold (as lists of primary keys),
    for one query each per batch instead of one per exercise."""
    fields = reversion.revisions._get_options(model).fields
    many: list[Any] = list(model._meta.many_to_many)
    return [
        Prefetch(field.name, queryset=field.related_model._default_manager.only("pk"))
        for field in many
        if field.serialize
        and (fields is None or field.name in fields)
        and field.remote_field.through._meta.auto_created
    ]


class _PrefetchedSerializer(PythonSerializer):
    """Django's "python" serialiser, reading a prefetched many-to-many relation without
    first building the query it would not run (Django builds it for every row)."""

    def handle_m2m_field(self, obj: Model, field: Any) -> None:
        prefetched = getattr(obj, "_prefetched_objects_cache", {})
        this: Any = self  # the stubs miss the serialiser's private helpers
        if (
            field.name in prefetched
            and not this.use_natural_foreign_keys
            and field.remote_field.through._meta.auto_created
        ):
            this._current[field.name] = [
                this._value_from_field(related, related._meta.pk)
                for related in prefetched[field.name]
            ]
            return
        super().handle_m2m_field(obj, field)


def _versions(rows: list[Model]) -> list[Version]:
    """Unsaved versions of ``rows``, their data as django-reversion's ``serializers.serialize``
    call writes it. JSON (the default format) is encoded from one "python" serialisation of
    each model's rows: the same dump Django's JSON serialiser writes, without its setup per
    row."""
    by_model: dict[type[Model], list[Model]] = {}
    for row in rows:
        by_model.setdefault(type(row), []).append(row)
    versions: list[Version] = []
    for model, group in by_model.items():
        options = reversion.revisions._get_options(model)
        kwargs = {
            "fields": options.fields,
            "use_natural_foreign_keys": options.use_natural_foreign_keys,
        }
        if options.format == "json":
            serializer = _PrefetchedSerializer()
            serializer.serialize(group, **kwargs)
            dumps: Any = serializer.getvalue()
            data = [
                "[" + json.dumps(dump, cls=DjangoJSONEncoder, ensure_ascii=False) + "]"
                for dump in dumps
            ]
        else:
            data = [serializers.serialize(options.format, (row,), **kwargs) for row in group]
        content_type = ContentType.objects.get_for_model(
            model, for_concrete_model=options.for_concrete_model
        )
        versions.extend(
            Version(
                content_type=content_type,
                object_id=str(getattr(row, options.object_id_field)),
                db=router.db_for_write(model, instance=row),
                format=options.format,
                serialized_data=serialized,
                object_repr=str(row),
            )
            for row, serialized in zip(group, data, strict=True)
        )
    return versions
