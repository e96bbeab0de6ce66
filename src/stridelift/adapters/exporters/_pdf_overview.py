"""The PDF's first page: athlete, races, phase timeline and a weekly volume chart."""

from __future__ import annotations

import datetime as dt
import math

from fpdf import FPDF

from stridelift.adapters.exporters import _text
from stridelift.adapters.exporters._pdf_style import (
    DAY_NAMES,
    GREY_TEXT,
    MARGIN_MM,
    Fonts,
    date_label,
    phase_colour,
    phase_label,
)
from stridelift.adapters.exporters._plan import Plan, Week
from stridelift.domain.units import format_distance, km_to_miles

_AXIS_MM = 14.0  # room left of the chart for the axis labels
_CHART_MM = 78.0
_BAND_MM = 10.0
_NOTE_LINES = 12  # lines of planner's notes the overview page has room for


def draw_overview(pdf: FPDF, fonts: Fonts, plan: Plan) -> None:
    """Draw the season overview on the current page."""
    width = pdf.w - 2 * MARGIN_MM
    y = _heading(pdf, fonts, plan, width)
    y = _races(pdf, fonts, plan, width, y)
    y = _warnings(pdf, fonts, plan, width, y)
    if not plan.weeks:
        return
    y = _timeline(pdf, fonts, plan, width, y + 4)
    y = _volume_chart(pdf, fonts, plan, width, y + 6)
    _legend(pdf, fonts, plan, width, y + 6)


def _heading(pdf: FPDF, fonts: Fonts, plan: Plan, width: float) -> float:
    fonts.use(pdf, 20, bold=True)
    fonts.put(pdf, MARGIN_MM, MARGIN_MM, width, 10, f"Training plan · {plan.athlete_name}")
    parts = [plan.athlete_level.capitalize(), f"{len(plan.weeks)} weeks"]
    if plan.first_day and plan.last_day:
        parts.append(f"{_long_date(plan.first_day)} – {_long_date(plan.last_day)}")
    parts.append(f"planned on {_long_date(plan.today)}")
    parts.append("km and kg" if plan.units == "metric" else "miles and pounds")
    fonts.use(pdf, 9.5)
    pdf.set_text_color(*GREY_TEXT)
    fonts.put(pdf, MARGIN_MM, MARGIN_MM + 10, width, 5, " · ".join(parts))
    pdf.set_text_color(0, 0, 0)
    return MARGIN_MM + 19


def _races(pdf: FPDF, fonts: Fonts, plan: Plan, width: float, y: float) -> float:
    fonts.use(pdf, 12, bold=True)
    fonts.put(pdf, MARGIN_MM, y, width, 6, "Races")
    y += 7
    fonts.use(pdf, 9.5)
    if not plan.races:
        fonts.put(pdf, MARGIN_MM, y, width, 5, "No race on the calendar")
        return y + 6
    for race in sorted(plan.races, key=lambda r: r.date):
        parts = [f"{DAY_NAMES[race.date.weekday()][:3]} {_long_date(race.date)}", race.name]
        if race.distance_km:
            parts.append(format_distance(race.distance_km, plan.units))
        if race.priority:
            parts.append(f"{race.priority} race")
        fonts.put(pdf, MARGIN_MM, y, width, 5, " · ".join(parts))
        y += 5
    return y + 1


def _warnings(pdf: FPDF, fonts: Fonts, plan: Plan, width: float, y: float) -> float:
    """The planner's notes, each said once and wrapped whole, words before rule ids; past
    _NOTE_LINES lines the rest is counted, so the chart below keeps its room."""
    if not plan.warnings:
        return y
    fonts.use(pdf, 12, bold=True)
    fonts.put(pdf, MARGIN_MM, y, width, 6, "Notes from the planner")
    y += 7
    fonts.use(pdf, 9)
    notes = _text.planner_notes(plan.warnings)
    used = 0
    for shown, note in enumerate(notes):
        lines = fonts.wrap(pdf, f"– {note}", width, max_lines=_NOTE_LINES)
        if used + len(lines) > _NOTE_LINES:
            fonts.put(pdf, MARGIN_MM, y, width, 4.5, f"and {len(notes) - shown} more")
            y += 4.5
            break
        for line in lines:
            fonts.put(pdf, MARGIN_MM, y, width, 4.5, line)
            y += 4.5
        used += len(lines)
    return y + 1


