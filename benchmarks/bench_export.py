"""Time every export format on 52-week plans; exit 1 if any takes a second or more.

Two seasons: the real planner's, for the profile in tests/fixtures/export_plan_planner.toml
(skipped if the planner cannot be imported), and one built from the hand-written
tests/fixtures/plan_sample.json by repeating its weeks with shifted dates, loads rising
1 % a week and runs lengthening, so that sessions differ from week to week. Each format
is exported five times into a fresh folder and the median is reported.

    .venv/bin/python benchmarks/bench_export.py
"""

from __future__ import annotations

import copy
import datetime as dt
import gc
import json
import os
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

from stridelift.adapters.exporters import EXPORTERS, ExportOptions, export

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
SAMPLE = FIXTURES / "plan_sample.json"
PROFILE = FIXTURES / "export_plan_planner.toml"
TODAY = dt.date(2026, 11, 23)
WEEKS = 52
RUNS = 5
LIMIT_S = 1.0
# A marathon season's phases, week by week.
PHASES = (
    ["base"] * 14 + ["strength"] * 14 + ["race_specific"] * 16 + ["taper"] * 3 + ["race_week"]
) + ["recovery"] * 4


def season(sample: dict[str, Any], weeks: int = WEEKS) -> dict[str, Any]:
    """A ``weeks``-long plan document made of the sample's weeks, repeated and re-dated."""
    doc = copy.deepcopy(sample)
    first = dt.date.fromisoformat(sample["weeks"][0]["start"])
    doc["weeks"] = []
    for i in range(weeks):
        week = copy.deepcopy(sample["weeks"][i % len(sample["weeks"])])
        shift = first + dt.timedelta(weeks=i) - dt.date.fromisoformat(week["start"])
        week["index"] = i + 1
        week["start"] = (dt.date.fromisoformat(week["start"]) + shift).isoformat()
        week["phase"] = PHASES[i % len(PHASES)]
        week["cycle_week"] = i % 4 + 1
        week["deload"] = i % 4 == 3
        for day in week["days"]:
            day["date"] = (dt.date.fromisoformat(day["date"]) + shift).isoformat()
            for session in day["sessions"]:
                _progress(session, i)
        doc["weeks"].append(week)
    return doc


def _progress(session: dict[str, Any], week: int) -> None:
    """Make a session of week ``week`` a little harder than the sample's."""
    if session["kind"] == "run":
        session["minutes"] += 5 * (week % 3)
        session["distance_km"] = round(session["distance_km"] * (1 + 0.1 * (week % 3)), 1)
    for exercise in session.get("exercises", []):
        if exercise.get("load_kg") is not None:
            rise = 1 + 0.01 * week
            exercise["load_kg"] = round(exercise["load_kg"] * rise * 2) / 2


def time_format(fmt: str, doc: dict[str, Any], folder: Path) -> list[float]:
    """Seconds taken by each of RUNS exports of ``doc`` in format ``fmt``."""
    exporter = EXPORTERS[fmt]
    options = ExportOptions(exercises=True)
    timings = []
    for run in range(RUNS):
        out = folder / f"{fmt}-{run}{exporter.suffix}"
        gc.collect()  # start each run without the previous one's garbage
        started = time.perf_counter()
        export(fmt, doc, out, options)
        timings.append(time.perf_counter() - started)
    return timings


def planner_season(weeks: int = WEEKS) -> dict[str, Any] | None:
    """The real planner's plan for the benchmark profile, or None without a planner."""
    try:  # imported here: the planner is optional for this benchmark
        from stridelift.domain.plan import plan
        from stridelift.domain.profile import athlete_from_mapping
        from stridelift.methodologies import default_methodology, load_library
    except ImportError:
        return None
    athlete = athlete_from_mapping(tomllib.loads(PROFILE.read_text(encoding="utf-8")))
    doc: dict[str, Any] = plan(athlete, TODAY, default_methodology(), load_library(), weeks)
    return doc


def main() -> int:
    """Print the median time per format and season; return 1 if any reaches LIMIT_S."""
    seasons = {"sample, repeated": season(json.loads(SAMPLE.read_text(encoding="utf-8")))}
    planned = planner_season()
    if planned is None:
        print("planner not importable: timing the repeated sample only")
    else:
        seasons = {"planner": planned, **seasons}
    # Files go to memory when the system offers it: on a shared disk, writing a few hundred
    # small files takes anywhere from 20 to 500 ms, which would drown what is measured.
    ram = Path("/dev/shm")  # noqa: S108 - only the parent of a fresh TemporaryDirectory
    where = str(ram) if ram.is_dir() and os.access(ram, os.W_OK) else None
    print(f"median of {RUNS} exports per format into {where or tempfile.gettempdir()}", end="")
    print(f"; limit {LIMIT_S:.1f} s")
    slow: list[str] = []
    with tempfile.TemporaryDirectory(prefix="stridelift-bench-", dir=where) as tmp:
        for label, doc in seasons.items():
            weeks = len(doc["weeks"])
            sessions = sum(len(d["sessions"]) for w in doc["weeks"] for d in w["days"])
            print(f"{label}: {weeks} weeks, {sessions} sessions")
            folder = Path(tmp) / label.split(",")[0]
            folder.mkdir()
            for fmt in EXPORTERS:
                timings = time_format(fmt, doc, folder)
                median = statistics.median(timings)
                print(f"  {fmt:<5} {median * 1000:8.1f} ms   (min {min(timings) * 1000:.1f} ms)")
                if median >= LIMIT_S:
                    slow.append(f"{fmt} ({label})")
    if slow:
        print(f"too slow: {', '.join(slow)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
