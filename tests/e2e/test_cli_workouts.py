"""The terminal shows a run's structured workout (RUN-11): plan, explain and today.

The planner's runs gain their ``steps`` in another change; here the plan the commands show
is the real one with a known workout put on its key runs, so the wording is checked alone.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner, Result

from stridelift.cli import plan_cmds
from stridelift.services import replan as replan_service
from stridelift.settings import DATABASE_URL_ENV
from tests.workout_steps import INTERVALS_DAY, STEPS

runner = CliRunner()
PROFILE = Path(__file__).resolve().parents[1] / "fixtures" / "export_plan_planner.toml"
TODAY = "2026-11-23"  # a Monday; the profile's marathon is 2027-04-11
WORKOUT = STEPS[INTERVALS_DAY]  # 15 min easy, 5 × (1 km at 4:15/km, 2:30 jog), 10 min easy
METRIC = (
    "15 min easy (5:45/km) · 5 × (1 km at interval pace 4:15/km, 2:30 min easy jog) · 10 min easy"
)
IMPERIAL = (
    "15 min easy (9:15/mi) · 5 × (1000 m at interval pace 6:50/mi, 2:30 min easy jog) · 10 min easy"
)


def _root_app() -> typer.Typer:
    from stridelift.cli import app as root

    if not root.app.registered_groups:  # another test module may have registered them
        root._register_commands()
    return root.app


def _with_workouts(doc: dict[str, Any], units: str) -> dict[str, Any]:
    """The plan with WORKOUT on every key run but the long run and the race."""
    doc = copy.deepcopy(doc)
    doc["athlete"]["units"] = units
    for week in doc["weeks"]:
        for day in week["days"]:
            for s in day["sessions"]:
                if s["kind"] == "run" and s.get("key") and s["run_type"] not in ("long", "race"):
                    s["steps"] = copy.deepcopy(WORKOUT)
    return doc


def _patched(real: Callable[..., Any], units: str) -> Callable[..., Any]:
    def build(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        if isinstance(found, tuple):  # current_plan: (athlete, doc, snapshot)
            who, doc, snapshot = found
            return who, _with_workouts(doc, units), snapshot
        return _with_workouts(found, units)

    return build


def _invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    result = runner.invoke(_root_app(), list(args), env={"COLUMNS": "220", **(env or {})})
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result


def _key_run_day(units: str) -> str:
    doc = _with_workouts(plan_cmds.build_plan_document(PROFILE, _date(TODAY)), units)
    return next(
        d["date"] for w in doc["weeks"] for d in w["days"]
        if any(s.get("steps") for s in d["sessions"])
    )  # fmt: skip


def _date(text: str) -> Any:
    from datetime import date

    return date.fromisoformat(text)


@pytest.mark.parametrize(("units", "line"), [("metric", METRIC), ("imperial", IMPERIAL)])
def test_plan_shows_the_workout_under_its_run_in_the_athletes_units(
    monkeypatch: pytest.MonkeyPatch, units: str, line: str
) -> None:
    real = plan_cmds.build_plan_document
    monkeypatch.setattr(plan_cmds, "build_plan_document", _patched(real, units))

    out = _invoke("plan", "--profile", str(PROFILE), "--today", TODAY).stdout

    assert line in out


@pytest.mark.parametrize(("units", "line"), [("metric", METRIC), ("imperial", IMPERIAL)])
def test_explain_shows_the_workout_of_the_days_run(
    monkeypatch: pytest.MonkeyPatch, units: str, line: str
) -> None:
    day = _key_run_day(units)
    real = plan_cmds.build_plan_document
    monkeypatch.setattr(plan_cmds, "build_plan_document", _patched(real, units))

    out = _invoke("explain", day, "--profile", str(PROFILE), "--today", TODAY).stdout

    assert f"    workout: {line}" in out.splitlines()


def test_today_shows_the_workout_of_todays_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env = {DATABASE_URL_ENV: f"sqlite:///{tmp_path / 'cli.db'}"}
    _invoke("athlete", "add", "--profile", str(PROFILE), env=env)
    day = _key_run_day("imperial")
    real = replan_service.current_plan
    monkeypatch.setattr(replan_service, "current_plan", _patched(real, "imperial"))

    out = _invoke("today", "--today", day, env=env).stdout

    assert f"    workout: {IMPERIAL}" in out.splitlines()
