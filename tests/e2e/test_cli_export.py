"""`stridelift export` through the real root app, every file read back with another library.

Calendars are read with vobject (the writer uses icalendar), workouts with Garmin's FIT SDK
(the writer uses fit-tool), PDFs with pdftotext, and what each should hold is worked out
from `stridelift plan --json` and the rules in docs/exports.md, not from the exporters.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
import vobject
from garmin_fit_sdk import Decoder, Stream
from typer.testing import CliRunner, Result

from stridelift.adapters.store.engine import open_store
from stridelift.services import athletes as athlete_service
from stridelift.services import logbook
from tests.workout_steps import count_fit_steps

runner = CliRunner()
PROFILE = Path(__file__).resolve().parents[1] / "fixtures" / "export_plan_planner.toml"
NAME = "Maya Lindqvist"
TODAY = "2026-11-23"
FORMATS = ("ics", "pdf", "json", "csv", "fit")
QUALITY = {"quality", "intervals", "tempo", "race_pace"}
MEASURE = {"reps": "", "seconds": " s", "metres": " m"}
KM_PER_MILE = 1.609344  # international mile
KG_PER_LB = 0.45359237  # international pound


def _root_app() -> typer.Typer:
    """The real root app, every command family registered once."""
    from stridelift.cli import app as root

    if not root.app.registered_groups:  # another test module may have registered them
        root._register_commands()
    return root.app


APP = _root_app()


def run(*args: str | Path, code: int = 0) -> Result:
    """Run one command; check its exit status and that nothing escaped as a traceback."""
    result = runner.invoke(APP, [str(a) for a in args], env={"COLUMNS": "200"})
    assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
    assert isinstance(result.exception, SystemExit | None), result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result


def plan_json(today: str = TODAY, profile: Path = PROFILE) -> tuple[str, dict[str, Any]]:
    """`stridelift plan --json`: its text and the parsed document."""
    text = run("plan", "--profile", profile, "--today", today, "--json").stdout
    return text, json.loads(text)


def weeks_of(
    doc: dict[str, Any], start: str | None = None, count: int | None = None
) -> list[dict[str, Any]]:
    """The weeks an export of ``doc`` from ``start`` for ``count`` weeks should hold."""
    weeks = sorted(doc["weeks"], key=lambda w: w["start"])
    if start is not None:
        day = dt.date.fromisoformat(start)
        monday = (day - dt.timedelta(days=day.weekday())).isoformat()
        weeks = [w for w in weeks if w["start"] >= monday]
    return weeks[:count] if count is not None else weeks


def sessions_of(weeks: list[dict[str, Any]]) -> list[tuple[str, str, int, dict[str, Any]]]:
    """(date, kind, rank among that kind that day, session) in date and ``order`` order."""
    found = []
    for week in weeks:
        for day in sorted(week["days"], key=lambda d: d["date"]):
            ranks: dict[str, int] = {}
            for session in sorted(day["sessions"], key=lambda s: s["order"]):
                ranks[session["kind"]] = ranks.get(session["kind"], 0) + 1
                found.append((day["date"], session["kind"], ranks[session["kind"]], session))
    return found


def uid(date: str, kind: str, rank: int, name: str = NAME) -> str:
    """The UID rule of docs/exports.md, computed here independently of the exporter."""
    key = f"{name.strip().casefold()}|{date}|{kind}|{rank}"
    return hashlib.sha1(key.encode()).hexdigest() + "@stridelift"  # noqa: S324 - the UID rule


def calendar_events(path: Path) -> dict[str, Any]:
    """Every VEVENT by UID, parsed by vobject."""
    events = vobject.readOne(path.read_text(encoding="utf-8")).contents.get("vevent", [])
    by_uid = {e.uid.value: e for e in events}
    assert len(by_uid) == len(events), "UIDs must be unique"
    return by_uid


def status(event: Any) -> str:
    return str(event.status.value) if hasattr(event, "status") else ""


def sets_reps(exercise: dict[str, Any]) -> str:
    """``3 × 10–12`` (``2 × 30–40 m`` for carries, ``2 × 30 s a side`` for one-sided
    holds), as docs/exports.md shows prescriptions."""
    measure = exercise.get("measure") or "reps"
    unit = MEASURE[measure]
    lo, hi = exercise["reps_min"], exercise["reps_max"]
    reps = f"{hi}" if lo == hi else f"{lo}–{hi}"
    one_side = exercise.get("unilateral") and (
        measure != "metres" or exercise.get("pattern") == "carry"
    )
    return f"{exercise['sets']} × {reps}{unit}{' a side' if one_side else ''}"


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def fit_messages(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The file's messages by name, decoded by Garmin's SDK after its CRC checks."""
    data = bytearray(path.read_bytes())
    checker = Decoder(Stream.from_byte_array(data))
    assert checker.is_fit() and checker.check_integrity(), path.name
    messages, errors = Decoder(Stream.from_byte_array(data)).read()
    assert errors == [], path.name
    return messages  # type: ignore[return-value]


