from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exercises.models import Category, Equipment, Exercise, Status
from exercises.site.selectors import exercise_listing
from tests.api.helpers import LIST_URL, every_page
from tests.factories import image_bytes, make_exercise, make_full_exercise, make_term

pytestmark = pytest.mark.django_db


def slugs(results):
    return [item["slug"] for item in results]


def test_list_shows_published_exercises_only(client):
    now = timezone.now()
    make_exercise(title="Live")
    make_exercise(title="Draft", status=Status.DRAFT)
    make_exercise(title="Later", status=Status.DRAFT, publish_at=now + timedelta(hours=1))
    make_exercise(title="Due", status=Status.DRAFT, publish_at=now - timedelta(minutes=1))
    make_exercise(title="Ended", unpublish_at=now - timedelta(minutes=1))

    results, _position = every_page(client)

    assert slugs(results) == ["due", "live"]


def test_detail_has_every_part_the_page_shows(client):
    english = make_full_exercise(
        title="Swan", body="Intro **bold**.\n\n## Tips\n\nBreathe.", translation_key="swan"
    )
    english.image.save("swan.png", ContentFile(image_bytes((1600, 900))), save=True)
    make_full_exercise(title="Cisne", slug="cisne", language="es", translation_key="swan")

    response = client.get("/api/v1/exercises/en/swan/")

    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Swan"
    assert body["url"] == "http://testserver/exercises/swan/"
    assert [step["text"] for step in body["steps"]] == ["Lie down.", "Lift the legs."]
    assert body["steps"][1]["title"] == "Lift"
    assert body["modifications"][0] == {
        "position": 1,
        "name": "Bent knees",
        "level": "easier",
        "description": "Bend.",
    }
    assert body["faqs"][0]["question"] == "Why?"
    assert body["videos"][0]["video_id"] == "O5-ROTyo2dA"
    assert body["videos"][0]["url"] == "https://www.youtube.com/watch?v=O5-ROTyo2dA"
    assert body["category"]["names"] == {"en": "Mat", "es": "Esterilla"}
    assert {muscle["slug"] for muscle in body["muscles"]} == {"core", "glutes"}
    assert body["muscles"][0]["names"].keys() == {"en", "es"}
    assert {tag["name"] for tag in body["tags"]} == {"core", "beginner friendly"}
    assert body["translations"] == [
        {
            "language": "es",
            "slug": "cisne",
            "title": "Cisne",
            "url": "http://testserver/es/ejercicios/cisne/",
            "api_url": "http://testserver/api/v1/exercises/es/cisne/",
        }
    ]
    assert body["body"].startswith("Intro **bold**.")
    assert "<strong>bold</strong>" in body["body_html"]
    assert "Breathe." in body["guidance_html"]
    renditions = body["picture"]["renditions"]
    assert {(item["kind"], item["format"]) for item in renditions} >= {
        ("card", "webp"),
        ("detail", "png"),
    }
    assert all(item["url"].startswith("http://testserver/media/") for item in renditions)


def test_draft_translation_is_not_listed_among_translations(client):
    make_exercise(title="Swan", translation_key="swan")
    make_exercise(
        title="Cisne", slug="cisne", language="es", translation_key="swan", status=Status.DRAFT
    )

    assert client.get("/api/v1/exercises/en/swan/").json()["translations"] == []


@pytest.mark.parametrize(
    "path",
    ["/api/v1/exercises/en/draft/", "/api/v1/exercises/en/nothing/", "/api/v1/exercises/es/live/"],
)
def test_detail_of_what_is_not_published_here_is_a_problem_404(client, path):
    make_exercise(title="Draft", status=Status.DRAFT)
    make_exercise(title="Live")

    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_list_takes_the_sites_filters(client):
    mat, ball = make_term(Category, "Mat"), make_term(Category, "Ball")
    band = make_term(Equipment, "Band")
    make_exercise(title="A", category=mat, difficulty="beginner")
    make_exercise(title="B", category=ball, difficulty="beginner").equipment.add(band)
    make_exercise(title="C", category=ball, difficulty="advanced")
    make_exercise(title="D", category=ball, language="es", difficulty="beginner")

    def listed(**params):
        return slugs(every_page(client, **params)[0])

    assert listed(category="ball", language="en") == ["b", "c"]
    assert listed(category=["ball", "mat"], difficulty="beginner") == ["a", "b", "d"]
    assert listed(equipment="band") == ["b"]
    assert listed(language="es") == ["d"]
    assert listed(sort="newest", language="en") == ["c", "b", "a"]


