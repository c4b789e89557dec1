"""The page cache holds one entry per canonical page: tracking parameters, repeated or
reordered values, odd spellings and Host variants never make another (issue 16, item 2).
Against Redis when REDIS_URL is set, else the in-memory cache, as the site runs."""

import logging

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from exercises.models import Equipment, Step
from exercises.site.selectors import LISTING_QUERY_PARAMETERS
from publishing.canonical import canonical_query
from tests.factories import make_exercise, make_term
from tests.resilience.cache_entries import stored_page_count

pytestmark = pytest.mark.django_db

SITE_HOST = "pilates.example.com"
PAGES = ["/exercises/", "/exercises/?difficulty=beginner&equipment=mat", "/exercises/the-hundred/"]


@pytest.fixture(autouse=True)
def cached_site(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.SITE_HOST = SITE_HOST


@pytest.fixture
def library(db):
    mat = make_term(Equipment, "Mat")
    hundred = make_exercise(title="The Hundred", slug="the-hundred", difficulty="beginner")
    hundred.equipment.add(mat)
    Step.objects.create(exercise=hundred, position=1, text="Curl up.")
    make_exercise(title="Teaser", slug="teaser", difficulty="advanced")
    return hundred


def junk_variant(page: str, number: int) -> tuple[str, str]:
    """The ``number``-th junk spelling of ``page`` and the Host it is asked for with."""
    path, _, query = page.partition("?")
    params = [query] if query else []
    kind = number % 10
    hosts = [SITE_HOST, f"{SITE_HOST}:{8000 + number}", SITE_HOST.upper(), f"{SITE_HOST}:443"]
    host = hosts[number % len(hosts)]
    if kind == 0:
        params.append(f"utm_source=newsletter-{number}&utm_medium=email&utm_campaign=c{number}")
    elif kind == 1:
        params.append(f"fbclid=IwAR{number}x")
    elif kind == 2:
        params.append(f"gclid=Cj0K{number}")
    elif kind == 3:
        params.append(f"undeclared{number}=value{number}")
    elif kind == 4 and query:
        params.append(query)  # every value repeated
        params.append(f"ref={number}")
    elif kind == 5 and query:
        # Another order, another case, another encoding: the same filters.
        params = [f"equipment=MAT&difficulty=%62eginner&_={number}"]
    elif kind == 6:
        params.append(f"page=1&sort=&q=+++&x={number}")
    elif kind == 7:
        params.append(f"duration=abc&more=nonsense&tag_search=&n={number}")
    elif kind == 8:
        params.append(f"difficulty=impossible&equipment=not%20a%20slug&v={number}")
    else:
        params.append(f"utm_content={'%F0%9F%92%A5' * (number % 7)}&mc_eid={number}")
    return f"{path}?{'&'.join(params)}", host


def test_a_thousand_junk_variants_of_three_pages_make_no_new_entries(client, library):
    canonical = {page: client.get(page, HTTP_HOST=SITE_HOST) for page in PAGES}
    assert all(response.status_code == 200 for response in canonical.values())
    entries_before = stored_page_count()
    assert entries_before == len(PAGES)

    with CaptureQueriesContext(connection) as queries:
        for number in range(1000):
            page = PAGES[number % len(PAGES)]
            url, host = junk_variant(page, number)
            response = client.get(url, HTTP_HOST=host)
            assert response.status_code == 200, url
            assert response.content == canonical[page].content, url

    assert stored_page_count() - entries_before <= 3  # a handful at most; in fact none
    assert stored_page_count() == entries_before
    assert len(queries) == 0, "every junk variant was answered from its canonical entry"


def test_a_page_first_asked_for_with_junk_is_stored_as_the_canonical_page(client, library):
    response = client.get("/exercises/?utm_source=news&fbclid=abc&page=1", HTTP_HOST=SITE_HOST)

    assert b"utm_source" not in response.content
    assert b"fbclid" not in response.content
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/exercises/", HTTP_HOST=SITE_HOST).content == response.content
    assert len(queries) == 0
    assert stored_page_count() == 1


def test_renders_for_another_host_are_served_but_never_stored(client, library, caplog):
    with caplog.at_level(logging.WARNING, logger="publishing.failopen"):
        other = client.get("/exercises/the-hundred/", HTTP_HOST="pilates.example.com:8443")
        client.get("/exercises/", HTTP_HOST="127.0.0.1:8000")

    assert other.status_code == 200
    assert b"pilates.example.com:8443" in other.content  # its links name the host it was for
    assert stored_page_count() == 0
    # The operator hears of it, once a minute rather than once a request.
    assert [record.getMessage() for record in caplog.records] == [
        "Pages asked for with Host 'pilates.example.com:8443' are served from the cache but "
        "not stored in it: PILATES_SITE_HOST is 'pilates.example.com'. Does the proxy pass "
        "the visitor's Host header?"
    ]

    canonical = client.get("/exercises/the-hundred/", HTTP_HOST=SITE_HOST)
    assert stored_page_count() == 1
    again = client.get("/exercises/the-hundred/", HTTP_HOST="pilates.example.com:8443")
    assert again.content == canonical.content
    assert b"pilates.example.com:8443" not in again.content


def test_an_edit_replaces_entries_instead_of_leaving_old_copies_behind(client, library):
    for page in PAGES:
        client.get(page, HTTP_HOST=SITE_HOST)

    for revision in range(5):
        library.title = f"The Hundred, take {revision}"
        library.save()
        for page in PAGES:
            assert f"take {revision}".encode() in client.get(page, HTTP_HOST=SITE_HOST).content

    assert stored_page_count() == len(PAGES)


def test_distinct_filters_stay_distinct_pages(client, library):
    beginners = client.get("/exercises/?difficulty=beginner", HTTP_HOST=SITE_HOST)
    advanced = client.get("/exercises/?difficulty=advanced", HTTP_HOST=SITE_HOST)

    assert b"The Hundred" in beginners.content and b"Teaser" not in beginners.content
    assert b"Teaser" in advanced.content and b"The Hundred" not in advanced.content
    assert stored_page_count() == 2


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("utm_source=x&fbclid=y&gclid=z", ""),
        ("equipment=mat&difficulty=beginner", "difficulty=beginner&equipment=mat"),
        (
            "equipment=ring&equipment=MAT&equipment=mat&equipment=ring",
            "equipment=mat&equipment=ring",
        ),
        ("difficulty=%62eginner&difficulty=Advanced", "difficulty=advanced&difficulty=beginner"),
        ("q=++the+%20hundred++", "q=the+hundred"),
        ("sort=title&sort=newest", "sort=newest"),  # one value: the last counts
        ("sort=sideways", ""),
        ("page=1", ""),
        ("page=0003", "page=3"),
        ("page=-2&duration=1e3", ""),
        ("duration=0300", "duration=300"),
        ("more=equipment&more=nonsense", "more=equipment"),
        ("equipment=not+a+slug&tag=%3Cscript%3E", ""),
    ],
)
def test_the_canonical_query_keeps_declared_parameters_in_one_spelling(query, expected):
    assert canonical_query(QueryDict(query), LISTING_QUERY_PARAMETERS) == expected
