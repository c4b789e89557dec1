"""The change log that makes the API's incremental sync exact.

Every committed change of an exercise appends one row per public address it touches (its
address before the change, when that moved or went, then its address now), with a
sequence id that grows in commit order: a client that read up to id N asks for what came
after N and misses nothing, whatever the clocks or the timing of the writes.
"""

from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _


class ExerciseChangeQuerySet(models.QuerySet["ExerciseChange"]):
    def after(self, sequence: int) -> "ExerciseChangeQuerySet":
        return self.filter(pk__gt=sequence)

    def latest_per_address(self) -> "ExerciseChangeQuerySet":
        """Only each exercise address's latest row: the ones before it say nothing the
        latest does not (a reader emits the exercise's state when it reads)."""
        later = ExerciseChange.objects.filter(
            exercise_id=models.OuterRef("exercise_id"),
            language=models.OuterRef("language"),
            slug=models.OuterRef("slug"),
            pk__gt=models.OuterRef("pk"),
        )
        return self.filter(~models.Exists(later))


class ExerciseChange(models.Model):
    """An exercise changed at this address (``language``/``slug``): it is there now, or it
    was and has gone (deleted, renamed, moved to the other language)."""

    # Not a foreign key: the row outlives a deleted exercise, whose tombstone it makes.
    exercise_id = models.BigIntegerField(_("exercise id"))
    language = models.CharField(_("language"), max_length=2)
    slug = models.CharField(_("slug"), max_length=200)
    # Translations link to each other, so a change of one changes the other's record too.
    translation_key = models.CharField(_("translation key"), max_length=200, blank=True)
    # The database's clock, read after the log's lock is taken: it grows with the ids.
    recorded_at = models.DateTimeField(_("recorded"), db_default=Now())

    objects = ExerciseChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("exercise change")
        verbose_name_plural = _("exercise changes")
        ordering = ["pk"]
        indexes = [
            models.Index(
                fields=["exercise_id", "language", "slug", "id"], name="exercise_change_key_idx"
            ),
            models.Index(fields=["recorded_at"], name="exercise_change_recorded_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.pk}: {self.language}/{self.slug}"