def _slots(plan: Plan, width: float) -> tuple[float, float]:
    """Left edge of the week slots and the width of one slot (shared by timeline and chart)."""
    left = MARGIN_MM + _AXIS_MM
    return left, (width - _AXIS_MM) / len(plan.weeks)


def _timeline(pdf: FPDF, fonts: Fonts, plan: Plan, width: float, y: float) -> float:
    """Coloured bands, one per run of weeks in the same phase, with race markers above."""
    fonts.use(pdf, 12, bold=True)
    fonts.put(pdf, MARGIN_MM, y, width, 6, "Phases")
    y += 14  # room for the race markers
    left, slot = _slots(plan, width)
    runs: list[tuple[str, int, int]] = []  # phase, first slot, slot count
    for i, week in enumerate(plan.weeks):
        if runs and runs[-1][0] == week.phase:
            runs[-1] = (week.phase, runs[-1][1], runs[-1][2] + 1)
        else:
            runs.append((week.phase, i, 1))
    fonts.use(pdf, 8, bold=True)
    for phase, first, count in runs:
        x = left + first * slot
        pdf.set_fill_color(*phase_colour(phase))
        pdf.rect(x, y, count * slot, _BAND_MM, style="F")
        label = phase_label(phase)
        if pdf.get_string_width(label) + 2 < count * slot:
            pdf.set_text_color(255, 255, 255)
            fonts.put(pdf, x, y, count * slot, _BAND_MM, label, align="C")
    pdf.set_text_color(0, 0, 0)
    _race_markers(pdf, fonts, plan, left, slot, y)
    _week_axis(pdf, fonts, plan, left, slot, y + _BAND_MM + 0.5)
    return y + _BAND_MM + 5


def _race_markers(
    pdf: FPDF, fonts: Fonts, plan: Plan, left: float, slot: float, band_y: float
) -> None:
    first, last = plan.first_day, plan.last_day
    if first is None or last is None:
        return
    fonts.use(pdf, 7)
    pdf.set_fill_color(0, 0, 0)
    for race in plan.races:
        if not first <= race.date <= last:
            continue
        x = left + (race.date - first).days / 7 * slot + slot / 14
        pdf.polygon([(x - 1.4, band_y - 3), (x + 1.4, band_y - 3), (x, band_y - 0.6)], style="F")
        fonts.put(pdf, x - 20, band_y - 8, 40, 4, race.name, align="C")


def _week_axis(pdf: FPDF, fonts: Fonts, plan: Plan, left: float, slot: float, y: float) -> None:
    """Week numbers under a row of slots (every few weeks when there are many)."""
    fonts.use(pdf, 6.5)
    pdf.set_text_color(*GREY_TEXT)
    every = max(1, math.ceil(len(plan.weeks) / 26))
    for i, week in enumerate(plan.weeks):
        if i % every == 0:
            align = "L" if every > 1 else "C"
            fonts.put(pdf, left + i * slot, y, slot * every, 3.5, str(week.index), align=align)
    pdf.set_text_color(0, 0, 0)


def _volume(week: Week, in_km: bool, units: str) -> float:
    runs = [s for s in week.sessions if s.kind == "run"]
    if not in_km:
        return sum(s.minutes for s in runs)
    km = sum(s.distance_km or 0 for s in runs)
    return km_to_miles(km) if units == "imperial" else km


