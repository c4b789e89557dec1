"""Language-neutral fields follow the translation: a save that changes the difficulty,
duration, category, equipment, muscles, videos or picture of an exercise applies the change
to its translation, when both keep in step (the default; one tick box opts out)."""

from django.contrib import messages
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from exercises.admin.bases import ExerciseAdminBase
from exercises.models import VideoReference
from exercises.translation import NEUTRAL_COLUMNS, NEUTRAL_RELATIONS, exercise_apply_neutral_fields

# The change form's fields, by the neutral group each belongs to.
FORM_FIELD_GROUPS = {
    **{name: group for group, columns in NEUTRAL_COLUMNS.items() for name in columns},
    **{name: name for name in NEUTRAL_RELATIONS},
}

GROUP_LABELS = {
    "difficulty": gettext_lazy("difficulty"),
    "duration": gettext_lazy("duration"),
    "category": gettext_lazy("category"),
    "picture": gettext_lazy("picture"),
    "equipment": gettext_lazy("equipment"),
    "muscles": gettext_lazy("muscles"),
    "videos": gettext_lazy("videos"),
}


def changed_neutral_groups(form, formsets) -> list[str]:
    groups = {FORM_FIELD_GROUPS[name] for name in form.changed_data if name in FORM_FIELD_GROUPS}
    if any(formset.model is VideoReference and formset.has_changed() for formset in formsets):
        groups.add("videos")
    return sorted(groups)


class NeutralFieldsFollowMixin(ExerciseAdminBase):
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        groups = changed_neutral_groups(form, formsets)
        if not groups:
            return
        changed = exercise_apply_neutral_fields(source=form.instance, groups=groups)
        if changed:
            self.message_user(
                request,
                ngettext(
                    "Applied the change to %(fields)s to the translation %(titles)s too.",
                    "Applied the change to %(fields)s to the translations %(titles)s too.",
                    len(changed),
                )
                % {
                    "fields": get_text_list(
                        [str(GROUP_LABELS[group]) for group in groups], _("and")
                    ),
                    "titles": get_text_list(
                        [f"“{target.title}” ({target.language})" for target in changed], _("and")
                    ),
                },
                messages.INFO,
            )
