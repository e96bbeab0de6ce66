"""The error answers of the JSON API, as the OpenAPI schema declares them.

Every athlete route of the API can answer 400 (a request that cannot be read), 403 (not
this machine, or a POST without the CSRF token), 404 (no such athlete) and 422 (a bad
value, named by its field). The bodies are the app's own one-line errors (``app._one_line``
and ``routes.api.usage_error``), declared here so that the schema says what the API does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar.openapi.datastructures import ResponseSpec


@dataclass
class ErrorOut:
    """An error in one line."""

    detail: str


@dataclass
class FieldErrorOut:
    """A bad value: the field it came in ("form" when no one field is to blame) and what
    is wrong with it; nothing was stored."""

    field: str
    detail: str


ATHLETE_API_ERRORS: dict[int, ResponseSpec] = {
    400: ResponseSpec(
        ErrorOut, description="The request cannot be read: bad JSON, or a value of the wrong type"
    ),
    403: ResponseSpec(
        ErrorOut, description="Refused: not this machine, or a POST without the CSRF token"
    ),
    404: ResponseSpec(ErrorOut, description="Not found: no athlete of that name, or no such path"),
    422: ResponseSpec(FieldErrorOut, description="A bad value, named by its field; nothing stored"),
}


def declare_errors(handler: Any) -> Any:
    """``handler`` with the athlete API's error answers in its schema (its own ones win)."""
    handler.responses = {**ATHLETE_API_ERRORS, **(handler.responses or {})}
    return handler
