"""Every write of the exercise library reaches the publishing pipeline, which owns what is
derived from an exercise (``publishing.pipeline``).

The receivers below map a saved, deleted or re-linked row to the exercises whose derived
data it feeds: an exercise itself; its steps, modifications, FAQs, videos and tag links; a
taxonomy term, alias or tag (their names are in the search documents of the exercises that
use them, so renaming or merging one re-indexes those). A change of any other row of the
library's apps still changes the pages' content version. Writes that send no signals
(``QuerySet.update()``, ``bulk_create()``) report themselves with
``publishing.pipeline.content_changed`` where they are made (``exercises.services``, the
importer, demo content).

What is derived from an exercise, in order, once its transaction commits: the stored HTML
of its body (``Exercise.render_body()``, the one render path, through
``publishing.rendering``), its picture's renditions
(when the picture or its focal point changed, or it has a picture and none), its search
document, the stored rankings of related exercises it changes (``exercises.related``); then
the pipeline bumps the page cache's content version.
"""

from collections.abc import Iterable

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from exercises.media.renditions import exercises_refresh_renditions
from exercises.models import (
    ADDRESS_FIELDS,
    FAQ,
    Category,
    CategoryAlias,
    Equipment,
    EquipmentAlias,
    Exercise,
    Modification,
    Muscle,
    MuscleAlias,
    RelatedExercise,
    Step,
    TaggedExercise,
    Taxonomy,
    TermAlias,
    VideoReference,
)
from exercises.related import rankings_listing, rankings_upkeep, related_upkeep
from exercises.search import index_exercises
from publishing import pipeline
from publishing.pipeline import Changes
from publishing.registry import register_content
from publishing.rendering import store_rendered_html_step

CONTENT_APP_LABELS = frozenset({"exercises", "taggit"})
CHILD_MODELS = (Step, Modification, FAQ, VideoReference, TaggedExercise)
TERM_MODELS = (Equipment, Muscle, Category)
ALIAS_MODELS = (EquipmentAlias, MuscleAlias, CategoryAlias)
# Rows the pipeline writes from content (deleted with it, too): not content themselves.
DERIVED_MODELS = (RelatedExercise,)
EXERCISE_LINKS = (Exercise.equipment.through, Exercise.muscles.through, TaggedExercise)


def _refresh_renditions(changes: Changes) -> None:
    exercises_refresh_renditions(pks=changes.pks, picture_changed=changes.with_aspect("picture"))


def _index(changes: Changes) -> None:
    index_exercises(changes.pks)


pipeline.register(Exercise, store_rendered_html_step, _refresh_renditions, _index, related_upkeep)
# Rankings that listed a deleted exercise (``exercise_deleting``): ranked again.
pipeline.register(RelatedExercise, rankings_upkeep)
register_content(Exercise)


def _exercises_of_term(term: Taxonomy) -> Iterable[int]:
    return term.exercises.values_list("pk", flat=True)  # type: ignore[attr-defined]


def _exercises_of_tag(tag: Tag) -> Iterable[int]:
    return TaggedExercise.objects.filter(tag=tag).values_list("content_object_id", flat=True)


def _affected_exercises(instance: models.Model) -> Iterable[int] | None:
    """The exercises whose derived data ``instance`` feeds; None for a row that feeds none."""
    if isinstance(instance, Exercise):
        return [instance.pk]
    if isinstance(instance, TaggedExercise):
        return [instance.content_object_id]
    if isinstance(instance, CHILD_MODELS):
        return [instance.exercise_id]
    if isinstance(instance, TERM_MODELS):
        return _exercises_of_term(instance)
    if isinstance(instance, TermAlias):
        return _exercises_of_term(instance.term)  # type: ignore[attr-defined]
    if isinstance(instance, Tag):
        return _exercises_of_tag(instance)
    if isinstance(instance, TaggedItem) and instance.content_type.model_class() is Exercise:
        return [int(instance.object_id)]
    return None


def _report(instance: models.Model) -> None:
    if instance._meta.app_label not in CONTENT_APP_LABELS or isinstance(instance, DERIVED_MODELS):
        return
    affected = _affected_exercises(instance)
    if affected is None:
        pipeline.content_changed(type(instance))  # the pages change, nothing is derived
    else:
        pipeline.content_changed(Exercise, list(affected))


@receiver(post_save, dispatch_uid="exercises_content_saved")
def content_saved(sender, instance, **kwargs):
    _report(instance)


@receiver(pre_delete, dispatch_uid="exercises_content_deleting")
def content_deleting(sender, instance, **kwargs):
    # Before the delete: a term's or tag's links go with it, without signals of their own.
    if isinstance(instance, (*TERM_MODELS, *ALIAS_MODELS, Tag)):
        _report(instance)


@receiver(pre_delete, sender=Exercise, dispatch_uid="exercises_rankings_losing_a_row")
def exercise_deleting(sender, instance: Exercise, **kwargs):
    # The rows listing it go with it (CASCADE): which rankings they were in is only known now.
    rankings = rankings_listing([instance.pk])
    if rankings:
        pipeline.content_changed(RelatedExercise, rankings)


@receiver(post_delete, dispatch_uid="exercises_content_deleted")
def content_deleted(sender, instance, **kwargs):
    if not isinstance(instance, (*TERM_MODELS, *ALIAS_MODELS, Tag)):
        _report(instance)


@receiver(m2m_changed, dispatch_uid="exercises_content_relinked")
def content_relinked(sender, instance, action, reverse, pk_set, **kwargs):
    if isinstance(instance, Exercise):
        if action.startswith("post_"):
            pipeline.content_changed(Exercise, [instance.pk])
    elif action == "pre_clear":  # a term's or tag's side cleared: its exercises, while linked
        _report(instance)
    elif action.startswith("post_") and pk_set and sender in EXERCISE_LINKS:
        # A term's or tag's side of an exercise's link: pk_set are exercises. (A term also
        # links workouts, whose own receivers report them.)
        pipeline.content_changed(Exercise, pk_set)


@receiver(post_save, sender=Exercise, dispatch_uid="pilates_old_address_on_move")
def exercise_moved(sender, instance: Exercise, created: bool, raw: bool = False, **kwargs):
    """A public exercise whose slug or language changed keeps its old URL as a 301."""
    if created or raw:
        return
    old_url = instance.loaded_public_url()
    if old_url and old_url != instance.get_absolute_url():
        from exercises.services import exercise_record_move

        exercise_record_move(exercise=instance, old_url=old_url)
    instance.loaded_address_fields = {name: instance.__dict__.get(name) for name in ADDRESS_FIELDS}
