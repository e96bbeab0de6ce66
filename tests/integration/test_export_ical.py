"""The iCalendar export, read back with vobject (a parser independent of the writer)."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import vobject

from stridelift.adapters.exporters import ExportError, ExportOptions, export

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAMPLE = FIXTURES / "plan_sample.json"  # written by hand: every run type and session kind
PLANNER = FIXTURES / "export_plan_planner.json"  # the real planner's output


def _sample() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return doc


def _events(path: Path) -> dict[str, Any]:
    """Every VEVENT of the file by UID, parsed by vobject."""
    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    events = calendar.contents.get("vevent", [])
    by_uid = {e.uid.value: e for e in events}
    assert len(by_uid) == len(events), "UIDs must be unique"
    return by_uid


def _uid(name: str, date: str, kind: str, rank: int) -> str:
    """The UID rule as documented in docs/exports.md, computed independently of the exporter."""
    key = f"{name.strip().casefold()}|{date}|{kind}|{rank}"
    return hashlib.sha1(key.encode()).hexdigest() + "@stridelift"  # noqa: S324 - the UID rule


def _expected(doc: dict[str, Any]) -> dict[str, tuple[dt.datetime, dt.datetime, dict[str, Any]]]:
    """UID -> (start, end, session) for every session of the document.

    Slot times come from the document (06:30 / 18:30); "any" is AM except for strength;
    sessions that share a slot follow one another in ``order``.
    """
    clocks = {
        slot: dt.time.fromisoformat(doc["athlete"]["slot_times"][slot]) for slot in ("am", "pm")
    }
    expected = {}
    for week in doc["weeks"]:
        for day in week["days"]:
            ranks: dict[str, int] = {}
            free: dict[str, dt.datetime] = {}
            date = dt.date.fromisoformat(day["date"])
            for session in sorted(day["sessions"], key=lambda s: s["order"]):
                slot = session.get("slot", "any")
                if slot == "any":
                    slot = "pm" if session["kind"] == "strength" else "am"
                start = free.get(slot, dt.datetime.combine(date, clocks[slot]))
                end = start + dt.timedelta(minutes=session["minutes"])
                free[slot] = end
                ranks[session["kind"]] = ranks.get(session["kind"], 0) + 1
                uid = _uid(
                    doc["athlete"]["name"], day["date"], session["kind"], ranks[session["kind"]]
                )
                expected[uid] = (start, end, session)
    return expected


def _race_name(doc: dict[str, Any], session: dict[str, Any], date: str) -> str:
    if "race" in session:
        return str(session["race"])
    return next(str(r["name"]) for r in doc["races"] if r["date"] == date)


def _summary(session: dict[str, Any], race: str = "") -> str:
    """The summary a user should see, written out from the document's fields."""
    labels = {
        "easy": "Easy run",
        "recovery": "Recovery run",
        "long": "Long run",
        "quality": "Quality run",
        "intervals": "Intervals",
        "tempo": "Tempo run",
        "race_pace": "Race-pace run",
        "race": f"Race: {race}",
        "shakeout": "Shakeout run",
    }
    if session["kind"] == "run":
        label, km = labels[session["run_type"]], session["distance_km"]
        return f"{label} {session['minutes']} min · {km:.1f} km"
    if session["kind"] == "strength" and session["template"] == "mobility":
        return f"Mobility ({session['minutes']} min)"
    if session["kind"] == "strength":
        return f"Strength {session['template']} ({session['minutes']} min)"
    if session["kind"] == "core":
        return f"Core ({session['minutes']} min)"
    return f"{session['activity'].capitalize()} {session['minutes']} min (cross-training)"


