"""The workout generator: a plain function from candidate exercises and a request to a
workout plan (warm-up, main, cool-down), with no database access.

``generate_workout`` is the one entry point; the public generator page and the API call it
with candidates their selector loaded (``workouts.site.selectors.generator_candidates``).

What it guarantees, for any candidates and request (``tests/workouts/site/test_generator``
checks each over many random requests):

- only exercises whose equipment is all among the chosen pieces (or equipment-free ones:
  no equipment, or only ``bodyweight``);
- nothing above the chosen difficulty (an exercise without one counts as intermediate);
- no exercise twice;
- warm-up, main and cool-down in proportion (``SECTION_SHARES``), the total time equal to
  the request's minutes (each item a multiple of five seconds, within its section's bounds);
- the body area in focus for every main item when enough candidates fit it, else as many as
  fit, the rest from other areas (``focus_relaxed`` says so);
- the same plan for the same candidates and request, whatever the candidates' order; another
  ``seed`` reshuffles;
- when the candidates cannot fill the time, no plan but the relaxations that would give one.
"""

import math
import random
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from exercises.vocabulary import fold
from workouts.models import ItemKind, SectionKind

MIN_MINUTES = 5
MAX_MINUTES = 60
DEFAULT_MINUTES = 20

# The pieces of equipment a request may name and still get an exercise that needs none.
EQUIPMENT_FREE = frozenset({"bodyweight"})

DIFFICULTY_ORDER = ("beginner", "intermediate", "advanced")
# An exercise whose difficulty nobody set: not offered to someone asking for beginner work.
UNRATED_DIFFICULTY = "intermediate"

# Seconds of each item are a multiple of this (a countdown of 47 s reads oddly).
STEP_SECONDS = 5


# The generator's sections, in the order a generated workout has them.
PARTS = (SectionKind.WARM_UP, SectionKind.MAIN, SectionKind.COOL_DOWN)


class Focus(models.TextChoices):
    ALL = "all", _("Whole body")
    CORE = "core", _("Core")
    GLUTES = "glutes", _("Glutes and hips")
    LEGS = "legs", _("Legs")
    ARMS = "arms", _("Arms and shoulders")
    BACK = "back", _("Back and posture")
    UPPER_BODY = "upper_body", _("Upper body")
    LOWER_BODY = "lower_body", _("Lower body")


_CORE = frozenset({"abs", "obliques", "transverse-abdominis", "core", "pelvic-floor"})
_GLUTES = frozenset({"glutes", "glute-medius", "hips", "abductors"})
_LEGS = frozenset(
    {"quads", "hamstrings", "adductors", "abductors", "calves", "legs", "hip-flexors"}
)
_ARMS = frozenset({"biceps", "triceps", "forearms", "arms", "shoulders"})
_BACK = frozenset({"back", "upper-back", "lower-back", "lats", "traps", "rhomboids", "spine"})

# Muscle slugs (the canonical vocabulary, exercises.vocabulary) that each body area covers.
FOCUS_MUSCLES: dict[str, frozenset[str]] = {
    Focus.CORE: _CORE,
    Focus.GLUTES: _GLUTES,
    Focus.LEGS: _LEGS | _GLUTES,
    Focus.ARMS: _ARMS,
    Focus.BACK: _BACK,
    Focus.UPPER_BODY: _ARMS | _BACK | {"chest", "neck"},
    Focus.LOWER_BODY: _LEGS | _GLUTES,
}
# An exercise for the whole body fits every area.
WHOLE_BODY_MUSCLES = frozenset({"full-body"})


@dataclass(frozen=True)
class SectionPlan:
    kind: str
    share: float
    # Typical and extreme seconds per item: the item count follows the typical length; the
    # time is then shared out evenly, never outside the bounds.
    typical_seconds: int
    min_seconds: int
    max_seconds: int


SECTION_PLANS = (
    SectionPlan(SectionKind.WARM_UP, 0.15, 45, 20, 120),
    SectionPlan(SectionKind.MAIN, 0.70, 60, 20, 180),
    SectionPlan(SectionKind.COOL_DOWN, 0.15, 45, 20, 120),
)
SECTION_SHARES = {plan.kind: plan.share for plan in SECTION_PLANS}

