"""Search as visitors, editors and staff meet it: list, suggestions, header box, admin,
import and the rebuild command."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from exercises.models import Equipment, Exercise, Step
from exercises.search import index_exercises, search_exercises
from publishing import pipeline
from tests.factories import make_exercise, make_term


def titles(response) -> list[str]:
    return [exercise.title for exercise in response.context["exercises"]]


def test_list_orders_by_relevance_when_searching(client, searchable):
    assert titles(client.get("/exercises/", {"q": "plank"})) == [
        "Plank",
        "Side Plank",
        "Ball Knee Tuck",
    ]


def test_explicit_sort_still_applies_to_a_search(client, searchable):
    response = client.get("/exercises/", {"q": "plank", "sort": "title"})
    assert titles(response) == ["Ball Knee Tuck", "Plank", "Side Plank"]


def test_best_match_is_offered_only_with_a_search(client, searchable):
    with_query = client.get("/exercises/", {"q": "plank"}).content.decode()
    without = client.get("/exercises/").content.decode()
    assert '<option value="relevance"' in with_query
    assert '<option value="relevance"' not in without


def test_search_combines_with_filters_and_facet_counts_follow_it(client, searchable):
    response = client.get("/exercises/", {"q": "plank", "difficulty": "intermediate"})
    assert titles(response) == ["Side Plank", "Ball Knee Tuck"]
    facets = {group.name: group.options for group in response.context["listing"].facets}
    difficulty = {option.value: option.count for option in facets["difficulty"]}
    # Counted over the search results, not over the whole library.
    assert difficulty == {"beginner": 1, "intermediate": 2}


def test_search_paginates(client, searchable):
    for number in range(30):
        make_exercise(title=f"Roll Over {number:02d}")
    index_exercises(Exercise.objects.values_list("pk", flat=True))
    second = client.get("/exercises/", {"q": "roll", "page": 2})
    assert second.context["page"].paginator.count == 30
    assert len(titles(second)) == 6


def test_cards_highlight_the_matching_words_escaped(client, searchable):
    make_exercise(title="Plank <script>alert(1)</script>")
    index_exercises(Exercise.objects.values_list("pk", flat=True))
    html = client.get("/exercises/", {"q": "planks"}).content.decode()
    assert '<a href="/exercises/side-plank/">Side <mark>Plank</mark></a>' in html
    assert "<mark>Plank</mark> &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_spanish_list_searches_without_accents(client, searchable):
    response = client.get("/es/ejercicios/", {"q": "gluteos"})
    assert titles(response) == ["Puente de glúteos"]
    assert "Puente de <mark>glúteos</mark>" in response.content.decode()


def test_nothing_found_offers_a_corrected_query(client, searchable):
    html = client.get("/exercises/", {"q": "side plnak swan"}).content.decode()
    assert 'Did you mean <a href="?q=side+plank+swan">side plank swan</a>?' in html


def test_suggestions_json_shape(client, searchable):
    response = client.get("/exercises/suggest/", {"q": "pla"})
    assert response["Content-Type"] == "application/json"
    assert response.json() == [
        {
            "title": "Plank",
            "url": "/exercises/plank/",
            "difficulty": "beginner",
            "difficulty_label": "Beginner",
        },
        {
            "title": "Side Plank",
            "url": "/exercises/side-plank/",
            "difficulty": "intermediate",
            "difficulty_label": "Intermediate",
        },
        {
            "title": "Ball Knee Tuck",
            "url": "/exercises/ball-knee-tuck/",
            "difficulty": "intermediate",
            "difficulty_label": "Intermediate",
        },
    ]


def test_spanish_suggestions_are_spanish_exercises_only(client, searchable):
    response = client.get("/es/ejercicios/suggest/", {"q": "pla"})
    assert response.json() == [
        {
            "title": "Plancha lateral",
            "url": "/es/ejercicios/plancha-lateral/",
            "difficulty": "intermediate",
            "difficulty_label": "Intermedio",
        }
    ]


@pytest.mark.parametrize("query", ["", "p", "   ", "!!", "x" * 5000])
def test_suggestions_for_nothing_useful_are_empty(client, searchable, query):
    assert client.get("/exercises/suggest/", {"q": query}).json() == []


def test_suggestions_refuse_other_methods(client, searchable):
    assert client.post("/exercises/suggest/", {"q": "pla"}).status_code == 405


@pytest.mark.parametrize(
    "url", ["/", "/exercises/", "/exercises/plank/", "/es/", "/es/ejercicios/plancha-lateral/"]
)
def test_every_page_has_the_header_search_box(client, searchable, url):
    html = client.get(url).content.decode()
    box = re.search(r'<form class="site-search".*?</form>', html, re.S).group(0)
    prefix = "/es/ejercicios" if url.startswith("/es/") else "/exercises"
    assert f'action="{prefix}/"' in box
    assert f'data-suggest-url="{prefix}/suggest/"' in box
    assert 'role="combobox"' in box and 'name="q"' in box
    assert "js/search.js" in html


def build_searchable_library(size: int, *, first: int = 0) -> None:
    band = make_term(Equipment, "Band")
    with pipeline.batch():  # indexed once at the end, as a bulk writer does
        for number in range(first, first + size):
            exercise = make_exercise(
                title=f"Plank {number:03d}", description="A plank variation.", difficulty="beginner"
            )
            exercise.equipment.add(band)
            exercise.tags.add(f"tag {number % 4}", "plank")
            Step.objects.create(exercise=exercise, position=1, text="Hold the plank.")


SEARCH_URLS = [
    "/exercises/?q=plank",
    "/exercises/?q=plank&equipment=band&difficulty=beginner&tag=tag-1&sort=newest&page=2",
    "/exercises/suggest/?q=pla",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", SEARCH_URLS)
def test_search_query_counts_do_not_grow_with_the_library(client, url):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    build_searchable_library(5)
    small = queries()
    build_searchable_library(60, first=5)
    assert queries() == small


def test_admin_save_updates_the_index(editor_client, searchable):
    swan = searchable["swan"]
    change = reverse("admin:exercises_exercise_change", args=[swan.pk])
    data = {
        "title": "Swan Dive",
        "slug": "swan-dive",
        "language": "en",
        "status": "published",
        "description": "Rock forward.",
        "difficulty": "advanced",
        "tags": "extension, seesaw",
        "translation_key": "",
        "author": "",
        "image_source": "",
        "body": "",
        "extra_front_matter": "{}",
        "duration": "",
        "updated_at_token": swan.updated_at.isoformat(),
    }
    for prefix in ["steps", "modifications", "faqs", "videos"]:
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    response = editor_client.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert titles(editor_client.get("/exercises/", {"q": "seesaw"})) == ["Swan Dive"]


def test_imported_exercises_are_searchable(tmp_path, db):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "teaser.md").write_text(
        '---\ntitle: "Teaser"\ndescription: "Balance in a V."\nkeywords: [powerhouse]\n'
        "steps:\n  - Roll up to balance.\n---\nBody.\n",
        encoding="utf-8",
    )
    call_command("import_exercises", str(tmp_path), stdout=StringIO(), stderr=StringIO())
    Exercise.objects.update(status="published")
    assert found("powerhouse") == ["Teaser"]


def test_rebuild_command_reports_and_dry_run_writes_nothing(searchable):
    corkscrew = make_exercise(title="Corkscrew")
    # Written around the pipeline (update() reports nothing), as a damaged index would be.
    Exercise.objects.filter(pk=corkscrew.pk).update(description="Circle both legs.")
    total = Exercise.objects.count()
    out = StringIO()
    call_command("rebuild_search_index", "--dry-run", stdout=out)
    assert out.getvalue() == f"Would index {total} exercises (dry run, nothing written).\n"
    assert found("circle") == []
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert out.getvalue() == f"Indexed {total} exercises.\n"
    assert found("circle") == ["Corkscrew"]


def found(query: str) -> list[str]:
    published = Exercise.objects.published()
    return [e.title for e in search_exercises(published, query=query, language="en")]
