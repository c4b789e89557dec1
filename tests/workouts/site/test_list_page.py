"""The public workout list: /workouts/ and /es/entrenamientos/ with the exercise list's facet
machinery (duration bands, difficulty, equipment, one facet per category group), counts that
respect the other filters, pages, canonical parameters, and a fixed number of queries."""

import re

import pytest
from django.http import QueryDict
from django.urls import resolve

from publishing import pipeline
from publishing.canonical import canonical_query, declared_parameters
from tests.site.helpers import hreflang_links
from tests.site.test_query_counts import page_shown, schedule_looked_up
from workouts.models import Workout
from workouts.site.selectors import WORKOUT_LISTING_QUERY_PARAMETERS

pytestmark = pytest.mark.django_db

LIST_QUERIES = 4
LIST_URLS = [
    "/workouts/",
    "/workouts/?duration=up-to-10&duration=20-30&difficulty=beginner&equipment=mat"
    "&body_focus=core&mood=bright&sort=duration",
    "/workouts/?equipment=mat&page=2",
    "/es/entrenamientos/?goal=strength&more=body_focus",
]


def titles(response) -> list[str]:
    return [workout.title for workout in response.context["workouts"]]


def facet(response, name) -> dict[str, tuple[int, bool]]:
    groups = {group.name: group.options for group in response.context["listing"].facets}
    return {option.value: (option.count, option.selected) for option in groups[name]}


def test_the_list_shows_the_published_workouts_of_the_page_language_by_title(client, workout_shelf):
    response = client.get("/workouts/")
    assert response.status_code == 200
    assert titles(response) == [
        "Ball Burn",
        "Desk Break",
        "Leg Day",
        "Long Flow",
        "Morning Core",
        "Open Practice",
    ]
    spanish = client.get("/es/entrenamientos/")
    assert spanish.status_code == 200
    assert titles(spanish) == ["Centro al despertar", "Flujo largo", "Pausa de oficina"]


def test_duration_bands_count_the_workouts_in_each_and_filter_by_any_chosen(client, workout_shelf):
    response = client.get("/workouts/")
    # 5 and 10 minutes are "up to 10"; a workout without a duration is in no band.
    assert facet(response, "duration") == {
        "up-to-10": (2, False),
        "10-20": (1, False),
        "20-30": (1, False),
        "over-45": (1, False),
    }
    assert titles(client.get("/workouts/?duration=10-20")) == ["Leg Day"]
    both = client.get("/workouts/?duration=up-to-10&duration=over-45")
    assert titles(both) == ["Desk Break", "Long Flow", "Morning Core"]


def test_each_option_counts_what_it_would_leave_given_the_other_facets(client, workout_shelf):
    response = client.get("/workouts/?equipment=mat&difficulty=intermediate")
    assert titles(response) == ["Long Flow"]
    # Difficulty counts ignore the difficulty choice but keep equipment=mat...
    assert facet(response, "difficulty") == {
        "beginner": (1, False),
        "intermediate": (1, True),
        "advanced": (1, False),
    }
    # ...equipment counts keep difficulty=intermediate, and the others keep both.
    assert facet(response, "equipment") == {"band": (1, False), "mat": (1, True)}
    assert facet(response, "duration") == {"over-45": (1, False)}
    assert facet(response, "goal") == {"core": (1, False)}
    assert facet(response, "body_focus") == {}


def test_each_category_group_is_a_facet_named_in_the_page_language(client, workout_shelf):
    english = client.get("/workouts/")
    legends = [(group.name, str(group.legend)) for group in english.context["listing"].facets]
    assert legends == [
        ("duration", "Duration"),
        ("difficulty", "Difficulty"),
        ("equipment", "Equipment"),
        ("time", "Time available"),
        ("body_focus", "Body focus"),
        ("environment", "Environment"),
        ("goal", "Goal"),
        ("mood", "Mood"),
    ]
    assert facet(english, "body_focus") == {
        "back": (1, False),
        "core": (2, False),
        "legs": (1, False),
        "full-body": (1, False),
    }
    assert facet(english, "goal") == {"core": (1, False), "strength": (2, False)}
    spanish = client.get("/es/entrenamientos/")
    labels = {
        group.name: [str(option.label) for option in group.options]
        for group in spanish.context["listing"].facets
    }
    assert labels["body_focus"] == ["Centro", "Espalda"]
    assert labels["goal"] == ["Fuerza del centro"]
    html = spanish.content.decode()
    assert "<legend>Zona del cuerpo</legend>" in html
    assert "<legend>Duración</legend>" in html
    assert "Hasta 10 minutos" in html