def test_search_is_ranked_as_on_the_site(client):
    for title, description in [
        ("Side plank", "Lift the hips."),
        ("Forearm hold", "Like a plank on the forearms."),
        ("Plank", "The plank itself: a straight line."),
        ("Roll up", "Nothing to do with it."),
    ]:
        make_exercise(title=title, description=description)
    site = exercise_listing(params=QueryDict("q=plank"), language="en")

    results, _position = every_page(client, q="plank", language="en", limit=2)

    assert slugs(results) == [exercise.slug for exercise in site.page.object_list]
    assert len(results) == 3


@pytest.mark.parametrize("sort", [{}, {"sort": "relevance"}])
def test_a_search_of_no_words_lists_by_title_rather_than_failing(client, sort):
    # Found by schemathesis: symbols alone make no search, so there is no rank to sort by.
    make_exercise(title="Plank")
    make_exercise(title="Bridge")

    response = client.get(LIST_URL, {"q": ">\U000fc3a4?", "language": "en", **sort})

    assert response.status_code == 200
    assert [item["slug"] for item in response.json()["results"]] == ["bridge", "plank"]


def test_search_needs_a_language(client):
    response = client.get(LIST_URL, {"q": "plank"})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("sort", ["title", "newest", "duration"])
def test_cursor_pages_list_every_exercise_once_in_order(client, sort):
    for number in range(7):
        make_exercise(
            title=f"Exercise {number % 3} {number}",
            duration=None if number % 2 else 60 * (number % 3),
            published_on=None if number % 3 == 0 else timezone.now().date(),
        )
    whole = slugs(client.get(LIST_URL, {"sort": sort, "limit": 100}).json()["results"])

    paged = slugs(every_page(client, sort=sort, limit=2)[0])

    assert paged == whole
    assert len(set(paged)) == 7


def test_pages_stay_stable_while_exercises_come_and_go(client):
    for letter in "bdfh":
        make_exercise(title=letter)
    first = client.get(LIST_URL, {"limit": 2}).json()
    assert slugs(first["results"]) == ["b", "d"]
    make_exercise(title="a")  # before the page read: does not shift the next one
    Exercise.objects.get(slug="b").delete()
    make_exercise(title="e")

    second = client.get(first["next"]).json()

    assert slugs(second["results"]) == ["e", "f"]


def test_a_cursor_made_for_another_sort_is_refused(client):
    for letter in "abc":
        make_exercise(title=letter)
    next_url = client.get(LIST_URL, {"limit": 1}).json()["next"]
    cursor = QueryDict(next_url.split("?", 1)[1])["cursor"]

    response = client.get(LIST_URL, {"limit": 1, "sort": "newest", "cursor": cursor})
    garbage = client.get(LIST_URL, {"cursor": "not-a-cursor"})

    assert response.status_code == 400
    assert garbage.status_code == 400
    assert garbage["Content-Type"] == "application/problem+json"


def _queries_for_page(client, count: int) -> int:
    Exercise.objects.all().delete()
    for number in range(count):
        make_full_exercise(title=f"Full {number}", translation_key=f"key-{number}")
        make_exercise(
            title=f"Completo {number}",
            slug=f"completo-{number}",
            language="es",
            translation_key=f"key-{number}",
        )
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST_URL, {"language": "en", "limit": 100})
    assert response.status_code == 200
    assert len(response.json()["results"]) == count
    return len(queries)


def test_list_page_queries_do_not_grow_with_its_size(client):
    assert _queries_for_page(client, 2) == _queries_for_page(client, 12) <= 8


def test_detail_costs_seven_queries(client, django_assert_num_queries):
    make_full_exercise(title="Swan", translation_key="swan")
    make_exercise(title="Cisne", slug="cisne", language="es", translation_key="swan")

    with django_assert_num_queries(7):
        response = client.get("/api/v1/exercises/en/swan/")

    assert response.status_code == 200
    assert len(response.json()["translations"]) == 1


def test_terms_have_both_names_and_published_counts_per_language(client):
    chair = make_term(Category, "Wunda stool")
    chair.translated_names = {"es": "Taburete Wunda"}
    chair.save()
    make_exercise(title="A", category=chair)
    make_exercise(title="B", category=chair, language="es")
    make_exercise(title="C", category=chair, status=Status.DRAFT)
    unused = make_term(Category, "Unused thing")

    response = client.get("/api/v1/terms/category/")

    assert response.status_code == 200
    body = response.json()
    terms = {term["slug"]: term for term in body["results"]}
    assert terms[chair.slug] == {
        "slug": "wunda-stool",
        "names": {"en": "Wunda stool", "es": "Taburete Wunda"},
        "published": {"en": 1, "es": 1},
    }
    assert terms[unused.slug]["published"] == {"en": 0, "es": 0}
    assert body["next"] is None
