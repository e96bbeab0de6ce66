"""The planner through the real program: init, plan, check, explain, as a user types them.

Most tests call the console entry point (``stridelift.cli.app.main``) in this process with
its real argv, so exit statuses and the one-line errors are exactly what a shell sees;
the tests that need fresh interpreters (byte-identical output, wide tables) start
``python -m stridelift``.
"""

from __future__ import annotations

import copy
import itertools
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer

from stridelift.cli import app as root
from stridelift.domain.profile import KNOWN_KEYS
from stridelift.domain.rules import RULES

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "export_plan_planner.toml"
TODAY = "2026-11-23"  # a Monday; the fixture's marathon is 2027-04-11

GOOD = """\
name = "Ann"
level = "intermediate"
body_mass_kg = 62
weekly_run_minutes = 240
"""


@dataclass(frozen=True)
class Run:
    """What a shell would see: exit status, stdout, stderr."""

    code: int
    out: str
    err: str


class Cli:
    """Calls the real entry point with an argv and captures what it prints."""

    def __init__(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
        self.capsys = capsys
        self.monkeypatch = monkeypatch

    def __call__(self, *args: str | Path, code: int = 0) -> Run:
        self.capsys.readouterr()
        self.monkeypatch.setattr(sys, "argv", ["stridelift", *map(str, args)])
        status = 0
        try:
            root.main()
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else 1
        out, err = self.capsys.readouterr()
        assert status == code, (args, out, err)
        return Run(status, out, err)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(capsys, monkeypatch)


def _program(*args: str | Path, seed: str = "0", columns: str = "200") -> Run:
    """The installed program in a fresh interpreter."""
    env = {**os.environ, "PYTHONHASHSEED": seed, "COLUMNS": columns}
    done = subprocess.run(
        [sys.executable, "-m", "stridelift", *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def _words(text: str) -> str:
    """Text with every run of whitespace made one space (Rich wraps at the console width)."""
    return " ".join(text.split())


# --- bad profiles ------------------------------------------------------------------------

RACE = '\n[[races]]\nname = "Spring Marathon"\ndate = "2027-04-11"\ndistance = "marathon"\n'
RESULT = '\n[recent_result]\ndistance = "10k"\ntime = "00:50:00"\ndate = "2026-10-01"\n'
LEVELS = "beginner, recreational, intermediate, advanced, ultra"
EQUIPMENT = (
    "gym, none, dumbbells, bands, mini_bands, mat, kettlebell, stability_ball, foam_roller, "
    "barbell, trap_bar, machines, bench, box, cable, sled, pullup_bar, bike, treadmill"
)
WEEKDAYS = "mon, tue, wed, thu, fri, sat, sun"
NO_RUN_WEEK = "\n[availability]\n" + "".join(
    f"{d} = {{ minutes = 0 }}\n" for d in WEEKDAYS.split(", ")
)

BAD_PROFILES: list[tuple[str, str, str]] = [
    # (case, profile text, the message after "error: bad.toml: ")
    ("missing name", GOOD.replace('name = "Ann"\n', ""), "name: missing is not a non-empty text"),
    ("missing level", GOOD.replace('level = "intermediate"\n', ""),
     f"level: missing is not one of {LEVELS}"),
    ("missing body mass", GOOD.replace("body_mass_kg = 62\n", ""),
     "body_mass_kg: missing is not a number between 30 and 250"),
    ("missing weekly volume", GOOD.replace("weekly_run_minutes = 240\n", ""),
     "weekly_run_minutes: missing is required (or weekly_run_km)"),
    ("empty file", "", "name: missing is not a non-empty text"),
    ("blank name", GOOD.replace('"Ann"', '"  "'), "name: '  ' is not a non-empty text"),
    ("unknown level", GOOD.replace('"intermediate"', '"elite"'),
     f"level: 'elite' is not one of {LEVELS}"),
    ("unknown units", GOOD + 'units = "stones"\n',
     "units: 'stones' is not one of metric, imperial"),
    ("body mass as text", GOOD.replace("= 62", '= "62"'),
     "body_mass_kg: '62' is not a number between 30 and 250"),
    ("body mass too low", GOOD.replace("= 62", "= 12"),
     "body_mass_kg: 12 is out of range: expected 30 to 250"),
    ("body mass not a number", GOOD.replace("= 62", "= nan"),
     "body_mass_kg: nan is out of range: expected 30 to 250"),
    ("no running yet", GOOD.replace("= 240", "= 0"),
     "weekly_run_minutes: 0 is out of range: expected 30 to 1500"),
    ("huge weekly volume", GOOD.replace("= 240", "= 5000"),
     "weekly_run_minutes: 5000 is out of range: expected 30 to 1500"),
    ("negative weekly volume", GOOD.replace("= 240", "= -5"),
     "weekly_run_minutes: -5 is out of range: expected 30 to 1500"),
    ("a few km a week", GOOD.replace("weekly_run_minutes = 240", "weekly_run_km = 2"),
     "weekly_run_km: 2 is about 12 minutes a week at easy pace: expected 30 to 1500 minutes"),
    ("too many km a week", GOOD.replace("weekly_run_minutes = 240", "weekly_run_km = 400"),
     "weekly_run_km: 400 is out of range: expected 0 to 300"),
    ("impossible race date", GOOD + RACE.replace("2027-04-11", "2027-02-30"),
     "races[1].date: '2027-02-30' is not a date (expected YYYY-MM-DD)"),
    ("race date with a time", GOOD + RACE.replace('"2027-04-11"', "2027-04-11T09:00:00"),
     "races[1].date: '2027-04-11T09:00:00' is not a date (expected YYYY-MM-DD, no time)"),
    ("race date with a zone", GOOD + RACE.replace('"2027-04-11"', "2027-04-11T09:00:00Z"),
     "races[1].date: '2027-04-11T09:00:00+00:00' is not a date (expected YYYY-MM-DD, no time)"),
    ("race date as a clock time", GOOD + RACE.replace('"2027-04-11"', "09:00:00"),
     "races[1].date: '09:00:00' is not a date (expected YYYY-MM-DD, no time)"),
    ("two races on one day", GOOD + RACE + RACE.replace("Spring", "Second"),
     "races[2].date: '2027-04-11' is already the date of races[1] ('Spring Marathon'): "
     "one race a day"),
    ("race without a date", GOOD + RACE.replace('date = "2027-04-11"\n', ""),
     "races[1].date: missing is not a date (expected YYYY-MM-DD)"),
    ("race without a name", GOOD + RACE.replace('name = "Spring Marathon"\n', ""),
     "races[1].name: missing is not a non-empty text"),
    ("unknown race distance", GOOD + RACE.replace('"marathon"', '"15k"'),
     "races[1].distance: '15k' is not one of 5k, 10k, half, marathon, ultra"),
    ("ultra without distance_km", GOOD + RACE.replace('"marathon"', '"ultra"'),
     "races[1].distance_km: missing is required for an ultra (e.g. 50)"),
    ("ultra shorter than a marathon",
     GOOD + RACE.replace('"marathon"', '"ultra"\ndistance_km = 40'),
     "races[1].distance_km: 40.0 is too short for an ultra (over 42.195)"),
    ("unknown priority", GOOD + RACE + 'priority = "C"\n',
     "races[1].priority: 'C' is not one of A, B"),
    ("second race is bad",
     GOOD + RACE + RACE.replace('"marathon"', '"half"').replace("04-11", "13-01"),
     "races[2].date: '2027-13-01' is not a date (expected YYYY-MM-DD)"),
    ("unknown key in a race", GOOD + RACE + 'goal = "sub 3:30"\n',
     "races[1].goal: 'sub 3:30' is not a known key: use name, date, distance, distance_km, "
     "priority, goal_time, elevation_gain_m, terrain"),
    # RUN-10: goal time, climbing and terrain
    ("goal time not a time", GOOD + RACE + 'goal_time = "abc"\n',
     "races[1].goal_time: 'abc' is not a time (expected H:MM:SS or MM:SS)"),
    ("goal time in hours and minutes only", GOOD + RACE + 'goal_time = "3h30"\n',
     "races[1].goal_time: '3h30' is not a time (expected H:MM:SS or MM:SS)"),
    ("goal time as a number", GOOD + RACE + "goal_time = 210\n",
     "races[1].goal_time: 210 is not a time (expected H:MM:SS or MM:SS)"),
    ("goal time faster than a world record", GOOD + RACE + 'goal_time = "1:30:00"\n',
     "races[1].goal_time: '1:30:00' is faster than 2:30 per km"),
    ("goal time slower than walking", GOOD + RACE + 'goal_time = "11:00:00"\n',
     "races[1].goal_time: '11:00:00' is slower than 15:00 per km for this race"),
    ("negative climbing", GOOD + RACE + "elevation_gain_m = -200\n",
     "races[1].elevation_gain_m: -200 is out of range: expected 0 to 30000"),
    ("climbing as text", GOOD + RACE + 'elevation_gain_m = "1200m"\n',
     "races[1].elevation_gain_m: '1200m' is not a number between 0 and 30000"),
    ("climbing in feet on a short race", GOOD + RACE.replace('"marathon"', '"5k"')
     + "elevation_gain_m = 3500\n",
     "races[1].elevation_gain_m: 3500 is more than 600 m of climbing per km of the race "
     "(5 km): expected the total gain in metres"),
    ("unknown terrain", GOOD + RACE + 'terrain = "gravel"\n',
     "races[1].terrain: 'gravel' is not one of road, trail"),
    ("races as one table", GOOD + '[races]\nname = "x"\n',
     "races: {'name': 'x'} is not an array of race tables"),
    ("misspelt equipment", GOOD + 'equipment = ["dumbells"]\n',
     f"equipment[1]: 'dumbells' is not one of {EQUIPMENT}"),
    ("equipment not a list", GOOD + 'equipment = "gym"\n',
     "equipment: 'gym' is not a list of equipment items"),
    ("negative minutes", GOOD + "[availability]\nmon = { minutes = -10 }\n",
     "availability.mon.minutes: -10 is out of range: expected 0 to 600"),
    ("fractional minutes", GOOD + "[availability]\nmon = { minutes = 45.5 }\n",
     "availability.mon.minutes: 45.5 is not a whole number between 0 and 600"),
    ("unknown weekday", GOOD + "[availability]\nmonday = { run = true }\n",
     f"availability.monday: {{'run': True}} is not a weekday: use {WEEKDAYS}"),
    ("unknown availability key", GOOD + "[availability]\nmon = { swim = true }\n",
     "availability.mon.swim: True is not a known key: use run, strength, minutes"),
    ("run flag as text", GOOD + '[availability]\nmon = { run = "yes" }\n',
     "availability.mon.run: 'yes' is not true or false"),
    ("no day to run on", GOOD + NO_RUN_WEEK,
     "availability: 'no run days' must allow running on at least one day"),
    ("unknown long_run_day", GOOD + 'long_run_day = "sunday"\n',
     f"long_run_day: 'sunday' is not one of {WEEKDAYS}"),
    ("long run on a day without running", GOOD + 'long_run_day = "sat"\n[availability]\n'
     "sat = { run = false }\n", "availability.sat.run: False must be true: it is the long_run_day"),
    ("result time without hours", GOOD + RESULT.replace("00:50:00", "50:00"),
     "recent_result.time: '50:00' is not a time (expected HH:MM:SS)"),
    ("result faster than a world record", GOOD + RESULT.replace("00:50:00", "00:15:00"),
     "recent_result.time: '00:15:00' is faster than 2:30 per km"),
    ("result slower than walking", GOOD + RESULT.replace("00:50:00", "99:59:59"),
     "recent_result.time: '99:59:59' is slower than 15:00 per km (a run is needed for paces)"),
    ("unknown result distance", GOOD + RESULT.replace('"10k"', '"12k"'),
     "recent_result.distance: '12k' is not one of 5k, 10k, half, marathon"),
    ("result without a date", GOOD + RESULT.replace('date = "2026-10-01"\n', ""),
     "recent_result.date: missing is not a date (expected YYYY-MM-DD)"),
    ("unknown result key", GOOD + RESULT + 'place = 12\n',
     "recent_result.place: 12 is not a known key: use distance, time, date"),
    ("result time with a fraction", GOOD + RESULT.replace('"00:50:00"', "00:50:00.5"),
     "recent_result.time: '00:50:00.500000' is not a time (expected HH:MM:SS)"),
    ("unknown strategy", GOOD + 'strategy = "yolo"\n',
     "strategy: 'yolo' is not one of auto, stack, easy_days, separate"),
    ("short strength sessions", GOOD + "session_minutes = 10\n",
     "session_minutes: 10 is out of range: expected 20 to 90"),
    ("longest run too short", GOOD + "longest_recent_run_minutes = 5\n",
     "longest_recent_run_minutes: 5 is out of range: expected 10 to 600"),
    ("new_to_strength as text", GOOD + 'new_to_strength = "yes"\n',
     "new_to_strength: 'yes' is not true or false"),
    ("bad slot time", GOOD + 'slot_times = { am = "7am" }\n',
     "slot_times.am: '7am' is not a clock time (HH:MM)"),
    ("slot time with seconds", GOOD + "slot_times = { pm = 18:30:15 }\n",
     "slot_times.pm: '18:30:15' is not a clock time (HH:MM)"),
    ("unknown slot", GOOD + 'slot_times = { noon = "12:00" }\n',
     "slot_times.noon: '12:00' is not a known key: use am, pm"),
    ("unknown top-level key", GOOD + 'favourite_colour = "red"\n',
     "favourite_colour: 'red' is not a known profile key (see docs/profile.md)"),
    ("not TOML at all", "this is not a profile {{{\n",
     "not valid TOML (Expected '=' after a key in a key/value pair (at line 1, column 6))"),
    ("impossible date literal", GOOD + RACE.replace('"2027-04-11"', "2027-02-30"),
     "not valid TOML (Invalid date or datetime (at line 8, column 8))"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "message"),
    [pytest.param(text, message, id=case) for case, text, message in BAD_PROFILES],
)
def test_a_bad_profile_value_is_one_line_naming_file_key_and_value_exit_2(
    cli: Cli, tmp_path: Path, text: str, message: str
) -> None:
    profile = tmp_path / "bad.toml"
    profile.write_text(text, encoding="utf-8")
    result = cli("plan", "--profile", profile, "--today", TODAY, "--json", code=2)
    assert result.err == f"error: bad.toml: {message}\n"
    assert result.out == ""


def test_a_profile_that_is_not_text_is_one_line(cli: Cli, tmp_path: Path) -> None:
    profile = tmp_path / "photo.toml"
    profile.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff")
    result = cli("plan", "--profile", profile, code=2)
    assert (result.out, result.err) == ("", f"error: {profile}: profile is not UTF-8 text\n")


def test_a_missing_profile_file_is_one_line(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    result = cli("plan", "--profile", missing, "--json", code=2)
    assert (result.out, result.err) == ("", f"error: {missing}: profile file not found\n")


def test_a_folder_given_as_profile_is_one_line(cli: Cli, tmp_path: Path) -> None:
    result = cli("plan", "--profile", tmp_path, code=2)
    assert (result.out, result.err) == (
        "",
        f"error: {tmp_path}: cannot read profile (Is a directory)\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--today", "2026-13-01"],
         "error: --today: '2026-13-01' is not a date (expected YYYY-MM-DD)"),
        (["--weeks", "0"], "error: --weeks: 0 is out of range: expected 1 to 104"),
        (["--weeks", "105"], "error: --weeks: 105 is out of range: expected 1 to 104"),
    ],
)  # fmt: skip
def test_a_bad_plan_flag_is_one_line_exit_2(
    cli: Cli, tmp_path: Path, args: list[str], message: str
) -> None:
    profile = tmp_path / "ann.toml"
    profile.write_text(GOOD, encoding="utf-8")
    result = cli("plan", "--profile", profile, "--json", *args, code=2)
    assert (result.out, result.err) == ("", message + "\n")


def test_the_real_program_prints_one_line_no_traceback_on_a_bad_profile(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text(GOOD + RACE.replace("2027-04-11", "2027-02-30"), encoding="utf-8")
    result = _program("plan", "--profile", profile, "--json")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "error: profile.toml: races[1].date: '2027-02-30' is not a date (expected YYYY-MM-DD)\n"
    )


def test_unquoted_toml_dates_and_times_are_read_as_written(cli: Cli, tmp_path: Path) -> None:
    profile = tmp_path / "bare.toml"
    text = GOOD + "slot_times = { am = 06:30:00, pm = 18:15:00 }\n" + RACE + RESULT
    text = text.replace('"2027-04-11"', "2027-04-11").replace('"00:50:00"', "00:50:00")
    profile.write_text(text, encoding="utf-8")
    doc = json.loads(cli("plan", "--profile", profile, "--today", TODAY, "--json").out)
    assert doc["athlete"]["slot_times"] == {"am": "06:30", "pm": "18:15"}
    assert doc["races"][0]["date"] == "2027-04-11"
    assert doc["paces"]["source"].startswith("Daniels/Gilbert VDOT from your 10k in 0:50:00")


def test_a_race_already_run_is_not_an_error_the_plan_starts_in_its_recovery(
    cli: Cli, tmp_path: Path
) -> None:
    profile = tmp_path / "after.toml"
    profile.write_text(GOOD + RACE.replace("2027-04-11", "2026-11-15"), encoding="utf-8")
    doc = json.loads(cli("plan", "--profile", profile, "--today", TODAY, "--json").out)
    assert [w["phase"] for w in doc["weeks"][:3]] == ["recovery", "offseason", "offseason"]
    assert doc["races"][0]["date"] == "2026-11-15"


def test_every_profile_key_is_documented_in_docs_profile_md() -> None:
    docs = (REPO / "docs" / "profile.md").read_text(encoding="utf-8")
    for key in sorted(KNOWN_KEYS):
        assert f"`{key}`" in docs, key


def test_the_example_profiles_in_the_docs_plan_cleanly(cli: Cli, tmp_path: Path) -> None:
    docs = (REPO / "docs" / "profile.md").read_text(encoding="utf-8")
    examples = [b for b in re.findall(r"```toml\n(.*?)```", docs, re.S) if "name =" in b]
    assert len(examples) == 2
    for i, text in enumerate(examples):
        profile = tmp_path / f"example{i}.toml"
        profile.write_text(text, encoding="utf-8")
        plan = cli("plan", "--profile", profile, "--today", TODAY, "--weeks", "8", "--json").out
        saved = tmp_path / f"example{i}.json"
        saved.write_text(plan, encoding="utf-8")
        assert _words(cli("check", saved).out) == f"{saved}: no rule violations"


# --- help ----------------------------------------------------------------------------------


def _command_paths() -> Iterator[list[str]]:
    root._register_commands()
    stack: list[tuple[list[str], Any]] = [([], typer.main.get_command(root.app))]
    while stack:
        path, command = stack.pop()
        yield path
        for name, sub in sorted(getattr(command, "commands", {}).items(), reverse=True):
            stack.append(([*path, name], sub))


COMMAND_PATHS = list(_command_paths())


def test_the_planner_commands_are_in_the_tree() -> None:
    assert {"init", "plan", "check", "explain"} <= {" ".join(p) for p in COMMAND_PATHS}


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=lambda p: " ".join(p) or "stridelift")
def test_every_command_answers_help_with_exit_0(cli: Cli, path: list[str]) -> None:
    result = cli(*path, "--help")
    assert _words(result.out).startswith(_words(f"Usage: stridelift {' '.join(path)}"))
    assert result.err == ""


