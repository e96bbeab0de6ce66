"""`stridelift stats` through the real root app against a temporary SQLite logbook."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner, Result

from stridelift.adapters.store.engine import open_store
from stridelift.cli import stats_cmds
from stridelift.domain.load import ACWR_CAVEAT
from stridelift.domain.plan import plan
from stridelift.methodologies import default_methodology, load_library
from stridelift.services import logbook
from stridelift.services.athletes import list_athletes
from stridelift.services.planning import plan_json
from stridelift.settings import DATABASE_URL_ENV

runner = CliRunner()
MONDAY = date(2026, 9, 7)
SUNDAY = MONDAY + timedelta(days=6)
RACE_DAY = date(2026, 11, 1)
PROFILE = f"""\
name = "Ann"
level = "recreational"
units = "metric"
body_mass_kg = 62
weekly_run_minutes = 240
session_minutes = 40

[[races]]
name = "Autumn Half"
date = "{RACE_DAY.isoformat()}"
distance = "half"
priority = "A"
"""


def _root_app() -> typer.Typer:
    """The real root app, every command family registered once."""
    from stridelift.cli import app as root

    if not root.app.registered_groups:  # another test module may have registered them
        root._register_commands()
    return root.app


APP = _root_app()


class Cli:
    """Runs commands against one database file."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.url = f"sqlite:///{tmp_path / 'stats.db'}"

    def __call__(self, *args: str, code: int = 0) -> Result:
        result = runner.invoke(APP, list(args), env={DATABASE_URL_ENV: self.url, "COLUMNS": "120"})
        assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
        return result

    def stats(self, *args: str) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(self("stats", "--json", *args).stdout)
        return document

    def save_plan(self, today: date) -> dict[str, Any]:
        """Store the plan made for ``today`` from Ann's profile, as the planner would."""
        store = open_store(self.url)
        try:
            (ann,) = list_athletes(store)
            doc = plan(ann.athlete, today, default_methodology(), load_library())
            logbook.save_plan_snapshot(store, ann.id, today, "0" * 64, plan_json(doc))
        finally:
            store.close()
        return doc


@pytest.fixture
def ann(tmp_path: Path) -> Iterator[Cli]:
    cli = Cli(tmp_path)
    profile = tmp_path / "ann.toml"
    profile.write_text(PROFILE, encoding="utf-8")
    cli("athlete", "add", "--profile", str(profile))
    yield cli


