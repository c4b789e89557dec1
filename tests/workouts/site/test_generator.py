"""The generator's promises, checked on hand-made libraries and over many random requests."""

import random

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from workouts.generator import (
    DIFFICULTY_ORDER,
    EQUIPMENT_FREE,
    FOCUS_MUSCLES,
    MAX_MINUTES,
    MIN_MINUTES,
    PARTS,
    SECTION_SHARES,
    WHOLE_BODY_MUSCLES,
    Candidate,
    Focus,
    Relaxation,
    difficulty_rank,
    generate_workout,
    items_needed,
)
from workouts.models import SectionKind

EQUIPMENT = ["mat", "band", "ball", "ring", "bodyweight", "dumbbell"]
MUSCLES = sorted({muscle for muscles in FOCUS_MUSCLES.values() for muscle in muscles})
MUSCLES += sorted(WHOLE_BODY_MUSCLES)
DIFFICULTIES = [*DIFFICULTY_ORDER, ""]


def library(size: int, *, equipment=frozenset({"mat"}), difficulty="beginner", muscles=("abs",)):
    return [
        Candidate(
            id=number,
            title=f"Move {number}",
            difficulty=difficulty,
            equipment=frozenset(equipment),
            muscles=frozenset(muscles),
            duration=60,
        )
        for number in range(1, size + 1)
    ]


@st.composite
def candidates_strategy(draw):
    """Libraries of 0 to 150 exercises (ids unique: a selector gives one row per exercise),
    mostly large enough for a workout, some far too small."""
    size = draw(st.integers(min_value=0, max_value=150))
    fields = st.tuples(
        st.sampled_from(["Roll Up", "Cat Stretch", "Plank", "Sirena", "Teaser", "Bridge"]),
        st.sampled_from(DIFFICULTIES),
        st.frozensets(st.sampled_from(EQUIPMENT), max_size=2),
        st.frozensets(st.sampled_from(MUSCLES), max_size=3),
        st.one_of(st.none(), st.integers(min_value=10, max_value=600)),
    )
    ids = draw(st.lists(st.integers(1, 10_000), min_size=size, max_size=size, unique=True))
    return [
        Candidate(id, title, difficulty, equipment, muscles, duration)
        for id, (title, difficulty, equipment, muscles, duration) in zip(
            ids, draw(st.lists(fields, min_size=size, max_size=size)), strict=True
        )
    ]


requests_strategy = st.fixed_dictionaries(
    {
        "duration": st.integers(min_value=MIN_MINUTES, max_value=MAX_MINUTES),
        "equipment": st.frozensets(st.sampled_from(EQUIPMENT), max_size=4),
        "difficulty": st.sampled_from(DIFFICULTY_ORDER),
        "focus": st.sampled_from(Focus.values),
        "seed": st.integers(min_value=0, max_value=10**6),
    }
)


def _in_focus(candidate: Candidate, focus: str) -> bool:
    if focus == Focus.ALL:
        return True
    return bool(candidate.muscles & (FOCUS_MUSCLES[focus] | WHOLE_BODY_MUSCLES))


def _own_difficulty(candidate: Candidate) -> str:
    return candidate.difficulty or "intermediate"


@given(candidates=candidates_strategy(), request=requests_strategy)
def test_every_generated_workout_keeps_every_promise(candidates, request):
    workout = generate_workout(candidates=candidates, **request)
    event("a workout" if workout.items else "no workout")
    shuffled = list(candidates)
    random.Random(request["seed"]).shuffle(shuffled)
    assert generate_workout(candidates=shuffled, **request) == workout

    if workout.is_empty:
        if not workout.suggestions:  # then even all relaxations together do not help
            every_piece = {piece for candidate in candidates for piece in candidate.equipment}
            furthest = {
                "duration": MIN_MINUTES,
                "equipment": request["equipment"] | every_piece,
                "difficulty": "advanced",
            }
            assert generate_workout(candidates=candidates, **{**request, **furthest}).is_empty
        for suggestion in workout.suggestions:
            relaxed = dict(request)
            if suggestion.minutes is not None:
                assert suggestion.minutes < request["duration"]
                relaxed["duration"] = suggestion.minutes
            if suggestion.equipment:
                assert not set(suggestion.equipment) & request["equipment"]
                relaxed["equipment"] = request["equipment"] | set(suggestion.equipment)
            if suggestion.difficulty:
                assert difficulty_rank(suggestion.difficulty) > difficulty_rank(
                    request["difficulty"]
                )
                relaxed["difficulty"] = suggestion.difficulty
            changes = (suggestion.minutes, suggestion.equipment, suggestion.difficulty)
            if suggestion.relaxation == Relaxation.SEVERAL:
                assert len(workout.suggestions) == 1
                assert sum(1 for change in changes if change) >= 2
            else:
                assert sum(1 for change in changes if change) == 1
            assert not generate_workout(candidates=candidates, **relaxed).is_empty, suggestion
        return

    items = workout.items
    target = request["duration"] * 60
    assert abs(workout.total_seconds - target) <= target * 0.10
    assert [section.kind for section in workout.sections] == list(PARTS)
    assert all(section.items for section in workout.sections)
    for section in workout.sections:
        share = section.seconds / workout.total_seconds
        assert abs(share - SECTION_SHARES[section.kind]) < 0.06, (section.kind, share)
    ids = [item.candidate.id for item in items]
    assert len(ids) == len(set(ids)), "an exercise twice"
    allowed = EQUIPMENT_FREE | request["equipment"]
    for item in items:
        assert item.candidate.equipment <= allowed
        assert difficulty_rank(_own_difficulty(item.candidate)) <= difficulty_rank(
            request["difficulty"]
        )
        assert item.seconds % 5 == 0 and 20 <= item.seconds <= 180
    main = next(section for section in workout.sections if section.kind == SectionKind.MAIN)
    eligible_in_focus = {
        candidate.id
        for candidate in candidates
        if candidate.equipment <= allowed
        and difficulty_rank(_own_difficulty(candidate)) <= difficulty_rank(request["difficulty"])
        and _in_focus(candidate, request["focus"])
    }
    in_focus = [item for item in main.items if _in_focus(item.candidate, request["focus"])]
    # The focus is kept for as many main items as the library allows.
    assert len(in_focus) == min(len(main.items), len(eligible_in_focus))
    assert workout.focus_relaxed == (len(in_focus) < len(main.items))


