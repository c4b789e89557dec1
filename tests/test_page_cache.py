"""Whole-page cache and HTTP caching: fast for anonymous visitors, never stale, never shared
with staff."""

import gzip
from io import StringIO

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import path

from exercises.models import Equipment, Status, Step
from exercises.services import exercises_set_status
from publishing.canonical import page_query_parameters
from tests.factories import make_exercise, make_term

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def hundred(db):
    exercise = make_exercise(title="The Hundred", slug="the-hundred", description="Pump.")
    Step.objects.create(exercise=exercise, position=1, text="Curl up.")
    return exercise


PUBLIC_PAGES = [
    "/",
    "/exercises/",
    "/exercises/?difficulty=beginner&q=hundred&page=1",
    "/exercises/the-hundred/",
    "/exercises/feed/",
    "/sitemap.xml",
    "/robots.txt",
    "/es/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_anonymous_public_pages_are_served_from_the_cache_without_queries(
    client, hundred, url, django_assert_num_queries
):
    first = client.get(url)
    assert first.status_code == 200

    with django_assert_num_queries(0):
        second = client.get(url)

    assert second.status_code == 200
    assert second.content == first.content


def test_each_query_string_is_its_own_page(client, hundred):
    make_exercise(title="Teaser", difficulty="advanced")
    assert b"Teaser" in client.get("/exercises/").content
    assert b"Teaser" not in client.get("/exercises/?q=hundred").content
    assert b"Teaser" in client.get("/exercises/?difficulty=advanced").content


def test_saving_an_exercise_shows_on_the_very_next_request(client, hundred):
    assert b"The Hundred" in client.get("/exercises/the-hundred/").content

    hundred.title = "The Hundred, revised"
    hundred.save()

    assert b"The Hundred, revised" in client.get("/exercises/the-hundred/").content


def test_changing_a_child_row_shows_on_the_next_request(client, hundred):
    client.get("/exercises/the-hundred/")

    Step.objects.filter(exercise=hundred).get().delete()
    Step.objects.create(exercise=hundred, position=1, text="Breathe out for five counts.")

    assert b"Breathe out for five counts." in client.get("/exercises/the-hundred/").content


def test_adding_equipment_shows_on_the_next_request(client, hundred):
    circle = make_term(Equipment, "Magic circle")
    client.get("/exercises/the-hundred/")

    hundred.equipment.add(circle)

    assert b"Magic circle" in client.get("/exercises/the-hundred/").content


def test_renaming_a_taxonomy_term_shows_on_the_next_request(client, hundred):
    ring = make_term(Equipment, "Ring")
    hundred.equipment.add(ring)
    client.get("/exercises/the-hundred/")

    ring.name = "Pilates ring"
    ring.save()

    assert b"Pilates ring" in client.get("/exercises/the-hundred/").content


def test_tagging_shows_on_the_next_request(client, hundred):
    client.get("/exercises/the-hundred/")

    hundred.tags.add("breathing")

    assert b"breathing" in client.get("/exercises/the-hundred/").content


def test_unpublishing_through_the_service_takes_the_page_down_at_once(client, hundred):
    assert client.get("/exercises/the-hundred/").status_code == 200

    exercises_set_status(exercises=type(hundred).objects.all(), status=Status.DRAFT)

    assert client.get("/exercises/the-hundred/").status_code == 404
    assert b"The Hundred" not in client.get("/exercises/").content


def test_drafts_are_never_cached(client, hundred):
    draft = make_exercise(title="Secret", slug="secret", status=Status.DRAFT)
    assert client.get("/exercises/secret/").status_code == 404

    exercises_set_status(exercises=type(draft).objects.filter(pk=draft.pk), status="published")

    assert client.get("/exercises/secret/").status_code == 200


def test_staff_are_never_served_cached_pages_nor_fill_the_cache(editor_client, client, hundred):
    draft = make_exercise(title="Work in progress", slug="wip", status=Status.DRAFT)
    anonymous = client.__class__()
    anonymous.get("/exercises/")

    staff_list = editor_client.get("/exercises/")
    staff_draft = editor_client.get("/exercises/wip/")

    assert staff_list.context is not None  # rendered, not taken from the cache
    assert staff_draft.status_code == 200
    assert "private" in staff_draft["Cache-Control"]
    assert "no-store" in staff_draft["Cache-Control"]
    assert anonymous.get(draft.get_absolute_url()).status_code == 404


