"""`stridelift stats`: training load, ratios, fitness/fatigue, e1RM and compliance as tables."""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Sequence
from datetime import date
from typing import Annotated

import typer
from rich.table import Table

from stridelift.cli.common import (
    AthleteOption,
    DbOption,
    friendly,
    local_now,
    local_tz,
    out,
)
from stridelift.cli.dates import day_option
from stridelift.domain.load import ACWR_CAVEAT
from stridelift.domain.units import format_distance, format_load
from stridelift.errors import UsageError
from stridelift.services import stats as stats_service
from stridelift.services.stats import DEFAULT_WEEKS, MAX_WEEKS, Stats
from stridelift.services.stats_sessions import RPE_SOURCES
from stridelift.services.workspace import opened

BARS = "▁▂▃▄▅▆▇█"
SPARK_WIDTH = 52  # a year of weeks; longer windows are averaged down to this
RPE_FROM_TEXT = {
    "rir": "from reps in reserve",
    "run_type": "from the run type",
    "athlete_mean": "from your average logged RPE",
    "methodology": "from the methodology's default",
}


def sparkline(values: Sequence[float | None], width: int = SPARK_WIDTH) -> str:
    """At most ``width`` bars, scaled from the lowest to the highest value; a gap where a
    value is missing. Longer series are averaged into ``width`` equal runs of values."""
    if len(values) > width:
        edges = [round(i * len(values) / width) for i in range(width + 1)]
        runs = [[v for v in values[a:b] if v is not None and math.isfinite(v)]
                for a, b in itertools.pairwise(edges)]  # fmt: skip
        values = [sum(run) / len(run) if run else None for run in runs]
    known = [v for v in values if v is not None and math.isfinite(v)]
    if not known:
        return " " * len(values)
    low, high = min(known), max(known)
    bars = []
    for v in values:
        if v is None or not math.isfinite(v):
            bars.append(" ")
        elif high == low:
            bars.append(BARS[0] if high == 0 else BARS[len(BARS) // 2])
        else:
            bars.append(BARS[min(len(BARS) - 1, int((v - low) / (high - low) * len(BARS)))])
    return "".join(bars)


def _num(value: float | None, digits: int = 0) -> str:
    return "-" if value is None or not math.isfinite(value) else f"{value:,.{digits}f}"


def _weeks(text: str | None) -> int:
    if text is None:
        return DEFAULT_WEEKS
    if not re.fullmatch(r"\d+", text.strip()):
        raise UsageError(f"--weeks: {text!r} is not a whole number (expected 1-{MAX_WEEKS})")
    return stats_service.check_weeks(int(text))


def _today(text: str | None) -> date:
    return day_option("--today", text, local_now().date())


def _estimates_line(s: Stats) -> str | None:
    c = s.in_window
    parts = []
    if c.rpe_estimated:
        how = ", ".join(
            f"{c.rpe_from[k]} {RPE_FROM_TEXT[k]}" for k in RPE_SOURCES[1:] if c.rpe_from[k]
        )
        parts.append(
            f"{c.rpe_estimated} of {c.total} sessions had no RPE and were estimated ({how})"
        )
    if c.minutes_estimated:
        parts.append(
            f"{c.minutes_estimated} lift session(s) had no minutes: your profile's session "
            "length was used"
        )
    return "; ".join(parts) + "." if parts else None


def _load_table(s: Stats) -> Table:
    t = Table(
        "week",
        "days",
        "load",
        "run",
        "strength",
        "cross",
        "sessions",
        title="Weekly load (session RPE x minutes, Foster 2001)",
        title_justify="left",
        caption=f"load {sparkline([w.load for w in s.weeks])}",
        caption_justify="left",
    )
    for w in s.weeks:
        k = w.load_by_kind
        t.add_row(
            w.start.isoformat(),
            str((w.end - w.start).days + 1),
            _num(w.load),
            _num(k["run"]),
            _num(k["strength"]),
            _num(k["cross"]),
            str(w.sessions),
        )
    return t


def _volume_table(s: Stats) -> Table:
    t = Table(
        "week",
        "runs",
        "minutes",
        "distance",
        title="Running volume",
        title_justify="left",
        caption=f"distance {sparkline([w.run_km for w in s.weeks])}",
        caption_justify="left",
    )
    for w in s.weeks:
        t.add_row(
            w.start.isoformat(),
            str(w.runs),
            _num(w.run_minutes),
            format_distance(w.run_km, s.units),
        )
    return t


def _acwr_table(s: Stats) -> Table:
    t = Table(
        "week",
        "rolling 7:28",
        "EWMA 7:28",
        title="Acute:chronic load ratio (a description, not a prediction)",
        title_justify="left",
        caption=f"rolling {sparkline([w.acwr_rolling for w in s.weeks])}  "
        f"EWMA {sparkline([w.acwr_ewma for w in s.weeks])}",
        caption_justify="left",
    )
    for w in s.weeks:
        t.add_row(w.start.isoformat(), _num(w.acwr_rolling, 2), _num(w.acwr_ewma, 2))
    return t


def _monotony_table(s: Stats) -> Table:
    t = Table(
        "week",
        "monotony",
        "strain",
        title="Monotony and strain (last 7 days, Foster 1998)",
        title_justify="left",
        caption=f"strain {sparkline([w.strain for w in s.weeks])}",
        caption_justify="left",
    )
    for w in s.weeks:
        t.add_row(w.start.isoformat(), _num(w.monotony, 2), _num(w.strain))
    return t


def _fitness_table(s: Stats) -> Table:
    t = Table(
        "week",
        "fitness (42 d)",
        "fatigue (7 d)",
        "form",
        title="Fitness, fatigue and form (Banister impulse-response)",
        title_justify="left",
        caption=f"fitness {sparkline([w.fitness for w in s.weeks])}  "
        f"fatigue {sparkline([w.fatigue for w in s.weeks])}  "
        f"form {sparkline([w.form for w in s.weeks])}",
        caption_justify="left",
    )
    for w in s.weeks:
        t.add_row(w.start.isoformat(), _num(w.fitness), _num(w.fatigue), _num(w.form))
    return t


def _e1rm_table(s: Stats) -> Table:
    t = Table(
        "exercise",
        "Epley",
        "Brzycki",
        "from set",
        "date",
        "note",
        title="Estimated 1RM (best set of 10 reps or fewer)",
        title_justify="left",
    )
    for e in s.e1rm:
        t.add_row(
            e.exercise_id,
            format_load(e.epley_kg, s.units),
            format_load(e.brzycki_kg, s.units),
            f"{e.reps} x {format_load(e.load_kg, s.units)}",
            e.day.isoformat(),
            "weak: only sets above 10 reps" if e.weak else "",
        )
    return t


def _compliance_table(s: Stats) -> Table:
    c = s.compliance
    ratio = "-" if c.ratio is None else f"{c.ratio:.0%}"
    t = Table(
        "week",
        "planned",
        "done",
        "extra",
        title="Plan compliance (runs, strength, cross-training)",
        title_justify="left",
        caption=f"{c.message}: {c.done} of {c.planned} planned sessions done ({ratio}), "
        f"{c.extra} extra",
        caption_justify="left",
    )
    for w in s.weeks:
        if w.planned is not None:
            t.add_row(w.start.isoformat(), str(w.planned), str(w.done), str(w.extra))
    return t


def _forecast_table(s: Stats) -> Table | None:
    f = s.forecast
    if f is None:
        return None
    where = f"race day, {f.race_name}," if f.race_name else "the plan's last day"
    t = Table(
        "week",
        "planned load",
        "fitness",
        "fatigue",
        "form",
        title=f"Forecast to {where} {f.end.isoformat()} (following {f.plan_source})",
        title_justify="left",
        caption=f"form {sparkline([w.form for w in f.weeks])}",
        caption_justify="left",
    )
    for w in f.weeks:
        t.add_row(
            w.start.isoformat(),
            _num(w.planned_load),
            _num(w.fitness),
            _num(w.fatigue),
            _num(w.form),
        )
    return t


def _print(s: Stats) -> None:
    out.print(
        f"{s.athlete}: {s.weeks_requested} week(s) from {s.window_start.isoformat()} "
        f"to {s.today.isoformat()}",
        markup=False,
    )
    line = _estimates_line(s)
    if line:
        out.print(line, markup=False)
    out.print(_load_table(s))
    out.print(_volume_table(s))
    out.print(_acwr_table(s))
    out.print(f"Note: {ACWR_CAVEAT}", markup=False)
    out.print(_monotony_table(s))
    out.print(_fitness_table(s))
    if s.e1rm:
        out.print(_e1rm_table(s))
    if s.compliance.available:
        out.print(_compliance_table(s))
    else:
        out.print(f"Compliance: {s.compliance.message}.", markup=False)
    _print_forecast(s)


def _print_forecast(s: Stats) -> None:
    f = s.forecast
    table = _forecast_table(s)
    if f is not None and table is not None:
        out.print(table)
        where = f"on race day ({f.race_name})" if f.race_name else "on the plan's last day"
        out.print(
            f"Going into {f.end.isoformat()} {where}: fitness {_num(f.fitness)}, "
            f"fatigue {_num(f.fatigue)}, form {_num(f.form)}. Fatigue peaks at "
            f"{_num(f.peak_fatigue)} on {f.peak_fatigue_day.isoformat()} "
            f"(week of {f.peak_fatigue_week.isoformat()}).",
            markup=False,
        )


@friendly
def stats(
    weeks: Annotated[
        str | None,
        typer.Option(
            "--weeks", metavar="N", help=f"Weeks to show, 1-{MAX_WEEKS} (default {DEFAULT_WEEKS})."
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (stridelift.stats/1, sorted keys).")
    ] = False,
    forecast: Annotated[
        bool,
        typer.Option(
            "--forecast", help="Project fitness, fatigue and form through the plan to race day."
        ),
    ] = False,
    today: Annotated[
        str | None,
        typer.Option("--today", metavar="DATE", help="As if today were this date (YYYY-MM-DD)."),
    ] = None,
    athlete: AthleteOption = None,
    db: DbOption = None,
) -> None:
    """Training load from the logbook: weekly load, load ratios, fitness/fatigue, e1RM."""
    count = _weeks(weeks)
    day = _today(today)
    with opened(db) as store:
        result = stats_service.stats_for(
            store, athlete, today=day, weeks=count, tz=local_tz(), forecast=forecast
        )
    if as_json:
        document = stats_service.stats_document(result)
        typer.echo(json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False))
        return
    if result.empty:
        out.print(
            f"nothing logged yet for {result.athlete}: log a session with "
            "`stridelift log run` or `stridelift log lift`, or import files with "
            "`stridelift import`",
            markup=False,
        )
        _print_forecast(result)  # where the plan leads, from zero
        return
    _print(result)


def register(app: typer.Typer) -> None:
    """Attach the stats command to the root app."""
    app.command("stats")(stats)