def expected_steps(session: dict[str, Any]) -> int:
    """Workout steps per docs/exports.md: a run's planned steps (a repeat step per group);
    warm-ups, then per exercise work, rest and repeat."""
    if session.get("steps"):
        return count_fit_steps(session["steps"])
    if session["kind"] == "run":
        return 3 if session["run_type"] in QUALITY else 1
    if session["kind"] == "cross":
        return 1
    steps = len(session.get("warmup") or [])
    for exercise in session["exercises"]:
        steps += 1 + bool(exercise.get("rest_s")) + (exercise["sets"] > 1)
    return steps


def pdf_text(path: Path) -> list[str]:
    """The text of each page, by pdftotext (skips the test when poppler is not installed)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, timeout=60
    )
    pages = done.stdout.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def files_under(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def planned() -> tuple[str, dict[str, Any]]:
    """The season for the fixture profile, as `plan --json` prints it."""
    return plan_json()


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory, planned: tuple[str, Any]) -> Iterator[Any]:
    """A database with the profile's athlete and a stored plan that has loads in it.

    The stored plan is the planner's season with a working load on every exercise that
    takes one (as a replan with logged lifts gives), so that pounds can show.
    """
    folder = tmp_path_factory.mktemp("stored")
    url = f"sqlite:///{folder / 'stridelift.db'}"
    run("athlete", "add", "--profile", PROFILE, "--db", url)
    doc = json.loads(planned[0])
    for week in doc["weeks"]:
        for day in week["days"]:
            for session in day["sessions"]:
                for exercise in session.get("exercises", []):
                    if exercise.get("external_load"):
                        exercise["load_kg"] = 40.0
    store = open_store(url)
    try:
        (athlete,) = athlete_service.list_athletes(store)
        text = json.dumps(doc, sort_keys=True, indent=2) + "\n"
        logbook.save_plan_snapshot(store, athlete.id, dt.date(2026, 11, 23), "0" * 64, text)
    finally:
        store.close()
    yield url, doc


# Help ---------------------------------------------------------------------------------


def test_the_export_command_and_each_option_have_help_text() -> None:
    command = typer.main.get_command(APP).commands["export"]  # type: ignore[attr-defined]
    assert command.help
    for param in command.params:
        if param.name != "help":
            assert getattr(param, "help", None), f"export {param.name} has no help"
    text = " ".join(run("export", "--help").stdout.split())
    for fmt in FORMATS:
        assert f"{fmt}:" in text


# ics ----------------------------------------------------------------------------------


def test_ics_holds_one_event_per_planned_session_with_its_prescription(
    tmp_path: Path, planned: tuple[str, dict[str, Any]]
) -> None:
    out = tmp_path / "plan.ics"
    result = run("export", "ics", "--out", out, "--weeks", "3", "--profile", PROFILE,
                 "--today", TODAY)  # fmt: skip

    sessions = sessions_of(weeks_of(planned[1], count=3))
    events = calendar_events(out)
    assert set(events) == {uid(d, k, r) for d, k, r, _ in sessions}
    n = len(sessions)
    assert result.stdout == (
        f"wrote {out}: {n} events ({n} new, 0 updated, 0 cancelled); 3 weeks, 2026-11-23 to "
        f"2026-12-13; plan: {PROFILE} as of {TODAY}\n"
    )
    lifts = [(d, k, r, s) for d, k, r, s in sessions if s["kind"] == "strength"]
    assert lifts
    for date, kind, rank, session in lifts:
        event = events[uid(date, kind, rank)]
        assert event.dtstart.value.date().isoformat() == date
        description = event.description.value
        assert "Warm-up: " in description
        for item in session["warmup"]:
            assert item["name"] in description
        for exercise in session["exercises"]:
            assert f"{exercise['name']}: {sets_reps(exercise)} @ RPE" in description
        assert f"Why: {' '.join(session['reasons'])}" in description


def test_a_replanned_calendar_keeps_uids_and_cancels_sessions_that_went_away(
    tmp_path: Path, planned: tuple[str, dict[str, Any]]
) -> None:
    out = tmp_path / "plan.ics"
    run("export", "ics", "--out", out, "--profile", PROFILE, "--today", TODAY)
    before = calendar_events(out)
    # A week later, and Wednesdays are no longer free for running.
    changed = tmp_path / "changed.toml"
    changed.write_text(
        PROFILE.read_text(encoding="utf-8").replace("wed = { run = true,", "wed = { run = false,"),
        encoding="utf-8",
    )
    later = "2026-11-30"
    _, replanned = plan_json(later, changed)
    result = run("export", "ics", "--out", out, "--profile", changed, "--today", later)
    after = calendar_events(out)

    wanted = {uid(d, k, r): d for d, k, r, _ in sessions_of(weeks_of(replanned))}
    window = (weeks_of(replanned)[0]["start"], weeks_of(replanned)[-1]["days"][-1]["date"])
    gone = {
        u for u, e in before.items()
        if u not in wanted and window[0] <= e.dtstart.value.date().isoformat() <= window[1]
    }  # fmt: skip
    kept = set(before) & set(wanted)
    confirmed = {u for u, e in after.items() if status(e) == "CONFIRMED"}
    cancelled = {u for u, e in after.items() if status(e) == "CANCELLED"}
    assert confirmed == set(wanted)
    assert gone, "a free Wednesday less should drop some runs"
    assert cancelled == gone
    assert kept, "most sessions should survive the replan"
    for u in kept:
        assert after[u].dtstart.value.date() == before[u].dtstart.value.date()
    for u in gone:
        assert int(after[u].sequence.value) == int(before[u].sequence.value) + 1
    assert f"{len(wanted)} events ({len(set(wanted) - kept)} new, " in result.stdout
    assert f" updated, {len(gone)} cancelled); " in result.stdout


# json ---------------------------------------------------------------------------------


def test_json_export_is_the_plan_document_of_plan_json(
    tmp_path: Path, planned: tuple[str, dict[str, Any]]
) -> None:
    out = tmp_path / "plan.json"
    result = run("export", "json", "--out", out, "--profile", PROFILE, "--today", TODAY)

    assert out.read_text(encoding="utf-8") == planned[0]
    weeks = len(planned[1]["weeks"])
    assert result.stdout.startswith(f"wrote {out}: {len(sessions_of(planned[1]['weeks']))} ")
    assert f"; {weeks} weeks, 2026-11-23 to " in result.stdout


def test_json_for_a_window_is_plan_json_limited_to_those_weeks(
    tmp_path: Path, planned: tuple[str, dict[str, Any]]
) -> None:
    result = run("export", "json", "--out", "-", "--from", "2026-12-09", "--weeks", "2",
                 "--profile", PROFILE, "--today", TODAY)  # fmt: skip

    expected = dict(planned[1], weeks=weeks_of(planned[1], "2026-12-09", 2))
    assert [w["start"] for w in expected["weeks"]] == ["2026-12-07", "2026-12-14"]
    assert json.loads(result.stdout_bytes) == expected
    assert result.stderr.startswith("wrote json to standard output: ")
    assert "; 2 weeks, 2026-12-07 to 2026-12-20; " in result.stderr


def test_json_on_standard_output_from_the_real_program_is_plan_json(
    planned: tuple[str, dict[str, Any]],
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "stridelift", "export", "json", "--out", "-",
         "--profile", str(PROFILE), "--today", TODAY],
        capture_output=True, timeout=120, check=False,
        env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert done.stdout == planned[0].encode("utf-8")
    assert done.stderr.decode().count("\n") == 1


# csv ----------------------------------------------------------------------------------


def test_csv_has_a_row_per_session_and_the_exercises_file_a_row_per_exercise(
    tmp_path: Path, planned: tuple[str, dict[str, Any]]
) -> None:
    out, lifts = tmp_path / "sessions.csv", tmp_path / "lifts.csv"
    result = run("export", "csv", "--out", out, "--exercises", lifts, "--weeks", "2",
                 "--profile", PROFILE, "--today", TODAY)  # fmt: skip

    sessions = sessions_of(weeks_of(planned[1], count=2))
    rows = csv_rows(out.read_bytes())
    assert [(r["date"], r["kind"]) for r in rows] == [(d, k) for d, k, _, _ in sessions]
    assert [float(r["minutes"]) for r in rows] == [s["minutes"] for _, _, _, s in sessions]
    exercises = [(d, e) for d, _, _, s in sessions for e in s.get("exercises", [])]
    exercise_rows = csv_rows(lifts.read_bytes())
    assert len(exercise_rows) == len(exercises) > 0
    for row, (date, exercise) in zip(exercise_rows, exercises, strict=True):
        assert (row["date"], row["exercise"], row["sets"]) == (
            date, exercise["name"], str(exercise["sets"])
        )  # fmt: skip
    assert result.stdout.startswith(
        f"wrote {out}: {len(rows)} session rows and {lifts}: {len(exercises)} exercise rows; "
        "2 weeks, 2026-11-23 to 2026-12-06; "
    )


def test_csv_goes_to_standard_output_with_the_exercises_to_a_file(
    tmp_path: Path, planned: tuple[str, dict[str, Any]]
) -> None:
    lifts = tmp_path / "lifts.csv"
    result = run("export", "csv", "--out", "-", "--exercises", lifts, "--weeks", "1",
                 "--profile", PROFILE, "--today", TODAY)  # fmt: skip

    rows = csv_rows(result.stdout_bytes)
    assert len(rows) == len(sessions_of(weeks_of(planned[1], count=1)))
    assert csv_rows(lifts.read_bytes())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lifts.csv"]


# fit ----------------------------------------------------------------------------------


def test_fit_writes_a_folder_with_one_workout_per_session_and_its_steps(
    tmp_path: Path, planned: tuple[str, dict[str, Any]]
) -> None:
    out = tmp_path / "watch"
    result = run("export", "fit", "--out", out, "--weeks", "2", "--profile", PROFILE,
                 "--today", TODAY)  # fmt: skip

    sessions = sessions_of(weeks_of(planned[1], count=2))
    names = {f"{d}-{k}-{r}.fit": s for d, k, r, s in sessions}
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    total = 0
    for name, session in names.items():
        messages = fit_messages(out / name)
        steps = messages["workout_step_mesgs"]
        assert len(steps) == expected_steps(session), name
        assert messages["workout_mesgs"][0]["num_valid_steps"] == len(steps)
        total += len(steps)
    assert result.stdout.startswith(
        f"wrote {len(names)} workout files ({total} steps) to {out}; 2 weeks, "
    )
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


# pdf ----------------------------------------------------------------------------------


def test_pdf_has_an_overview_and_a_page_per_week_with_every_exercise(
    tmp_path: Path, planned: tuple[str, dict[str, Any]]
) -> None:
    out = tmp_path / "plan.pdf"
    result = run("export", "pdf", "--out", out, "--weeks", "2", "--profile", PROFILE,
                 "--today", TODAY)  # fmt: skip

    pages = pdf_text(out)
    assert len(pages) == 3
    assert NAME in pages[0]
    assert "km and kg" in pages[0]
    for page, week in zip(pages[1:], weeks_of(planned[1], count=2), strict=True):
        assert f"Week {week['index']}" in page
        for _, _, _, session in sessions_of([week]):
            for exercise in session.get("exercises", []):
                assert exercise["name"] in page
    assert result.stdout.startswith(f"wrote {out}: 3 pages, ")


# Units --------------------------------------------------------------------------------


def _first_run_km(doc: dict[str, Any]) -> float:
    return float(
        next(s["distance_km"] for _, _, _, s in sessions_of(doc["weeks"]) if s.get("distance_km"))
    )


def _miles_and_pounds(doc: dict[str, Any]) -> tuple[str, str]:
    """The first run's distance in miles and the stored 40 kg in pounds, as text shows them."""
    miles = f"{_first_run_km(doc) / KM_PER_MILE:.1f} mi"
    pounds = f"{40.0 / KG_PER_LB:.1f}".rstrip("0").rstrip(".") + " lb"
    return miles, pounds


