"""Workouts are published content: every write reaches the publishing pipeline, which
stores the HTML of a workout's body once the write commits, and the shared machinery
(scheduled publishing, the content report) works over them as over exercises."""

from collections.abc import Iterable

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from publishing import pipeline
from publishing.registry import register_content
from publishing.rendering import store_rendered_html_step
from workouts.models import Workout, WorkoutCategory, WorkoutItem, WorkoutSection, WorkoutVideo

pipeline.register(Workout, store_rendered_html_step)
register_content(Workout)


def _affected_workouts(instance: models.Model) -> Iterable[int] | None:
    """The workouts whose derived data or pages ``instance`` feeds; None for another app's."""
    if isinstance(instance, Workout):
        return [instance.pk]
    if isinstance(instance, (WorkoutSection, WorkoutVideo)):
        return [instance.workout_id]
    if isinstance(instance, WorkoutItem):
        return WorkoutSection.objects.filter(pk=instance.section_id).values_list(
            "workout_id", flat=True
        )
    if isinstance(instance, WorkoutCategory):
        return instance.workouts.values_list("pk", flat=True)
    return None


def _report(instance: models.Model) -> None:
    affected = _affected_workouts(instance)
    if affected is not None:
        pipeline.content_changed(Workout, list(affected))


@receiver(post_save, dispatch_uid="workouts_content_saved")
def content_saved(sender, instance, **kwargs):
    _report(instance)


@receiver(post_delete, dispatch_uid="workouts_content_deleted")
def content_deleted(sender, instance, **kwargs):
    if isinstance(instance, WorkoutItem):
        # The section may be gone too (a cascade); its workout's pages change either way.
        pipeline.content_changed(Workout)
        return
    _report(instance)


@receiver(m2m_changed, dispatch_uid="workouts_content_relinked")
def content_relinked(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if isinstance(instance, Workout):
        pipeline.content_changed(Workout, [instance.pk])
    elif reverse and sender in (
        Workout.equipment.through,
        Workout.focus.through,
        Workout.categories.through,
    ):
        pipeline.content_changed(Workout, pk_set or ())
