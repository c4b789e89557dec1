"""The generator's GET form. The query string was made canonical before the view runs
(``GENERATOR_QUERY_PARAMETERS``), so what reaches the form is already in range; the form
fills in the defaults and renders the fields."""

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from exercises.models import Difficulty
from publishing.canonical import QueryParameter, choice, slug, whole_number
from workouts.generator import DEFAULT_MINUTES, MAX_MINUTES, MIN_MINUTES, Focus
from workouts.site.selectors import EquipmentChoice

MAX_SEED = 10**9
DEFAULT_DIFFICULTY = Difficulty.INTERMEDIATE
# A first visit (no query at all) gets a mat workout: nearly every Pilates exercise
# needs a mat, and an equipment-free library is usually a small one.
DEFAULT_EQUIPMENT = ("mat",)
DURATION_CHOICES = (5, 10, 15, 20, 25, 30, 40, 45, 50, 60)

GENERATOR_QUERY_PARAMETERS = (
    QueryParameter("duration", whole_number(minimum=MIN_MINUTES, maximum=MAX_MINUTES)),
    QueryParameter("equipment", slug, many=True),
    QueryParameter("difficulty", choice(Difficulty.values)),
    QueryParameter("focus", choice(Focus.values)),
    QueryParameter("seed", whole_number(minimum=0, maximum=MAX_SEED)),
)


class GeneratorForm(forms.Form):
    duration = forms.TypedChoiceField(label=_("Length"), coerce=int)
    equipment = forms.MultipleChoiceField(
        label=_("Equipment you have"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: exercises that need no equipment."),
    )
    difficulty = forms.ChoiceField(
        label=_("Hardest exercises"),
        choices=Difficulty.choices,
        help_text=_("Nothing harder than this."),
    )
    focus = forms.ChoiceField(label=_("Focus"), choices=Focus.choices)
    seed = forms.IntegerField(
        label=_("Variation"),
        min_value=0,
        max_value=MAX_SEED,
        help_text=_("Another number gives another workout from the same choices."),
    )

    def __init__(self, params: Mapping[str, Any], *, equipment: Sequence[EquipmentChoice]) -> None:
        data = request_data(params, known_equipment={item.slug for item in equipment})
        super().__init__(data)
        durations = sorted({*DURATION_CHOICES, data["duration"]})
        duration_field = self.fields["duration"]
        assert isinstance(duration_field, forms.TypedChoiceField)
        duration_field.choices = [
            (minutes, _("%(minutes)d minutes") % {"minutes": minutes}) for minutes in durations
        ]
        equipment_field = self.fields["equipment"]
        assert isinstance(equipment_field, forms.MultipleChoiceField)
        equipment_field.choices = [(item.slug, item.label) for item in equipment]


def request_data(params: Mapping[str, Any], *, known_equipment: set[str]) -> dict[str, Any]:
    """The request as the generator takes it, defaults filled in. Without any parameter
    (a first visit) the equipment is the default; once the form was sent, none ticked
    means equipment-free."""
    getlist = getattr(params, "getlist", None)
    equipment = list(getlist("equipment")) if getlist else list(params.get("equipment", []))
    if not params:
        equipment = list(DEFAULT_EQUIPMENT)
    return {
        "duration": int(params.get("duration") or DEFAULT_MINUTES),
        "equipment": sorted(set(equipment) & known_equipment),
        "difficulty": params.get("difficulty") or DEFAULT_DIFFICULTY,
        "focus": params.get("focus") or Focus.ALL,
        "seed": int(params.get("seed") or 0),
    }