# --- plan ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_json() -> tuple[Run, Run]:
    """The fixture profile planned twice, in two processes with different hash seeds."""
    args = ("plan", "--profile", FIXTURE, "--today", TODAY, "--json")
    return _program(*args, seed="1"), _program(*args, seed="2")


def test_plan_json_is_byte_identical_across_processes(fixture_json: tuple[Run, Run]) -> None:
    first, second = fixture_json
    assert (first.code, second.code) == (0, 0), (first.err, second.err)
    assert first.out == second.out
    assert first.err == second.err == ""


def test_plan_json_parses_and_carries_the_schema_and_every_week(
    fixture_json: tuple[Run, Run],
) -> None:
    doc = json.loads(fixture_json[0].out)
    assert doc["schema"] == "stridelift.plan/1"
    assert doc["today"] == TODAY
    assert [r["name"] for r in doc["races"]] == ["Harbour Half", "Riverside Marathon"]
    # To the marathon (week 20) and its two recovery weeks.
    assert len(doc["weeks"]) == 22
    assert [w["index"] for w in doc["weeks"]] == list(range(1, 23))
    assert all(len(w["days"]) == 7 for w in doc["weeks"])
    assert "not medical advice" in doc["disclaimer"]


def test_plan_json_matches_what_the_in_process_entry_point_prints(
    cli: Cli, fixture_json: tuple[Run, Run]
) -> None:
    again = cli("plan", "--profile", FIXTURE, "--today", TODAY, "--json")
    assert again.out == fixture_json[0].out


