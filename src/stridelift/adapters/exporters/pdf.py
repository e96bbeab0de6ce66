"""PDF export: a season overview page, then one page per week, drawn with fpdf2.

Page 1 shows the athlete, the races, a timeline of phases and a chart of weekly run volume
with the number of strength sessions per week. Each week page lists every day's sessions,
with exercise tables and warm-ups; it is scaled down when a busy week would overflow, so
the file always has 1 + weeks pages. Text uses DejaVu Sans when Debian's fonts-dejavu-core
is installed, else Helvetica with the few characters it lacks transliterated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fpdf import FPDF

from stridelift.adapters.exporters import _text
from stridelift.adapters.exporters._base import ExportOptions, ExportResult
from stridelift.adapters.exporters._files import write_file
from stridelift.adapters.exporters._pdf_overview import draw_overview
from stridelift.adapters.exporters._pdf_style import (
    DAY_NAMES,
    GREY_TEXT,
    MARGIN_MM,
    Fonts,
    date_label,
    load_fonts,
    phase_colour,
    phase_label,
)
from stridelift.adapters.exporters._plan import (
    Day,
    Exercise,
    Plan,
    Session,
    Week,
    load_plan,
    session_times,
)
from stridelift.domain.units import format_distance
from stridelift.domain.wording import counted

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
_BASE_PT = 9.0
_MIN_SCALE = 0.5
# Exercise table columns (mm): exercise, sets x reps (room for "2 × 20–30 m a side",
# CONTENT-9), RPE/RIR, rest; load takes the rest.
_COLUMNS = (52.0, 30.0, 22.0, 12.0)
_INDENT = 16.0
_STEP_INDENT = 4.0  # a workout's steps sit under its "Workout:" line


def write_pdf(
    doc: Mapping[str, Any],
    out: Path,
    options: ExportOptions,
    *,
    font_dir: Path | None = DEJAVU_DIR,
) -> ExportResult:
    """Write the printable plan; ``font_dir=None`` forces the core font."""
    plan = load_plan(doc, options)
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    # Dates from the document, never the clock: the same plan gives the same file.
    pdf.set_creation_date(dt.datetime.combine(plan.today, dt.time(0, 0), tzinfo=dt.UTC))
    fonts = load_fonts(pdf, font_dir)
    pdf.set_title(fonts.clean(f"Training plan: {plan.athlete_name}"))
    pdf.set_author("Stridelift")
    pdf.set_creator("Stridelift")

    pdf.add_page()
    draw_overview(pdf, fonts, plan)
    for done, week in enumerate(plan.weeks, start=1):
        pdf.add_page()
        _draw_week(pdf, fonts, plan, week)
        if options.progress is not None:
            options.progress(done, len(plan.weeks))
    write_file(out, bytes(pdf.output()))
    return ExportResult(
        format="pdf",
        files=(out,),
        weeks=len(plan.weeks),
        sessions=len(plan.sessions),
        counts={"pages": pdf.pages_count},
    )


@dataclass(frozen=True, slots=True)
class _Row:
    """One line of a week page: what kind of line, its cells, and its height at scale 1."""

    kind: str  # "day", "session", "note", "step", "head", "exercise", "rest"
    cells: tuple[str, ...]
    height: float


def _draw_week(pdf: FPDF, fonts: Fonts, plan: Plan, week: Week) -> None:
    """The week on one page, scaled down when crowded; past the smallest legible scale
    it runs on to continuation pages rather than lose anything off the bottom."""
    width = pdf.w - 2 * MARGIN_MM
    top = _week_header(pdf, fonts, plan, week, width)
    rows = [row for day in week.days for row in _day_rows(pdf, fonts, plan, day, width)]
    bottom = pdf.h - MARGIN_MM
    needed = sum(r.height for r in rows)
    scale = max(_MIN_SCALE, min(1.0, (bottom - top) / needed)) if needed else 1.0
    y = top
    for row in rows:
        if y + row.height * scale > bottom + 0.01:  # tolerance for rounding
            pdf.add_page()
            fonts.use(pdf, 9, bold=True)
            fonts.put(pdf, MARGIN_MM, MARGIN_MM, width, 6, f"Week {week.index} (continued)")
            y = MARGIN_MM + 8
        _draw_row(pdf, fonts, row, y, width, scale)
        y += row.height * scale


def _week_header(pdf: FPDF, fonts: Fonts, plan: Plan, week: Week, width: float) -> float:
    """Draw the week's title, phase band, focus and totals; return where the days start."""
    end = week.start + dt.timedelta(days=6)
    x, y = MARGIN_MM, MARGIN_MM
    pdf.set_fill_color(*phase_colour(week.phase))
    pdf.rect(x, y, width, 11, style="F")
    pdf.set_text_color(255, 255, 255)
    fonts.use(pdf, 14, bold=True)
    fonts.put(pdf, x + 1, y + 1, width * 0.6, 9, f"Week {week.index} · {phase_label(week.phase)}")
    fonts.use(pdf, 9)
    dates = f"{date_label(week.start)} – {date_label(end)} {end.year}"
    cycle = f"cycle week {week.cycle_week}" + (" · deload" if week.deload else "")
    fonts.put(pdf, x + width * 0.5, y + 1, width * 0.5 - 1, 4.5, dates, align="R")
    fonts.put(pdf, x + width * 0.5, y + 5.5, width * 0.5 - 1, 4.5, cycle, align="R")
    pdf.set_text_color(0, 0, 0)
    y += 13
    if week.focus:
        fonts.use(pdf, 10, bold=True)
        fonts.put(pdf, x, y, width, 5, f"Focus: {week.focus}")
        y += 5.5
    fonts.use(pdf, 8.5)
    pdf.set_text_color(*GREY_TEXT)
    fonts.put(pdf, x, y, width, 4.5, _totals(week, plan.units))
    pdf.set_text_color(0, 0, 0)
    return y + 7


