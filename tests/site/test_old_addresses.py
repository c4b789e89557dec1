"""Old addresses answer 301 to the exercise's current URL: imported pages, aliases, renames."""

from datetime import date
from io import StringIO
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import OperationalError, connection

from exercises.models import Exercise, OldAddress, OldAddressOrigin, Status
from publishing.addresses import InvalidAddress, normalise_path
from tests.admin_forms import change_form_data, change_url
from tests.factories import make_exercise
from tests.importing.helpers import write

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def hundred():
    exercise = make_exercise(title="The Hundred", slug="the-hundred", published_on=date(2024, 1, 2))
    exercise.old_addresses.create(path="/exercises/mat/the-hundred/")
    return exercise


@pytest.mark.parametrize(
    ("value", "path"),
    [
        ("/exercises/mat/the-hundred/", "/exercises/mat/the-hundred/"),
        ("/Exercises/Mat/The-Hundred", "/exercises/mat/the-hundred/"),
        ("/exercises//mat/./x/../the-hundred", "/exercises/mat/the-hundred/"),
        ("/es/ejercicios/tir%C3%B3n/", "/es/ejercicios/tirón/"),
        ("/old/page.html", "/old/page.html"),
        ("/../../etc/passwd", "/etc/passwd/"),
    ],
)
def test_paths_are_stored_and_looked_up_in_one_canonical_form(value, path):
    assert normalise_path(value) == path


@pytest.mark.parametrize(
    "value",
    [
        "",
        "/",
        "https://evil.example/x/",
        "//evil.example/x/",
        "///evil.example/",
        "/x/?next=//evil.example",
        "/x\\evil",
        "/x/\x00/",
        "relative/path/",
        "/" + "a" * 600,
    ],
)
def test_anything_but_a_path_on_this_site_is_refused(value):
    with pytest.raises(InvalidAddress):
        normalise_path(value)


def test_an_old_address_answers_301_to_the_exercise(client, hundred):
    response = client.get("/exercises/mat/the-hundred/")

    assert response.status_code == 301
    assert response["Location"] == "/exercises/the-hundred/"
    assert "max-age" in response["Cache-Control"]


def test_the_old_address_matches_without_its_slash_or_in_capitals_and_keeps_the_query(
    client, hundred
):
    response = client.get("/Exercises/Mat/The-Hundred", {"utm_source": "news letter"})

    assert response.status_code == 301
    assert response["Location"] == "/exercises/the-hundred/?utm_source=news+letter"


def test_head_is_redirected_but_a_post_is_not(client, hundred):
    assert client.head("/exercises/mat/the-hundred/").status_code == 301
    assert client.post("/exercises/mat/the-hundred/").status_code == 404


def test_an_old_address_of_a_draft_or_of_nothing_stays_404(client, hundred):
    Exercise.objects.filter(pk=hundred.pk).update(status=Status.DRAFT)

    assert client.get("/exercises/mat/the-hundred/").status_code == 404
    assert client.get("/no/such/page/").status_code == 404


def test_a_live_page_wins_over_an_old_address_with_its_path(client, hundred):
    make_exercise(title="Saw", slug="saw")
    hundred.old_addresses.create(path="/exercises/saw/")

    assert client.get("/exercises/saw/").status_code == 200


