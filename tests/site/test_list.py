import re

import pytest

from exercises.models import Equipment, Exercise, Status
from tests.factories import make_exercise, make_term

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [exercise.title for exercise in response.context["exercises"]]


def facet(response, name) -> dict[str, tuple[int, bool]]:
    groups = {group.name: group.options for group in response.context["listing"].facets}
    return {option.value: (option.count, option.selected) for option in groups[name]}


def test_list_shows_published_exercises_of_the_page_language_only(client, library):
    response = client.get("/exercises/")
    assert set(titles(response)) == {
        "Band Glute Kickback",
        "The Hundred",
        "Shoulder Bridge",
        "Teaser",
    }


def test_spanish_list_lives_under_translated_path(client, library):
    response = client.get("/es/ejercicios/")
    assert response.status_code == 200
    assert titles(response) == ["El Cien", "Sirena"]
    assert '<html lang="es">' in response.content.decode()


def test_default_sort_is_by_title(client, library):
    response = client.get("/exercises/")
    assert titles(response) == ["Band Glute Kickback", "Shoulder Bridge", "Teaser", "The Hundred"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("title", ["Band Glute Kickback", "Shoulder Bridge", "Teaser", "The Hundred"]),
        ("newest", ["Band Glute Kickback", "Shoulder Bridge", "The Hundred", "Teaser"]),
        ("duration", ["The Hundred", "Shoulder Bridge", "Band Glute Kickback", "Teaser"]),
    ],
)
def test_sorting(client, library, sort, expected):
    assert titles(client.get("/exercises/", {"sort": sort})) == expected


def test_newest_sort_puts_undated_exercises_last(client, library):
    make_exercise(title="Undated")
    assert titles(client.get("/exercises/", {"sort": "newest"}))[-1] == "Undated"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"difficulty": "beginner"}, ["Shoulder Bridge", "The Hundred"]),
        ({"difficulty": ["beginner", "advanced"]}, ["Shoulder Bridge", "Teaser", "The Hundred"]),
        ({"category": "band"}, ["Band Glute Kickback"]),
        ({"equipment": "resistance-band"}, ["Band Glute Kickback"]),
        ({"muscle": "glutes"}, ["Band Glute Kickback", "Shoulder Bridge"]),
        (
            {"muscle": ["glutes", "core"]},
            ["Band Glute Kickback", "Shoulder Bridge", "Teaser", "The Hundred"],
        ),
        ({"tag": "classic"}, ["Teaser", "The Hundred"]),
        ({"duration": "90"}, ["Shoulder Bridge", "The Hundred"]),
        ({"duration": "60"}, ["The Hundred"]),
    ],
)
def test_each_filter(client, library, params, expected):
    assert titles(client.get("/exercises/", params)) == expected


def test_filters_combine(client, library):
    response = client.get("/exercises/", {"muscle": "hamstrings", "difficulty": "beginner"})
    assert titles(response) == ["Shoulder Bridge"]
    response = client.get("/exercises/", {"equipment": "mat", "tag": "classic", "duration": "120"})
    assert titles(response) == ["The Hundred"]


def test_exercise_matching_several_chosen_options_is_listed_once(client, library):
    response = client.get("/exercises/", {"equipment": ["mat", "resistance-band"]})
    assert titles(response).count("Band Glute Kickback") == 1
    assert response.context["page"].paginator.count == 4


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hundred", ["The Hundred"]),  # title
        ("V shape", ["Teaser"]),  # description, every word
        ("loop the band", ["Band Glute Kickback"]),  # step text
        ("set up", ["Shoulder Bridge"]),  # step title
        ("breathing", ["The Hundred"]),  # tag
        ("HUNDRED", ["The Hundred"]),
        ("nothing-like-this", []),
    ],
)
def test_search(client, library, query, expected):
    assert titles(client.get("/exercises/", {"q": query})) == expected


def test_each_option_counts_what_it_would_leave_given_the_other_facets(client, library):
    response = client.get("/exercises/", {"muscle": "hamstrings", "difficulty": "beginner"})
    # Difficulty counts ignore the difficulty choice but respect the muscle filter.
    assert facet(response, "difficulty") == {
        "beginner": (1, True),
        "intermediate": (1, False),
        "advanced": (1, False),
    }
    # Muscle counts ignore the muscle choice but respect difficulty=beginner.
    assert facet(response, "muscle") == {
        "core": (1, False),
        "glutes": (1, False),
        "hamstrings": (1, True),
    }
    assert facet(response, "category") == {"mat": (1, False)}
    assert facet(response, "equipment") == {"mat": (1, False)}


def test_counts_are_rendered_next_to_options(client, library):
    html = client.get("/exercises/").content.decode()
    label = re.search(r'<label for="filter-equipment-mat">(.*?)</label>', html, re.S).group(1)
    assert "Mat" in label
    assert '<span class="count">4</span>' in label


def test_duration_options_count_exercises_up_to_each_limit(client, library):
    durations = {o.value: o.count for o in client.get("/exercises/").context["listing"].durations}
    assert durations == {"60": 1, "120": 3, "300": 4, "600": 4}


def test_hand_typed_duration_is_offered_and_selected(client, library):
    response = client.get("/exercises/", {"duration": "90"})
    options = {o.value: (o.count, o.selected) for o in response.context["listing"].durations}
    assert options["90"] == (2, True)