def test_a_slug_in_two_groups_filters_only_by_its_own_group(client, workout_shelf):
    assert titles(client.get("/workouts/?body_focus=core")) == ["Ball Burn", "Morning Core"]
    assert titles(client.get("/workouts/?goal=core")) == ["Long Flow"]
    assert titles(client.get("/workouts/?goal=core&goal=strength")) == [
        "Ball Burn",
        "Leg Day",
        "Long Flow",
    ]
    assert titles(client.get("/workouts/?goal=core&body_focus=core")) == []


def test_cards_link_to_the_workout_with_its_minutes_difficulty_and_equipment(client, workout_shelf):
    html = client.get("/workouts/").content.decode()
    card = re.search(
        r'<article class="card">((?:(?!</article>).)*Ball Burn.*?)</article>', html, re.S
    )
    assert card is not None
    card_html = card.group(1)
    assert f'href="{workout_shelf["Ball Burn"].get_absolute_url()}"' in card_html
    assert "30 min" in card_html
    assert 'class="pill pill--advanced">Advanced<' in card_html
    assert "Ball, Mat" in card_html
    assert '<svg class="placeholder"' in card_html  # no picture: a placeholder
    spanish = client.get("/es/entrenamientos/").content.decode()
    assert "Sin material" in spanish  # Desk Break's translation needs nothing


def test_an_empty_result_names_what_was_asked_and_offers_to_ask_for_less(client, workout_shelf):
    response = client.get("/workouts/?difficulty=advanced&duration=up-to-10&sort=duration")
    assert titles(response) == []
    html = response.content.decode()
    assert "No workouts match all of these:" in html
    assert "<strong>Difficulty:</strong> Advanced" in html
    assert "<strong>Duration:</strong> Up to 10 minutes" in html
    assert 'href="?duration=up-to-10&amp;sort=duration">Remove “Advanced”</a>' in html
    assert 'href="?difficulty=advanced&amp;sort=duration">Remove “Up to 10 minutes”</a>' in html
    assert 'href="/workouts/">Clear filters</a>' in html
    Workout.objects.all().delete()
    assert "No workouts have been published yet." in client.get("/workouts/").content.decode()


def test_title_description_canonical_breadcrumbs_and_translations(client, workout_shelf):
    html = client.get("/workouts/").content.decode()
    assert "<title>Pilates workouts · Pilates Exercise Library</title>" in html
    assert '<meta name="description" content="Follow-along Pilates workouts' in html
    assert '<link rel="canonical" href="http://testserver/workouts/">' in html
    assert re.search(
        r'<nav class="breadcrumbs".*?<a href="/">Home</a>.*?'
        r'<span aria-current="page">Workouts</span>',
        html,
        re.S,
    )
    assert hreflang_links(html) == {
        "en": "http://testserver/workouts/",
        "es": "http://testserver/es/entrenamientos/",
        "x-default": "http://testserver/workouts/",
    }
    assert 'name="robots"' not in html
    filtered = client.get("/workouts/?difficulty=beginner").content.decode()
    assert '<meta name="robots" content="noindex, follow">' in filtered
    spanish = client.get("/es/entrenamientos/").content.decode()
    assert "<title>Entrenamientos de Pilates · " in spanish
    assert '<a href="/es/">Inicio</a>' in spanish


def test_pages_of_24_keep_the_filters_in_their_links(client, workout_shelf):
    with pipeline.batch():
        for number in range(30):
            Workout.objects.create(
                title=f"Mat Class {number:02d}",
                slug=f"mat-class-{number:02d}",
                language="en",
                status="published",
                duration=15,
            )
    first = client.get("/workouts/?duration=10-20")
    assert len(first.context["workouts"]) == 24
    html = first.content.decode()
    assert 'href="?duration=10-20&amp;page=2" rel="next"' in html
    second = client.get("/workouts/?duration=10-20&page=2")
    assert titles(second) == [f"Mat Class {number:02d}" for number in range(23, 30)]
    assert "<title>Workouts, page 2 · " in second.content.decode()
    assert '<link rel="canonical" href="http://testserver/workouts/?page=2">' in (
        client.get("/workouts/?page=2").content.decode()
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("utm_source=x&fbclid=y", ""),
        ("duration=UP-TO-10&duration=nonsense&duration=up-to-10", "duration=up-to-10"),
        ("mood=tense&difficulty=Beginner", "difficulty=beginner&mood=tense"),
        ("body_focus=core&goal=core&time=%3Cscript%3E", "body_focus=core&goal=core"),
        ("sort=relevance", ""),
        ("sort=newest&page=1", "sort=newest"),
        ("more=goal&page=0002", "more=goal&page=2"),
        ("q=plank&duration=600", ""),
    ],
)
def test_the_list_declares_its_query_parameters_for_the_page_cache(query, expected):
    assert declared_parameters(resolve("/workouts/").func) == WORKOUT_LISTING_QUERY_PARAMETERS
    assert canonical_query(QueryDict(query), WORKOUT_LISTING_QUERY_PARAMETERS) == expected