@pytest.mark.parametrize("plan_file", [SAMPLE, PLANNER], ids=["sample", "planner"])
def test_every_session_becomes_one_event_with_its_uid_times_and_summary(
    tmp_path: Path, plan_file: Path
) -> None:
    doc = json.loads(plan_file.read_text(encoding="utf-8"))
    out = tmp_path / "plan.ics"

    result = export("ics", doc, out, ExportOptions())

    events = _events(out)
    expected = _expected(doc)
    sessions = sum(len(d["sessions"]) for w in doc["weeks"] for d in w["days"])
    assert len(expected) == sessions
    assert set(events) == set(expected)
    today = dt.date.fromisoformat(doc["today"])
    for uid, (start, end, session) in expected.items():
        event = events[uid]
        race = ""
        if session.get("run_type") == "race":
            race = _race_name(doc, session, start.date().isoformat())
        assert event.dtstart.value == start, uid
        assert event.dtend.value == end, uid
        assert event.summary.value == _summary(session, race)
        assert event.status.value == "CONFIRMED"
        assert event.sequence.value == "0"
        assert event.dtstamp.value == dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.UTC)
        assert " ".join(session["reasons"]) in event.description.value
    assert result.files == (out,)
    assert result.sessions == sessions
    assert result.counts["events"] == sessions


def test_a_run_in_the_morning_and_lifting_in_the_evening_land_at_the_slot_times(
    tmp_path: Path,
) -> None:
    out = tmp_path / "plan.ics"
    export("ics", _sample(), out, ExportOptions(weeks=1))

    tuesday = sorted(
        (e.dtstart.value.time(), e.dtend.value.time(), e.summary.value)
        for e in _events(out).values()
        if e.dtstart.value.date() == dt.date(2026, 11, 24)
    )
    assert tuesday == [
        (dt.time(6, 30), dt.time(7, 20), "Tempo run 50 min · 10.0 km"),
        (dt.time(18, 30), dt.time(19, 15), "Strength A (45 min)"),
    ]
    assert all(e.dtstart.value.tzinfo is None for e in _events(out).values())  # floating


def test_sessions_sharing_a_slot_are_laid_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    export("ics", _sample(), out, ExportOptions(weeks=1))

    wednesday = sorted(
        (e.dtstart.value.time(), e.dtend.value.time(), e.summary.value)
        for e in _events(out).values()
        if e.dtstart.value.date() == dt.date(2026, 11, 25)
    )
    assert wednesday == [
        (dt.time(6, 30), dt.time(7, 10), "Easy run 40 min · 7.5 km"),
        (dt.time(7, 10), dt.time(7, 20), "Core (10 min)"),
    ]