def _field_names(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from _field_names(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _field_names(inner)


def test_every_field_of_a_real_plan_is_documented_in_docs_plan_schema_md(
    fixture_json: tuple[Run, Run],
) -> None:
    docs = (REPO / "docs" / "plan-schema.md").read_text(encoding="utf-8")
    fields = set(_field_names(json.loads(fixture_json[0].out)))
    assert {"schema", "weeks", "heavy_lower", "load_note", "adaptations"} <= fields
    missing = sorted(f for f in fields if not re.search(rf"\b{re.escape(f)}\b", docs))
    assert missing == []


def test_plan_without_json_prints_the_season_and_this_week(fixture_json: tuple[Run, Run]) -> None:
    doc = json.loads(fixture_json[0].out)
    result = _program("plan", "--profile", FIXTURE, "--today", TODAY)
    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert lines[0].strip() == "Season plan for Maya Lindqvist"
    for week in doc["weeks"]:  # one overview row per week: index, start, phase
        phase = week["phase"].replace("_", " ")
        row = f"│ {week['index']:>2} │ {week['start']} │ {phase}"
        assert any(line.startswith(row) for line in lines), row
    first = doc["weeks"][0]
    assert f"Week 1 ({first['phase']}): {first['focus']}" in result.out
    for day, label in zip(
        first["days"], ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), strict=True
    ):
        line = next(x for x in lines if f"│ {label} {day['date'][5:]} │" in x)
        runs = [s for s in day["sessions"] if s["kind"] == "run"]
        if not day["sessions"]:
            assert "rest" in line
        for run in runs[:1]:
            assert f"{run['run_type'].replace('_', ' ')} run {run['minutes']} min" in line
    paces = doc["paces"]
    easy = f"easy {paces['easy_s_per_km'] // 60}:{paces['easy_s_per_km'] % 60:02d}/km"
    assert easy in result.out
    assert doc["disclaimer"] in _words(result.out)


# --- check ---------------------------------------------------------------------------------


@pytest.fixture
def clean_plan(cli: Cli, tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """Twelve weeks of the fixture's plan (general, base, then heavy strength weeks)."""
    out = cli("plan", "--profile", FIXTURE, "--today", TODAY, "--weeks", "12", "--json").out
    path = tmp_path / "plan.json"
    path.write_text(out, encoding="utf-8")
    return path, json.loads(out)


def _heavy_day_before_easy(doc: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A day with heavy lower-body strength followed by a day with only an easy run."""
    days = [d for w in doc["weeks"] for d in w["days"]]
    for today, tomorrow in itertools.pairwise(days):
        heavy = any(s.get("heavy_lower") for s in today["sessions"])
        kinds = [(s["kind"], s.get("run_type")) for s in tomorrow["sessions"]]
        if heavy and ("run", "easy") in kinds and all(k != "strength" for k, _ in kinds):
            return today, tomorrow
    raise AssertionError("the plan has no heavy day followed by an easy run")


def test_check_passes_a_plan_the_planner_made(cli: Cli, clean_plan: tuple[Path, Any]) -> None:
    path, _ = clean_plan
    assert _words(cli("check", path).out) == f"{path}: no rule violations"


def test_check_finds_a_quality_run_the_day_after_heavy_legs(
    cli: Cli, tmp_path: Path, clean_plan: tuple[Path, Any]
) -> None:
    _, doc = clean_plan
    broken = copy.deepcopy(doc)
    heavy, after = _heavy_day_before_easy(broken)
    run = next(s for s in after["sessions"] if s.get("run_type") == "easy")
    run.update(run_type="intervals", key=True)
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    text = _words(cli("check", path, code=1).out)
    assert f"PLACE-1 {heavy['date']}: heavy lower-body strength the day before a key run" in text
    found = re.findall(r"\b[A-Z]+-\d+ (?:\d{4}-\d\d-\d\d|week \d+|plan): ", text)
    assert text.endswith(f"{path}: {len(found)} violation{'s' if len(found) > 1 else ''}")


def test_check_finds_heavy_legs_on_two_days_in_a_row(
    cli: Cli, tmp_path: Path, clean_plan: tuple[Path, Any]
) -> None:
    _, doc = clean_plan
    broken = copy.deepcopy(doc)
    heavy, after = _heavy_day_before_easy(broken)
    lift = next(s for s in heavy["sessions"] if s.get("heavy_lower"))
    after["sessions"].append({**copy.deepcopy(lift), "order": len(after["sessions"]) + 1})
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    text = _words(cli("check", path, code=1).out)
    assert f"PLACE-5 {heavy['date']}: strength on two days in a row" in text
    assert f"PLACE-5 {after['date']}: the day after heavy strength is not easy or rest" in text


def test_check_says_what_is_wrong_with_a_json_object_that_is_no_plan(
    cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"schema": "something/2", "weeks": []}', encoding="utf-8")
    text = _words(cli("check", path, code=1).out)
    assert text.startswith("SCHEMA plan: schema is 'something/2', expected 'stridelift.plan/1'")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("stridelift plan, week 1\n", "not valid JSON (line 1: Expecting value)"),
        ('{"schema": "stridelift.plan/1",', "not valid JSON (line 1: Expecting property name "
                                            "enclosed in double quotes)"),
        ("[1, 2, 3]", "a plan document is a JSON object"),
    ],
)  # fmt: skip
def test_check_refuses_a_file_that_is_not_a_plan_document_in_one_line(
    cli: Cli, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "plan.json"
    path.write_text(content, encoding="utf-8")
    result = cli("check", path, code=2)
    assert (result.out, result.err) == ("", f"error: {path}: {message}\n")


def test_check_of_a_missing_file_is_one_line(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "gone.json"
    result = cli("check", path, code=2)
    assert (result.out, result.err) == ("", f"error: {path}: plan file not found\n")


# --- explain -------------------------------------------------------------------------------


def test_explain_gives_the_reasons_of_a_day_in_plain_words(
    cli: Cli, fixture_json: tuple[Run, Run]
) -> None:
    doc = json.loads(fixture_json[0].out)
    week, day = next(
        (w, d) for w in doc["weeks"] for d in w["days"]
        if any(s.get("heavy_lower") for s in d["sessions"])
    )  # fmt: skip
    result = cli("explain", day["date"], "--profile", FIXTURE, "--today", TODAY)
    text = _words(result.out)
    weekday = date.fromisoformat(day["date"]).strftime("%a")
    phase = week["phase"].replace("_", " ")
    assert text.startswith(f"{weekday} {day['date']}: week {week['index']}, {phase} phase.")
    for session in day["sessions"]:
        for rule_id in session["reasons"]:
            assert f"because: {_words(RULES[rule_id].text)} ({rule_id})" in text, rule_id
    for ex in (ex for s in day["sessions"] for ex in s.get("exercises", [])):
        assert f"{ex['name']}: {_dose(ex)} @ RPE {ex['rpe']}" in text
    assert not re.search(r"\b(\d+)–\1\b", text), "a range of equal ends (CONTENT-9)"


def test_explain_prints_a_one_sided_hold_in_seconds_a_side_never_as_an_equal_range(
    cli: Cli, fixture_json: tuple[Run, Run]
) -> None:
    doc = json.loads(fixture_json[0].out)
    day, hold = next(
        (d, ex) for w in doc["weeks"] for d in w["days"] for s in d["sessions"]
        for ex in s.get("exercises", []) if ex["id"] == "side_plank"
    )  # fmt: skip
    assert hold["reps_min"] == hold["reps_max"]
    text = _words(cli("explain", day["date"], "--profile", FIXTURE, "--today", TODAY).out)
    assert f"Side Plank: {hold['sets']} × {hold['reps_max']} s a side @ RPE" in text


def _dose(ex: dict[str, Any]) -> str:
    """``4 × 4–6``, ``2 × 30 s a side``: each dose in its own unit (CONTENT-9)."""
    lo, hi, measure = ex["reps_min"], ex["reps_max"], ex.get("measure") or "reps"
    unit = {"reps": "", "seconds": " s", "metres": " m"}[measure]
    side = ex["unilateral"] and (measure != "metres" or ex["pattern"] == "carry")
    amount = f"{hi}" if lo == hi else f"{lo}–{hi}"
    return f"{ex['sets']} × {amount}{unit}{' a side' if side else ''}"


def test_explain_of_a_rest_day_says_it_is_one(cli: Cli, fixture_json: tuple[Run, Run]) -> None:
    doc = json.loads(fixture_json[0].out)
    rest = next(d["date"] for w in doc["weeks"] for d in w["days"] if not d["sessions"])
    text = _words(cli("explain", rest, "--profile", FIXTURE, "--today", TODAY).out)
    assert "Rest day: nothing planned" in text and "(PLACE-6)" in text


@pytest.mark.parametrize(
    ("day", "message"),
    [
        ("2030-01-01", "error: DATE: 2030-01-01 is not inside the plan (2026-11-23 to 2027-04-25)"),
        ("2026-11-22", "error: DATE: 2026-11-22 is not inside the plan (2026-11-23 to 2027-04-25)"),
        ("2027-02-30", "error: DATE: '2027-02-30' is not a date (expected YYYY-MM-DD)"),
    ],
)  # fmt: skip
def test_explain_of_a_date_outside_the_plan_is_one_line(cli: Cli, day: str, message: str) -> None:
    result = cli("explain", day, "--profile", FIXTURE, "--today", TODAY, code=2)
    assert (result.out, result.err) == ("", message + "\n")


# --- init ----------------------------------------------------------------------------------

INIT_FLAGS = ("--name", "Ann", "--level", "intermediate", "--race-date", "2027-04-11",
              "--race-distance", "marathon", "--weekly-minutes", "240")  # fmt: skip


def test_init_writes_a_commented_profile_that_plans_with_no_violation(
    cli: Cli, tmp_path: Path
) -> None:
    profile = tmp_path / "me.toml"
    result = cli("init", "--out", profile, *INIT_FLAGS)
    lines = result.out.splitlines()
    assert lines[0] == f"wrote {profile}" and "No race in it" not in result.out
    assert lines[1] == "Next:" and lines[2].endswith(f" plan --profile {profile}")
    text = profile.read_text(encoding="utf-8")
    assert text.startswith("# Stridelift athlete profile.")
    assert 'name = "Ann"' in text and 'date = "2027-04-11"' in text
    assert sum(line.lstrip().startswith("#") for line in text.splitlines()) >= 5
    plan = cli("plan", "--profile", profile, "--today", TODAY, "--json").out
    doc = json.loads(plan)
    assert doc["athlete"]["name"] == "Ann" and doc["races"][0]["distance"] == "marathon"
    assert doc["weeks"][-3]["days"][6]["date"] == "2027-04-11"  # race week, then 2 recovery
    saved = tmp_path / "plan.json"
    saved.write_text(plan, encoding="utf-8")
    assert _words(cli("check", saved).out) == f"{saved}: no rule violations"


def test_init_without_a_race_plans_general_training(cli: Cli, tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    cli("init", "--out", profile, "--level", "beginner")
    doc = json.loads(cli("plan", "--profile", profile, "--today", TODAY, "--json").out)
    assert doc["races"] == [] and {w["phase"] for w in doc["weeks"]} == {"general"}


def test_init_refuses_to_overwrite_without_force(cli: Cli, tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text("# my own notes\n", encoding="utf-8")
    result = cli("init", "--out", profile, *INIT_FLAGS, code=2)
    assert (result.out, result.err) == (
        "",
        f"error: {profile}: already exists (use --force to overwrite)\n",
    )
    assert profile.read_text(encoding="utf-8") == "# my own notes\n"
    cli("init", "--out", profile, *INIT_FLAGS, "--force")
    assert 'name = "Ann"' in profile.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--level", "elite"], f"error: --level: 'elite' is not one of {LEVELS}"),
        (["--race-date", "2027-02-30"],
         "error: --race-date: '2027-02-30' is not a date (expected YYYY-MM-DD)"),
        (["--race-date", "2027-04-11", "--race-distance", "ultra"],
         "error: init: races[1].distance_km: missing is required for an ultra (e.g. 50)"),
        (["--weekly-minutes", "0"],
         "error: --weekly-minutes: 0 is out of range: expected 30 to 1500"),
    ],
)  # fmt: skip
def test_init_with_a_bad_answer_is_one_line_and_writes_nothing(
    cli: Cli, tmp_path: Path, flags: list[str], message: str
) -> None:
    profile = tmp_path / "profile.toml"
    result = cli("init", "--out", profile, *flags, code=2)
    assert (result.out, result.err) == ("", message + "\n")
    assert list(tmp_path.iterdir()) == []


def test_init_into_a_missing_folder_is_one_line(cli: Cli, tmp_path: Path) -> None:
    profile = tmp_path / "no" / "such" / "profile.toml"
    result = cli("init", "--out", profile, code=2)
    assert result.err == f"error: {profile}: cannot write the profile (No such file or directory)\n"
    assert list(tmp_path.iterdir()) == []


def test_late_in_the_week_plan_shows_next_week_too_and_marks_the_days_gone(cli: Cli) -> None:
    # Saturday: two days of week 1 are left, so week 2 is shown in full as well; the days
    # before today are not rest days, they are before the plan began.
    saturday = cli("plan", "--profile", FIXTURE, "--today", "2026-11-28")
    assert saturday.code == 0
    lines = saturday.out.splitlines()
    for label, day in (("Mon", "11-23"), ("Fri", "11-27")):
        line = next(x for x in lines if f"│ {label} {day} │" in x)
        assert "before the plan" in line
    assert "Week 1 (general)" in saturday.out
    assert "Week 2 (general)" in saturday.out
    assert "│ Mon 11-30 │ rest" in saturday.out
    # Monday: the whole week is ahead, so only this week is shown, and nothing is "before".
    monday = cli("plan", "--profile", FIXTURE, "--today", TODAY)
    assert "Week 2 (" not in monday.out
    assert "before the plan" not in monday.out
