"""Errors as RFC 9457 problem details (``application/problem+json``)."""

import json
from http import HTTPStatus
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

PROBLEM_CONTENT_TYPE = "application/problem+json"


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
    status: int, *, detail: str = "", title: str = "", **extensions: Any
) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": title or status_title(status),
        "status": status,
        "detail": detail,
        **{key: value for key, value in extensions.items() if value is not None},
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_CONTENT_TYPE
    )


def is_problem(response: HttpResponse) -> bool:
    return response.get("Content-Type", "").startswith(PROBLEM_CONTENT_TYPE)
