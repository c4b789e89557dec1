"""What leaves the body when its sections become rows, and what stays."""

from exercises.fileformat.records import StepRecord
from exercises.fileformat.sections import read_body
from exercises.text.prose import ProsePart, prose_parts


def _read(body: str, **given):
    flags = {"steps_given": False, "modifications_given": False, "faqs_given": False}
    return read_body(body, **(flags | given))


def test_a_body_without_structured_sections_keeps_its_exact_text():
    body = "Intro.\n\n## Benefits\n\n- Strong back\n\n\n\nTrailing.  \n"

    assert _read(body).prose == body


def test_prose_inside_an_execution_section_stays_under_its_heading():
    body = (
        "## Execution\nKeep the neck long throughout.\n\n1. Lift.\n2. Lower.\n\n## Tips\nGo slow.\n"
    )

    content = _read(body)

    assert [step.text for step in content.steps] == ["Lift.", "Lower."]
    assert content.prose == "## Execution\nKeep the neck long throughout.\n\n## Tips\nGo slow.\n"


def test_steps_from_front_matter_leave_a_body_execution_section_alone():
    body = "## Execution\n1. Lift.\n2. Lower.\n"

    content = _read(body, steps_given=True)

    assert content.steps == [] and content.prose == body


def test_a_howto_part_not_used_for_steps_stays_with_its_marker():
    body = "Intro.\n\n## Modifications\n- **Easier:** Bend.\n\n<!-- howto -->\n\n### Lift\nUp.\n"

    content = _read(body, steps_given=True)

    assert [m.level for m in content.modifications] == ["easier"]
    assert content.prose == "Intro.\n\n<!-- howto -->\n\n### Lift\nUp.\n"


def test_faq_sections_leave_the_body_and_other_sections_keep_their_order():
    body = (
        "Intro.\n\n## FAQ\nQ: Why?\nA: Because.\n\n## Breathing\nIn and out.\n\n"
        "## Ejecución\n1. Sube.\n"
    )

    content = _read(body)

    assert [(faq.question, faq.answer) for faq in content.faqs] == [("Why?", "Because.")]
    assert content.prose == "Intro.\n\n## Breathing\nIn and out.\n"


def test_prose_parts_place_setup_before_and_tips_after_the_steps():
    parts = prose_parts(
        "Intro.\n\n## Tips\n- Slow.\n\n### Why\nControl.\n\n## Starting Position\nLie down.\n\n"
        "**Respiración:**\nExhala al subir.\n\n## History\nOld.\n"
    )

    assert parts[ProsePart.ABOUT] == "Intro.\n\n## History\nOld.\n"
    assert parts[ProsePart.SETUP] == "## Starting Position\nLie down.\n"
    assert parts[ProsePart.GUIDANCE] == (
        "**Respiración:**\nExhala al subir.\n\n## Tips\n- Slow.\n\n### Why\nControl.\n"
    )


HOWTO_WITH_MOVEMENT = """\
### Starting Position
1. Stand tall holding a light dumbbell in each hand by your thighs.

### Movement
1. **Curl Up:** Bend the elbows and bring both dumbbells toward the shoulders slowly.
2. **Squeeze:** Pause at the top and tighten the biceps for one full second.
3. **Lower:** Straighten the arms again under control until the elbows are long.

### Tips
- Keep the elbows pinned beside the ribs.

<!-- howto -->

### Curl Up
Bend your elbows and bring both dumbbells up toward your shoulders slowly and smoothly.

### Squeeze at the Top
Pause at the top and tighten your biceps for one full second before lowering.

### Lower Down
Straighten your arms under control until the elbows are long again.
"""


def test_a_movement_list_restating_the_named_steps_leaves_the_body():
    content = _read(HOWTO_WITH_MOVEMENT)

    assert [step.title for step in content.steps] == ["Curl Up", "Squeeze at the Top", "Lower Down"]
    assert "Movement" not in content.prose and "Straighten the arms" not in content.prose
    assert "Stand tall holding" in content.prose and "pinned beside the ribs" in content.prose


def test_a_body_list_restating_front_matter_steps_leaves_the_body():
    body = (
        "## Instructions\n1. Lie on your back with both knees bent and feet flat.\n"
        "2. Lift the hips until the body makes a line from knees to shoulders.\n\n"
        "## Tips\n- Press through the heels, not the toes.\n"
    )
    steps = [
        StepRecord(text="Lie on your back, knees bent, feet flat on the floor."),
        StepRecord(text="Lift your hips until your body forms a line from knees to shoulders."),
    ]

    content = _read(body, steps_given=True, given_steps=steps)

    assert content.prose == "## Tips\n- Press through the heels, not the toes.\n"


def test_a_list_that_shares_one_sentence_with_the_steps_stays():
    body = (
        "## Tips\n- Lift the hips until the body makes a line from knees to shoulders.\n"
        "- Press through the heels, not the toes.\n- Let the neck stay soft.\n"
    )
    steps = [
        StepRecord(text="Lie on your back, knees bent, feet flat on the floor."),
        StepRecord(text="Lift your hips until your body forms a line from knees to shoulders."),
    ]

    assert _read(body, steps_given=True, given_steps=steps).prose == body