def _table(text: str, title: str) -> list[list[str]]:
    """The body rows of the table printed under ``title``, as lists of cell texts."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("└"):
            break
        if line.startswith("│"):
            rows.append([cell.strip() for cell in line.strip("│").split("│")])
    return rows


def _log_three_easy_runs(cli: Cli) -> None:
    for day in (MONDAY, MONDAY + timedelta(days=2), MONDAY + timedelta(days=4)):
        cli("log", "run", "--date", day.isoformat(), "--type", "easy", "--minutes", "40",
            "--km", "8", "--rpe", "5")  # fmt: skip


def test_three_runs_at_rpe_5_for_40_minutes_make_a_week_of_600(ann: Cli) -> None:
    _log_three_easy_runs(ann)
    doc = ann.stats("--today", SUNDAY.isoformat(), "--weeks", "2")
    week = doc["weeks"][-1]
    assert (week["start"], week["load"], week["load_by_kind"]["run"]) == (
        "2026-09-07",
        600.0,
        600.0,
    )
    assert (week["runs"], week["run_minutes"], week["run_km"]) == (3, 120.0, 24.0)
    assert doc["weeks"][0]["load"] == 0.0
    text = ann("stats", "--today", SUNDAY.isoformat(), "--weeks", "2").stdout
    assert _table(text, "Weekly load")[-1] == ["2026-09-07", "7", "600", "600", "0", "0", "3"]
    assert _table(text, "Running volume")[-1] == ["2026-09-07", "3", "120", "24.0 km"]
    assert "load ▁█" in text


def test_the_load_ratio_is_printed_as_a_description_with_its_caveat(ann: Cli) -> None:
    _log_three_easy_runs(ann)
    text = ann("stats", "--today", SUNDAY.isoformat()).stdout
    assert "Acute:chronic load ratio (a description, not a prediction)" in text
    assert ACWR_CAVEAT in " ".join(text.split())
    for title in ("Monotony and strain", "Fitness, fatigue and form"):
        assert len(_table(text, title)) == 12  # the default 12 weeks


def test_e1rm_of_100_kg_for_5_is_116_7_by_epley_and_112_5_by_brzycki(ann: Cli) -> None:
    ann("log", "lift", "--date", MONDAY.isoformat(), "--minutes", "45",
        "trap_bar_deadlift:5x100@2*3", "split_squat:12x20@3")  # fmt: skip
    doc = ann.stats("--today", SUNDAY.isoformat())
    assert [(e["exercise_id"], e["epley_kg"], e["brzycki_kg"], e["weak"]) for e in doc["e1rm"]] == [
        ("split_squat", 28.0, 28.8, True),
        ("trap_bar_deadlift", 116.7, 112.5, False),
    ]
    text = ann("stats", "--today", SUNDAY.isoformat()).stdout
    rows = {row[0]: row for row in _table(text, "Estimated 1RM")}
    assert rows["trap_bar_deadlift"][1:4] == ["116.7 kg", "112.5 kg", "5 x 100 kg"]
    assert rows["split_squat"][-1] == "weak: only sets above 10 reps"


def test_sessions_without_rpe_are_estimated_and_the_output_says_how_many(ann: Cli) -> None:
    ann("log", "run", "--date", MONDAY.isoformat(), "--type", "long", "--minutes", "90")
    ann("log", "lift", "--date", MONDAY.isoformat(), "push_up:10@2")
    doc = ann.stats("--today", SUNDAY.isoformat(), "--weeks", "1")
    rpe = default_methodology().planned_rpe
    week = doc["weeks"][0]
    assert week["load_by_kind"] == {"run": rpe["long"] * 90, "strength": 8 * 40.0, "cross": 0.0}
    counts = doc["sessions"]["in_window"]
    assert (counts["total"], counts["rpe_estimated"], counts["minutes_estimated"]) == (2, 2, 1)
    text = ann("stats", "--today", SUNDAY.isoformat(), "--weeks", "1").stdout
    assert ("2 of 2 sessions had no RPE and were estimated (1 from reps in reserve, 1 from the "
            "run type)") in text  # fmt: skip
    assert "1 lift session(s) had no minutes: your profile's session length was used" in text


def test_compliance_compares_the_stored_plan_with_what_was_logged(ann: Cli) -> None:
    # A run the week before the plan was made: never compared with it.
    ann("log", "run", "--date", "2026-09-01", "--type", "easy", "--minutes", "30")
    assert ann.stats("--today", SUNDAY.isoformat())["compliance"]["available"] is False
    text = ann("stats", "--today", SUNDAY.isoformat()).stdout
    assert "Compliance: no stored plan: compliance needs a saved plan." in text
    doc = ann.save_plan(MONDAY)
    first = doc["weeks"][0]
    counted = [(d["date"], s) for d in first["days"] for s in d["sessions"]
               if s["kind"] in ("run", "strength", "cross")]  # fmt: skip
    skipped = next(i for i, (_, s) in enumerate(counted) if s["kind"] == "run")
    for i, (day, s) in enumerate(counted):
        if i == skipped:
            continue
        if s["kind"] == "run":
            ann("log", "run", "--date", day, "--type", s["run_type"],
                "--minutes", str(s["minutes"]), "--rpe", "5")  # fmt: skip
        elif s["kind"] == "strength":
            ann("log", "lift", "--date", day, "--minutes", str(s["minutes"]), "push_up:10@2")
    result = ann.stats("--today", SUNDAY.isoformat(), "--weeks", "1")
    c = result["compliance"]
    assert (c["available"], c["planned"], c["done"], c["extra"]) == (
        True, len(counted), len(counted) - 1, 0)  # fmt: skip
    assert result["weeks"][0]["compliance"] == {
        "planned": len(counted), "done": len(counted) - 1, "extra": 0}  # fmt: skip
    text = ann("stats", "--today", SUNDAY.isoformat(), "--weeks", "1").stdout
    assert _table(text, "Plan compliance") == [
        ["2026-09-07", str(len(counted)), str(len(counted) - 1), "0"]
    ]


def test_the_forecast_ends_on_race_day(ann: Cli) -> None:
    _log_three_easy_runs(ann)
    doc = ann.stats("--today", SUNDAY.isoformat(), "--forecast")
    f = doc["forecast"]
    assert (f["start"], f["end"], f["race"]) == ("2026-09-14", "2026-11-01", "Autumn Half")
    assert f["plan_source"] == f"a plan built from the profile for {SUNDAY}"
    assert f["weeks"][-1]["end"] == "2026-11-01"
    assert date.fromisoformat(f["peak_fatigue"]["week_start"]).weekday() == 0
    # Each of the three is rounded to 0.1 on its own, so they may disagree by up to 0.15.
    assert f["end_day"]["form"] == pytest.approx(
        f["end_day"]["fitness"] - f["end_day"]["fatigue"], abs=0.15
    )
    text = ann("stats", "--today", SUNDAY.isoformat(), "--forecast").stdout
    assert "Forecast to race day, Autumn Half, 2026-11-01" in text
    assert _table(text, "Forecast to race day")[-1][0] == "2026-10-26"
    fitness = f["end_day"]["fitness"]
    assert f"Going into 2026-11-01 on race day (Autumn Half): fitness {fitness:.0f}" in text
    ann.save_plan(SUNDAY)
    stored = ann.stats("--today", SUNDAY.isoformat(), "--forecast")["forecast"]
    assert stored["plan_source"] == f"the plan stored on {SUNDAY}"
    assert stored["end_day"] == f["end_day"]  # the same plan, stored or rebuilt


def test_the_json_is_sorted_stable_and_has_one_entry_per_week(ann: Cli) -> None:
    _log_three_easy_runs(ann)
    text = ann("stats", "--json", "--today", "2026-09-09", "--weeks", "5").stdout
    doc = json.loads(text)
    assert text == json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert text == ann("stats", "--json", "--today", "2026-09-09", "--weeks", "5").stdout
    assert doc["schema"] == "stridelift.stats/1"
    assert set(doc) == {"acwr_caveat", "athlete", "best_efforts", "compliance", "e1rm",
                        "first_logged_day", "forecast", "long_runs", "race_predictions", "schema",
                        "sessions", "today", "weeks", "weeks_requested",
                        "window_start"}  # fmt: skip
    starts = [date.fromisoformat(w["start"]) for w in doc["weeks"]]
    assert starts == [date(2026, 8, 10) + timedelta(days=7 * i) for i in range(5)]
    assert (doc["weeks"][-1]["end"], doc["weeks"][-1]["days"]) == ("2026-09-09", 3)
    assert doc["weeks"][-1]["load"] == 400.0  # Monday and Wednesday so far
    assert doc["forecast"] is None


def test_an_athlete_with_nothing_logged_gets_a_friendly_line(ann: Cli) -> None:
    result = ann("stats", "--today", SUNDAY.isoformat())
    assert result.stdout.startswith("nothing logged yet for Ann: log a session with")
    assert result.stdout.count("\n") == 1
    assert ann.stats("--today", SUNDAY.isoformat())["sessions"]["all_history"]["total"] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--weeks", "0"], "error: --weeks: 0 is out of range (expected 1-520)"),
        (["--weeks", "521"], "error: --weeks: 521 is out of range (expected 1-520)"),
        (["--weeks", "twelve"], "error: --weeks: 'twelve' is not a whole number (expected 1-520)"),
        (["--today", "2026-02-30"], "error: --today: '2026-02-30' is not a date (expected "
                                    "YYYY-MM-DD)"),
        (["--athlete", "Bo"], "error: --athlete: no athlete named 'Bo' (known: Ann)"),
        (["--json", "--athlete", "Bo"], "error: --athlete: no athlete named 'Bo' (known: Ann)"),
    ],
)  # fmt: skip
def test_a_bad_option_is_one_line_naming_the_flag_and_exit_2(
    ann: Cli, args: list[str], message: str
) -> None:
    result = ann("stats", *args, code=2)
    assert result.stderr == message + "\n"
    assert result.stdout == ""


def test_stats_and_each_of_its_options_have_help_text() -> None:
    app = typer.Typer()
    stats_cmds.register(app)
    command = typer.main.get_command(app)
    assert command.help
    for param in command.params:
        if param.name != "help":
            assert getattr(param, "help", None), param.name
    text = runner.invoke(APP, ["stats", "--help"], env={"COLUMNS": "120"}).stdout
    for flag in ("--weeks", "--json", "--forecast", "--today", "--athlete", "--db"):
        assert flag in text


def test_sparklines_scale_each_series_and_stay_small() -> None:
    assert stats_cmds.sparkline([0, 1, 2, 3, 4, 5, 6, 7]) == "▁▂▃▄▅▆▇█"
    assert stats_cmds.sparkline([None, 5.0, 5.0]) == " ▅▅"  # flat: mid-height
    assert stats_cmds.sparkline([0.0, 0.0]) == "▁▁"
    ten_years = stats_cmds.sparkline([float(i) for i in range(520)])
    assert (len(ten_years), ten_years[0], ten_years[-1]) == (52, "▁", "█")
