"""The Replan page's API: preview a replan (nothing stored), then accept exactly that plan.

``POST /replan/preview`` answers the changes against the stored plan, typed, with the
``inputs_sha256`` of what the plan was made from; ``POST /replan/accept`` with that hash
stores the plan, or answers 409 (nothing stored) when the log changed since the preview.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from litestar import Request, Response, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import JSONBody
from litestar.status_codes import HTTP_409_CONFLICT

from stridelift.domain.diff import Cause, Change, FieldChange, describe, why_text
from stridelift.domain.history import Signal
from stridelift.errors import UsageError
from stridelift.services.planning import rule_text
from stridelift.services.replan import ReplanResult, accept_replan, replan
from stridelift.services.today import week_adaptations
from stridelift.web.context import Web
from stridelift.web.guard import Who, athlete_api
from stridelift.web.routes.api import usage_error

ChangeKind = Literal["removed", "moved", "changed", "added"]


@dataclass
class FieldChangeOut:
    """One value that differs: ``field`` (of exercise ``subject``) from ``old`` to ``new``."""

    field: str
    old: str | float | None
    new: str | float | None
    subject: str | None
    text: str  # in words, e.g. "sets 18 -> 11" (loads in the athlete's units)


@dataclass
class CauseOut:
    """A rule behind a change; for an adaptation, its signal, what the log showed and what
    the plan changed."""

    rule: str
    rule_text: str
    signal: str | None
    since: date | None
    days: int | None
    seen: str | None
    change: str | None


@dataclass
class ChangeOut:
    """One session that was removed, moved, changed or added."""

    kind: ChangeKind
    day: date
    from_day: date | None
    session: str
    week: int | None
    fields: list[FieldChangeOut]
    causes: list[CauseOut]
    why: str  # the causes in a few words, as `stridelift replan` prints them


@dataclass
class SignalOut:
    """Something the log shows, with the rule it feeds."""

    rule: str
    name: str
    since: date
    days: int
    detail: str


@dataclass
class AdaptationOut:
    """What the plan changes because of a signal, in the plan's weeks (1: this week)."""

    rule: str
    action: str
    weeks: list[int]
    change: str
    signal: str | None


@dataclass
class ReplanOut:
    """A new plan against the stored one: referral first, signals, adaptations, changes."""

    athlete: str
    today: date
    inputs_sha256: str
    previous_plan_date: date | None  # the day of the stored plan compared with (None: none)
    stored: bool  # whether this request stored the plan (a preview never does)
    referral: list[str]
    signals: list[SignalOut]
    adaptations: list[AdaptationOut]
    changes: list[ChangeOut]


@dataclass
class AcceptBody:
    """The ``inputs_sha256`` of the preview being accepted."""

    inputs_sha256: str


@dataclass
class StaleOut:
    """The log changed since the preview: nothing stored; the plan as it is now."""

    detail: str
    current: ReplanOut


def _field(f: FieldChange, units: str) -> FieldChangeOut:
    return FieldChangeOut(f.field, f.old, f.new, f.subject, describe(f, units))


def _cause(c: Cause) -> CauseOut:
    return CauseOut(c.rule, rule_text(c.rule), c.signal, c.since, c.days, c.seen, c.change)


def _change(c: Change, units: str) -> ChangeOut:
    kind: ChangeKind = c.kind  # type: ignore[assignment]  # domain.diff.CHANGE_KINDS
    return ChangeOut(
        kind, c.day, c.from_day, c.session, c.week,
        [_field(f, units) for f in c.fields], [_cause(x) for x in c.causes], why_text(c),
    )  # fmt: skip


def _signal(s: Signal) -> SignalOut:
    return SignalOut(s.rule, s.name, s.since, s.days, s.detail)


def _adaptation(a: dict[str, Any]) -> AdaptationOut:
    weeks = [w for w in a.get("weeks") or [] if isinstance(w, int)]
    signal = a.get("signal")
    return AdaptationOut(
        str(a.get("rule")), str(a.get("action")), weeks, str(a.get("change") or ""),
        None if signal is None else str(signal),
    )  # fmt: skip


def replan_out(result: ReplanResult) -> ReplanOut:
    """A replan's result as the API answers it."""
    units = str(result.doc.get("athlete", {}).get("units", "metric"))
    previous = result.previous.today if result.previous is not None else None
    return ReplanOut(
        athlete=result.athlete.name,
        today=result.today,
        inputs_sha256=result.inputs_sha256,
        previous_plan_date=previous,
        stored=result.stored,
        referral=[str(r) for r in result.doc.get("referral") or []],
        signals=[_signal(s) for s in result.adjustments.signals],
        adaptations=[_adaptation(a) for a in week_adaptations(result.doc)],
        changes=[_change(c, units) for c in result.changes],
    )


@post("/replan/preview", sync_to_thread=True, status_code=200)
def api_replan_preview(web: Web, who: Who) -> ReplanOut:
    """Plan again from today with the log and compare with the stored plan; stores nothing.
    Accept it with its ``inputs_sha256``."""
    result = replan(web.workspace(), who.name, web.today(), tz=web.tz(), save=False)
    return replan_out(result)


STALE_DETAIL = "the log changed since the preview: nothing stored; preview again"


@post(
    "/replan/accept",
    sync_to_thread=True,
    status_code=200,
    responses={
        HTTP_409_CONFLICT: ResponseSpec(
            data_container=StaleOut,
            description="The log changed since the preview: nothing stored",
        )
    },
)
def api_replan_accept(web: Web, who: Who, data: JSONBody[AcceptBody]) -> ReplanOut:
    """Store the previewed plan while its inputs are unchanged (``stored`` is false when it
    was stored already); 409 with the plan as of now when they changed."""
    accepted = accept_replan(
        web.workspace(), who.name, web.today(), data.inputs_sha256.strip(),
        tz=web.tz(), now=web.now(),
    )  # fmt: skip
    if accepted.stale:
        raise StaleReplan(StaleOut(STALE_DETAIL, replan_out(accepted.result)))
    return replan_out(accepted.result)


class StaleReplan(Exception):
    """Accepting a preview whose inputs changed: answered 409 with the plan as of now."""

    def __init__(self, body: StaleOut) -> None:
        super().__init__(body.detail)
        self.body = body


def _stale(_: Request[Any, Any, Any], exc: StaleReplan) -> Response[StaleOut]:
    return Response(exc.body, status_code=HTTP_409_CONFLICT)


router = athlete_api(
    api_replan_preview,
    api_replan_accept,
    exception_handlers={UsageError: usage_error, StaleReplan: _stale},
)
