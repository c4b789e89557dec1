"""The exercise change form: refuses a save based on a stale page and checks uploaded pictures."""

from django import forms
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from reversion.models import Version

from exercises.media.images import ImageRejected, prepare_image
from exercises.models import Exercise

VERSION_TOKEN_FIELD = "updated_at_token"


class ExerciseAdminForm(forms.ModelForm):
    # When the page was loaded, the exercise's updated_at: a later one means someone else
    # saved in between, and saving this form would silently undo their work.
    updated_at_token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Exercise
        # The admin's fieldsets pick what is shown; this is every field an editor may change.
        fields = [
            "title",
            "slug",
            "language",
            "status",
            "description",
            "difficulty",
            "duration",
            "category",
            "equipment",
            "muscles",
            "tags",
            "body",
            "image",
            "image_source",
            "translation_key",
            "is_primary_translation",
            "follows_translation",
            "author",
            "published_on",
            "last_modified_on",
            "extra_front_matter",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial[VERSION_TOKEN_FIELD] = self.instance.updated_at.isoformat()

    def _get_validation_exclusions(self):
        # Ticking "the translation" makes this exercise its language's one on save
        # (services.make_primary_translation demotes the other), so the one-per-language
        # constraint is settled there rather than refused here.
        # (django-stubs does not declare this ModelForm hook.)
        exclusions = super()._get_validation_exclusions()  # type: ignore[misc]
        return exclusions | {"is_primary_translation"}

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if not isinstance(image, UploadedFile):
            return image  # Unchanged or cleared: nothing new to check.
        try:
            prepared = prepare_image(image.read())
        except ImageRejected as error:
            raise forms.ValidationError(str(error), code="invalid_image") from error
        stem = (image.name or "").rsplit(".", 1)[0] or "image"
        return ContentFile(prepared.content, name=f"{stem}.{prepared.extension}")

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None and self._saved_since_loaded():
            raise forms.ValidationError(self._stale_message(), code="stale")
        return cleaned_data

    def _saved_since_loaded(self) -> bool:
        loaded_at = parse_datetime(self.data.get(VERSION_TOKEN_FIELD) or "")
        # The instance was read from the database for this request, so it is the latest save.
        return loaded_at is None or loaded_at != self.instance.updated_at

    def _stale_message(self) -> str:
        stored = Exercise.objects.get(pk=self.instance.pk)
        differing = [
            str(self.fields[name].label)
            for name in self.changed_data
            if name in self.fields
            and name != VERSION_TOKEN_FIELD
            and not isinstance(self.fields[name], forms.FileField)
            and name in self.cleaned_data
            and _stored_value(stored, name) != _comparable(self.cleaned_data[name])
        ]
        latest = Version.objects.get_for_object(stored).select_related("revision__user").first()
        who = ""
        if latest is not None and latest.revision.user is not None:
            who = latest.revision.user.get_username()
        when = formats.date_format(timezone.localtime(stored.updated_at), "DATETIME_FORMAT")
        if who:
            message = _("%(who)s saved this exercise at %(when)s, after you opened this page.") % {
                "who": who,
                "when": when,
            }
        else:
            message = _("This exercise was changed at %(when)s, after you opened this page.") % {
                "when": when
            }
        if differing:
            message += " " + _("The saved version differs from yours in: %(fields)s.") % {
                "fields": get_text_list(differing, _("and"))
            }
        return (
            message
            + " "
            + _(
                "Your changes were not saved. Open the exercise again (for example in another "
                "tab), compare it in its history and re-apply your changes there."
            )
        )


def _stored_value(exercise: Exercise, name: str):
    field = exercise._meta.get_field(name)
    if field.many_to_many:
        if name == "tags":
            return sorted(exercise.tags.names())
        return sorted(getattr(exercise, name).values_list("pk", flat=True))
    return _comparable(getattr(exercise, getattr(field, "attname", name)))


def _comparable(value):
    if hasattr(value, "values_list"):  # A queryset from a many-to-many field.
        return sorted(value.values_list("pk", flat=True))
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return sorted(value)  # Tag names.
    return getattr(value, "pk", value)