def test_a_404_costs_one_query_and_a_cached_page_none(client, hundred, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert client.get("/no/such/page/").status_code == 404
    with django_assert_num_queries(1):
        assert client.get("/exercises/mat/the-hundred/").status_code == 301
    assert client.get("/exercises/the-hundred/").status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/exercises/the-hundred/").status_code == 200
    # A path that cannot be an old address is not looked up at all.
    with django_assert_num_queries(0):
        assert client.get("/x/%00/").status_code == 404


def test_an_address_nobody_can_look_up_while_the_database_is_down_answers_503_not_404(
    client, hundred
):
    # A 404 would tell search engines that an old address is gone for good.
    database_down = OperationalError("could not connect to server")

    with mock.patch.object(connection, "cursor", side_effect=database_down):
        response = client.get("/exercises/mat/the-hundred/")

    assert response.status_code == 503
    assert response["Retry-After"]


def test_a_spanish_old_address_answers_301_to_the_spanish_page(client):
    cien = make_exercise(title="El Cien", slug="el-cien", language="es")
    cien.old_addresses.create(path="/es/ejercicios/mat/el-cien/")

    response = client.get("/es/ejercicios/mat/el-cien/")

    assert response.status_code == 301
    assert response["Location"] == "/es/ejercicios/el-cien/"


def test_a_slug_changed_in_the_admin_leaves_a_301_and_later_renames_keep_it_current(
    admin_client, client, hundred
):
    hundred.refresh_from_db()
    response = admin_client.post(change_url(hundred), change_form_data(hundred, slug="hundred"))
    assert response.status_code == 302
    hundred.refresh_from_db()
    admin_client.post(change_url(hundred), change_form_data(hundred, slug="the-100"))

    for old in ("/exercises/the-hundred/", "/exercises/hundred/", "/exercises/mat/the-hundred/"):
        moved = client.get(old)
        assert (old, moved.status_code, moved["Location"]) == (old, 301, "/exercises/the-100/")
    renamed = OldAddress.objects.filter(origin=OldAddressOrigin.RENAMED)
    assert sorted(renamed.values_list("path", flat=True)) == [
        "/exercises/hundred/",
        "/exercises/the-hundred/",
    ]


def test_renaming_back_drops_the_old_address_that_is_the_url_again(admin_client, client, hundred):
    hundred.refresh_from_db()
    admin_client.post(change_url(hundred), change_form_data(hundred, slug="hundred"))
    hundred.refresh_from_db()
    admin_client.post(change_url(hundred), change_form_data(hundred, slug="the-hundred"))

    assert client.get("/exercises/the-hundred/").status_code == 200
    assert client.get("/exercises/hundred/")["Location"] == "/exercises/the-hundred/"
    assert not OldAddress.objects.filter(path="/exercises/the-hundred/").exists()


def test_a_draft_never_published_leaves_no_old_address_when_renamed(admin_client):
    draft = make_exercise(title="Work In Progress", status=Status.DRAFT)
    draft.refresh_from_db()

    admin_client.post(change_url(draft), change_form_data(draft, slug="saw"))

    assert not OldAddress.objects.exists()


def test_a_rename_by_any_save_leaves_a_301(client, hundred):
    exercise = Exercise.objects.get(pk=hundred.pk)
    exercise.language = "es"
    exercise.slug = "el-cien"
    exercise.save()

    response = client.get("/exercises/the-hundred/")

    assert response.status_code == 301
    assert response["Location"] == "/es/ejercicios/el-cien/"


def test_the_admin_stores_an_old_address_in_canonical_form_and_refuses_a_host(
    admin_client, hundred
):
    add_url = "/admin/exercises/oldaddress/add/"
    added = admin_client.post(
        add_url, {"path": "/Old/Hundred", "exercise": hundred.pk, "origin": "alias"}
    )
    refused = admin_client.post(
        add_url, {"path": "//evil.example/", "exercise": hundred.pk, "origin": "alias"}
    )

    assert added.status_code == 302
    assert OldAddress.objects.filter(path="/old/hundred/", exercise=hundred).exists()
    assert refused.status_code == 200
    assert "names a host" in refused.content.decode()
    assert admin_client.get("/admin/exercises/oldaddress/").status_code == 200
    with pytest.raises(ValidationError):
        OldAddress(path="https://evil.example/", exercise=hundred).full_clean()


HUGO_PAGE = """---
title: The Hundred
translationKey: hundred
aliases: ["/classics/hundred/", "hundreds"]
---
Body.
"""
HUGO_PAGE_ES = """---
title: El Cien
translationKey: hundred
aliases: ["/clasicos/cien/"]
---
Cuerpo.
"""


def test_imported_hugo_pages_keep_their_addresses_in_both_languages(client, tmp_path):
    content = tmp_path / "site" / "content"
    write(content / "en/exercises/mat/the-hundred.md", HUGO_PAGE)
    write(content / "es/ejercicios/mat/el-cien.md", HUGO_PAGE_ES)

    call_command("import_exercises", str(content), stdout=StringIO(), stderr=StringIO())

    expected = {
        "/exercises/mat/the-hundred/": "/exercises/the-hundred/",
        "/classics/hundred/": "/exercises/the-hundred/",
        "/exercises/mat/hundreds/": "/exercises/the-hundred/",
        "/es/ejercicios/mat/el-cien/": "/es/ejercicios/el-cien/",
        "/es/clasicos/cien/": "/es/ejercicios/el-cien/",
    }
    assert {old: client.get(old)["Location"] for old in expected} == expected
    origins = dict(OldAddress.objects.values_list("path", "origin"))
    assert origins["/exercises/mat/the-hundred/"] == OldAddressOrigin.IMPORTED
    assert origins["/classics/hundred/"] == OldAddressOrigin.ALIAS


def test_old_addresses_survive_export_and_reimport(client, tmp_path):
    content = tmp_path / "content"
    write(content / "en/exercises/mat/the-hundred.md", HUGO_PAGE)
    call_command("import_exercises", str(content), stdout=StringIO(), stderr=StringIO())
    exercise = Exercise.objects.get()
    exercise.slug = "hundred"
    exercise.save()

    call_command("export_exercises", str(tmp_path / "first"), stdout=StringIO())
    exported = (tmp_path / "first/en/hundred.md").read_text()
    Exercise.objects.all().delete()
    assert not OldAddress.objects.exists()
    call_command("import_exercises", str(tmp_path / "first"), stdout=StringIO(), stderr=StringIO())
    call_command("export_exercises", str(tmp_path / "second"), stdout=StringIO())

    assert "url: /exercises/hundred/\n" in exported
    assert (
        "aliases:\n- /classics/hundred/\n- /exercises/mat/hundreds/\n"
        "- /exercises/mat/the-hundred/\n- /exercises/the-hundred/\n"
    ) in exported
    assert (tmp_path / "second/en/hundred.md").read_text() == exported
    for old in ("/exercises/mat/the-hundred/", "/exercises/the-hundred/", "/classics/hundred/"):
        assert client.get(old)["Location"] == "/exercises/hundred/"


def test_an_alias_another_exercise_holds_stays_its_with_a_warning(tmp_path):
    saw = make_exercise(title="Saw", slug="saw")
    saw.old_addresses.create(path="/classics/hundred/")
    write(tmp_path / "en/the-hundred.md", HUGO_PAGE)
    stdout, stderr = StringIO(), StringIO()

    call_command("import_exercises", str(tmp_path), stdout=stdout, stderr=stderr)

    assert "1 created" in stdout.getvalue()
    assert "aliases: /classics/hundred/ already leads to 'Saw', which keeps it" in (
        stdout.getvalue() + stderr.getvalue()
    )
    assert OldAddress.objects.get(path="/classics/hundred/").exercise == saw
