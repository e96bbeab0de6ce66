"""Re-planning through the command line: replan, today and busy on a real logbook.

The logbook is filled with the real logging commands (checkin, log run, log lift); dates
are fixed in the past so the plans, and what the tests expect of them, never drift.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner, Result

from stridelift.adapters.store.engine import open_store
from stridelift.domain.units import format_load
from stridelift.settings import DATABASE_URL_ENV

runner = CliRunner()
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PROFILE = FIXTURES / "export_plan_planner.toml"  # Maya: intermediate, gym, marathon in April
TODAY = date(2026, 11, 18)  # a Wednesday
MONDAY = date(2026, 11, 16)
NEXT_MONDAY = date(2026, 11, 23)


def _root_app() -> typer.Typer:
    """The real root app, every command family registered once."""
    from stridelift.cli import app as root

    if not root.app.registered_groups:  # another test module may have registered them
        root._register_commands()
    return root.app


APP = _root_app()


class Cli:
    """Runs commands against one database file and keeps the last result."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.url = f"sqlite:///{tmp_path / 'cli.db'}"

    def __call__(self, *args: str, code: int = 0) -> Result:
        result = runner.invoke(APP, list(args), env={DATABASE_URL_ENV: self.url, "COLUMNS": "220"})
        assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
        return result

    def plan(self, today: date = TODAY) -> dict[str, Any]:
        """The replanned document, as `replan --json` prints it."""
        doc: dict[str, Any] = json.loads(
            self("replan", "--today", today.isoformat(), "--json").stdout
        )
        return doc

    def snapshots(self) -> list[str]:
        """The JSON text of every stored plan, oldest first."""
        store = open_store(self.url)
        try:
            with store.reading() as repo:
                (athlete,) = repo.athletes()
                return [s.plan_json for s in repo.plan_snapshots(athlete.id)]
        finally:
            store.close()


@pytest.fixture
def cli(tmp_path: Path) -> Iterator[Cli]:
    yield Cli(tmp_path)


@pytest.fixture
def maya(cli: Cli) -> Cli:
    cli("athlete", "add", "--profile", str(PROFILE))
    return cli


def _week(doc: dict[str, Any], monday: date) -> dict[str, Any]:
    found: dict[str, Any] = next(w for w in doc["weeks"] if w["start"] == monday.isoformat())
    return found


def _day(doc: dict[str, Any], day: date) -> dict[str, Any]:
    found: dict[str, Any] = next(
        d for w in doc["weeks"] for d in w["days"] if d["date"] == day.isoformat()
    )
    return found


def _strength(week: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for d in week["days"] for s in d["sessions"] if s["kind"] == "strength"]


def _sets(session: dict[str, Any]) -> int:
    return sum(int(e["sets"]) for e in session["exercises"])


# (a) ---------------------------------------------------------------------------------


def test_replan_without_history_is_the_plan_of_the_profile(maya: Cli) -> None:
    plain = json.loads(
        maya("plan", "--profile", str(PROFILE), "--today", MONDAY.isoformat(), "--json").stdout
    )
    replanned = maya.plan(MONDAY)
    assert [w["days"] for w in replanned["weeks"]] == [w["days"] for w in plain["weeks"]]
    assert replanned["adaptations"] == []
    assert replanned["referral"] == []
    shown = maya("replan", "--today", MONDAY.isoformat()).stdout
    assert "No signals in your log: the plan follows your profile." in shown


# (b) ---------------------------------------------------------------------------------


def test_a_week_of_fatigue_and_low_motivation_cuts_strength_sets_first(maya: Cli) -> None:
    before = maya.plan()
    for offset in range(7, 0, -1):
        day = (TODAY - timedelta(days=offset)).isoformat()
        maya("checkin", "--date", day, "--fatigue", "8", "--motivation", "2", "--sleep-hours", "7")
    shown = maya("replan", "--today", TODAY.isoformat()).stdout
    assert re.search(r"ADAPT-1 +│ persistent fatigue +│ 2026-11-11", shown), shown
    cuts = [
        (int(old), int(new))
        for line in shown.splitlines()
        if "│ strength" in line and "ADAPT-1" in line
        for old, new in re.findall(r"sets (\d+) -> (\d+)", line)
    ]
    assert cuts, shown
    assert all(new < old for old, new in cuts)
    after = json.loads(maya.snapshots()[-1])
    week = _week(after, NEXT_MONDAY)
    assert sum(map(_sets, _strength(week))) < sum(map(_sets, _strength(_week(before, NEXT_MONDAY))))
    assert any(
        a["rule"] == "ADAPT-1" and a["action"] == "cut_strength" for a in after["adaptations"]
    )