def _volume_chart(pdf: FPDF, fonts: Fonts, plan: Plan, width: float, y: float) -> float:
    """Bars of weekly run volume coloured by phase, strength sessions counted under each."""
    runs = [s for s in plan.sessions if s.kind == "run"]
    in_km = bool(runs) and all(s.distance_km is not None for s in runs)
    unit = ("mi" if plan.units == "imperial" else "km") if in_km else "min"
    volumes = [_volume(w, in_km, plan.units) for w in plan.weeks]
    fonts.use(pdf, 12, bold=True)
    fonts.put(pdf, MARGIN_MM, y, width, 6, f"Weekly run volume ({unit}) and strength sessions")
    y += 8
    left, slot = _slots(plan, width)
    step = _nice_step(max(volumes, default=0))
    top = max(step, math.ceil(max(volumes, default=0) / step) * step)
    base = y + _CHART_MM
    fonts.use(pdf, 7)
    pdf.set_draw_color(205, 205, 205)
    pdf.set_line_width(0.2)
    for k in range(round(top / step) + 1):
        gy = base - k * step / top * _CHART_MM
        pdf.line(left, gy, left + slot * len(plan.weeks), gy)
        fonts.put(pdf, MARGIN_MM, gy - 2, _AXIS_MM - 1, 4, _text.number(k * step), align="R")
    for i, (week, volume) in enumerate(zip(plan.weeks, volumes, strict=True)):
        bar = volume / top * _CHART_MM
        colour = phase_colour(week.phase)
        if week.deload:
            colour = (
                (colour[0] + 255) // 2,
                (colour[1] + 255) // 2,
                (colour[2] + 255) // 2,
            )
        pdf.set_fill_color(*colour)
        x = left + i * slot + slot * 0.15
        pdf.rect(x, base - bar, slot * 0.7, bar, style="F")
        if slot >= 7:
            fonts.put(pdf, left + i * slot, base - bar - 4, slot, 4, f"{volume:.0f}", align="C")
    _week_axis(pdf, fonts, plan, left, slot, base + 0.5)
    strength_y = base + 5
    fonts.use(pdf, 6.5, bold=True)
    fonts.put(pdf, MARGIN_MM, strength_y, _AXIS_MM, 3.5, "Strength", align="L")
    fonts.use(pdf, 6.5)
    for i, week in enumerate(plan.weeks):
        count = sum(1 for s in week.sessions if s.kind == "strength")
        fonts.put(pdf, left + i * slot, strength_y, slot, 3.5, str(count), align="C")
    pdf.set_draw_color(0, 0, 0)
    return strength_y + 4


def _legend(pdf: FPDF, fonts: Fonts, plan: Plan, width: float, y: float) -> None:
    """One colour square per phase the selected weeks go through, in order."""
    seen: list[str] = []
    for week in plan.weeks:
        if week.phase not in seen:
            seen.append(week.phase)
    fonts.use(pdf, 8.5)
    x = MARGIN_MM
    for phase in seen:
        label = phase_label(phase)
        item = 5 + pdf.get_string_width(label) + 6
        if x + item > MARGIN_MM + width:
            x, y = MARGIN_MM, y + 5
        pdf.set_fill_color(*phase_colour(phase))
        pdf.rect(x, y + 0.8, 3.4, 3.4, style="F")
        fonts.put(pdf, x + 4, y, item - 4, 5, label)
        x += item
    if any(w.deload for w in plan.weeks):
        note = "(pale bars: deload weeks)"
        if x + pdf.get_string_width(note) + 4 > MARGIN_MM + width:
            x, y = MARGIN_MM, y + 5
        fonts.put(pdf, x, y, pdf.get_string_width(note) + 4, 5, note)


def _nice_step(peak: float) -> float:
    """A round gridline step giving at most five lines up to ``peak``."""
    if peak <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(peak / 5)) if peak >= 5 else 1
    for factor in (1, 2, 2.5, 5, 10):
        if peak / (factor * magnitude) <= 5:
            return float(factor * magnitude)
    return float(10 * magnitude)


def _long_date(date: dt.date) -> str:
    return f"{date_label(date)} {date.year}"