def _totals(week: Week, units: str) -> str:
    runs = [s for s in week.sessions if s.kind == "run"]
    run_minutes = sum(s.minutes for s in runs)
    km = sum(s.distance_km or 0 for s in runs)
    strength = sum(1 for s in week.sessions if s.kind == "strength")
    key = sum(1 for s in runs if s.key)
    running = f"Running {_text.minutes(run_minutes)}"
    if km:
        running += f" · {format_distance(km, units)}"
    return f"{running} · {counted(key, 'key run')} · {counted(strength, 'strength session')}"


def _day_rows(pdf: FPDF, fonts: Fonts, plan: Plan, day: Day, width: float) -> list[_Row]:
    label = f"{DAY_NAMES[day.date.weekday()]} {date_label(day.date)}"
    rows = [_Row("day", (label,), 6.5)]
    if not day.sessions:
        # The plan starts today: the days of its first week before today are not rest days.
        empty = "Before the plan" if day.date < plan.today else "Rest day"
        rows.append(_Row("rest", (empty,), 5.0))
    for session, start, _ in session_times(day, plan):
        rows.extend(_session_rows(pdf, fonts, plan, session, start, width))
    return [*rows, _Row("gap", (), 1.5)]


def _session_rows(
    pdf: FPDF, fonts: Fonts, plan: Plan, session: Session, start: dt.datetime, width: float
) -> list[_Row]:
    race = _text.race_on(session, plan, start.date().isoformat())
    rows = [_Row("session", (start.strftime("%H:%M"), _text.title(session, plan.units, race)), 5.0)]
    notes: list[str] = []
    if session.kind == "run":
        if session.description:
            notes.append(session.description)
        if session.pace_s_per_km is not None:
            notes.append(f"Pace: about {_text.pace(session.pace_s_per_km, plan.units)}")
    elif session.title and session.title.casefold() not in rows[0].cells[1].casefold():
        notes.append(session.title)  # e.g. the planner's "Day A: force and control"
    if session.heavy_lower:
        notes.append("Heavy lower-body session")
    if session.warmup:
        notes.append(f"Warm-up: {_text.warmup(session.warmup)}")
    fonts.use(pdf, 8)  # wrap at full size: a scaled-down page only gains room
    for note in notes:
        rows.extend(_Row("note", (line,), 4.0) for line in fonts.wrap(pdf, note, width - _INDENT))
    rows.extend(_workout_rows(pdf, fonts, session, plan.units, width))
    if session.exercises:
        rows.append(_Row("head", ("Exercise", "Sets × reps", "RPE / RIR", "Rest", "Load"), 4.2))
        load_width = width - _INDENT - sum(_COLUMNS)
        for exercise in session.exercises:
            load = ", ".join(
                part
                for part in (_text.load(exercise, plan.units), _note_after_load(exercise))
                if part
            )
            first, *more = fonts.wrap(pdf, load or "–", load_width)
            cells = (
                exercise.name,
                _text.sets_reps(exercise),
                _text.effort(exercise) or "–",
                _text.rest(exercise) or "–",
                first,
            )
            rows.append(_Row("exercise", cells, 4.2))
            rows.extend(_Row("exercise", ("", "", "", "", line), 3.6) for line in more)
    if session.reasons:
        why = f"Why: {_text.reasons(session)}"
        rows.extend(_Row("note", (line,), 4.0) for line in fonts.wrap(pdf, why, width - _INDENT))
    return rows


