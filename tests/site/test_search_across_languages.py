"""A search carried to the other language by the language switch finds the same exercises
(their translations), or says why not; "Did you mean" keeps the filters; the empty result
says what was asked."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from exercises.models import Exercise
from exercises.search import index_exercises
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db


@pytest.fixture
def planks(db):
    """Two translated English planks, one English plank without a translation, and a
    Spanish exercise that is not the chosen translation of its key."""
    pairs = [
        ("Plank", "Plancha", "plank", "beginner"),
        ("Side Plank", "Plancha lateral", "side-plank", "intermediate"),
        ("Teaser", "Teaser en V", "teaser", "advanced"),
    ]
    for english, spanish, key, difficulty in pairs:
        make_exercise(title=english, translation_key=key, difficulty=difficulty)
        make_exercise(title=spanish, language="es", translation_key=key, difficulty=difficulty)
    make_exercise(title="Plank Jacks", difficulty="advanced")
    make_exercise(
        title="Plancha con rodillas",
        language="es",
        translation_key="plank",
        is_primary_translation=False,
    )
    index_exercises(Exercise.objects.values_list("pk", flat=True))


def titles(response) -> list[str]:
    return [exercise.title for exercise in response.context["exercises"]]


def switch_url(response, language: str) -> str:
    html = response.content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    href = re.search(rf'<a href="([^"]*)" hreflang="{language}"', switcher).group(1)
    return href.replace("&amp;", "&")


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def empty_result(response) -> str:
    """What the results column says when it lists nothing."""
    html = response.content.decode()
    return re.search(r'<div class="empty">.*?</div>', html, re.S).group(0)


def test_language_switch_on_a_search_keeps_the_words_in_the_language_they_were_typed_in(
    client, planks
):
    response = client.get("/exercises/", {"q": "plank", "difficulty": "beginner", "page": "1"})

    url = switch_url(response, "es")
    assert urlsplit(url).path == "/es/ejercicios/"
    assert query_of(url) == {"q": ["plank"], "difficulty": ["beginner"], "search_language": ["en"]}


def test_switching_back_drops_the_search_language(client, planks):
    response = client.get("/es/ejercicios/", {"q": "plank", "search_language": "en"})

    assert switch_url(response, "en") == "/exercises/?q=plank"


def test_language_switch_without_a_search_carries_the_query_string_as_before(client, planks):
    response = client.get("/exercises/", {"difficulty": "beginner"})

    assert switch_url(response, "es") == "/es/ejercicios/?difficulty=beginner"


def test_search_across_lists_the_translations_of_the_matches_in_their_rank_order(client, planks):
    english = client.get("/exercises/", {"q": "plank"})
    spanish = client.get("/es/ejercicios/", {"q": "plank", "search_language": "en"})

    translated = {"Plank": "Plancha", "Side Plank": "Plancha lateral"}
    assert titles(spanish) == [translated[t] for t in titles(english) if t in translated]
    assert spanish.context["listing"].searches_translations


def test_search_across_says_what_it_lists_and_what_it_cannot(client, planks):
    response = client.get("/es/ejercicios/", {"q": "plank", "search_language": "en"})

    text = text_of(response)
    assert (
        "Estas son las versiones en español de los ejercicios en inglés que coinciden con "
        "«plank»." in text
    )
    assert "1 ejercicio en inglés que coincide aún no tiene traducción al español." in text
    html = response.content.decode()
    see_all = '<a href="/exercises/?q=plank" hreflang="en">Ver todos los resultados en inglés</a>'
    assert see_all in html
    assert '<a href="?q=plank">Buscar «plank» en los ejercicios en español</a>' in html


def test_search_across_keeps_its_language_in_the_filter_form(client, planks):
    html = client.get("/es/ejercicios/", {"q": "plank", "search_language": "en"}).content.decode()

    form = re.search(r'<form class="filters".*?</form>', html, re.S).group(0)
    assert '<input type="hidden" name="search_language" value="en">' in form


def test_search_across_combines_with_the_filters_and_counts_them(client, planks):
    response = client.get(
        "/es/ejercicios/", {"q": "plank", "search_language": "en", "difficulty": "beginner"}
    )

    assert titles(response) == ["Plancha"]
    groups = {group.name: group for group in response.context["listing"].facets}
    counts = {option.value: option.count for option in groups["difficulty"].options}
    assert counts == {"beginner": 1, "intermediate": 1}


def test_page_language_search_that_finds_nothing_offers_the_search_across(client, planks):
    # "plank" itself looks enough like "plancha" for PostgreSQL's misspelling fallback
    # (trigram word similarity 0.67 >= 0.6) to find the Spanish titles; "planks" does not.
    response = client.get("/es/ejercicios/", {"q": "planks"})

    assert titles(response) == []
    text = text_of(response)
    assert "Ningún ejercicio coincide con «planks»." in text
    assert "«planks» encuentra 2 ejercicios a través de sus versiones en inglés." in text
    assert '<a href="?q=planks&amp;search_language=en">Mostrarlos</a>' in response.content.decode()


@pytest.mark.parametrize("value", ["fr", "", "<script>", "es" * 40])
def test_unknown_search_language_searches_the_page_language(client, planks, value):
    response = client.get("/es/ejercicios/", {"q": "plancha", "search_language": value})

    assert response.status_code == 200
    assert not response.context["listing"].searches_translations
    assert set(titles(response)) == {"Plancha", "Plancha lateral", "Plancha con rodillas"}


def test_search_language_of_the_page_is_a_plain_search(client, planks):
    response = client.get("/exercises/", {"q": "plank", "search_language": "en"})

    assert set(titles(response)) == {"Plank", "Side Plank", "Plank Jacks"}
    assert "search-note" not in response.content.decode()


def test_did_you_mean_keeps_the_other_filters(client, planks):
    response = client.get(
        "/exercises/", {"q": "plnak", "difficulty": "advanced", "sort": "title", "page": "2"}
    )

    listing = response.context["listing"]
    assert listing.did_you_mean == "plank"
    assert query_of(listing.did_you_mean_url) == {
        "q": ["plank"],
        "difficulty": ["advanced"],
        "sort": ["title"],
    }
    html = response.content.decode()
    assert f'Did you mean <a href="{listing.did_you_mean_url.replace("&", "&amp;")}">' in html


def test_did_you_mean_of_a_search_across_corrects_in_the_search_language(client, planks):
    response = client.get("/es/ejercicios/", {"q": "plnak", "search_language": "en"})

    listing = response.context["listing"]
    assert listing.did_you_mean == "plank"
    assert query_of(listing.did_you_mean_url) == {"q": ["plank"], "search_language": ["en"]}


def test_misspelled_search_without_filters_says_what_was_searched(client, planks):
    response = client.get("/exercises/", {"q": "zzqx"})

    assert "No exercises match “zzqx”." in empty_result(response)
    assert "these filters" not in empty_result(response)
    assert "Clear filters" not in empty_result(response)


def test_search_with_filters_that_finds_nothing_offers_the_search_alone(client, planks):
    response = client.get("/exercises/", {"q": "teaser", "difficulty": "beginner"})

    assert "No exercises match “teaser” with these filters." in text_of(response)
    html = response.content.decode()
    assert '<a class="button" href="?q=teaser">Search “teaser” without filters</a>' in html
    assert 'href="/exercises/">Clear filters</a>' in empty_result(response)


def test_filters_alone_that_find_nothing_say_so(client, planks):
    make_exercise(title="Hidden", duration=900)
    response = client.get("/exercises/", {"difficulty": "beginner", "duration": "60"})

    assert titles(response) == []
    assert "No exercises match these filters." in text_of(response)


def test_empty_library_says_nothing_is_published(client, db):
    assert "No exercises have been published yet." in text_of(client.get("/exercises/"))


def test_page_cache_keeps_a_search_across_apart_from_the_plain_search(client, planks, settings):
    settings.PAGE_CACHE_ENABLED = True
    plain = client.get("/es/ejercicios/", {"q": "planks"}).content
    across = client.get("/es/ejercicios/", {"q": "planks", "search_language": "en"})

    assert across.content != plain
    assert "Plancha lateral" in across.content.decode()
    cached = client.get("/es/ejercicios/", {"q": "planks", "search_language": "en"})
    assert cached.content == across.content
    assert "Plancha lateral" not in client.get("/es/ejercicios/", {"q": "planks"}).content.decode()
