"""Time every export format on a 52-week plan; exit 1 if any takes a second or more.

The season is built from tests/fixtures/plan_sample.json by repeating its weeks with
shifted dates, loads rising 1 % a week and runs lengthening, so that sessions
differ from week to week as in a real plan (the planner's output can replace it once
`stridelift plan --json` exists).
Each format is exported five times into a fresh folder and the median is reported.

    .venv/bin/python benchmarks/bench_export.py
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from stridelift.adapters.exporters import EXPORTERS, ExportOptions, export

SAMPLE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "plan_sample.json"
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
        started = time.perf_counter()
        export(fmt, doc, out, options)
        timings.append(time.perf_counter() - started)
    return timings


def main() -> int:
    """Print the median time per format; return 1 if any reaches LIMIT_S."""
    doc = season(json.loads(SAMPLE.read_text(encoding="utf-8")))
    sessions = sum(len(d["sessions"]) for w in doc["weeks"] for d in w["days"])
    print(f"{WEEKS}-week plan, {sessions} sessions; median of {RUNS} runs, limit {LIMIT_S:.1f} s")
    slow = []
    with tempfile.TemporaryDirectory(prefix="stridelift-bench-") as tmp:
        for fmt in EXPORTERS:
            timings = time_format(fmt, doc, Path(tmp))
            median = statistics.median(timings)
            print(f"  {fmt:<5} {median * 1000:8.1f} ms   (min {min(timings) * 1000:.1f} ms)")
            if median >= LIMIT_S:
                slow.append(fmt)
    if slow:
        print(f"too slow: {', '.join(slow)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