def test_imperial_units_show_miles_and_pounds_in_ics_and_csv(
    tmp_path: Path, stored: tuple[str, dict[str, Any]]
) -> None:
    url, doc = stored
    miles, pounds = _miles_and_pounds(doc)
    for units in ("metric", "imperial"):
        common = ("--weeks", "1", "--units", units, "--db", url)
        run("export", "ics", "--out", tmp_path / f"{units}.ics", *common)
        run("export", "csv", "--out", tmp_path / f"{units}.csv", "--exercises",
            tmp_path / f"{units}-lifts.csv", *common)  # fmt: skip

    calendar = "\n".join(
        f"{e.summary.value}\n{e.description.value}"
        for e in calendar_events(tmp_path / "imperial.ics").values()
    )
    assert miles in calendar and pounds in calendar
    assert " km" not in calendar and " kg" not in calendar
    metric = calendar_events(tmp_path / "metric.ics").values()
    assert " km" in "".join(e.summary.value for e in metric)
    assert " kg" in "".join(e.description.value for e in metric)

    rows = csv_rows((tmp_path / "imperial.csv").read_bytes())
    runs = [r for r in rows if r["distance_mi"]]
    assert runs and miles in "".join(r["title"] for r in runs)
    first_km = _first_run_km(doc)
    assert abs(float(runs[0]["distance_mi"]) - first_km / KM_PER_MILE) < 0.006
    lifts = csv_rows((tmp_path / "imperial-lifts.csv").read_bytes())
    loads = {r["load_lb"] for r in lifts if r["load_lb"]}
    assert loads and all(abs(float(v) - 40.0 / KG_PER_LB) < 0.006 for v in loads)
    assert "distance_km" in csv_rows((tmp_path / "metric.csv").read_bytes())[0]