def test_strength_description_lists_warmup_exercises_load_and_reasons(tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    export("ics", _sample(), out, ExportOptions(weeks=1))

    (strength_a,) = [e for e in _events(out).values() if e.summary.value.startswith("Strength A")]
    lines = strength_a.description.value.split("\n")
    assert lines[0] == "Heavy lower-body session"
    assert lines[1] == (
        "Warm-up: Easy bike (5 min) · Leg swings, front and side · Glute bridges (2 min)"
        " · Two ramp-up sets of the first lift"
    )
    assert lines[2] == (
        "1. Trap-bar deadlift: 4 × 4–6 @ RPE 8 / RIR 2, rest 2:30, 90 kg, leave 2 reps in reserve"
    )
    assert lines[5] == (
        "4. Push-up: 3 × 8–12 @ RPE 7 / RIR 3, rest 1:00, "
        "bodyweight; feet on a bench when 12 are easy"
    )
    assert lines[-1] == "Why: PLACE-1 PLACE-4 STR-2 PHASE-3"


def test_imperial_units_show_miles_and_pounds(tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    export("ics", _sample(), out, ExportOptions(weeks=1, units="imperial"))

    summaries = {e.summary.value for e in _events(out).values()}
    assert "Long run 100 min · 11.2 mi" in summaries
    (strength_a,) = [e for e in _events(out).values() if e.summary.value.startswith("Strength A")]
    assert "rest 2:30, 198.4 lb, leave 2 reps in reserve" in strength_a.description.value
    (tempo,) = [e for e in _events(out).values() if e.summary.value.startswith("Tempo")]
    assert "at about 7:39/mi" in tempo.description.value


def test_slot_time_options_override_the_documents(tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    options = ExportOptions(weeks=1, am_time=dt.time(5, 45), pm_time=dt.time(19, 0))
    export("ics", _sample(), out, options)

    starts = {e.dtstart.value.time() for e in _events(out).values()}
    assert dt.time(5, 45) in starts
    assert dt.time(19, 0) in starts
    assert dt.time(6, 30) not in starts


def test_default_slot_times_apply_when_the_document_has_none(tmp_path: Path) -> None:
    doc = _sample()
    del doc["athlete"]["slot_times"]
    out = tmp_path / "plan.ics"
    export("ics", doc, out, ExportOptions(weeks=1))

    starts = {e.dtstart.value.time() for e in _events(out).values()}
    assert {dt.time(7, 0), dt.time(18, 0)} <= starts


def test_the_same_document_gives_byte_identical_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    export("ics", _sample(), first, ExportOptions())
    export("ics", _sample(), second, ExportOptions())
    before = first.read_bytes()

    export("ics", _sample(), first, ExportOptions())  # over its own previous export

    assert first.read_bytes() == before == second.read_bytes()


def _replanned(doc: dict[str, Any]) -> dict[str, Any]:
    """Week 1 replanned: Wednesday's core dropped, Thursday's run shortened."""
    new = copy.deepcopy(doc)
    wednesday, thursday = new["weeks"][0]["days"][2], new["weeks"][0]["days"][3]
    wednesday["sessions"] = [s for s in wednesday["sessions"] if s["kind"] != "core"]
    thursday["sessions"][0]["minutes"] = 45
    return new


def test_a_replan_keeps_uids_updates_changed_events_and_cancels_dropped_ones(
    tmp_path: Path,
) -> None:
    doc = _sample()
    out = tmp_path / "plan.ics"
    export("ics", doc, out, ExportOptions())
    before = _events(out)

    result = export("ics", _replanned(doc), out, ExportOptions())

    after = _events(out)
    name = doc["athlete"]["name"]
    dropped = _uid(name, "2026-11-25", "core", 1)
    changed = _uid(name, "2026-11-26", "run", 1)
    assert set(after) == set(before)
    assert after[dropped].status.value == "CANCELLED"
    assert after[dropped].sequence.value == "1"
    assert after[dropped].summary.value == "Core (10 min)"
    assert after[changed].status.value == "CONFIRMED"
    assert after[changed].sequence.value == "1"
    assert after[changed].summary.value == "Race-pace run 45 min · 11.0 km"
    for uid in set(after) - {dropped, changed}:
        assert after[uid].sequence.value == "0", uid
        assert after[uid].summary.value == before[uid].summary.value
    assert result.counts == {"events": 24, "new": 0, "updated": 1, "cancelled": 1}


def test_exporting_the_replan_again_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    export("ics", _sample(), out, ExportOptions())
    export("ics", _replanned(_sample()), out, ExportOptions())
    once = out.read_bytes()

    export("ics", _replanned(_sample()), out, ExportOptions())

    assert out.read_bytes() == once


def test_a_dropped_session_that_returns_is_confirmed_with_a_higher_sequence(
    tmp_path: Path,
) -> None:
    doc = _sample()
    out = tmp_path / "plan.ics"
    export("ics", doc, out, ExportOptions())
    export("ics", _replanned(doc), out, ExportOptions())

    export("ics", doc, out, ExportOptions())

    core = _events(out)[_uid(doc["athlete"]["name"], "2026-11-25", "core", 1)]
    assert core.status.value == "CONFIRMED"
    assert core.sequence.value == "2"


def test_events_outside_the_exported_weeks_are_not_cancelled(tmp_path: Path) -> None:
    doc = _sample()
    out = tmp_path / "plan.ics"
    export("ics", doc, out, ExportOptions())

    export("ics", doc, out, ExportOptions(start=dt.date(2026, 12, 9), weeks=1))

    events = _events(out)
    assert len(events) == 9  # week 3 only
    assert all(e.status.value == "CONFIRMED" for e in events.values())
    assert all(e.dtstart.value.date() >= dt.date(2026, 12, 7) for e in events.values())


def test_a_file_that_is_not_a_calendar_is_refused_and_left_untouched(tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    out.write_text("my shopping list\n", encoding="utf-8")

    with pytest.raises(ExportError, match="is not an iCalendar file"):
        export("ics", _sample(), out, ExportOptions())

    assert out.read_text(encoding="utf-8") == "my shopping list\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.ics"]