# (c) ---------------------------------------------------------------------------------


def test_busy_marks_the_week_and_keeps_at_most_two_strength_sessions(maya: Cli) -> None:
    plain = _week(maya.plan(), NEXT_MONDAY)
    shown = maya("busy", "--week", "2026-11-26", "--today", TODAY.isoformat()).stdout
    assert shown.startswith("Maya Lindqvist: marked the week of 2026-11-23 busy.\n")
    assert "Week 2 (busy week)" in shown
    week = _week(json.loads(maya.snapshots()[-1]), NEXT_MONDAY)
    assert week["busy"] is True
    lifts = _strength(week)
    assert 1 <= len(lifts) <= 2
    assert any(35 <= s["minutes"] <= 45 for s in lifts)  # one full-body session (ADAPT-3)
    assert sum(s["minutes"] for s in lifts) < sum(s["minutes"] for s in _strength(plain))
    assert "ADAPT-3 busy week since 2026-11-23" in shown
    assert maya.plan() == json.loads(maya.snapshots()[-1])  # the mark stays for later replans
    again = maya("busy", "--week", "2026-11-23", "--today", TODAY.isoformat()).stdout
    assert again.startswith("Maya Lindqvist: the week of 2026-11-23 was marked busy already.\n")
    cleared = maya("busy", "--week", "2026-11-29", "--clear", "--today", TODAY.isoformat())
    assert cleared.stdout.startswith("Maya Lindqvist: the week of 2026-11-23 is no longer busy.\n")
    assert _week(maya.plan(), NEXT_MONDAY) == plain


def test_busy_refuses_a_week_already_over_and_writes_nothing(maya: Cli) -> None:
    refused = maya("busy", "--week", "2026-11-08", "--today", TODAY.isoformat(), code=2)
    assert refused.stderr == (
        "error: --week: the week of 2026-11-02 is over (today is 2026-11-18); "
        "mark this week or a later one\n"
    )
    assert maya.snapshots() == []
    missing = maya("busy", "--today", TODAY.isoformat(), code=2)
    assert missing.stderr.startswith("error: --week: missing")
    bad = maya("busy", "--week", "next week", code=2)
    assert bad.stderr == "error: --week: 'next week' is not a date (expected YYYY-MM-DD)\n"


# (d) ---------------------------------------------------------------------------------


def test_replanning_twice_without_new_logs_changes_nothing(maya: Cli) -> None:
    maya("log", "run", "--date", "2026-11-10", "--type", "easy", "--minutes", "40")
    first = maya("replan", "--today", TODAY.isoformat()).stdout
    assert "No earlier plan stored: nothing to compare with." in first
    second = maya("replan", "--today", TODAY.isoformat()).stdout
    assert "No changes to the coming weeks since the plan of 2026-11-18." in second
    assert "plan unchanged, not stored again" in second
    (stored,) = maya.snapshots()
    assert maya("replan", "--today", TODAY.isoformat(), "--json").stdout == stored
    maya("log", "run", "--date", "2026-11-17", "--type", "easy", "--minutes", "70")
    third = maya("replan", "--today", TODAY.isoformat()).stdout
    assert "What changed since the plan of 2026-11-18" in third
    assert len(maya.snapshots()) == 2


# (e) ---------------------------------------------------------------------------------


