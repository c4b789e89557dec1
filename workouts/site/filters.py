"""The public workout list's filters: the exercise list's lenient facets (exercises.site.
filters) over workouts. Each catalogue category group (time, body focus, environment,
goal, mood) is a facet of its own, named by the group, so ``?mood=tense&goal=ease`` asks
for both and the same slug in two groups stays two options."""

from django.utils.translation import gettext_lazy as _

from exercises.models import Difficulty, Equipment
from exercises.site.filters import (
    SORT_CHOICES,
    Band,
    BandFacetFilter,
    ChoicesFacetFilter,
    ListingFilterSet,
    SlugMultipleFilter,
    SortFilter,
)
from workouts.models import Workout, WorkoutCategory, WorkoutCategoryGroup

# The stated minutes, in the lengths the catalogue offers (5 to 60 minutes): each band
# holds its upper end, so a 10-minute workout is "up to 10" and a 20-minute one "10-20".
DURATION_BANDS = [
    Band("up-to-10", _("Up to 10 minutes"), up_to=10),
    Band("10-20", _("10–20 minutes"), above=10, up_to=20),
    Band("20-30", _("20–30 minutes"), above=20, up_to=30),
    Band("30-45", _("30–45 minutes"), above=30, up_to=45),
    Band("over-45", _("Over 45 minutes"), above=45),
]
# Best match orders nothing: the workout list has no search of its own.
WORKOUT_SORT_CHOICES = [choice for choice in SORT_CHOICES if choice[0] != "relevance"]


def _category_facet(group: WorkoutCategoryGroup) -> SlugMultipleFilter:
    return SlugMultipleFilter(
        field_name="categories",
        queryset=WorkoutCategory.objects.all(),
        term_filter={"group": group.value},
        label=group.label,
    )


class WorkoutFilterSet(ListingFilterSet):
    duration = BandFacetFilter(source="duration", bands=DURATION_BANDS, label=_("Duration"))
    difficulty = ChoicesFacetFilter(
        field_name="difficulty", choices=Difficulty.choices, label=_("Difficulty")
    )
    equipment = SlugMultipleFilter(
        field_name="equipment", queryset=Equipment.objects.all(), label=_("Equipment")
    )
    time = _category_facet(WorkoutCategoryGroup.TIME)
    body_focus = _category_facet(WorkoutCategoryGroup.BODY_FOCUS)
    environment = _category_facet(WorkoutCategoryGroup.ENVIRONMENT)
    goal = _category_facet(WorkoutCategoryGroup.GOAL)
    mood = _category_facet(WorkoutCategoryGroup.MOOD)
    sort = SortFilter(choices=WORKOUT_SORT_CHOICES, label=_("Sort by"), empty_label=None)

    class Meta:
        model = Workout
        fields: list[str] = []
