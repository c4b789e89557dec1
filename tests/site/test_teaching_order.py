"""Teaching order by heading families: setup, then steps, then breathing, tips, mistakes,
benefits and safety, whatever the wording, language, accents or heading style."""

import pytest

from exercises.text.prose import FAMILIES, ProsePart, heading_family, prose_parts

# Headings as real files write them, with the family they belong to (None: no family).
HEADINGS = {
    "Setup": "setup",
    "Set Up": "setup",
    "Starting Position": "setup",
    "Start Position": "setup",
    "Body Position": "setup",
    "Posición Inicial": "setup",
    "POSICIÓN DE INICIO": "setup",
    "Preparación": "setup",
    "Execution": "steps",
    "Movement": "steps",
    "The Movement": "steps",
    "Step-by-Step Instructions": "steps",
    "How to Perform": "steps",
    "Ejecución": "steps",
    "Movimiento": "steps",
    "Instrucciones paso a paso": "steps",
    "Cómo hacerlo": "steps",
    "Breathing": "breathing",
    "Breathing Pattern": "breathing",
    "Respiración": "breathing",
    "Patrón de respiración": "breathing",
    "Tips": "tips",
    "Tips for Success": "tips",
    "Key Points": "tips",
    "Form Cues": "tips",
    "Hand position tips": "tips",
    "Consejos": "tips",
    "Consejos para el Éxito": "tips",
    "Puntos clave": "tips",
    "Common Mistakes": "mistakes",
    "Common Mistakes to Avoid": "mistakes",
    "Errores Comunes a Evitar": "mistakes",
    "Errores frecuentes": "mistakes",
    "Benefits": "benefits",
    "Beneficios": "benefits",
    "Caution": "safety",
    "Safety Notes": "safety",
    "Precauciones": "safety",
    "Notas de seguridad": "safety",
    "Muscles Worked": None,
    "Músculos trabajados": None,
    "History": None,
    "Why Teachers Love It": None,
}


@pytest.mark.parametrize(("heading", "family"), HEADINGS.items())
def test_each_heading_belongs_to_its_family(heading, family):
    found = heading_family(heading)

    assert (found.name if found else None) == family


def test_families_are_in_teaching_order():
    assert [family.name for family in FAMILIES] == [
        "setup",
        "steps",
        "breathing",
        "tips",
        "mistakes",
        "benefits",
        "safety",
    ]


def test_sections_of_a_part_follow_their_family_order_and_unknown_ones_keep_theirs():
    body = (
        "Intro.\n\n## Caution\nStop if it hurts.\n\n## Common Mistakes to Avoid\n- Rushing.\n\n"
        "## History\nOld.\n\n## Movement\n1. Roll.\n\n## Tips for Success\n- Slow.\n\n"
        "**Breathing:**\nOut on the effort.\n\n## Starting Position\nKneel.\n\n"
        "## Benefits\nStrong.\n\n## Muscles Worked\nAbs.\n"
    )

    parts = prose_parts(body)

    assert parts[ProsePart.ABOUT] == "Intro.\n\n## History\nOld.\n\n## Muscles Worked\nAbs.\n"
    assert parts[ProsePart.SETUP] == "## Starting Position\nKneel.\n\n## Movement\n1. Roll.\n"
    assert parts[ProsePart.GUIDANCE] == (
        "**Breathing:**\nOut on the effort.\n\n## Tips for Success\n- Slow.\n\n"
        "## Common Mistakes to Avoid\n- Rushing.\n\n## Benefits\nStrong.\n\n"
        "## Caution\nStop if it hurts.\n"
    )


def test_spanish_sections_read_in_the_same_order():
    body = (
        "## Errores Comunes a Evitar\n- Prisa.\n\n## Consejos para el Éxito\n- Despacio.\n\n"
        "## Ejecución\nRueda.\n\n## Posición Inicial\nDe rodillas.\n"
    )

    parts = prose_parts(body)

    assert parts[ProsePart.SETUP] == "## Posición Inicial\nDe rodillas.\n\n## Ejecución\nRueda.\n"
    assert parts[ProsePart.GUIDANCE] == (
        "## Consejos para el Éxito\n- Despacio.\n\n## Errores Comunes a Evitar\n- Prisa.\n"
    )