def test_past_days_of_this_week_show_what_was_logged(maya: Cli) -> None:
    maya("log", "run", "--date", "2026-11-16", "--type", "easy", "--minutes", "35", "--km", "6.2",
         "--rpe", "3")  # fmt: skip
    maya("log", "lift", "--date", "2026-11-17", "--session", "A", "--minutes", "40",
         "trap_bar_deadlift:8x80@3*3", "split_squat:10x20@3*3")  # fmt: skip
    doc = maya.plan()
    monday, tuesday = _day(doc, MONDAY), _day(doc, MONDAY + timedelta(days=1))
    assert monday["sessions"] == [] and tuesday["sessions"] == []
    (run,) = monday["logged"]
    assert (run["kind"], run["run_type"], run["minutes"], run["distance_km"], run["rpe"]) == (
        "run", "easy", 35, 6.2, 3.0,
    )  # fmt: skip
    (lift,) = tuesday["logged"]
    assert (lift["kind"], lift["minutes"]) == ("strength", 40)
    assert _day(doc, TODAY)["sessions"], "today and later keep their sessions"
    shown = maya("busy", "--week", TODAY.isoformat(), "--today", TODAY.isoformat()).stdout
    assert re.search(r"Mon 2026-11-16 +│ logged: easy run 35 min, 6.2 km, RPE 3", shown), shown
    assert re.search(r"Tue 2026-11-17 +│ logged: strength 40 min", shown), shown


# (f) ---------------------------------------------------------------------------------


def _first_loaded_day(doc: dict[str, Any]) -> tuple[date, dict[str, Any]]:
    for w in doc["weeks"]:
        for d in w["days"]:
            for s in d["sessions"]:
                for e in s.get("exercises", []):
                    if e.get("load_kg") is not None and d["date"] >= TODAY.isoformat():
                        return date.fromisoformat(d["date"]), e
    raise AssertionError("no planned exercise with a load")


@pytest.mark.parametrize(("units", "split_squat"), [("metric", "20"), ("imperial", "45lb")])
def test_today_shows_loads_in_the_athletes_units_after_logged_lifts(
    cli: Cli, units: str, split_squat: str
) -> None:
    text = PROFILE.read_text(encoding="utf-8").replace('units = "metric"', f'units = "{units}"')
    profile = cli.tmp_path / "maya.toml"
    profile.write_text(text, encoding="utf-8")
    cli("athlete", "add", "--profile", str(profile))
    for day in ("2026-11-10", "2026-11-13", "2026-11-16"):
        cli("log", "lift", "--date", day, "--session", "A", "trap_bar_deadlift:8x80@3*3",
            f"split_squat:10x{split_squat}@3*3")  # fmt: skip
    when, exercise = _first_loaded_day(cli.plan())
    shown = cli("today", "--today", when.isoformat()).stdout
    load = format_load(exercise["load_kg"], units)
    assert re.search(
        rf"│ {re.escape(exercise['name'])} +│ \d+ x [\d-]+ +│ {re.escape(load)}", shown
    )
    assert ("lb" in load) == (units == "imperial")
    assert "warm-up: " in shown
    assert "not medical advice" in shown


def test_a_load_moved_by_the_log_is_shown_with_its_signal_rule_and_numbers(maya: Cli) -> None:
    # Sets ground out with nothing in reserve: the next load is lower (LOAD-1). `replan`
    # lists the logged sets behind it (never "No signals") and the change it makes, and
    # `today` shows the rule next to the lowered load.
    maya("log", "lift", "--date", "2026-11-16", "--session", "A", "trap_bar_deadlift:8x40@0*3")
    shown = maya("replan", "--today", TODAY.isoformat()).stdout
    assert "No signals in your log" not in shown
    assert "trap_bar_deadlift logged on 2026-11-16 at 40 kg" in shown
    doc = maya.plan()
    entry = next(a for a in doc["adaptations"] if a.get("exercise") == "trap_bar_deadlift")
    assert (entry["rule"], entry["action"], entry["since"]) == (
        "LOAD-1",
        "lower_load",
        "2026-11-16",
    )
    when, exercise = next(
        (date.fromisoformat(d["date"]), e)
        for w in doc["weeks"] for d in w["days"] for s in d["sessions"]
        for e in s.get("exercises", []) if e.get("load_change")
    )  # fmt: skip
    today = maya("today", "--today", when.isoformat()).stdout
    pct = exercise["load_change"]["pct"]
    assert f"{format_load(exercise['load_kg'], 'metric')} (LOAD-1 {pct:+g}%)" in today


