"""The exercise change form: refuses a save based on a stale page and checks uploaded pictures."""

from django import forms
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy

from exercises.media.images import ImageRejected, prepare_image
from exercises.models import Exercise
from publishing.admin import VERSION_TOKEN_FIELD as VERSION_TOKEN_FIELD
from publishing.admin import StaleSaveFormMixin


class ExerciseAdminForm(StaleSaveFormMixin, forms.ModelForm):
    stale_saved_by_message = gettext_lazy(
        "%(who)s saved this exercise at %(when)s, after you opened this page."
    )
    stale_changed_message = gettext_lazy(
        "This exercise was changed at %(when)s, after you opened this page."
    )
    stale_advice_message = gettext_lazy(
        "Your changes were not saved. Open the exercise again (for example in another "
        "tab), compare it in its history and re-apply your changes there."
    )

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
