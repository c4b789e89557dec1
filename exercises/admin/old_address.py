"""Old addresses: the paths that answer 301 to an exercise (imports and renames add them)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from exercises.models import OldAddress


@admin.register(OldAddress)
class OldAddressAdmin(admin.ModelAdmin):
    list_display = ["path", "exercise", "exercise_language", "origin", "created_at"]
    list_filter = ["origin", "exercise__language"]
    search_fields = ["path", "exercise__title", "exercise__slug"]
    list_select_related = ["exercise"]
    autocomplete_fields = ["exercise"]
    fields = ["path", "exercise", "origin", "created_at"]
    readonly_fields = ["created_at"]
    list_per_page = 100

    @admin.display(description=_("language"), ordering="exercise__language")
    def exercise_language(self, obj: OldAddress) -> str:
        return obj.exercise.get_language_display()