def test_a_session_cookie_alone_bypasses_the_cache(client, hundred):
    client.get("/exercises/")
    client.cookies["sessionid"] = "whatever"

    response = client.get("/exercises/")

    assert response.context is not None
    assert "no-store" in response["Cache-Control"]


def test_not_found_pages_are_not_cached(client, hundred):
    assert client.get("/exercises/later/").status_code == 404

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/exercises/later/").status_code == 404

    assert len(queries) > 0


robots_calls: list = []


@page_query_parameters()
def robots_setting_a_cookie(request):
    robots_calls.append(request)
    response = HttpResponse("User-agent: *")
    if len(robots_calls) == 1:
        response.set_cookie("tracking", "1")
    elif len(robots_calls) == 2:
        response["Cache-Control"] = "private"
    return response


urlpatterns = [path("robots-with-a-cookie.txt", robots_setting_a_cookie)]


def test_responses_that_set_a_cookie_or_say_private_are_not_stored(client, settings):
    settings.ROOT_URLCONF = __name__
    robots_calls.clear()
    for _ in range(3):
        client.get("/robots-with-a-cookie.txt")
    assert len(robots_calls) == 3  # neither the cookie nor the private response was stored
    client.get("/robots-with-a-cookie.txt")
    assert len(robots_calls) == 3  # the third, plain one was


@pytest.mark.parametrize("url", ["/exercises/the-hundred/", "/robots.txt", "/sitemap.xml"])
def test_anonymous_pages_carry_cdn_friendly_cache_headers(client, hundred, url):
    response = client.get(url)

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=60", "stale-while-revalidate=600"} <= cache_control
    assert response["ETag"]
    assert response["Last-Modified"]
    vary = {part.strip().lower() for part in response["Vary"].split(",")}
    assert "cookie" in vary
    # The language comes from the URL, never from the browser's preference.
    assert "accept-language" not in vary


@pytest.mark.parametrize("cached", [False, True])
def test_conditional_requests_get_304_not_modified(client, hundred, cached, settings):
    settings.PAGE_CACHE_ENABLED = cached
    first = client.get("/exercises/")

    by_etag = client.get("/exercises/", headers={"if-none-match": first["ETag"]})
    by_date = client.get("/exercises/", headers={"if-modified-since": first["Last-Modified"]})

    assert by_etag.status_code == 304
    assert by_date.status_code == 304
    assert by_etag.content == b""


def test_a_change_makes_the_old_etag_and_date_stale(client, hundred):
    first = client.get("/exercises/")
    hundred.title = "Hundred"
    hundred.save()

    response = client.get("/exercises/", headers={"if-none-match": first["ETag"]})

    assert response.status_code == 200


def test_html_is_gzipped_for_clients_that_accept_it(client, hundred):
    plain = client.get("/exercises/")
    compressed = client.get("/exercises/", headers={"accept-encoding": "gzip, br"})
    compressed_again = client.get("/exercises/", headers={"accept-encoding": "gzip"})

    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert "accept-encoding" in compressed["Vary"].lower()
    assert gzip.decompress(compressed.content) == plain.content
    assert gzip.decompress(compressed_again.content) == plain.content
    # Django pads gzip output with up to 100 random bytes (BREACH): allow for it.
    assert len(compressed.content) < len(plain.content) / 2


def test_the_admin_is_never_cached(admin_client, hundred):
    response = admin_client.get("/admin/exercises/exercise/")
    assert "public" not in response.get("Cache-Control", "")


def test_switching_the_cache_off_renders_every_time(client, hundred, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/exercises/the-hundred/")
    assert client.get("/exercises/the-hundred/").context is not None


def test_seeding_demo_content_in_bulk_invalidates_cached_pages(client, hundred):
    from django.core.management import call_command

    before = client.get("/exercises/?q=&sort=title").content
    call_command("seed_demo", count=4, seed=1, verbosity=0)

    assert client.get("/exercises/?q=&sort=title").content != before


def test_an_import_run_invalidates_cached_pages_once_it_ends(client, hundred, tmp_path):
    from django.core.management import call_command

    (tmp_path / "roll-up.md").write_text(
        '---\ntitle: "Roll Up"\ndifficulty: beginner\nstatus: published\n---\nRoll up slowly.\n'
    )
    before = client.get("/exercises/").content
    assert b"Roll Up" not in before

    call_command("import_exercises", str(tmp_path), stdout=StringIO())

    assert b"Roll Up" in client.get("/exercises/").content
