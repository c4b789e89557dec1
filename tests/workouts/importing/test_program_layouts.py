"""Programs are written only as markdown: timed sections of bold names in three layouts."""

import pytest

from exercises.fileformat.errors import ImportFileError
from workouts.fileformat.program import parse_program, section_kind

BOLD_LINES = """\
## Why

Calm words stay in the body.

## The Routine

### Warm-Up (2 minutes)

**Belly Breathing (1 min)**
- Lie on your back
- Breathe out for six

**Knee Sways (1.5 min)**
- Let the knees fall
- 6 each side

### Cool-Down (1 minute)

**Folded Leaf (30 sec)**
- Sit back on the heels

## Notes

- Kept as prose
"""

NUMBERED_AND_BULLETS = """\
### Calentamiento (3 minutos)

1. **Rebote Sentada** - Rebota suave (1 min)
2. **Círculos de Cadera** - Círculos lentos (30 seg por lado)

### Entrenamiento Principal (15 minutos)

#### Bloque 1: Piernas
- **Curl con Pelota** - 10 reps x 2
- **Pica sobre Pelota** - Manos en el suelo, sube la cadera

*Descanso 45 segundos*

### Enfriamiento (2 minutos)

1. **Espalda sobre la Pelota** - Brazos abiertos (1 min)
"""


def test_bold_names_on_their_own_line_become_items_with_the_bullets_as_instructions():
    parsed = parse_program(BOLD_LINES)

    assert [(s.kind, s.title, s.minutes) for s in parsed.sections] == [
        ("warm_up", "Warm-Up", 2),
        ("cool_down", "Cool-Down", 1),
    ]
    breathing, sways = parsed.sections[0].items
    assert (breathing.kind, breathing.name, breathing.duration) == (
        "warm_up",
        "Belly Breathing",
        60,
    )
    assert breathing.instructions == ["Lie on your back", "Breathe out for six"]
    assert sways.duration == 90
    assert parsed.sections[1].items[0].duration == 30
    assert parsed.layouts == {"line"}


def test_sections_leave_the_body_and_the_other_prose_stays():
    parsed = parse_program(BOLD_LINES)

    assert "Calm words stay in the body." in parsed.body
    assert "- Kept as prose" in parsed.body
    assert "Belly Breathing" not in parsed.body
    assert "Warm-Up" not in parsed.body


def test_numbered_lists_bullets_blocks_and_rests_in_spanish():
    parsed = parse_program(NUMBERED_AND_BULLETS)

    kinds = [(s.kind, s.title, s.minutes) for s in parsed.sections]
    assert kinds == [
        ("warm_up", "Calentamiento", 3),
        ("main", "Entrenamiento Principal", 15),
        ("block", "Bloque 1: Piernas", None),
        ("cool_down", "Enfriamiento", 2),
    ]
    bounce, circles = parsed.sections[0].items
    assert (bounce.name, bounce.duration, bounce.instructions) == (
        "Rebote Sentada",
        60,
        ["Rebota suave"],
    )
    assert circles.duration == 30
    curl, pike, rest = parsed.sections[2].items
    assert (curl.kind, curl.name, curl.reps, curl.duration) == (
        "exercise",
        "Curl con Pelota",
        "10 reps x 2",
        None,
    )
    assert pike.instructions == ["Manos en el suelo, sube la cadera"]
    assert (rest.kind, rest.name, rest.duration) == ("rest", "Descanso", 45)
    assert parsed.layouts == {"numbered", "bullets"}


def test_a_body_whose_sections_name_no_item_is_kept_verbatim_with_its_outline():
    body = (
        "### Warm-Up (2 minutes)\n\n- Breathe\n\n"
        "### Main Workout (7 minutes)\n\n**Tips:**\n- Slowly\n"
    )

    parsed = parse_program(body)

    assert parsed.sections == []
    assert parsed.body == body
    assert [(s.kind, s.minutes) for s in parsed.outline] == [("warm_up", 2), ("main", 7)]


def test_text_under_a_section_before_its_first_item_stays_in_the_body_under_its_heading():
    body = "### Main Workout (5 minutes)\n\nNo rest between moves.\n\n- **Saw** - 4 each side\n"

    parsed = parse_program(body)

    assert parsed.body == "### Main Workout (5 minutes)\nNo rest between moves."
    assert parsed.sections[0].items[0].reps == "4 each side"


def test_a_chapter_heading_without_minutes_is_not_a_section():
    assert section_kind("The Workout") is None
    assert section_kind("El Entrenamiento") is None
    assert section_kind("The Workout", timed=True) == "main"
    assert section_kind("Vuelta a la calma") == "cool_down"


def test_a_section_of_more_than_a_day_is_refused_with_its_line():
    with pytest.raises(ImportFileError) as error:
        parse_program("intro\n### Warm-Up (1500 minutes)\n**Saw**\n", first_line=7)

    assert error.value.where == "line 8"


def test_worse_shapes_ranges_colons_bold_headings_and_times_after_the_bold_name():
    body = (
        "### **Warm-Up**: 4 Minutes\n\n"
        "**Roll Down** (1-2 min)\n- Slowly\n**Form cue:** chin soft\n\n"
        "### Main Workout (20-25 minutes)\n\n"
        "- **Saw** - 4 each side\n- Rest 20 sec\n"
    )

    parsed = parse_program(body)

    warm, main = parsed.sections
    assert (warm.kind, warm.title, warm.minutes) == ("warm_up", "Warm-Up", 4)
    roll = warm.items[0]
    assert (roll.name, roll.duration, roll.reps) == ("Roll Down", 120, "1-2 min")
    assert roll.instructions == ["Slowly", "**Form cue:** chin soft"]
    assert (main.title, main.minutes) == ("Main Workout", 25)
    assert [(item.kind, item.duration) for item in main.items] == [("exercise", None), ("rest", 20)]