def test_chosen_option_that_leaves_nothing_stays_listed_and_checked(client, library):
    make_term(Equipment, "Ring")
    response = client.get("/exercises/", {"equipment": "ring"})
    assert facet(response, "equipment")["ring"] == (0, True)
    assert 'id="filter-equipment-ring" name="equipment" value="ring" checked' in (
        response.content.decode()
    )


def test_empty_result_says_so_and_offers_to_clear(client, library):
    response = client.get("/exercises/", {"difficulty": "advanced", "duration": "60"})
    html = response.content.decode()
    assert "No exercises match these filters." in html
    assert 'href="/exercises/">Clear filters</a>' in html


@pytest.mark.parametrize(
    "params",
    [
        {"difficulty": "impossible"},
        {"equipment": ["mat", "no-such-thing", "<script>"]},
        {"muscle": "a" * 500},
        {"tag": "%00"},
        {"category": "\x00"},
        {"duration": "abc"},
        {"duration": "-5"},
        {"duration": "9" * 40},
        {"sort": "price"},
        {"page": "banana"},
        {"page": "99999"},
        {"page": "-1"},
    ],
)
def test_invalid_filter_values_do_not_break_the_page(client, library, params):
    response = client.get("/exercises/", params)
    assert response.status_code == 200


def test_unknown_values_are_ignored_but_known_ones_still_filter(client, library):
    response = client.get("/exercises/", {"equipment": ["resistance-band", "nope"]})
    assert titles(response) == ["Band Glute Kickback"]


def test_pagination_keeps_the_filters_in_links(client, db):
    for number in range(30):
        make_exercise(title=f"Move {number:02d}", difficulty="beginner")
    first = client.get("/exercises/", {"difficulty": "beginner"})
    assert len(first.context["exercises"]) == 24
    html = first.content.decode()
    assert 'href="?difficulty=beginner&amp;page=2" rel="next"' in html
    second = client.get("/exercises/", {"difficulty": "beginner", "page": "2"})
    assert titles(second) == [f"Move {number:02d}" for number in range(24, 30)]


def test_filter_form_is_a_plain_get_form_with_labelled_controls(client, library):
    html = client.get("/exercises/").content.decode()
    form = re.search(
        r'<form class="filters" method="get" action="/exercises/".*?</form>', html, re.S
    )
    assert form
    ids = re.findall(r'<(?:input|select)[^>]*\bid="([^"]+)"', form.group(0))
    assert ids
    for control_id in ids:
        assert f'for="{control_id}"' in form.group(0)


def test_filtered_lists_are_not_indexed(client, library):
    assert (
        'name="robots" content="noindex'
        in client.get("/exercises/", {"difficulty": "beginner"}).content.decode()
    )
    assert 'name="robots"' not in client.get("/exercises/").content.decode()


def test_facets_are_listed_in_declaration_order_with_their_legends(client, library):
    response = client.get("/es/ejercicios/")
    facets = response.context["listing"].facets
    assert [facet.name for facet in facets] == [
        "difficulty",
        "category",
        "equipment",
        "muscle",
        "tag",
    ]
    assert "<legend>Dificultad</legend>" in response.content.decode()
    assert [str(facet.legend) for facet in client.get("/exercises/").context["listing"].facets] == [
        "Difficulty",
        "Category",
        "Equipment",
        "Muscles",
        "Tags",
    ]


def test_duration_select_offers_each_limit_with_its_count(client, library):
    html = client.get("/exercises/", {"duration": "90"}).content.decode()
    assert '<option value="60">Up to 1 min (1)</option>' in html
    assert '<option value="90" selected>Up to 1 min 30 s (2)</option>' in html


def test_the_page_list_names_the_ends_and_two_pages_each_side_without_walking_every_page(
    client, db, monkeypatch
):
    from django.core.paginator import Paginator

    def every_page_number(self):
        raise AssertionError("the page list walked every page number")

    # At 100,000 exercises a list has 1,900 pages: the links are eight, whatever the count.
    monkeypatch.setattr(Paginator, "page_range", property(every_page_number))
    for number in range(24 * 11):
        make_exercise(title=f"Move {number:03d}")

    html = client.get("/exercises/", {"page": "6"}).content.decode()

    pagination = html[html.index('<nav class="pagination"') :]
    pages = re.findall(r'<li><(?:a href="\?page=\d+"|span[^>]*)>([^<]+)</', pagination)
    assert pages == ["1", "…", "4", "5", "6", "7", "8", "…", "11"]


def results_count(response) -> str:
    html = response.content.decode()
    return re.search(r'id="results-count"[^>]*>\s*(.*?)\s*</p>', html, re.S).group(1)


def test_a_count_in_thousands_is_grouped_as_the_page_language_writes_it(client):
    for language in ("en", "es"):
        Exercise.objects.bulk_create(
            Exercise(
                title=f"Move {number:04d}",
                slug=f"move-{number:04d}",
                language=language,
                status=Status.PUBLISHED,
            )
            for number in range(1001)
        )

    assert results_count(client.get("/exercises/")) == "1,001 exercises"
    assert results_count(client.get("/es/ejercicios/")) == "1\xa0001 ejercicios"