def _workout_rows(
    pdf: FPDF, fonts: Fonts, session: Session, units: str, width: float
) -> list[_Row]:
    """RUN-11: "Workout:" and one indented line per step (a repeat group is one line)."""
    if not session.steps:
        return []
    rows = [_Row("note", ("Workout:",), 4.0)]
    for step in _text.workout_steps(session, units):
        lines = fonts.wrap(pdf, step, width - _INDENT - _STEP_INDENT)
        rows.extend(_Row("step", (line,), 4.0) for line in lines)
    return rows


def _note_after_load(exercise: Exercise) -> str:
    """The load note, when a numeric load already fills the load cell's start."""
    return str(exercise.load_note) if exercise.load_kg is not None and exercise.load_note else ""


def _draw_row(pdf: FPDF, fonts: Fonts, row: _Row, y: float, width: float, scale: float) -> None:
    x, h = MARGIN_MM, row.height * scale
    if row.kind == "day":
        pdf.set_fill_color(232, 232, 232)
        pdf.rect(x, y + 0.5 * scale, width, h - 1 * scale, style="F")
        fonts.use(pdf, 9.5 * scale, bold=True)
        fonts.put(pdf, x, y, width, h, row.cells[0])
    elif row.kind == "session":
        fonts.use(pdf, _BASE_PT * scale, bold=True)
        fonts.put(pdf, x, y, _INDENT, h, row.cells[0])
        fonts.put(pdf, x + _INDENT, y, width - _INDENT, h, row.cells[1])
    elif row.kind in ("note", "rest", "step"):
        indent = _INDENT + (_STEP_INDENT if row.kind == "step" else 0)
        fonts.use(pdf, 8 * scale)
        pdf.set_text_color(*GREY_TEXT)
        fonts.put(pdf, x + indent, y, width - indent, h, row.cells[0])
        pdf.set_text_color(0, 0, 0)
    elif row.kind in ("head", "exercise"):
        head = row.kind == "head"
        fonts.use(pdf, (7.5 if head else 8) * scale, bold=head)
        if head:
            pdf.set_fill_color(245, 245, 245)
            pdf.rect(x + _INDENT, y, width - _INDENT, h, style="F")
        left = x + _INDENT
        widths = [w * max(scale, 0.8) for w in _COLUMNS]
        widths.append(width - _INDENT - sum(widths))
        for cell, cell_width in zip(row.cells, widths, strict=True):
            fonts.put(pdf, left, y, cell_width, h, cell)
            left += cell_width
