"""The importer stores text as the admin stores it, so a later admin save changes nothing."""

import unicodedata
from io import StringIO

import pytest
from django.core.management import call_command

from exercises.models import Exercise

pytestmark = pytest.mark.django_db

FILE = (
    "---\r\n"
    "title: Puente de hombros\r\n"
    'description: "Eleva la cadera.   "\r\n'
    "steps:\r\n"
    '  - "Túmbate boca arriba.  "\r\n'
    "---\r\n"
    "\r\n"
    "## Posición inicial   \r\n"
    "\r\n"
    "Rodillas flexionadas, pies apoyados.  \r\n"
    "Brazos a los lados.\t\r\n"
    "\r\n\r\n"
)


def test_imported_text_is_stored_normalised(tmp_path):
    path = tmp_path / "es" / "puente.md"
    path.parent.mkdir()
    path.write_bytes(unicodedata.normalize("NFD", FILE).encode())

    call_command("import_exercises", str(tmp_path), stdout=StringIO(), stderr=StringIO())

    exercise = Exercise.objects.get()
    assert exercise.body == (
        "## Posición inicial\n\nRodillas flexionadas, pies apoyados.  \nBrazos a los lados."
    )
    assert exercise.description == "Eleva la cadera."
    assert exercise.steps.get().text == "Túmbate boca arriba."
