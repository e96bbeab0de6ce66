"""Strava bulk exports: the activities.csv index, and the labels it gives each file."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from datetime import datetime

from stridelift.adapters.importers.dates import strava_date
from stridelift.adapters.importers.results import FormatError, Parsed, ReadContext
from stridelift.adapters.importers.samples import finite
from stridelift.adapters.importers.sports import sport_from_word
from stridelift.domain.activity import Activity

_REQUIRED = ("Activity ID", "Activity Date", "Activity Type")


@dataclass(frozen=True, slots=True)
class StravaLabel:
    """What a Strava export's activities.csv says about one activity file.

    Attributes:
        activity_id: Strava's id (not always the number in the file's name).
        name: the title the athlete gave it on Strava.
        sport: Strava's "Activity Type" in the logbook's SPORTS vocabulary.
        start: the start time in UTC, or None when the date could not be read.
        sub_sport: the finer kind Strava's type implies ("nordic", "virtual"), if any.
        activity_type: Strava's type as written ("Nordic Ski").
    """

    activity_id: str
    name: str | None
    sport: str
    start: datetime | None
    sub_sport: str | None = None
    activity_type: str = ""


@dataclass(frozen=True, slots=True)
class StravaRow:
    """One row of activities.csv: its label, its file, and the summary figures."""

    label: StravaLabel
    filename: str
    elapsed_s: float | None
    moving_s: float | None
    distance_m: float | None
    avg_hr: float | None
    max_hr: float | None
    elevation_gain_m: float | None
    description: str | None


class _Columns:
    """Column positions by header name; Strava repeats some names, so occurrences count."""

    def __init__(self, header: list[str]) -> None:
        self._positions: dict[str, list[int]] = {}
        for position, name in enumerate(header):
            self._positions.setdefault(name.strip(), []).append(position)

    def has(self, name: str) -> bool:
        return name in self._positions

    def get(self, row: list[str], name: str, occurrence: int = 0) -> str:
        positions = self._positions.get(name, [])
        if occurrence >= len(positions) or positions[occurrence] >= len(row):
            return ""
        return row[positions[occurrence]].strip()

    def count(self, name: str) -> int:
        return len(self._positions.get(name, []))


def parse_activities_csv(data: bytes) -> tuple[list[StravaRow], list[str]]:
    """Rows of a Strava activities.csv, with warnings about rows that could not be read.

    Columns are found by name (newer exports add columns). Where a name repeats, the
    first occurrence is used, except for "Distance": its second occurrence is in
    metres, while the first is a display figure (km with 2 decimals, but nautical
    miles for Sail rows), used only when there is no second.

    Raises:
        FormatError: not UTF-8, or the header lacks the activity columns.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError("corrupt Strava activities.csv: the text is not valid UTF-8") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise FormatError("corrupt Strava activities.csv: no header row") from exc
    columns = _Columns(header)
    missing = [name for name in _REQUIRED if not columns.has(name)]
    if missing:
        raise FormatError(f"not a Strava activities.csv (no {', '.join(missing)} column)")
    rows: list[StravaRow] = []
    warnings: list[str] = []
    try:
        for line_number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            parsed = _row(row, columns)
            if parsed.label.start is None:
                raw = columns.get(row, "Activity Date")
                warnings.append(f"line {line_number}: unreadable Activity Date {raw!r}")
            rows.append(parsed)
    except csv.Error as exc:
        raise FormatError(f"corrupt Strava activities.csv: {exc}") from exc
    return rows, warnings


def rows_without_files(data: bytes) -> bytes:
    """The same activities.csv keeping only rows with an empty Filename (manual entries)."""
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        return b""
    columns = _Columns(rows[0])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(rows[0])
    writer.writerows(row for row in rows[1:] if any(row) and not columns.get(row, "Filename"))
    return out.getvalue().encode("utf-8")


