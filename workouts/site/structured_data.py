"""JSON-LD of a workout page: one schema.org ``HowTo`` whose steps are the routine's items.
Built from the routine alone (no query)."""

from collections.abc import Callable, Iterable

from exercises.site.structured_data import SCHEMA_CONTEXT, iso_duration
from workouts.site.routine import Routine


def workout_howto(
    *,
    name: str,
    url: str,
    routine: Routine,
    absolute: Callable[[str], str],
    language: str,
    description: str = "",
    image_url: str = "",
    equipment_names: Iterable[str] = (),
) -> dict:
    """``url`` is the page's absolute address; ``absolute`` makes a path absolute (the
    request's ``build_absolute_uri``). A step's ``url`` is its exercise's page where the
    item is linked to one, else the item's place on this page."""
    steps = []
    for number, item in enumerate(routine.items, start=1):
        text = " ".join(item.instructions) or item.reps or item.name
        step = {
            "@type": "HowToStep",
            "position": number,
            "name": item.name,
            "text": text,
            "url": absolute(item.url) if item.url else f"{url}#item-{number}",
        }
        if item.seconds:
            step["timeRequired"] = iso_duration(item.seconds)
        steps.append(step)
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "HowTo",
        "name": name,
        "description": description,
        "url": url,
        "inLanguage": language,
        "image": image_url,
        "totalTime": iso_duration(routine.total_seconds),
        "tool": [{"@type": "HowToTool", "name": tool} for tool in equipment_names],
        "step": steps,
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}