@given(candidates=candidates_strategy(), request=requests_strategy)
def test_a_library_large_enough_always_gives_a_workout(candidates, request):
    padding = [
        Candidate(id=1000 + number, title=f"Free move {number}", difficulty="beginner")
        for number in range(items_needed(request["duration"]))
    ]
    assert not generate_workout(candidates=candidates + padding, **request).is_empty


def test_the_same_request_gives_the_same_workout_and_another_seed_reshuffles():
    candidates = library(80)
    first = generate_workout(candidates=candidates, duration=30, equipment=["mat"], seed=1)
    again = generate_workout(candidates=candidates, duration=30, equipment=["mat"], seed=1)
    other = generate_workout(candidates=candidates, duration=30, equipment=["mat"], seed=2)
    assert first == again
    assert [item.candidate.id for item in first.items] != [
        item.candidate.id for item in other.items
    ]


def test_sections_follow_the_proportions_of_the_request():
    workout = generate_workout(candidates=library(60), duration=20, equipment=["mat"])
    assert [(section.kind, section.seconds) for section in workout.sections] == [
        ("warm_up", 180),
        ("main", 840),
        ("cool_down", 180),
    ]
    assert workout.total_seconds == 20 * 60


def test_equipment_free_request_leaves_out_exercises_that_need_equipment():
    free = library(30, equipment=())
    banded = [
        Candidate(
            id=100 + n, title=f"Band {n}", difficulty="beginner", equipment=frozenset({"band"})
        )
        for n in range(30)
    ]
    workout = generate_workout(candidates=free + banded, duration=15)
    assert workout.items
    assert all(not item.candidate.equipment for item in workout.items)


def test_nothing_above_the_chosen_difficulty_and_unrated_counts_as_intermediate():
    easy = library(10)
    hard = library(40, difficulty="advanced")
    unrated = [
        Candidate(id=500 + n, title=f"Unrated {n}", equipment=frozenset({"mat"})) for n in range(40)
    ]
    hard = [Candidate(id=200 + c.id, title=c.title, difficulty="advanced") for c in hard]
    workout = generate_workout(
        candidates=easy + hard + unrated, duration=5, equipment=["mat"], difficulty="beginner"
    )
    assert {item.candidate.difficulty for item in workout.items} == {"beginner"}
    intermediate = generate_workout(
        candidates=easy + hard + unrated, duration=30, equipment=["mat"], difficulty="intermediate"
    )
    assert {item.candidate.difficulty for item in intermediate.items} <= {"beginner", ""}


def test_focus_fills_the_main_section_when_enough_exercises_fit_it():
    core = library(40, muscles=("abs",))
    legs = [
        Candidate(id=100 + n, title=f"Leg {n}", difficulty="beginner", muscles=frozenset({"quads"}))
        for n in range(40)
    ]
    workout = generate_workout(
        candidates=core + legs, duration=20, equipment=["mat"], focus=Focus.LEGS
    )
    main = workout.sections[1]
    assert all("quads" in item.candidate.muscles for item in main.items)
    assert not workout.focus_relaxed


def test_focus_relaxed_when_too_few_exercises_fit_it():
    legs = [
        Candidate(id=100 + n, title=f"Leg {n}", difficulty="beginner", muscles=frozenset({"quads"}))
        for n in range(3)
    ]
    workout = generate_workout(
        candidates=library(40) + legs, duration=20, equipment=["mat"], focus=Focus.LEGS
    )
    main_ids = {item.candidate.id for item in workout.sections[1].items}
    assert {100, 101, 102} <= main_ids
    assert workout.focus_relaxed


def test_no_workout_when_too_few_exercises_fit_and_the_relaxations_are_named():
    free = library(4, equipment=())
    banded = [
        Candidate(
            id=100 + n, title=f"Band {n}", difficulty="beginner", equipment=frozenset({"band"})
        )
        for n in range(30)
    ]
    hard = [
        Candidate(id=300 + n, title=f"Hard {n}", difficulty="advanced", equipment=frozenset())
        for n in range(30)
    ]
    workout = generate_workout(candidates=free + banded + hard, duration=30, difficulty="beginner")
    assert workout.is_empty
    assert workout.items == []
    by_kind = {suggestion.relaxation: suggestion for suggestion in workout.suggestions}
    assert by_kind[Relaxation.SHORTER].minutes == 8  # four items: 1 + 2 + 1
    assert by_kind[Relaxation.EQUIPMENT].equipment == ("band",)
    assert by_kind[Relaxation.DIFFICULTY].difficulty == "advanced"


def test_an_empty_library_gives_no_workout_and_nothing_to_relax():
    workout = generate_workout(candidates=[], duration=10)
    assert workout.is_empty
    assert workout.suggestions == ()


@pytest.mark.parametrize(
    "request_",
    [
        {"duration": 4},
        {"duration": 61},
        {"duration": 20, "difficulty": "expert"},
        {"duration": 20, "focus": "toes"},
    ],
)
def test_requests_outside_the_choices_are_refused(request_):
    with pytest.raises(ValueError):
        generate_workout(candidates=library(40), **request_)