def test_today_shows_runs_with_pace_and_the_active_adaptations(maya: Cli) -> None:
    for offset in range(7, 0, -1):
        day = (TODAY - timedelta(days=offset)).isoformat()
        maya("checkin", "--date", day, "--fatigue", "9", "--sleep-hours", "7")
    maya("replan", "--today", TODAY.isoformat())
    shown = maya("today", "--today", TODAY.isoformat()).stdout
    assert shown.startswith("Maya Lindqvist, Wed 2026-11-18: week 1 (")
    assert "plan stored for 2026-11-18" in shown
    assert "Active adaptations this week" in shown and "ADAPT-1" in shown
    run = next(s for s in _day(maya.plan(), TODAY)["sessions"] if s["kind"] == "run")
    pace = f"{run['pace_s_per_km'] // 60}:{run['pace_s_per_km'] % 60:02d}/km"
    assert f"run: {run['minutes']} min" in shown and f"at {pace}" in shown
    # A day of a later week is planned fresh from the log, and not stored.
    later = maya("today", "--today", "2026-11-25").stdout
    assert "planned now from your log" in later
    assert len(maya.snapshots()) == 1


def test_today_plans_afresh_when_something_was_logged_after_the_stored_plan(maya: Cli) -> None:
    maya("replan", "--today", TODAY.isoformat())
    assert "plan stored for 2026-11-18" in maya("today", "--today", TODAY.isoformat()).stdout
    assert "plan stored for 2026-11-18" in maya("today", "--today", "2026-11-20").stdout
    assert "planned now from your log" in maya("today", "--today", "2026-11-17").stdout
    maya("log", "lift", "--date", "2026-11-17", "--session", "A", "split_squat:10x20@3*3")
    shown = maya("today", "--today", "2026-11-20").stdout
    assert "planned now from your log" in shown
    assert len(maya.snapshots()) == 1


def test_a_referral_is_shown_first_and_loud(maya: Cli) -> None:
    for offset in range(5, 0, -1):
        day = (TODAY - timedelta(days=offset)).isoformat()
        maya("checkin", "--date", day, "--pain", "knee:7:left")
    doc = maya.plan()
    assert doc["referral"], doc["adaptations"]
    shown = maya("today", "--today", TODAY.isoformat()).stdout
    first_lines = shown.splitlines()[1 : 1 + len(doc["referral"])]
    assert first_lines == [f"SEE A PROFESSIONAL: {m}" for m in doc["referral"]]


def test_two_referrals_say_not_medical_advice_once_per_output(maya: Cli) -> None:
    maya("checkin", "--date", "2026-11-10", "--cycle-note", "missed period")
    maya("checkin", "--date", "2026-11-16", "--pain", "hip:7:left")
    for command in ("replan", "today"):
        shown = maya(command, "--today", TODAY.isoformat()).stdout
        assert shown.count("SEE A PROFESSIONAL: ") == 2
        assert shown.lower().count("not medical advice") == 1


def test_today_json_holds_the_days_sessions_warnings_and_referrals(maya: Cli) -> None:
    maya("checkin", "--date", "2026-11-16", "--pain", "hip:7:left")
    maya("replan", "--today", TODAY.isoformat())
    shown = json.loads(maya("today", "--today", TODAY.isoformat(), "--json").stdout)
    doc = maya.plan()
    week = _week(doc, MONDAY)
    assert shown["schema"] == "stridelift.today/1"
    assert (shown["athlete"], shown["date"], shown["plan_stored_for"]) == (
        "Maya Lindqvist",
        TODAY.isoformat(),
        TODAY.isoformat(),
    )
    assert shown["week"] == {
        "index": week["index"], "start": MONDAY.isoformat(), "phase": week["phase"], "busy": False
    }  # fmt: skip
    assert shown["sessions"] == sorted(
        _day(doc, TODAY)["sessions"], key=lambda s: s.get("order", 0)
    )
    assert shown["referral"] == doc["referral"] and shown["referral"]
    assert {a["action"] for a in shown["adaptations"]} >= {"hold_load"}
    assert all(set(w) == {"rules", "message"} for w in shown["warnings"])
    assert "not medical advice" in shown["disclaimer"]
    assert shown["rest_day"] is (not shown["sessions"] and not shown["logged"])


