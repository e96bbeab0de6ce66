"""The Replan page: plan again from the log, see what changes and why, accept or keep.

"Replan" computes the new plan without storing it and shows the diff against the stored
plan; "Accept" stores exactly that plan (the form carries the preview's inputs hash, and
a log that changed since gets the new diff instead, 409, with nothing stored); "Keep the
current plan" stores nothing. With htmx each answer replaces the result section; without
JavaScript the forms post and the page comes back whole.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from litestar import get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromQuery
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template

from stridelift.domain.diff import split_by_weeks
from stridelift.errors import UsageError
from stridelift.services.replan import ReplanResult, accept_replan, replan
from stridelift.services.today import week_adaptations
from stridelift.web.context import Web
from stridelift.web.guard import Who, athlete_pages

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
SHOWN_WEEKS = 4  # the diff shows the coming four weeks first, the rest folded
# The outcomes a redirect after a form names (?outcome=...), in a user's words.
OUTCOMES = {
    "stored": "New plan stored. Today, the exports and the calendar follow it now.",
    "same": "That plan is stored already: nothing new to store.",
    "kept": "Kept your current plan: nothing was stored.",
}
STALE = (
    "Your log changed since that preview (something was logged, marked busy or edited), "
    "so nothing was stored: here is the plan from your log as it is now."
)


def merged_adaptations(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The plan's adaptations, one line per rule, signal and change, their weeks together
    (two busy weeks are one ADAPT-3 line naming both weeks)."""
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for a in entries:
        key = (str(a.get("rule")), str(a.get("signal") or ""), str(a.get("change") or ""))
        line = merged.setdefault(key, {**a, "weeks": []})
        line["weeks"] = sorted({*line["weeks"], *(a.get("weeks") or [])})
    return list(merged.values())


def review(result: ReplanResult) -> dict[str, Any]:
    """What the result section shows of a new plan: referral, signals, adaptations, diff."""
    soon, later = split_by_weeks(result.changes, result.today, SHOWN_WEEKS)
    return {
        "result": result,
        "units": result.doc.get("athlete", {}).get("units", "metric"),
        "referral": list(result.doc.get("referral") or []),
        "signals": result.adjustments.signals,
        "adaptations": merged_adaptations(week_adaptations(result.doc)),
        "soon": soon,
        "later": later,
        "shown_weeks": SHOWN_WEEKS,
        "can_accept": result.previous is None or bool(result.changes),
    }


def _answer(request: HTMXRequest, who: Who, status: int = 200, **context: Any) -> Template:
    """The result section (htmx) or the whole page holding it."""
    name = "partials/replan_result.html" if request.htmx else "replan.html"
    return Template(name, context={"athlete": who, **context}, status_code=status)


def _preview(web: Web, who: Who) -> ReplanResult:
    return replan(web.workspace(), who.name, web.today(), tz=web.tz(), save=False)


@get("/replan", name="replan", sync_to_thread=False)
def replan_page(request: HTMXRequest, who: Who, outcome: FromQuery[str | None] = None) -> Template:
    """The Replan button; after a form, one line saying what happened (``?outcome=``)."""
    return _answer(request, who, outcome=OUTCOMES.get(outcome or ""))


@post("/replan/preview", name="replan_preview", sync_to_thread=True, status_code=200)
def replan_preview(request: HTMXRequest, web: Web, who: Who) -> Template:
    """The plan from the log today against the stored one; nothing is stored."""
    try:
        result = _preview(web, who)
    except UsageError as exc:
        return _answer(request, who, 422, error=str(exc))
    return _answer(request, who, **review(result))


@post("/replan/accept", name="replan_accept", sync_to_thread=True)
def replan_accept(request: HTMXRequest, web: Web, who: Who, data: Form) -> Template | Redirect:
    """Store the previewed plan while the log is as it was; else show the new diff (409)."""
    expected = (data.get("inputs_sha256") or "").strip()
    try:
        accepted = accept_replan(
            web.workspace(), who.name, web.today(), expected, tz=web.tz(), now=web.now()
        )
    except UsageError as exc:
        return _answer(request, who, 422, error=str(exc))
    if accepted.stale:
        return _answer(request, who, 409, notice=STALE, **review(accepted.result))
    outcome = "stored" if accepted.result.stored else "same"
    if request.htmx:
        return _answer(request, who, outcome=OUTCOMES[outcome])
    return Redirect(path=f"/a/{quote(who.name)}/replan?outcome={outcome}", status_code=303)


router = athlete_pages(replan_page, replan_preview, replan_accept)
