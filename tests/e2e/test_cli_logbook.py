"""The logbook through the command line: what a user types, sees, and what is stored."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from stridelift.adapters.store.engine import head_revision
from stridelift.cli import athlete_cmds, history_cmds, import_cmds, log_cmds, store_cmds
from stridelift.settings import DATABASE_URL_ENV
from tests.integration.test_store_fixtures import write_profile

runner = CliRunner()


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
        result = runner.invoke(APP, list(args), env={DATABASE_URL_ENV: self.url, "COLUMNS": "120"})
        assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
        return result

    def history(self, *args: str) -> list[dict[str, object]]:
        document = json.loads(self("history", "--json", "--since", "2026-01-01", *args).stdout)
        return list(document["entries"])


@pytest.fixture
def cli(tmp_path: Path) -> Iterator[Cli]:
    yield Cli(tmp_path)


@pytest.fixture
def ann(cli: Cli) -> Cli:
    cli("athlete", "add", "--profile", str(write_profile(cli.tmp_path, "Ann")))
    return cli


def _commands(group: typer.Typer) -> Iterator[tuple[str, object]]:
    command = typer.main.get_command(group)
    stack = [("", command)]
    while stack:
        prefix, cmd = stack.pop()
        subcommands = getattr(cmd, "commands", {})
        for name, sub in subcommands.items():
            stack.append((f"{prefix} {name}".strip(), sub))
        if not subcommands:
            yield prefix, cmd


def test_every_logbook_command_and_option_has_help_text() -> None:
    app = typer.Typer()
    for family in (athlete_cmds, log_cmds, history_cmds, import_cmds, store_cmds):
        family.register(app)
    found = dict(_commands(app))
    assert set(found) >= {"athlete add", "athlete list", "athlete update", "log run", "log lift",
                          "checkin", "history", "import", "backup", "restore", "db upgrade",
                          "db info"}  # fmt: skip
    for name, command in found.items():
        assert getattr(command, "help", None), f"{name} has no help"
        for param in getattr(command, "params", []):
            if param.name != "help":
                assert getattr(param, "help", None), f"{name} {param.name} has no help"


def test_scales_are_explained_in_the_checkin_help(cli: Cli) -> None:
    text = cli("checkin", "--help").stdout
    for phrase in ("1 fresh, 10 exhausted", "0 (none) to 10 (worst)", "1 very poor, 10 excellent"):
        assert phrase in " ".join(text.split())


def test_adding_listing_and_updating_athletes(cli: Cli) -> None:
    assert cli("athlete", "list").stdout.startswith("no athletes yet")
    assert cli("athlete", "add", "--profile", str(write_profile(cli.tmp_path, "Ann"))).stdout == (
        "added athlete Ann (recreational)\n"
    )
    again = cli("athlete", "add", "--profile", str(write_profile(cli.tmp_path, "Ann")), code=2)
    assert again.stderr == (
        "error: --profile: an athlete named 'Ann' exists already (use `stridelift athlete "
        "update` to change the profile)\n"
    )
    profile = write_profile(cli.tmp_path, "Ann", units="imperial")
    assert cli("athlete", "update", "--profile", str(profile)).stdout == "updated athlete Ann\n"
    listing = cli("athlete", "list").stdout
    assert "│ Ann  │ recreational │ imperial │ -     │" in listing


def test_a_broken_profile_is_one_line_and_exit_2(cli: Cli) -> None:
    bad = cli.tmp_path / "bad.toml"
    bad.write_text('name = "X"\nlevel = "elite"\n', encoding="utf-8")
    result = cli("athlete", "add", "--profile", str(bad), code=2)
    assert result.stderr.startswith("error: bad.toml: level: 'elite'")
    assert result.stderr.count("\n") == 1


def test_a_logged_run_shows_in_history_json(ann: Cli) -> None:
    result = ann("log", "run", "--date", "2026-11-20", "--type", "tempo", "--minutes", "45",
                 "--km", "10", "--rpe", "7", "--avg-hr", "162", "--notes", "3x10 min")  # fmt: skip
    assert result.stdout == "logged tempo run, 45:00, 10.00 km on 2026-11-20\n"
    (entry,) = ann.history()
    assert {k: entry[k] for k in ("date", "kind", "run_type", "duration_s", "distance_m", "rpe",
                                  "avg_hr", "notes", "source")} == {
        "date": "2026-11-20", "kind": "run", "run_type": "tempo", "duration_s": 2700.0,
        "distance_m": 10000.0, "rpe": 7.0, "avg_hr": 162.0, "notes": "3x10 min",
        "source": "manual",
    }  # fmt: skip


def test_miles_are_stored_as_kilometres_and_shown_in_the_athletes_units(cli: Cli) -> None:
    cli("athlete", "add", "--profile", str(write_profile(cli.tmp_path, "Ann", "imperial")))
    cli("log", "run", "--date", "2026-11-20", "--type", "easy", "--minutes", "50", "--mi", "5")
    (entry,) = cli.history()
    assert entry["distance_m"] == pytest.approx(8046.72)
    table = cli("history", "--since", "2026-11-01", "--until", "2026-11-21").stdout
    assert "│ 2026-11-20 │ run  │ easy │ 50:00 │ 5.0 mi   │     │" in table


def test_dates_default_to_today(ann: Cli) -> None:
    ann("log", "run", "--type", "easy", "--minutes", "30")
    today = datetime.now(UTC).astimezone().date()
    assert [e["date"] for e in ann.history()] == [today.isoformat()]
    ann("log", "run", "--date", "yesterday", "--type", "easy", "--minutes", "30")
    assert ann.history()[0]["date"] == (today - timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["log", "run", "--minutes", "30"], "error: --type: missing (expected one of easy,"),
        (["log", "run", "--type", "easy"], "error: --minutes: missing"),
        (["log", "run", "--type", "jog", "--minutes", "30"], "error: --type: 'jog' is not a run"),
        (["log", "run", "--type", "easy", "--minutes", "half"], "error: --minutes: 'half' is not "
                                                                 "a number"),
        (["log", "run", "--type", "easy", "--minutes", "30", "--km", "-3"], "error: --km: '-3'"),
        (["log", "run", "--type", "easy", "--minutes", "30", "--km", "5", "--mi", "3"],
         "error: --mi: give the distance once"),
        (["log", "run", "--type", "easy", "--minutes", "30", "--rpe", "11"],
         "error: --rpe: 11 is out of range (expected 1-10)"),
        (["log", "run", "--type", "easy", "--minutes", "30", "--date", "2026-02-30"],
         "error: --date: '2026-02-30' is not a date (expected YYYY-MM-DD)"),
        (["log", "run", "--type", "easy", "--minutes", "30", "--date", "2199-01-01"],
         "error: --date: 2199-01-01 is in the future"),
        (["log", "run", "--type", "easy", "--minutes", "30", "--time", "25:00"],
         "error: --time: '25:00' is not a clock time (expected HH:MM)"),
        (["log", "lift", "trap_bar_deadlfit:5x100@2"],
         "error: SET 'trap_bar_deadlfit:5x100@2': unknown exercise 'trap_bar_deadlfit' "
         "(did you mean trap_bar_deadlift"),
        (["log", "lift", "push_up:12@3", "push_up:twelve"],
         "error: SET 'push_up:twelve': expected"),
        (["log", "lift"], "error: SET: give at least one set"),
        (["log", "lift", "--minutes", "45.5", "push_up:12"], "error: --minutes: '45.5' is not a "
                                                              "whole number"),
        (["checkin", "--fatigue", "11"], "error: --fatigue: 11 is out of range (expected 1-10)"),
        (["checkin", "--mood", "ok"], "error: --mood: 'ok' is not a whole number"),
        (["checkin", "--pain", "knee"], "error: --pain: 'knee' is not a pain report"),
        (["checkin"], "error: checkin: give at least one value"),
        (["history", "--since", "2026-13-01"], "error: --since: '2026-13-01' is not a date"),
        (["log", "run", "--athlete", "Bo", "--type", "easy", "--minutes", "30"],
         "error: --athlete: no athlete named 'Bo' (known: Ann)"),
    ],
)  # fmt: skip
def test_a_bad_value_is_one_line_naming_the_flag_exit_2_and_nothing_written(
    ann: Cli, args: list[str], message: str
) -> None:
    result = ann(*args, code=2)
    assert result.stderr.startswith(message), result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stdout == ""
    assert ann.history() == []


def test_a_lift_with_every_kind_of_set_is_listed_in_history(ann: Cli) -> None:
    result = ann("log", "lift", "--date", "2026-11-20", "--session", "A", "--minutes", "45",
                 "--rpe", "7", "trap_bar_deadlift:5x100@2*3", "push_up:12@3",
                 "split_squat:8x20@2+tech+pain=3:left:knee", "goblet_squat:8x50lb@2")  # fmt: skip
    assert result.stdout == "logged session A on 2026-11-20: 6 sets\n"
    (entry,) = ann.history()
    sets = entry["sets"]
    assert isinstance(sets, list)
    assert [(s["exercise_id"], s["reps"], s["load_kg"], s["rir"]) for s in sets][:4] == [
        ("trap_bar_deadlift", 5, 100.0, 2), ("trap_bar_deadlift", 5, 100.0, 2),
        ("trap_bar_deadlift", 5, 100.0, 2), ("push_up", 12, None, 3),
    ]  # fmt: skip
    assert (sets[4]["technique_breakdown"], sets[4]["pain"], sets[4]["pain_side"],
            sets[4]["pain_area"]) == (True, 3, "left", "knee")  # fmt: skip
    assert sets[5]["load_kg"] == pytest.approx(22.68, abs=0.01)
    table = ann("history", "--since", "2026-11-20", "--until", "2026-11-20").stdout
    assert "trap_bar_deadlift 3×5 @ 100 kg RIR 2" in " ".join(table.split())


def test_carries_in_metres_and_holds_in_seconds_are_logged_in_their_own_units(ann: Cli) -> None:
    result = ann("log", "lift", "--date", "2026-11-20", "farmers_carry:40mx24*2",
                 "wall_sit:45sx10@3", "plank:60s")  # fmt: skip
    assert result.stdout == "logged strength session on 2026-11-20: 4 sets\n"
    (entry,) = ann.history()
    sets = entry["sets"]
    assert isinstance(sets, list)
    assert [(s["exercise_id"], s["reps"], s["distance_m"], s["duration_s"], s["load_kg"])
            for s in sets] == [
        ("farmers_carry", 1, 40.0, None, 24.0), ("farmers_carry", 1, 40.0, None, 24.0),
        ("wall_sit", 1, None, 45.0, 10.0), ("plank", 1, None, 60.0, None),
    ]  # fmt: skip
    table = " ".join(ann("history", "--since", "2026-11-20").stdout.split())
    assert "farmers_carry 2×40 m @ 24 kg" in table and "wall_sit 45 s @ 10 kg RIR 3" in table
    bad = ann("log", "lift", "--date", "2026-11-20", "farmers_carry:4000mx24", code=2)
    assert bad.stderr == (
        "error: SET 'farmers_carry:4000mx24': a carry of 4000 m is out of range (1-1000 m)\n"
    )
    assert len(ann.history()) == 1


def test_a_checkin_with_pain_reports_then_a_replacement(ann: Cli) -> None:
    ann("checkin", "--date", "2026-11-20", "--sleep-hours", "7.5", "--sleep-quality", "6",
        "--soreness", "4", "--fatigue", "5", "--stress", "3", "--mood", "7", "--motivation", "8",
        "--pain", "knee:3:left", "--pain", "achilles:2", "--ill",
        "--cycle-note", "day 2")  # fmt: skip
    (entry,) = ann.history()
    assert entry["pain"] == [{"area": "knee", "level": 3, "side": "left"},
                             {"area": "achilles", "level": 2, "side": None}]  # fmt: skip
    assert (entry["sleep_hours"], entry["ill"], entry["cycle_note"]) == (7.5, True, "day 2")
    again = ann("checkin", "--date", "2026-11-20", "--fatigue", "6", code=2)
    assert again.stderr == ("error: --date: Ann checked in on 2026-11-20 already "
                            "(add --replace to overwrite it)\n")  # fmt: skip
    ann("checkin", "--date", "2026-11-20", "--fatigue", "6", "--replace")
    assert [(e["fatigue"], e["pain"]) for e in ann.history()] == [(6, [])]


def test_with_several_athletes_the_error_lists_them(ann: Cli) -> None:
    ann("athlete", "add", "--profile", str(write_profile(ann.tmp_path, "Bo")))
    result = ann("log", "run", "--type", "easy", "--minutes", "30", code=2)
    assert result.stderr == "error: --athlete: several athletes are stored, name one of: Ann, Bo\n"
    ann("log", "run", "--athlete", "Bo", "--type", "easy", "--minutes", "30", "--date",
        "2026-11-20")  # fmt: skip
    assert len(ann.history("--athlete", "Bo")) == 1
    assert ann.history("--athlete", "Ann") == []


def test_history_json_is_sorted_and_the_same_every_time(ann: Cli) -> None:
    ann("log", "lift", "--date", "2026-11-20", "push_up:10")
    ann("log", "run", "--date", "2026-11-20", "--type", "easy", "--minutes", "30")
    ann("checkin", "--date", "2026-11-20", "--fatigue", "3")
    ann("log", "run", "--date", "2026-11-18", "--type", "long", "--minutes", "90")
    first = ann("history", "--json", "--since", "2026-11-01", "--until", "2026-11-21").stdout
    assert (
        first == ann("history", "--json", "--since", "2026-11-01", "--until", "2026-11-21").stdout
    )
    document = json.loads(first)
    assert list(document) == sorted(document)
    assert (document["schema"], document["since"], document["until"]) == (
        "stridelift.history/1", "2026-11-01", "2026-11-21")  # fmt: skip
    assert [(e["date"], e["kind"]) for e in document["entries"]] == [
        ("2026-11-18", "run"), ("2026-11-20", "checkin"), ("2026-11-20", "run"),
        ("2026-11-20", "lift"),
    ]  # fmt: skip


def test_backup_then_restore_into_an_empty_database(ann: Cli) -> None:
    ann("log", "run", "--date", "2026-11-20", "--type", "easy", "--minutes", "30")
    ann("checkin", "--date", "2026-11-20", "--fatigue", "3", "--pain", "hip:2:right")
    backup = ann.tmp_path / "backup.json"
    assert ann("backup", str(backup)).stdout.startswith("backed up 1 athletes, 1 activities")
    refused = ann("restore", str(backup), code=2)
    assert "is not empty" in refused.stderr
    assert "restore only into an empty database" in refused.stderr
    fresh = Cli(ann.tmp_path / "fresh")
    fresh.tmp_path.mkdir()
    assert fresh("restore", str(backup)).stdout.startswith("restored 1 athletes, 1 activities")
    assert fresh.history() == ann.history()


def test_db_upgrade_creates_the_schema_once(cli: Cli) -> None:
    first = cli("db", "upgrade").stdout
    assert first.endswith(f": schema none -> {head_revision()}\n")
    assert cli("db", "upgrade").stdout.endswith(
        f": schema {head_revision()} is the newest, nothing to do\n"
    )
    info = cli("db", "info").stdout
    assert re.search(r"│ athletes +│ 0 +│", info)


def test_an_unsupported_database_url_is_one_line(cli: Cli) -> None:
    result = cli("history", "--db", "mysql://db/x", code=2)
    assert result.stderr == (
        "error: --db: unsupported database URL scheme 'mysql' (expected sqlite:// or postgresql://)\n"
    )