def test_today_json_with_bad_input_prints_one_line_and_no_json(maya: Cli) -> None:
    bad = maya("today", "--today", "2026-13-01", "--json", code=2)
    assert (bad.stdout, bad.stderr) == (
        "",
        "error: --today: '2026-13-01' is not a date (expected YYYY-MM-DD)\n",
    )
    unknown = maya("today", "--json", "--athlete", "Zed", code=2)
    assert unknown.stdout == "" and unknown.stderr.count("\n") == 1


# Errors ------------------------------------------------------------------------------


def test_bad_input_is_one_line_and_exit_2(cli: Cli) -> None:
    none_yet = cli("replan", code=2)
    assert none_yet.stderr == (
        "error: no athlete stored yet: add one with `stridelift athlete add --profile FILE`\n"
    )
    cli("athlete", "add", "--profile", str(PROFILE))
    assert cli("replan", "--today", "2026-13-01", code=2).stderr == (
        "error: --today: '2026-13-01' is not a date (expected YYYY-MM-DD)\n"
    )
    assert cli("today", "--athlete", "Zed", code=2).stderr == (
        "error: --athlete: no athlete named 'Zed' (known: Maya Lindqvist)\n"
    )
    assert cli("busy", "--week", "2026-11-23", "--today", "2026-11-1", code=2).stderr == (
        "error: --today: '2026-11-1' is not a date (expected YYYY-MM-DD)\n"
    )
    assert cli.snapshots() == []


def test_every_replan_command_and_option_has_help_text() -> None:
    from stridelift.cli import adapt_cmds

    app = typer.Typer()
    adapt_cmds.register(app)
    group = typer.main.get_command(app)
    commands = getattr(group, "commands", {})
    assert set(commands) == {"replan", "today", "busy"}
    for name, command in commands.items():
        assert command.help, name
        for param in command.params:
            assert getattr(param, "help", None), (name, param.name)


# Issue 12: one season across weekly replans -------------------------------------------


def _log_week_as_planned(cli: Cli, week: dict[str, Any]) -> None:
    """Log every planned session of a week with the logging commands, as it was planned."""
    for day in week["days"]:
        for s in day["sessions"]:
            if s["kind"] == "run":
                cli("log", "run", "--date", day["date"], "--type", s["run_type"],
                    "--minutes", str(s["minutes"]), "--rpe", "7" if s["key"] else "4")  # fmt: skip
            elif s["kind"] == "strength":
                sets = [
                    f"{e['id']}:{e['reps_max']}x{e['load_kg'] or 0}@{e['rir']}*{e['sets']}"
                    for e in s["exercises"]
                    if e.get("reps_max") and e.get("rir") is not None
                ]
                cli("log", "lift", "--date", day["date"], "--session", s["template"],
                    "--minutes", str(s["minutes"]), *sets)  # fmt: skip


def test_the_next_mondays_replan_continues_the_season_it_began(maya: Cli) -> None:
    first = maya.plan(MONDAY)
    _log_week_as_planned(maya, first["weeks"][0])
    shown = maya("replan", "--today", NEXT_MONDAY.isoformat()).stdout
    assert f"No changes to the coming weeks since the plan of {MONDAY.isoformat()}" in shown
    second = json.loads(maya.snapshots()[-1])
    assert second["season_start"] == first["season_start"] == MONDAY.isoformat()
    shape = {w["start"]: (w["phase"], w["cycle_week"], w["deload"]) for w in first["weeks"]}
    assert all(shape[w["start"]] == (w["phase"], w["cycle_week"], w["deload"])
               for w in second["weeks"])  # fmt: skip
    assert second["weeks"][0]["cycle_week"] == 2
    assert [n for n in second["notices"] if n["rule"] == "SEASON-3"] == [
        n for n in first["notices"] if n["rule"] == "SEASON-3"
    ]
