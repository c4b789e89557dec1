"""The exercises workout items may name, loaded for ``workouts.matching`` in two queries."""

from collections import defaultdict

from exercises.models import Exercise, OldAddress
from workouts.matching import Candidate, ExerciseMatcher


def exercise_candidates() -> list[Candidate]:
    """Every exercise's title, slug, translation key and old page names.

    Drafts are candidates too: an editor who publishes one finds the workouts already linked.
    """
    aliases: dict[int, list[str]] = defaultdict(list)
    for exercise_id, path in OldAddress.objects.values_list("exercise_id", "path"):
        if name := path.rstrip("/").rsplit("/", 1)[-1]:
            aliases[exercise_id].append(name)
    rows = Exercise.objects.order_by("pk").values_list(
        "pk", "language", "title", "slug", "translation_key"
    )
    return [
        Candidate(pk, language, title, slug, key, tuple(aliases.get(pk, ())))
        for pk, language, title, slug, key in rows
    ]


def exercise_matcher() -> ExerciseMatcher:
    return ExerciseMatcher(exercise_candidates())
