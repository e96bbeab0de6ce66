"""Which planned sessions a day's log accounts for."""

from __future__ import annotations

from typing import Any

from stridelift.services.sessions_done import done_orders


def _run(order: int, run_type: str) -> dict[str, Any]:
    return {"kind": "run", "run_type": run_type, "order": order}


def _logged(kind: str, run_type: str | None = None, template: str | None = None) -> dict[str, Any]:
    return {"kind": kind, "run_type": run_type, "template": template, "minutes": 40}


def test_a_logged_run_accounts_for_the_planned_run_of_its_type_only() -> None:
    sessions = [_run(1, "easy"), _run(2, "intervals")]
    assert list(done_orders(sessions, [_logged("run", "intervals")])) == [2]


def test_one_logged_session_accounts_for_one_planned_session() -> None:
    sessions = [_run(1, "easy"), _run(2, "easy")]
    assert list(done_orders(sessions, [_logged("run", "easy")])) == [1]


def test_a_lift_matches_by_template_and_a_core_lift_matches_the_core_session() -> None:
    sessions = [
        {"kind": "strength", "template": "B", "order": 1},
        {"kind": "core", "order": 2},
    ]
    logged = [_logged("strength", template="core"), _logged("strength", template="A")]
    assert list(done_orders(sessions, logged)) == [2]
