"""Pages show the vocabulary in their own language; filter values are the same slugs in both."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation

from exercises.models import Category, Equipment, Muscle
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def spanish_url(name: str, **kwargs) -> str:
    return url(name, "es", **kwargs)


@pytest.fixture
def bilingual():
    ball = Equipment.objects.get(slug="ball")
    mat = Equipment.objects.get(slug="mat")
    glutes = Muscle.objects.get(slug="glutes")
    category = Category.objects.get(slug="ball")
    pairs = [
        ("bridge", "Ball Bridge", "Puente con Pelota", [ball, mat]),
        ("roll", "Roll", "Rodada", [mat]),
    ]
    for key, title, titulo, equipment in pairs:
        for language, name in (("en", title), ("es", titulo)):
            exercise = make_exercise(
                title=name, language=language, translation_key=key, category=category
            )
            exercise.equipment.add(*equipment)
            exercise.muscles.add(glutes)


def facet(response, name: str) -> dict[str, str]:
    group = next(group for group in response.context["listing"].facets if group.name == name)
    return {option.value: str(option.label) for option in group.options}


def test_spanish_list_facets_carry_canonical_values_with_spanish_labels(client, bilingual):
    response = client.get(spanish_url("exercises:list"))

    assert facet(response, "equipment") == {"mat": "Esterilla", "ball": "Pelota"}
    assert facet(response, "category") == {"ball": "Pelota"}
    assert facet(response, "muscle") == {"glutes": "Glúteos"}
    html = response.content.decode()
    assert re.search(r'value="ball"[^>]*>\s*<label[^>]*>Pelota', html)
    assert ">Ball <" not in html


def test_english_list_facets_keep_english_labels(client, bilingual):
    response = client.get(url("exercises:list"))

    assert facet(response, "equipment") == {"ball": "Ball", "mat": "Mat"}


def test_a_filter_value_means_the_same_in_both_languages(client, bilingual):
    english = client.get(url("exercises:list"), {"equipment": "ball"})
    spanish = client.get(spanish_url("exercises:list"), {"equipment": "ball"})

    def keys(response):
        return sorted(exercise.translation_key for exercise in response.context["exercises"])

    assert keys(english) == keys(spanish) == ["bridge"]


def test_a_spanish_detail_page_names_its_terms_in_spanish(client, bilingual):
    response = client.get(spanish_url("exercises:detail", slug="puente-con-pelota"))

    html = response.content.decode()
    assert '?equipment=ball">Pelota</a>' in html
    assert '?muscle=glutes">Glúteos</a>' in html
    assert '?category=ball">Pelota</a>' in html
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    howto = next(json.loads(block) for block in blocks if '"HowTo"' in block)
    assert sorted(tool["name"] for tool in howto["tool"]) == ["Esterilla", "Pelota"]


def test_spanish_cards_name_equipment_in_spanish(client, bilingual):
    response = client.get(spanish_url("exercises:list"))

    assert "Equipo:" in response.content.decode() or "Pelota" in response.content.decode()
    assert "Esterilla, Pelota" in response.content.decode() or "Pelota, Esterilla" in (
        response.content.decode()
    )


def test_the_language_switcher_keeps_the_filter(client, bilingual):
    response = client.get(url("exercises:list"), {"equipment": "ball"})

    assert f'href="{spanish_url("exercises:list")}?equipment=ball"' in response.content.decode()
