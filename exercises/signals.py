"""Content changes that can alter a public page bump the page cache's content version.

Every model of the exercise library and of taggit counts: exercises, their steps,
modifications, FAQs and videos, taxonomy terms, tags and tagged items. Bulk writes that
send no signals (``QuerySet.update()``, ``bulk_create()``) bump explicitly where they are
made: ``exercises.services`` and the end of an import or seed run.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from exercises.models import ADDRESS_FIELDS, Exercise
from publishing.caching import bump_content_version

CONTENT_APP_LABELS = frozenset({"exercises", "taggit"})


def _is_content(model) -> bool:
    return model._meta.app_label in CONTENT_APP_LABELS


@receiver(post_save, dispatch_uid="pilates_page_cache_saved")
@receiver(post_delete, dispatch_uid="pilates_page_cache_deleted")
def content_saved_or_deleted(sender, **kwargs):
    if _is_content(sender):
        bump_content_version()


@receiver(m2m_changed, dispatch_uid="pilates_page_cache_m2m")
def content_relations_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and _is_content(type(instance)):
        bump_content_version()


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