@pytest.mark.parametrize(
    "query",
    ["duration=forever", "equipment=%00", "goal=" + "a" * 500, "page=banana", "page=999"],
)
def test_invalid_values_do_not_break_the_page(client, workout_shelf, query):
    assert client.get(f"/workouts/?{query}").status_code == 200


def test_show_all_lists_a_group_past_ten_options(client, workout_shelf):
    from workouts.models import WorkoutCategory

    moods = [
        WorkoutCategory.objects.create(group="mood", slug=f"mood-{n:02d}", name=f"Mood {n:02d}")
        for n in range(12)
    ]
    workout_shelf["Leg Day"].categories.add(*moods)
    response = client.get("/workouts/")
    group = next(g for g in response.context["listing"].facets if g.name == "mood")
    assert len(group.options) == 10
    assert group.more_url == "?more=mood"
    expanded = client.get("/workouts/?more=mood")
    assert len(facet(expanded, "mood")) == 14


def nav_links(html: str) -> list[tuple[str, str, str]]:
    """The header's section links: (address, aria-current or "", name)."""
    nav = re.search(r'<nav class="site-nav".*?</nav>', html, re.S).group(0)
    return re.findall(
        r'<a href="([^"]*)"(?: aria-current="(\w+)")?>.*?'
        r'(?:<span class="site-nav__label">)?([^<>]+)(?:</span>)?</a>',
        nav,
    )


def test_the_header_leads_to_the_workouts_and_marks_where_the_visitor_is(client, workout_shelf):
    assert nav_links(client.get("/workouts/").content.decode()) == [
        ("/", "", "Home"),
        ("/exercises/", "", "Exercises"),
        ("/workouts/", "page", "Workouts"),
    ]
    assert nav_links(client.get("/es/entrenamientos/").content.decode())[1:] == [
        ("/es/ejercicios/", "", "Ejercicios"),
        ("/es/entrenamientos/", "page", "Entrenamientos"),
    ]
    detail = client.get(workout_shelf["Leg Day"].get_absolute_url()).content.decode()
    assert ("/workouts/", "true", "Workouts") in nav_links(detail)
    assert nav_links(client.get("/exercises/").content.decode())[1:] == [
        ("/exercises/", "page", "Exercises"),
        ("/workouts/", "", "Workouts"),
    ]


def test_the_workout_page_breadcrumbs_lead_back_to_the_list(client, workout_shelf):
    html = client.get(workout_shelf["es:Morning Core"].get_absolute_url()).content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert '<a href="/es/">Inicio</a>' in crumbs
    assert '<a href="/es/entrenamientos/">Entrenamientos</a>' in crumbs
    assert '<span aria-current="page">Centro al despertar</span>' in crumbs


def _grow_shelf(size: int) -> None:
    from exercises.models import Equipment
    from workouts.models import WorkoutCategory

    mat = Equipment.objects.get(slug="mat")
    core = WorkoutCategory.objects.get(group="body_focus", slug="core")
    with pipeline.batch():
        for number in range(size):
            workout = Workout.objects.create(
                title=f"Extra {number:03d}",
                slug=f"extra-{number:03d}",
                language=["en", "es"][number % 2],
                status="published",
                duration=[5, 10, 15, 20, 30, 45, 60][number % 7],
                difficulty=["beginner", "intermediate", "advanced"][number % 3],
            )
            workout.equipment.add(mat)
            workout.categories.add(core)


@pytest.mark.parametrize("size", [3, 60])
@pytest.mark.parametrize("url", LIST_URLS)
def test_list_query_count_is_bounded(
    client, django_assert_max_num_queries, workout_shelf, size, url
):
    _grow_shelf(size)
    schedule_looked_up()
    with django_assert_max_num_queries(LIST_QUERIES):
        response = page_shown(client, url, "workouts/workout_list.html")
    assert response.context["listing"].facets


def test_the_list_stays_under_80_kb_with_120_workouts(client, workout_shelf):
    _grow_shelf(240)
    response = client.get("/workouts/")
    assert response.context["page"].paginator.count == 126
    assert len(response.content) < 80_000
