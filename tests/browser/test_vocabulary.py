import re

import pytest
from django.apps import apps
from playwright.sync_api import expect

from exercises.models import Equipment, EquipmentAlias
from exercises.vocabulary import seed_vocabulary
from tests.factories import make_exercise

pytestmark = pytest.mark.browser


@pytest.fixture
def bilingual_library(transactional_db):
    # An earlier transactional test flushed the rows the data migration seeded.
    if not EquipmentAlias.objects.exists():
        seed_vocabulary(apps)
    ball = Equipment.objects.get(slug="ball")
    mat = Equipment.objects.get(slug="mat")
    for key, english, spanish, equipment in [
        ("bridge", "Ball Bridge", "Puente con Pelota", ball),
        ("roll", "Roll Down", "Rodada", mat),
    ]:
        for language, title in (("en", english), ("es", spanish)):
            make_exercise(title=title, language=language, translation_key=key).equipment.add(
                equipment
            )


def test_a_filtered_list_keeps_its_filter_across_the_language_switch(
    page, live_server, bilingual_library
):
    page.goto(f"{live_server.url}/exercises/?equipment=ball")
    expect(page.locator(".card__title")).to_have_text(["Ball Bridge"])

    page.locator(".language-switcher").get_by_role("link", name="Español").click()

    page.wait_for_url(re.compile(r"/es/ejercicios/\?equipment=ball$"))
    expect(page.locator(".card__title")).to_have_text(["Puente con Pelota"])
    expect(page.get_by_label(re.compile(r"^Pelota"))).to_be_checked()
    expect(page.locator(".card__equipment")).to_contain_text("Pelota")
