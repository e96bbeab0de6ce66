"""What the Plan page's templates need beside web/present.py: status words, session names."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from stridelift.domain.diff import session_label

STATUS_WORDS = {
    "planned": "planned",
    "done": "done",
    "partly": "partly done",
    "missed": "missed",
    "logged": "logged, not planned",
}


def first_upper(text: str) -> str:
    """The text with its first letter a capital, the rest as it is: ``Strength A``."""
    return text[:1].upper() + text[1:]


def session_name(s: dict[str, Any]) -> str:
    """A planned session's name as a heading: ``Tempo run``, ``Strength A``."""
    return first_upper(session_label(s))


PLAN_FILTERS = {"session_name": session_name, "first_upper": first_upper}
PLAN_GLOBALS = {"status_words": STATUS_WORDS, "timedelta": timedelta}
