"""Reading the API the way a client does: every page of a list, a change feed."""

from typing import Any

LIST_URL = "/api/v1/exercises/"


def every_page(client, url: str = LIST_URL, **params: Any) -> tuple[list[dict], str]:
    """Every result of the list at ``url``, following ``next``, and the last page's
    ``next_updated_since``."""
    response = client.get(url, params)
    results: list[dict] = []
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        results.extend(body["results"])
        if body["next"] is None:
            return results, body["next_updated_since"]
        response = client.get(body["next"])