def _row(row: list[str], columns: _Columns) -> StravaRow:
    activity_type = columns.get(row, "Activity Type")
    sport = sport_from_word(activity_type) if activity_type else None
    label = StravaLabel(
        activity_id=columns.get(row, "Activity ID"),
        name=columns.get(row, "Activity Name") or None,
        sport=sport.sport if sport else "other",
        start=strava_date(columns.get(row, "Activity Date")),
        sub_sport=sport.sub_sport if sport else None,
        activity_type=activity_type,
    )
    if columns.count("Distance") > 1:
        distance_m = _number(columns.get(row, "Distance", 1))
    else:
        km = _number(columns.get(row, "Distance"))
        distance_m = km * 1000 if km is not None else None
    return StravaRow(
        label=label,
        filename=columns.get(row, "Filename"),
        elapsed_s=_number(columns.get(row, "Elapsed Time")),
        moving_s=_number(columns.get(row, "Moving Time")),
        distance_m=distance_m,
        avg_hr=_number(columns.get(row, "Average Heart Rate")),
        max_hr=_number(columns.get(row, "Max Heart Rate")),
        elevation_gain_m=_number(columns.get(row, "Elevation Gain")),
        description=columns.get(row, "Activity Description") or None,
    )


def _number(text: str) -> float | None:
    try:
        return finite(float(text)) if text else None
    except ValueError:
        return None


def read_strava_csv(data: bytes, context: ReadContext) -> Parsed:
    """Summary activities from an activities.csv read on its own (no track files).

    Every row with a readable date becomes an Activity with Strava's own totals.
    """
    rows, warnings = parse_activities_csv(data)
    parsed = Parsed(warnings=warnings)
    with_files = 0
    for row in rows:
        if row.label.start is None:
            continue
        with_files += bool(row.filename)
        parsed.activities.append(
            Activity(
                start_utc=row.label.start,
                sport=row.label.sport,
                sub_sport=row.label.sub_sport,
                duration_s=row.elapsed_s or 0.0,
                moving_s=row.moving_s,
                distance_m=row.distance_m,
                avg_hr=row.avg_hr,
                max_hr=row.max_hr,
                elevation_gain_m=row.elevation_gain_m,
                name=row.label.name,
                notes=row.description,
                source="strava",
                source_file=context.name,
                file_sha256=context.sha256,
            )
        )
    if with_files:
        parsed.warnings.append(
            f"summary only: {with_files} rows name activity files that were not read; "
            "import the whole export folder or zip to get their tracks"
        )
    if not parsed.activities:
        raise FormatError("no activity data (the activities.csv has no readable rows)")
    return parsed


def apply_label(parsed: Parsed, label: StravaLabel) -> None:
    """Give a file's activities the name, and (for a one-session file) the sport, from Strava.

    Strava's type is what the athlete chose there, so it replaces the file's sport; a
    multisport file keeps each session's own sport.
    """
    if not parsed.activities:
        return
    if len(parsed.activities) > 1:
        parsed.warnings.append(
            f"Strava lists one {label.activity_type or label.sport} activity for "
            f"{len(parsed.activities)} sessions; each session keeps its own sport"
        )
        parsed.activities[:] = [replace(a, name=label.name or a.name) for a in parsed.activities]
        return
    activity = parsed.activities[0]
    changes: dict[str, object] = {"name": label.name or activity.name}
    guessed = parsed.sport_guesses.pop(0, None) if label.activity_type else None
    if guessed is not None and guessed in parsed.warnings:
        parsed.warnings.remove(guessed)
    # Strava's own catch-all never replaces a sport the file names precisely.
    vague = label.sport == "other" and activity.sport != "other" and guessed is None
    if label.activity_type and not vague:
        if guessed is None and label.sport != activity.sport:
            parsed.warnings.append(
                f"the file says {activity.sport}; Strava's type {label.activity_type!r} "
                f"makes it {label.sport}"
            )
        if (label.sport, label.sub_sport) != (activity.sport, activity.sub_sport):
            changes["sport"] = label.sport
            changes["sub_sport"] = label.sub_sport or activity.sub_sport
    parsed.activities[0] = replace(activity, **changes)  # type: ignore[arg-type]
