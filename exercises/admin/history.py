"""The history's compare view shows what an editor changed, nothing else.

Fields the site derives on every save (the stored HTML, the update stamp, the search
vector, the picture's renditions, the import stamp, the related-ranking mark) would
otherwise turn up in every comparison, and a body stored before text was normalised would
differ from its normalised self on every line; both hide the one real change.
"""

from reversion_compare.helpers import html_diff

from exercises.admin.bases import ExerciseAdminBase
from exercises.models import Exercise
from exercises.text.normalise import normalise_text, normalised_text_fields

DERIVED_FIELDS = [
    "body_html",
    "setup_html",
    "guidance_html",
    "updated_at",
    "imported_at",
    "search_vector",
    "image_renditions",
    "related_ranked",
    # The tag manager is no column django-reversion-compare can read; the tags are compared
    # as the TaggedExercise rows the revision follows (tagged_items).
    "tags",
]


class TruthfulCompareMixin(ExerciseAdminBase):
    compare_exclude = DERIVED_FIELDS

    def compare(self, obj, version1, version2):
        diff, has_unfollowed_fields = super().compare(obj, version1, version2)  # type: ignore[misc]
        same_text = {
            name
            for name in normalised_text_fields(Exercise)
            if normalise_text(version1.field_dict.get(name) or "")
            == normalise_text(version2.field_dict.get(name) or "")
        }
        real = [entry for entry in diff if getattr(entry["field"], "name", None) not in same_text]
        return real, has_unfollowed_fields

    def compare_TextField(self, obj_compare):
        first, second = obj_compare.to_string()
        return html_diff(normalise_text(first or ""), normalise_text(second or ""))
