"""The planner's side of a moved session (domain.planner.moves): pinned to its new day
when the placement rules allow it, else left where it was with the reason and rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from stridelift.domain.history import Adjustments, SessionMove
from stridelift.domain.plan import plan
from stridelift.domain.rules import validate
from stridelift.methodologies import default_methodology, load_library
from stridelift.services.profiles import load_profile
from tests.conftest import REPO_ROOT

M, LIB = default_methodology(), load_library()
TODAY = date(2026, 12, 4)
ATHLETE = load_profile(Path(REPO_ROOT / "tests/fixtures/export_plan_planner.toml")).athlete


def _planned(*moves: SessionMove) -> dict[str, Any]:
    return plan(ATHLETE, TODAY, M, LIB, adjust=Adjustments(moves=moves))


def _on(doc: dict[str, Any], day: str) -> list[str]:
    return [
        str(s.get("run_type") or s.get("template") or s["kind"])
        for w in doc["weeks"] for d in w["days"] if d["date"] == day for s in d["sessions"]
    ]  # fmt: skip


def test_without_moves_the_week_is_as_planned() -> None:
    doc = _planned()
    assert _on(doc, "2026-12-15") == ["tempo", "A"] and _on(doc, "2026-12-20") == ["long"]
    assert all("moves" not in w for w in doc["weeks"])


def test_a_lawful_move_puts_the_session_on_its_new_day_and_says_so() -> None:
    doc = _planned(SessionMove(date(2026, 12, 20), date(2026, 12, 19), "run", "long"))
    assert "long" in _on(doc, "2026-12-19") and "long" not in _on(doc, "2026-12-20")
    week = next(w for w in doc["weeks"] if w["start"] == "2026-12-14")
    assert week["moves"] == [{"from": "2026-12-20", "to": "2026-12-19", "kind": "run",
                              "name": "long", "kept": True}]  # fmt: skip
    assert validate(doc) == []


def test_a_move_the_rules_forbid_leaves_the_week_as_planned_with_the_rule() -> None:
    doc = _planned(SessionMove(date(2026, 12, 15), date(2026, 12, 19), "run", "tempo"))
    assert _on(doc, "2026-12-15") == ["tempo", "A"]
    week = next(w for w in doc["weeks"] if w["start"] == "2026-12-14")
    (move,) = week["moves"]
    assert move["kept"] is False and move["rules"] == ["RUN-1"]
    assert move["reason"] == "on Saturday it would break RUN-1"


def test_a_move_of_a_session_the_plan_no_longer_holds_says_so() -> None:
    doc = _planned(SessionMove(date(2026, 12, 16), date(2026, 12, 18), "run", "tempo"))
    week = next(w for w in doc["weeks"] if w["start"] == "2026-12-14")
    assert week["moves"][0]["reason"] == "the plan holds no tempo run on Wednesday any more"
    assert _on(doc, "2026-12-15") == ["tempo", "A"]
