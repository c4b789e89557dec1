"""Each piece of content lives once: body sections that became rows are not shown again,
and the page reads in teaching order, whatever order the file wrote its sections in."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from exercises.fileformat.exporting import exercise_markdown, exercises_for_export
from exercises.models import Exercise
from tests.admin_forms import change_form_data, change_url
from tests.importing.helpers import write

pytestmark = pytest.mark.django_db

# A Hugo page whose steps and modifications exist only as body sections; tips, setup and
# other prose written in an order the page does not keep.
SECTION_PAGE = """\
---
title: "Heel Slide Drill"
translationKey: heel-slide-drill
description: "Slide one heel away and back while the pelvis stays quiet."
---

A small drill for learning to keep the pelvis still.

## Tips
- Keep the sliding heel in light contact with the floor.

## Starting Position
Lie on your back with knees bent and feet flat, arms long by your sides.

## Benefits
Teaches the hip to move while the lower back stays calm.

## Execution
1. Breathe out and slide the right heel along the floor until the leg is long.
2. Breathe in and draw the heel back to where it started.
3. Change legs after eight slides and keep the hip bones level.

## Modifications
- **Easier:** Make the slide shorter and stop halfway.
- **Harder:** Hover the sliding foot a finger's width above the floor.
"""

SECTION_PAGE_ES = """\
---
title: "Deslizamiento de Talón"
translationKey: heel-slide-drill
description: "Desliza un talón hacia delante y atrás con la pelvis quieta."
---

## Posición inicial
Túmbate boca arriba con las rodillas dobladas y los pies apoyados.

## Ejecución
1. Suelta el aire y desliza el talón derecho por el suelo hasta estirar la pierna.
2. Toma aire y recoge el talón hasta el punto de partida.

## Respiración
Respira de forma lenta y continua durante todo el ejercicio.
"""

# A video + howto file: the howto part repeats the execution list as named steps.
HOWTO_FILE = """\
---
video: "Bq7yWmT2rLc"
description: "Press a light dumbbell overhead while standing tall with the ribs down."
---

**Starting Position:**
1. Stand with feet hip-width apart and a dumbbell at each shoulder.

**Execution:**
1. **Press Up:** Push both weights overhead until the arms are straight.
2. **Lower Down:** Bring the weights back to the shoulders with control.

**Breathing:**
- Breathe out on the way up, in on the way down.

<!-- howto -->

### Press Up
Push both dumbbells overhead in one smooth line until the elbows are straight.

### Lower Down
Bring the dumbbells back to shoulder height slowly, keeping the ribs down.
"""


@pytest.fixture
def corpus(tmp_path) -> Path:
    write(tmp_path / "en/mat/heel-slide-drill.md", SECTION_PAGE)
    write(tmp_path / "es/mat/heel-slide-drill.md", SECTION_PAGE_ES)
    write(tmp_path / "strength/overheadpress_dumbbell.md", HOWTO_FILE)
    return tmp_path


def _import(path: Path) -> str:
    stdout, stderr = StringIO(), StringIO()
    call_command("import_exercises", str(path), stdout=stdout, stderr=stderr)
    assert "0 failed" in stdout.getvalue(), stderr.getvalue()
    return stdout.getvalue()


def _html(client, exercise: Exercise) -> str:
    response = client.get(exercise.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_steps_from_body_sections_are_shown_once(client, corpus):
    _import(corpus)
    exercise = Exercise.objects.get(language="en", slug="heel-slide-drill")

    html = _html(client, exercise)

    assert exercise.steps.count() == 3
    assert html.count("slide the right heel along the floor") == 2  # the list and HowTo JSON-LD
    assert html.count("draw the heel back to where it started") == 2
    assert html.count("Hover the sliding foot") == 1
    assert "Execution" not in exercise.body and "Modifications" not in exercise.body
    assert "## Execution" in exercise.source_text


def test_steps_from_a_howto_part_are_shown_once(client, corpus):
    _import(corpus)
    exercise = Exercise.objects.get(translation_key="", language="en")

    html = _html(client, exercise)

    assert [step.title for step in exercise.steps.all()] == ["Press Up", "Lower Down"]
    # The howto text is the step; the execution list it repeats is gone from the body.
    assert html.count("Push both dumbbells overhead in one smooth line") == 2
    assert "Push both weights overhead" not in html
    assert "howto" not in exercise.body
    assert "Stand with feet hip-width apart" in html


def test_spanish_body_sections_become_steps_shown_once(client, corpus):
    _import(corpus)
    exercise = Exercise.objects.get(language="es")

    html = _html(client, exercise)

    assert exercise.steps.count() == 2
    assert html.count("desliza el talón derecho por el suelo") == 2


def test_the_page_reads_summary_setup_steps_tips_benefits_modifications(client, corpus):
    _import(corpus)
    html = _html(client, Exercise.objects.get(language="en", slug="heel-slide-drill"))

    landmarks = [
        "Slide one heel away and back",  # summary
        "A small drill for learning",  # the body's opening prose
        "Lie on your back with knees bent",  # setup
        "slide the right heel along the floor",  # steps
        "light contact with the floor",  # tips
        "Teaches the hip to move",  # benefits, written before the steps
        "Make the slide shorter",  # modifications
    ]
    positions = [html.index(text, html.index("<main")) for text in landmarks]
    assert positions == sorted(positions)


def test_reimporting_an_unchanged_file_changes_nothing(corpus):
    _import(corpus)
    before = list(Exercise.objects.values_list("pk", "body", "updated_at").order_by("pk"))

    output = _import(corpus)

    assert "3 unchanged" in output
    assert list(Exercise.objects.values_list("pk", "body", "updated_at").order_by("pk")) == before


def test_export_import_export_is_byte_identical_for_body_section_files(corpus, tmp_path):
    _import(corpus)
    first = {e.pk: exercise_markdown(e) for e in exercises_for_export()}
    assert all(
        "## Execution" not in text and "<!-- howto -->" not in text for text in first.values()
    )
    out = tmp_path / "export"
    call_command("export_exercises", str(out), stdout=StringIO())
    Exercise.objects.all().delete()

    _import(out)

    second = {e.pk: exercise_markdown(e) for e in exercises_for_export()}
    assert sorted(second.values()) == sorted(first.values())


def test_editing_steps_in_the_admin_leaves_no_stale_copy(editor_client, client, corpus):
    _import(corpus)
    exercise = Exercise.objects.get(language="en", slug="heel-slide-drill")
    data = change_form_data(exercise)
    data["steps-0-text"] = "Reach the heel long, slowly."

    response = editor_client.post(change_url(exercise), data)

    assert response.status_code == 302
    html = _html(client, exercise)
    assert "slide the right heel along the floor" not in html
    assert html.count("Reach the heel long, slowly.") == 2
