"""Errors as RFC 9457 problem details (``application/problem+json``)."""

import json
from http import HTTPStatus
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _

PROBLEM_CONTENT_TYPE = "application/problem+json"


class ProblemError(Exception):
    """Raised by a view: answered as a problem with this status and (lazy) detail."""

    def __init__(self, status: int, detail: Any) -> None:
        super().__init__(status, detail)
        self.status = status
        self.detail = detail


def status_title(status: int) -> str:
    titles = {
        400: _("Invalid request"),
        404: _("Not found"),
        405: _("Method not allowed"),
        429: _("Too many requests"),
        500: _("Server error"),
        503: _("Service unavailable"),
    }
    if status in titles:
        return titles[status]
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return str(status)


def problem_response(
    request: HttpRequest, status: int, *, detail: Any = "", **extensions: Any
) -> HttpResponse:
    """A problem in the language the client asks for (Accept-Language): the API's paths
    have no language prefix, so the site's LocaleMiddleware would always pick English.
    ``detail`` may be a lazy translation; it is read in that language."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        body = {
            "type": "about:blank",
            "title": status_title(status),
            "status": status,
            "detail": str(detail),
            **{key: value for key, value in extensions.items() if value is not None},
        }
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_CONTENT_TYPE
    )
    response["Content-Language"] = language
    return response


def is_problem(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith(PROBLEM_CONTENT_TYPE)
