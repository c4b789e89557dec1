"""Writes to exercises that more than one interface (admin, commands) needs."""

from collections.abc import Iterable
from dataclasses import dataclass

import reversion
from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from exercises.caching import bump_content_version
from exercises.models import Exercise, Status, Taxonomy
from exercises.vocabulary import KIND_BY_MODEL, absorb_term


@transaction.atomic
def exercises_set_status(*, exercises: QuerySet[Exercise], status: Status) -> int:
    """Publish or unpublish ``exercises``; returns how many changed.

    Publishing gives an exercise without a publication date today's date, so feeds and
    sitemaps always have one. Either way is effective now, so it cancels a pending
    publish-at time (which would otherwise keep the exercise hidden, or bring it back).
    """
    changing = exercises.exclude(status=status) | exercises.filter(publish_at__isnull=False)
    if status == Status.PUBLISHED:
        changing.filter(published_on__isnull=True).update(published_on=timezone.localdate())
    changed = changing.update(status=status, publish_at=None, updated_at=timezone.now())
    bump_content_version()  # update() sends no signals
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
    bump_content_version()  # the moves above are queryset updates, which send no signals
    return MergeResult(merged=merged, moved_exercises=len(moved))
