"""What a new runner reads in the first hour: the plan's "why" column, its warnings, the
PDF's week pages and notes, and `explain` on the days before the plan began."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from stridelift.adapters.exporters._text import planner_notes
from stridelift.cli.why import SHORT

runner = CliRunner()
TODAY = "2026-12-02"  # a Wednesday: Monday and Tuesday of week 1 are before the plan
RACE = ("--race-date", "2027-04-25", "--race-distance", "marathon")


def _root_app() -> typer.Typer:
    from stridelift.cli import app as root

    if not root.app.registered_groups:
        root._register_commands()
    return root.app


def run(*args: str | Path, code: int = 0) -> Result:
    """One command through the real root app, on a wide console."""
    result = runner.invoke(_root_app(), [str(a) for a in args], env={"COLUMNS": "200"})
    assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
    return result


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    """The profile `init` writes for an intermediate runner with a spring marathon."""
    path = tmp_path / "profile.toml"
    run("init", "--out", path, "--level", "intermediate", *RACE)
    return path


def _week_rows(out: str) -> list[list[str]]:
    """The cells of the week table's rows: day, sessions, why."""
    rows = []
    for line in out.splitlines():
        cells = [c.strip() for c in line.split("│")[1:-1]]
        if len(cells) == 3:
            rows.append(cells)
    return rows


def test_the_why_column_gives_each_session_its_own_reasons_words_first(profile: Path) -> None:
    out = run("plan", "--profile", profile, "--today", TODAY).stdout
    doc = json.loads(run("plan", "--profile", profile, "--today", TODAY, "--json").stdout)
    sessions = [s for d in doc["weeks"][0]["days"] for s in d["sessions"]]
    rows = [r for r in _week_rows(out) if r[1] and r[1] != "sessions"]
    rows = [r for r in rows if "before the plan" not in r[1] and r[1] != "rest"]
    assert len(rows) == len(sessions)  # one row per session, its reasons beside it
    for (_, _what, why), session in zip(rows, sessions, strict=True):
        assert why and not re.match(r"[A-Z]+-\d", why), why  # words come first
        ids = re.search(r"\(([^()]*)\)$", why)
        assert ids is not None, why
        shown = ids[1].split("; ")[0].split(", ")
        assert set(shown) <= set(session["reasons"]), (why, session["reasons"])
        assert why.startswith(SHORT[shown[0]])
    assert "ANY" not in out
    slots = {s.get("slot") for s in sessions}
    if "any" in slots:
        assert any(r[1].startswith("any time ") for r in rows)


def test_every_rule_a_planned_session_cites_has_words_for_the_why_column(
    profile: Path,
) -> None:
    doc = json.loads(run("plan", "--profile", profile, "--today", TODAY, "--json").stdout)
    cited = {
        r for w in doc["weeks"] for d in w["days"] for s in d["sessions"] for r in s["reasons"]
    }
    assert cited and cited <= set(SHORT), sorted(cited - set(SHORT))


def test_warnings_lead_with_words_and_a_repeated_warning_is_said_once() -> None:
    repeated = "FREQ-1, FREQ-3: no strength session this week: the week is a race week."
    others = [f"RUN-9: note number {n} about the long run. (week {n})" for n in range(15)]
    warnings = [f"{repeated} (week {w})" for w in range(3, 25, 2)] + others
    assert len(warnings) == 26
    notes = planner_notes(warnings)
    assert len(notes) == 16
    assert notes[0] == (
        "No strength session this week: the week is a race week. "
        "(weeks 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23; rules FREQ-1, FREQ-3)"
    )
    assert notes[1] == "Note number 0 about the long run. (week 0; rule RUN-9)"
    assert all(not re.match(r"[A-Z]+-\d", n) for n in notes)


def test_a_warning_repeated_in_a_run_of_weeks_names_them_as_a_range() -> None:
    weekly = [f"RUN-1: only 3 run days available. (week {w})" for w in [*range(1, 21), 22, 23]]
    assert planner_notes(weekly) == ["Only 3 run days available. (weeks 1-20, 22, 23; rule RUN-1)"]


def test_the_terminal_plan_says_its_warnings_in_words_first(profile: Path) -> None:
    out = run("plan", "--profile", profile, "--today", TODAY).stdout
    warnings = [" ".join(x.split()) for x in out.split("warning: ")[1:]]
    assert warnings
    for warning in warnings:
        assert not re.match(r"[A-Z]+-\d", warning), warning
        assert re.search(r"rules? [A-Z]+-\d", warning), warning


def test_the_default_paces_say_an_intermediate_runner(profile: Path) -> None:
    out = " ".join(run("plan", "--profile", profile, "--today", TODAY).stdout.split())
    assert "typical for an intermediate runner" in out
    assert "a intermediate" not in out


def test_explain_on_a_day_before_the_plan_says_so_not_rest_day(profile: Path) -> None:
    out = " ".join(
        run("explain", "2026-11-30", "--profile", profile, "--today", TODAY).stdout.split()
    )
    assert out.startswith("Mon 2026-11-30: week 1, general phase.")
    assert "Before the plan: it starts today, 2026-12-02" in out
    assert "Rest day" not in out and "can be harder" not in out


def test_explain_names_the_time_of_day_in_words(profile: Path) -> None:
    doc = json.loads(run("plan", "--profile", profile, "--today", TODAY, "--json").stdout)
    day = next(
        d for d in doc["weeks"][0]["days"] if any(s.get("slot") == "any" for s in d["sessions"])
    )
    out = run("explain", day["date"], "--profile", profile, "--today", TODAY).stdout
    assert "(any time)" in out and "(any)" not in out


needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils is not installed; CI installs it"
)


@needs_pdftotext
def test_the_pdf_counts_in_english_wraps_the_notes_and_marks_the_days_before_the_plan(
    profile: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "plan.pdf"
    run("export", "pdf", "--out", pdf, "--profile", profile, "--today", TODAY)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    overview, week1 = text.split("\f")[:2]
    assert "1 key run · 1 strength session" in week1
    assert "key runs · 1 strength sessions" not in text
    assert week1.count("Before the plan") == 2 and week1.count("Rest day") == 1
    doc = json.loads(run("plan", "--profile", profile, "--today", TODAY, "--json").stdout)
    joined = " ".join(overview.split())
    for note in planner_notes(doc["warnings"]):
        assert note in joined, note  # whole, not cut at "this…"
    assert "…" not in overview and "..." not in overview


CRAMPED = """\
name = "Bea"
level = "beginner"
body_mass_kg = 60
weekly_run_minutes = 60
equipment = ["gym"]
session_minutes = 30
long_run_day = "sat"

[availability]
mon = { run = false, strength = false }
tue = { run = true, strength = false, minutes = 30 }
wed = { run = false, strength = true, minutes = 30 }
thu = { run = true, strength = false, minutes = 30 }
fri = { run = false, strength = false }
sat = { run = true, strength = true, minutes = 45 }
sun = { run = false, strength = false }

[[races]]
name = "Big One"
date = "2027-06-06"
distance = "marathon"
priority = "A"
"""


def test_warnings_count_in_english_not_in_parentheses(tmp_path: Path) -> None:
    profile = tmp_path / "cramped.toml"
    profile.write_text(CRAMPED, encoding="utf-8")
    doc = json.loads(run("plan", "--profile", profile, "--today", TODAY, "--json").stdout)
    text = "\n".join(doc["warnings"])
    assert "Only 3 run days available" in text
    assert "strength session A left out" in text
    assert re.search(r"\d+ training weeks are not enough", text)
    assert "(s)" not in text