# Words in a title that make an exercise a good gentle start or finish (both languages).
_GENTLE_WORDS = frozenset(
    {
        "stretch",
        "estiramiento",
        "breathing",
        "respiracion",
        "roll",
        "rodar",
        "cat",
        "gato",
        "child",
        "nino",
        "mermaid",
        "sirena",
        "saw",
        "sierra",
        "tilt",
        "basculacion",
        "circle",
        "circulos",
        "twist",
        "torsion",
        "release",
        "relax",
        "mobility",
        "movilidad",
    }
)


class Relaxation(models.TextChoices):
    """What a request can give up so that the candidates fill its time."""

    SHORTER = "shorter", _("Choose a shorter workout")
    EQUIPMENT = "equipment", _("Add equipment")
    DIFFICULTY = "difficulty", _("Allow harder exercises")
    SEVERAL = "several", _("Relax several choices")


@dataclass(frozen=True)
class Candidate:
    """One published exercise as the generator sees it. ``duration`` (seconds) is the
    exercise's own and only orders ties: a generated item's time comes from its section."""

    id: int
    title: str
    difficulty: str = ""
    equipment: frozenset[str] = frozenset()
    muscles: frozenset[str] = frozenset()
    duration: int | None = None
    language: str = "en"


@dataclass(frozen=True)
class PlannedItem:
    candidate: Candidate
    seconds: int


@dataclass(frozen=True)
class PlannedSection:
    kind: str
    items: tuple[PlannedItem, ...]

    @property
    def seconds(self) -> int:
        return sum(item.seconds for item in self.items)


@dataclass(frozen=True)
class Suggestion:
    """A relaxation that would give a workout: ``minutes`` the longest duration that fits,
    ``equipment`` the pieces to add, ``difficulty`` the level to allow; ``shorter``,
    ``equipment`` and ``difficulty`` change one of them, ``several`` those it sets."""

    relaxation: str
    minutes: int | None = None
    equipment: tuple[str, ...] = ()
    difficulty: str = ""


