"""An exercise's rows as front-matter values: the exporter's side of the field table.

Each function takes the exercise and the ``FrontMatterField`` it writes, so the keys of
structured items come from the table too.
"""

from typing import TYPE_CHECKING, Any

from exercises.models import Exercise, Taxonomy, VideoProvider, VideoReference

if TYPE_CHECKING:
    from exercises.fileformat.fields import FrontMatterField


def attribute_value(exercise: Exercise, front_matter_field: "FrontMatterField") -> Any:
    return getattr(exercise, front_matter_field.attribute)


def category_name(exercise: Exercise, front_matter_field: "FrontMatterField") -> str:
    """The category's name in the exercise's language, which imports back to it."""
    category: Taxonomy | None = getattr(exercise, front_matter_field.attribute)
    return category.name_in(exercise.language) if category else ""


def term_names(exercise: Exercise, front_matter_field: "FrontMatterField") -> list[str]:
    """Names in the exercise's language (tags have one name), sorted so the same terms
    always give the same bytes."""
    terms = getattr(exercise, front_matter_field.attribute).all()
    return sorted(
        term.name_in(exercise.language) if isinstance(term, Taxonomy) else term.name
        for term in terms
    )


def current_address(exercise: Exercise, front_matter_field: "FrontMatterField") -> str:
    return exercise.get_absolute_url()


def old_addresses(exercise: Exercise, front_matter_field: "FrontMatterField") -> list[str]:
    """The paths that redirect to the exercise, sorted (Hugo's ``aliases``)."""
    return sorted(address.path for address in exercise.old_addresses.all())


def image_path(exercise: Exercise, front_matter_field: "FrontMatterField | None" = None) -> str:
    """The source's path, else where the admin stored the upload."""
    return exercise.image_source or (exercise.image.name or "" if exercise.image else "")


def _item(
    row: Any, front_matter_field: "FrontMatterField", attributes: list[str]
) -> dict[str, Any]:
    """The given attributes of a child row under their keys, empty ones left out."""
    data = {
        front_matter_field.item_key(attribute): getattr(row, attribute) for attribute in attributes
    }
    return {key: value for key, value in data.items() if value not in ("", None)}


def _children(exercise: Exercise, front_matter_field: "FrontMatterField") -> list[Any]:
    return list(getattr(exercise, front_matter_field.attribute).all())


def videos(exercise: Exercise, front_matter_field: "FrontMatterField") -> list[dict[str, Any]]:
    written = []
    video: VideoReference
    for video in _children(exercise, front_matter_field):
        attributes = [
            attribute
            for attribute in front_matter_field.item_keys
            if attribute != "url" or video.provider == VideoProvider.URL
        ]
        written.append(_item(video, front_matter_field, attributes))
    return written


def steps(exercise: Exercise, front_matter_field: "FrontMatterField") -> list[str | dict[str, Any]]:
    """A step without a title is written as its plain text."""
    return [
        _item(step, front_matter_field, list(front_matter_field.item_keys))
        if step.title
        else step.text
        for step in _children(exercise, front_matter_field)
    ]


def modifications(
    exercise: Exercise, front_matter_field: "FrontMatterField"
) -> list[dict[str, Any]]:
    return [
        _item(modification, front_matter_field, list(front_matter_field.item_keys))
        for modification in _children(exercise, front_matter_field)
    ]


def faqs(exercise: Exercise, front_matter_field: "FrontMatterField") -> list[dict[str, Any]]:
    return [
        _item(faq, front_matter_field, list(front_matter_field.item_keys))
        for faq in _children(exercise, front_matter_field)
    ]
