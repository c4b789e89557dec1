"""Schemathesis: generated requests to every operation of the published schema; no answer
is a server error, and every answer (errors included) is what the schema says."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.views import api
from exercises.models import Category, Status
from tests.factories import make_exercise, make_full_exercise, make_term

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())


@pytest.fixture
def app():
    """The project's WSGI application, kept from closing the test's database connection
    after each request (as Django's test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def library(db):
    ball = make_term(Category, "Ball")
    make_full_exercise(title="Swan", translation_key="swan", body="Lie **prone**.")
    make_full_exercise(title="Cisne", slug="cisne", language="es", translation_key="swan")
    make_exercise(title="Ball roll", category=ball, difficulty="beginner", duration=30)
    make_exercise(title="Hidden", status=Status.DRAFT)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_answer_conforms_to_the_schema(case, app, library):
    # Every check but one: an opaque cursor or position made up by the generator is refused
    # (400) though its type is right, as is a search without a language; neither can be
    # said in OpenAPI.
    # The WSGI transport does not decompress: gzip is tested in test_http.py.
    case.call_and_validate(
        app=app,
        headers={"Accept-Encoding": "identity"},
        excluded_checks=[positive_data_acceptance],
    )


def test_the_schema_describes_every_parameter_and_error(client):
    response = client.get("/api/v1/openapi.json")

    assert response.status_code == 200
    operations = response.json()["paths"]
    listing = operations["/api/v1/exercises/"]["get"]
    assert {parameter["name"] for parameter in listing["parameters"]} == {
        "language",
        "q",
        "difficulty",
        "category",
        "equipment",
        "muscle",
        "tag",
        "duration",
        "sort",
        "limit",
        "cursor",
        "updated_since",
    }
    for path in operations.values():
        responses = path["get"]["responses"]
        assert {"200", "304", "400", "404", "429"} <= set(responses)
        assert list(responses["404"]["content"]) == ["application/problem+json"]
        assert "Retry-After" in responses["429"]["headers"]


def test_docs_page_loads_its_assets_from_this_site(client):
    from django.contrib.staticfiles import finders

    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "/static/ninja/swagger-ui.css" in page
    assert "https://" not in page
    assert finders.find("ninja/swagger-ui-bundle.js")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "data:" in policy.split("img-src", 1)[1].split(";", 1)[0]