@dataclass(frozen=True)
class GeneratedWorkout:
    duration: int
    equipment: tuple[str, ...]
    difficulty: str
    focus: str
    seed: int
    sections: tuple[PlannedSection, ...] = ()
    # Some main items are outside the body area in focus (too few candidates fit it).
    focus_relaxed: bool = False
    # No workout: what to relax (empty when ``sections`` holds one).
    suggestions: tuple[Suggestion, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not self.sections

    @property
    def total_seconds(self) -> int:
        return sum(section.seconds for section in self.sections)

    @property
    def items(self) -> list[PlannedItem]:
        return [item for section in self.sections for item in section.items]


def request_of(plan: GeneratedWorkout) -> dict[str, object]:
    """The request that gave ``plan``, as ``generate_workout``'s keyword arguments."""
    return {
        "duration": plan.duration,
        "equipment": list(plan.equipment),
        "difficulty": plan.difficulty,
        "focus": plan.focus,
        "seed": plan.seed,
    }


def relaxed_request(plan: GeneratedWorkout, suggestion: Suggestion) -> dict[str, object]:
    """The request ``suggestion`` makes of the one that gave ``plan`` (the site's links and
    the API's suggestions both point at it)."""
    request = request_of(plan)
    if suggestion.minutes is not None:
        request["duration"] = suggestion.minutes
    if suggestion.equipment:
        request["equipment"] = sorted({*plan.equipment, *suggestion.equipment})
    if suggestion.difficulty:
        request["difficulty"] = suggestion.difficulty
    return request


ITEM_KIND_BY_PART: dict[str, str] = {
    SectionKind.WARM_UP: ItemKind.WARM_UP,
    SectionKind.COOL_DOWN: ItemKind.COOL_DOWN,
}


def item_kind(part: str) -> str:
    """The kind (``workouts.models.ItemKind``) of an item in the section ``part``."""
    return ITEM_KIND_BY_PART.get(part, "exercise")


def difficulty_rank(difficulty: str) -> int:
    return DIFFICULTY_ORDER.index(difficulty if difficulty in DIFFICULTY_ORDER else "intermediate")


def fits_equipment(candidate: Candidate, equipment: Collection[str]) -> bool:
    return candidate.equipment <= (EQUIPMENT_FREE | set(equipment))


def fits_difficulty(candidate: Candidate, difficulty: str) -> bool:
    own = candidate.difficulty if candidate.difficulty in DIFFICULTY_ORDER else UNRATED_DIFFICULTY
    return difficulty_rank(own) <= difficulty_rank(difficulty)


def fits_focus(candidate: Candidate, focus: str) -> bool:
    if focus == Focus.ALL:
        return True
    return bool(candidate.muscles & (FOCUS_MUSCLES[focus] | WHOLE_BODY_MUSCLES))


def section_seconds(duration: int) -> dict[str, int]:
    """Each section's seconds for ``duration`` minutes, multiples of ``STEP_SECONDS`` adding
    up to the whole: warm-up and cool-down take their shares, the main section the rest."""
    total = duration * 60
    shares = {}
    for plan in SECTION_PLANS:
        if plan.kind != SectionKind.MAIN:
            shares[plan.kind] = _round_to_step(total * plan.share)
    shares[SectionKind.MAIN] = total - sum(shares.values())
    return {plan.kind: shares[plan.kind] for plan in SECTION_PLANS}


def items_needed(duration: int) -> int:
    """The fewest items that fill ``duration`` minutes (each at its section's longest)."""
    seconds = section_seconds(duration)
    return sum(math.ceil(seconds[plan.kind] / plan.max_seconds) for plan in SECTION_PLANS)


def generate_workout(
    *,
    candidates: Iterable[Candidate],
    duration: int,
    equipment: Collection[str] = (),
    difficulty: str = "advanced",
    focus: str = Focus.ALL,
    seed: int = 0,
) -> GeneratedWorkout:
    """A workout of ``duration`` minutes (``MIN_MINUTES`` to ``MAX_MINUTES``) from
    ``candidates``: only exercises needing no equipment beyond ``equipment`` (canonical
    slugs; empty = equipment-free only), none above ``difficulty`` (``beginner``,
    ``intermediate``, ``advanced``), the main section on the body area ``focus`` (a
    ``Focus`` value) where enough fit; ``seed`` chooses among the possible workouts.

    Raises ValueError for a duration, difficulty or focus outside those values (the form
    and the API validate first). See the module's docstring for the guarantees."""
    if not MIN_MINUTES <= duration <= MAX_MINUTES:
        raise ValueError(f"duration must be {MIN_MINUTES} to {MAX_MINUTES} minutes: {duration}")
    if difficulty not in DIFFICULTY_ORDER:
        raise ValueError(f"unknown difficulty: {difficulty!r}")
    if focus not in Focus.values:
        raise ValueError(f"unknown focus: {focus!r}")
    pool = _unique(candidates)
    chosen_equipment = tuple(sorted(set(equipment)))
    request = GeneratedWorkout(
        duration=duration,
        equipment=chosen_equipment,
        difficulty=difficulty,
        focus=focus,
        seed=seed,
    )
    eligible = [
        candidate
        for candidate in pool
        if fits_equipment(candidate, chosen_equipment) and fits_difficulty(candidate, difficulty)
    ]
    if len(eligible) < items_needed(duration):
        return _with_suggestions(request, pool)
    return _plan(request, eligible)


def _unique(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Once each, by id, in id order: the result must not depend on the order given."""
    by_id: dict[int, Candidate] = {}
    for candidate in candidates:
        by_id.setdefault(candidate.id, candidate)
    return [by_id[key] for key in sorted(by_id)]


def _plan(request: GeneratedWorkout, eligible: list[Candidate]) -> GeneratedWorkout:
    rng = random.Random(f"workout-generator:{request.seed}")
    # One random key per candidate, drawn in id order, so the draw is the same whichever
    # subset a section later looks at.
    shuffle_key = {candidate.id: rng.random() for candidate in eligible}
    seconds = section_seconds(request.duration)
    counts = _item_counts(seconds, available=len(eligible))
    used: set[int] = set()

    def pick(ranked: Sequence[Candidate], count: int) -> list[Candidate]:
        picked = [candidate for candidate in ranked if candidate.id not in used][:count]
        used.update(candidate.id for candidate in picked)
        return picked

    # The main section chooses first: it is what the request is about.
    in_focus = [candidate for candidate in eligible if fits_focus(candidate, request.focus)]
    others = [candidate for candidate in eligible if not fits_focus(candidate, request.focus)]
    main = pick(
        sorted(in_focus, key=lambda c: shuffle_key[c.id])
        + sorted(others, key=lambda c: shuffle_key[c.id]),
        counts[SectionKind.MAIN],
    )
    # An easier-first order through the main section: it builds up.
    main.sort(key=lambda c: (_own_rank(c), shuffle_key[c.id]))

    def gentle_first(candidate: Candidate) -> tuple[int, int, float]:
        return (_own_rank(candidate), 0 if _is_gentle(candidate) else 1, shuffle_key[candidate.id])

    warm_up = pick(sorted(eligible, key=gentle_first), counts[SectionKind.WARM_UP])
    cool_down = pick(sorted(eligible, key=gentle_first), counts[SectionKind.COOL_DOWN])
    chosen: dict[str, list[Candidate]] = {
        SectionKind.WARM_UP: warm_up,
        SectionKind.MAIN: main,
        SectionKind.COOL_DOWN: cool_down,
    }
    sections = tuple(
        PlannedSection(
            plan.kind,
            tuple(
                PlannedItem(candidate, item_seconds)
                for candidate, item_seconds in zip(
                    chosen[plan.kind],
                    _share(seconds[plan.kind], len(chosen[plan.kind])),
                    strict=True,
                )
            ),
        )
        for plan in SECTION_PLANS
    )
    return GeneratedWorkout(
        duration=request.duration,
        equipment=request.equipment,
        difficulty=request.difficulty,
        focus=request.focus,
        seed=request.seed,
        sections=sections,
        focus_relaxed=any(not fits_focus(candidate, request.focus) for candidate in main),
    )


def _item_counts(seconds: dict[str, int], *, available: int) -> dict[str, int]:
    """Items per section: the typical length's count, bounded so each item stays within its
    section's limits, cut down (longer items) when fewer candidates are available."""
    counts = {}
    low = {}
    for plan in SECTION_PLANS:
        fewest = math.ceil(seconds[plan.kind] / plan.max_seconds)
        most = max(fewest, seconds[plan.kind] // plan.min_seconds)
        typical = round(seconds[plan.kind] / plan.typical_seconds)
        counts[plan.kind] = min(max(typical, fewest), most)
        low[plan.kind] = fewest
    # Too few candidates: take items away from the section with most to spare, main last.
    order = [SectionKind.MAIN, SectionKind.WARM_UP, SectionKind.COOL_DOWN]
    while sum(counts.values()) > available:
        spare = max(order, key=lambda kind: (counts[kind] - low[kind], kind == SectionKind.MAIN))
        if counts[spare] <= low[spare]:  # cannot happen: the caller checked items_needed
            break
        counts[spare] -= 1
    return counts


def _share(seconds: int, count: int) -> list[int]:
    """``seconds`` shared out over ``count`` items in multiples of ``STEP_SECONDS``, the
    longer ones first."""
    if count == 0:
        return []
    steps = seconds // STEP_SECONDS
    base, extra = divmod(steps, count)
    shares = [(base + (1 if index < extra else 0)) * STEP_SECONDS for index in range(count)]
    shares[-1] += seconds - sum(shares)  # a remainder below one step, if any
    return shares


def _round_to_step(seconds: float) -> int:
    return int(round(seconds / STEP_SECONDS)) * STEP_SECONDS


def _own_rank(candidate: Candidate) -> int:
    own = candidate.difficulty if candidate.difficulty in DIFFICULTY_ORDER else UNRATED_DIFFICULTY
    return difficulty_rank(own)


def _is_gentle(candidate: Candidate) -> bool:
    return bool(set(fold(candidate.title).split("-")) & _GENTLE_WORDS)


def _with_suggestions(request: GeneratedWorkout, pool: list[Candidate]) -> GeneratedWorkout:
    """No workout, and each relaxation on its own that would give one; when none would
    alone, the least that would together (equipment, then difficulty, then a shorter time)."""
    suggestions = []
    longest = _longest_fitting(pool, request.equipment, request.difficulty, request.duration)
    if longest is not None:
        suggestions.append(Suggestion(Relaxation.SHORTER, minutes=longest))
    needed = items_needed(request.duration)
    by_difficulty = [c for c in pool if fits_difficulty(c, request.difficulty)]
    more_equipment = _equipment_to_add(by_difficulty, request.equipment, needed)
    if more_equipment:
        suggestions.append(Suggestion(Relaxation.EQUIPMENT, equipment=more_equipment))
    level = _easiest_level_fitting(pool, request.equipment, request.difficulty, needed)
    if level:
        suggestions.append(Suggestion(Relaxation.DIFFICULTY, difficulty=level))
    if not suggestions:
        together = _relaxed_together(request, pool)
        if together is not None:
            suggestions.append(together)
    return GeneratedWorkout(
        duration=request.duration,
        equipment=request.equipment,
        difficulty=request.difficulty,
        focus=request.focus,
        seed=request.seed,
        suggestions=tuple(suggestions),
    )


def _fitting(pool: list[Candidate], equipment: Collection[str], difficulty: str) -> int:
    return sum(1 for c in pool if fits_equipment(c, equipment) and fits_difficulty(c, difficulty))


def _longest_fitting(
    pool: list[Candidate], equipment: Collection[str], difficulty: str, below: int
) -> int | None:
    """The longest workout under ``below`` minutes these choices fill, if any."""
    available = _fitting(pool, equipment, difficulty)
    fitting = [m for m in range(MIN_MINUTES, below) if items_needed(m) <= available]
    return max(fitting, default=None)


def _easiest_level_fitting(
    pool: list[Candidate], equipment: Collection[str], difficulty: str, needed: int
) -> str:
    for level in DIFFICULTY_ORDER[difficulty_rank(difficulty) + 1 :]:
        if _fitting(pool, equipment, level) >= needed:
            return level
    return ""


def _relaxed_together(request: GeneratedWorkout, pool: list[Candidate]) -> Suggestion | None:
    every_piece = {piece for candidate in pool for piece in candidate.equipment}
    every_piece |= set(request.equipment)
    for level in DIFFICULTY_ORDER[difficulty_rank(request.difficulty) :]:
        minutes = _longest_fitting(pool, every_piece, level, request.duration + 1)
        if minutes is None:
            continue
        allowed = [c for c in pool if fits_difficulty(c, level)]
        equipment = _equipment_to_add(allowed, request.equipment, items_needed(minutes))
        return Suggestion(
            Relaxation.SEVERAL,
            minutes=minutes if minutes != request.duration else None,
            equipment=equipment,
            difficulty=level if level != request.difficulty else "",
        )
    return None


def _equipment_to_add(
    pool: list[Candidate], equipment: Sequence[str], needed: int
) -> tuple[str, ...]:
    """The fewest pieces (chosen greedily, the one adding most exercises first) whose
    addition makes ``needed`` candidates fit; empty when even all of them would not."""
    chosen = set(equipment)
    added: list[str] = []

    def fitting() -> int:
        return sum(1 for candidate in pool if fits_equipment(candidate, chosen))

    every_piece = sorted({piece for candidate in pool for piece in candidate.equipment})
    while fitting() < needed:
        gains = {
            piece: sum(
                1
                for candidate in pool
                if not fits_equipment(candidate, chosen)
                and fits_equipment(candidate, chosen | {piece})
            )
            for piece in every_piece
            if piece not in chosen
        }
        if not gains:
            return ()
        best = max(sorted(gains), key=lambda piece: gains[piece])
        if gains[best] == 0:
            # No single piece helps: the exercises left need two new pieces at once.
            wanted = sorted(
                {
                    piece
                    for candidate in pool
                    if not fits_equipment(candidate, chosen)
                    for piece in candidate.equipment - chosen - EQUIPMENT_FREE
                }
            )
            if not wanted:
                return ()
            best = wanted[0]
        chosen.add(best)
        added.append(best)
    return tuple(added)
