"""The OpenAPI schema's finishing touches and the docs page's security policy."""

from typing import Any

from csp.decorators import csp_update
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from api.problems import PROBLEM_CONTENT_TYPE

# Swagger UI (django-ninja ships it: served from the package, no CDN) draws its icons as
# data: URLs; everything else it loads is this site's own.
api_docs_decorator = csp_update({"img-src": ["data:"]})


class ProjectSwagger(Swagger):
    def __init__(self) -> None:
        super().__init__(settings={"defaultModelsExpandDepth": 0, "tryItOutEnabled": True})


HEADERS = {
    "ETag": "An entity tag: send it back as If-None-Match to get 304 when nothing changed.",
    "Cache-Control": "How long the response may be reused.",
}


class DescribedAPI(NinjaAPI):
    """Errors are described as what they are sent as (``application/problem+json``); every
    success may also be a 304 to a conditional request; 429 carries Retry-After."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                responses = operation.setdefault("responses", {})
                for status, response in responses.items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        content[PROBLEM_CONTENT_TYPE] = content.pop("application/json")
                    if int(status) == 200:
                        response["headers"] = {
                            name: {"description": text, "schema": {"type": "string"}}
                            for name, text in HEADERS.items()
                        }
                    if int(status) == 429:
                        response["headers"] = {
                            "Retry-After": {
                                "description": "Seconds to wait before the next request.",
                                "schema": {"type": "integer"},
                            }
                        }
                responses.setdefault(
                    "304", {"description": "Not modified (the If-None-Match entity tag matches)."}
                )
        return schema