def test_imperial_units_show_miles_and_pounds_in_the_pdf(
    tmp_path: Path, stored: tuple[str, dict[str, Any]]
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    url, doc = stored
    miles, pounds = _miles_and_pounds(doc)
    for units in ("metric", "imperial"):
        run("export", "pdf", "--out", tmp_path / f"{units}.pdf", "--weeks", "1",
            "--units", units, "--db", url)  # fmt: skip

    imperial_pdf = "\n".join(pdf_text(tmp_path / "imperial.pdf"))
    assert "miles and pounds" in imperial_pdf
    assert miles in imperial_pdf and pounds in imperial_pdf
    assert " kg" not in imperial_pdf
    assert " kg" in "\n".join(pdf_text(tmp_path / "metric.pdf"))


# Window -------------------------------------------------------------------------------


def _exported_dates(fmt: str, out: Path) -> list[str]:
    """The session dates an export holds, read back from the file(s)."""
    if fmt == "ics":
        return [e.dtstart.value.date().isoformat() for e in calendar_events(out).values()]
    if fmt == "json":
        days = [d for w in json.loads(out.read_bytes())["weeks"] for d in w["days"]]
        return [d["date"] for d in days for _ in d["sessions"]]
    if fmt == "csv":
        return [row["date"] for row in csv_rows(out.read_bytes())]
    if fmt == "fit":
        return [p.name[:10] for p in out.iterdir()]
    raise AssertionError(fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_from_and_weeks_limit_every_format(
    tmp_path: Path, stored: tuple[str, dict[str, Any]], fmt: str
) -> None:
    url, doc = stored
    out = tmp_path / ("plan" if fmt == "fit" else f"plan.{fmt}")
    result = run("export", fmt, "--out", out, "--from", "2026-12-16", "--weeks", "2", "--db", url)

    weeks = weeks_of(doc, "2026-12-16", 2)
    assert [w["start"] for w in weeks] == ["2026-12-14", "2026-12-21"]
    assert "; 2 weeks, 2026-12-14 to 2026-12-27; plan: the plan stored for " in result.stdout
    if fmt == "pdf":
        pages = pdf_text(out)
        assert len(pages) == 3
        shown = [w["index"] for w in doc["weeks"] if f"Week {w['index']} " in "".join(pages)]
        assert shown == [w["index"] for w in weeks]
        return
    expected = [d for d, _, _, _ in sessions_of(weeks)]
    assert sorted(_exported_dates(fmt, out)) == sorted(expected)


# Stored athletes ----------------------------------------------------------------------


def test_a_stored_plan_is_exported_as_it_was_stored(
    tmp_path: Path, stored: tuple[str, dict[str, Any]]
) -> None:
    url, doc = stored
    out = tmp_path / "plan.json"
    result = run("export", "json", "--out", out, "--athlete", NAME, "--db", url)

    assert json.loads(out.read_bytes()) == doc
    assert result.stdout.endswith(f"plan: the plan stored for {NAME} on 2026-11-23\n")
    assert result.stderr == ""

    noted = run("export", "json", "--out", out, "--db", url, "--today", "2026-12-01")
    assert json.loads(out.read_bytes()) == doc
    assert noted.stderr == (
        f"note: exporting the plan stored for {NAME} on 2026-11-23 as it was made; --today "
        "and --methodology apply only when planning from a profile\n"
    )


def test_the_plan_replan_stored_is_the_one_exported(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'replanned.db'}"
    run("athlete", "add", "--profile", PROFILE, "--db", url)
    stored = run("replan", "--today", TODAY, "--json", "--db", url).stdout
    out = tmp_path / "plan.json"
    result = run("export", "json", "--out", out, "--db", url)

    assert json.loads(out.read_bytes()) == json.loads(stored)
    assert result.stdout.endswith(f"plan: the plan stored for {NAME} on {TODAY}\n")


def test_an_athlete_without_a_stored_plan_is_planned_from_the_stored_profile(
    tmp_path: Path, planned: tuple[str, dict[str, Any]]
) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    run("athlete", "add", "--profile", PROFILE, "--db", url)
    out = tmp_path / "plan.json"
    result = run("export", "json", "--out", out, "--athlete", NAME, "--db", url, "--today", TODAY)

    assert out.read_text(encoding="utf-8") == planned[0]
    assert result.stdout.endswith(f"plan: the stored profile of {NAME} as of {TODAY}\n")


# Errors -------------------------------------------------------------------------------

ERRORS = {
    "missing profile": (
        ["ics", "--out", "{out}/plan.ics", "--profile", "{out}/missing.toml"],
        "{out}/missing.toml: profile file not found",
    ),
    "bad from": (
        ["ics", "--out", "{out}/plan.ics", "--from", "2026-02-30", "--profile", "{profile}"],
        "--from: '2026-02-30' is not a date (expected YYYY-MM-DD)",
    ),
    "weeks 0": (
        ["csv", "--out", "{out}/plan.csv", "--weeks", "0", "--profile", "{profile}"],
        "--weeks: 0 is out of range: expected 1 to 104",
    ),
    "weeks 500": (
        ["fit", "--out", "{out}/fit", "--weeks", "500", "--profile", "{profile}"],
        "--weeks: 500 is out of range: expected 1 to 104",
    ),
    "weeks not a number": (
        ["json", "--out", "{out}/plan.json", "--weeks", "two", "--profile", "{profile}"],
        "--weeks: 'two' is not a whole number (expected 1 to 104)",
    ),
    "bogus units": (
        ["pdf", "--out", "{out}/plan.pdf", "--units", "bogus", "--profile", "{profile}"],
        "--units: 'bogus' is not metric or imperial",
    ),
    "out in a missing folder": (
        ["ics", "--out", "{out}/nowhere/plan.ics", "--profile", "{profile}"],
        "--out: folder {out}/nowhere does not exist (create it first)",
    ),
    "fit out in a missing folder": (
        ["fit", "--out", "{out}/nowhere/fit", "--profile", "{profile}"],
        "--out: folder {out}/nowhere does not exist (create it first)",
    ),
    "exercises with ics": (
        ["ics", "--out", "{out}/plan.ics", "--exercises", "{out}/x.csv", "--profile", "{profile}"],
        "--exercises: only the csv format writes an exercises file, not ics",
    ),
    "unknown athlete": (
        ["json", "--out", "{out}/plan.json", "--athlete", "Bob", "--db", "{db}"],
        f"--athlete: no athlete named 'Bob' (known: {NAME})",
    ),
    "unknown format": (
        ["docx", "--out", "{out}/plan.docx", "--profile", "{profile}"],
        "FORMAT: 'docx' is not an export format (choose ics, pdf, json, csv, fit)",
    ),
    "pdf to standard output": (
        ["pdf", "--out", "-", "--profile", "{profile}"],
        "--out -: only json and csv can be written to standard output; give pdf a path",
    ),
    "profile and athlete": (
        ["ics", "--out", "{out}/plan.ics", "--profile", "{profile}", "--athlete", NAME],
        "--profile and --athlete: give one (the plan comes from a profile file or from a "
        "stored athlete)",
    ),
    "no out": (
        ["ics", "--profile", "{profile}"],
        "--out: missing (a file to write, a folder for fit, or - for stdout)",
    ),
    "fit out is a file": (
        ["fit", "--out", "{out}/old.ics", "--profile", "{profile}"],
        "--out: {out}/old.ics is a file; fit writes a folder of workout files",
    ),
    "from after the plan": (
        [
            "fit",
            "--out",
            "{out}/fit",
            "--from",
            "2028-01-05",
            "--profile",
            "{profile}",
            "--today",
            TODAY,
        ],
        "--from: 2028-01-05 is after the plan's last day (2027-04-25)",
    ),
}


@pytest.mark.parametrize("case", ERRORS, ids=list(ERRORS))
def test_bad_input_is_one_line_a_non_zero_exit_and_nothing_written(
    tmp_path: Path, stored: tuple[str, dict[str, Any]], case: str
) -> None:
    args, message = ERRORS[case]
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.ics").write_text("an earlier export\n", encoding="utf-8")
    before = files_under(tmp_path)
    values = {"out": str(out), "profile": str(PROFILE), "db": stored[0]}

    result = run("export", *[a.format(**values) for a in args], code=2)

    assert result.stderr == f"error: {message.format(**values)}\n"
    assert result.stdout == ""
    assert files_under(tmp_path) == before
    assert sorted(p.name for p in out.iterdir()) == ["old.ics"]  # no folder, no temp file
