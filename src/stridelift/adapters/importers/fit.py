"""FIT activity files (Garmin, COROS, Suunto, Wahoo, Strava...) read with fitdecode."""

from __future__ import annotations

import bisect
import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import fitdecode
from fitdecode.types import DevFieldDefinition

from stridelift.adapters.importers.fit_strength import strength_sets
from stridelift.adapters.importers.results import FormatError, Parsed, ReadContext
from stridelift.adapters.importers.samples import (
    elevation_gain_m,
    finite,
    heart_rate,
    record_efforts,
)
from stridelift.adapters.importers.sports import sport_from_fit
from stridelift.domain.activity import RUN_SPORTS, Activity, StrengthSet

Fields = dict[str, object]

# The messages an Activity is built from; everything else is skipped while decoding.
_KEPT = frozenset({"file_id", "session", "lap", "sport", "set"})
_FULL_HEADER_BYTES = 14


@dataclass(frozen=True, slots=True)
class _Record:
    """The few `record` fields the importer uses."""

    at: datetime
    heart_rate: float | None
    distance_m: float | None
    altitude_m: float | None


@dataclass(slots=True)
class _Content:
    """The decoded messages of one FIT file, native fields only."""

    messages: dict[str, list[Fields]] = field(default_factory=dict)
    records: list[_Record] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_fit(data: bytes, context: ReadContext) -> Parsed:
    """Read a FIT activity file: one Activity per session (multisport files give several).

    Raises:
        FormatError: a corrupt or truncated file, or one that is not an activity.
    """
    content = _decode(data)
    file_ids = content.messages.get("file_id", [])
    file_type = file_ids[0].get("type") if file_ids else None
    if file_type is not None and file_type != "activity":
        raise FormatError(f"not an activity file (a FIT {file_type} file)")
    parsed = Parsed(warnings=list(content.warnings))
    records = sorted(content.records, key=lambda r: r.at)
    sessions = _sessions(content, records, parsed)
    if not sessions:
        raise FormatError("no activity data (the FIT file has no sessions or timed records)")
    starts = [s.start for s in sessions]
    sets_by_session = _sets_by_session(content.messages.get("set", []), starts)
    for index, window in enumerate(sessions):
        sets, unmapped = strength_sets(sets_by_session.get(index, []), context.library)
        for name in unmapped:
            if name not in parsed.unmapped_exercises:
                parsed.unmapped_exercises.append(name)
        parsed.activities.append(_activity(window, records, sets, context, parsed))
    return parsed


# --- decoding -------------------------------------------------------------------------


def _decode(data: bytes) -> _Content:
    """Decode every frame, strictly: a bad checksum or a broken record rejects the file."""
    content = _Content()
    declared_size: int | None = None
    complete_files = 0
    between_files = False
    with warnings.catch_warnings(record=True) as caught:
        # fitdecode warns (and falls back to raw bytes) on field sizes that are not a
        # multiple of their type, as COROS writes them; report those, raise on nothing.
        warnings.filterwarnings("always", module=r"fitdecode(\.|$)")
        try:
            for frame in _frames(data):
                between_files = False
                if isinstance(frame, fitdecode.FitDataMessage):
                    _collect(frame, content)
                elif isinstance(frame, fitdecode.FitHeader):
                    if declared_size is None:
                        declared_size = frame.header_size + frame.body_size + 2
                elif isinstance(frame, fitdecode.FitCRC):
                    complete_files += 1
                    between_files = True
        except Exception as exc:  # any failure of the decoder on these bytes = corrupt file
            if complete_files and between_files:
                content.warnings.append("ignored bytes after the end of the FIT data")
            else:
                raise FormatError(_reason(exc, len(data), declared_size)) from exc
    content.warnings.extend(_decoder_warnings(caught))
    return content


def _frames(data: bytes) -> Iterator[object]:
    reader = fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.RAISE,
        error_handling=fitdecode.ErrorHandling.WARN,
    )
    with reader:
        yield from reader


def _collect(frame: fitdecode.FitDataMessage, content: _Content) -> None:
    name = frame.name
    if name == "record":
        values = _native(frame)
        at = values.get("timestamp")
        if isinstance(at, datetime):
            altitude = values.get("enhanced_altitude", values.get("altitude"))
            content.records.append(
                _Record(
                    at,
                    finite(values.get("heart_rate")),
                    finite(values.get("distance")),
                    finite(altitude),
                )
            )
    elif name in _KEPT:
        content.messages.setdefault(name, []).append(_native(frame))


def _native(frame: fitdecode.FitDataMessage) -> Fields:
    """Native fields by name; developer fields never shadow them (a Stryd "Distance")."""
    values: Fields = {}
    for item in frame.fields:
        if item.value is None or isinstance(item.field_def, DevFieldDefinition):
            continue
        values.setdefault(item.name, item.value)
    return values


def _reason(exc: Exception, size: int, declared: int | None) -> str:
    short = declared - size if declared is not None and declared > size else 0
    cut = isinstance(exc, fitdecode.FitEOFError | fitdecode.FitHeaderError)
    if cut and short:
        return f"truncated FIT file ({size} bytes; its header declares {declared})"
    if cut and declared is None and size < _FULL_HEADER_BYTES:
        return f"truncated FIT file (it ends inside its header, after {size} bytes)"
    if isinstance(exc, fitdecode.FitEOFError):
        return "corrupt FIT file: a record runs past the end of the data"
    if isinstance(exc, fitdecode.FitCRCError):
        return "corrupt FIT file: checksum mismatch (the file was damaged)"
    if isinstance(exc, fitdecode.FitHeaderError):
        detail = f"bad header ({exc})"
    elif isinstance(exc, fitdecode.FitParseError):
        message = str(exc).split(": ", 1)[-1] if ": " in str(exc) else "unreadable record"
        detail = f"{message} at byte {exc.offset}"
    else:
        said = " ".join(str(exc).split())[:80]
        detail = f"unreadable data ({type(exc).__name__} in the decoder: {said or 'no detail'})"
    tail = f" (and the file is {short} bytes shorter than its header declares)" if short else ""
    return f"corrupt FIT file: {detail}{tail}"


def _decoder_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    odd_sizes = sum("invalid field size" in str(w.message) for w in caught)
    lines = [
        f"fitdecode: {str(w.message).split(';')[0]}"
        for w in caught
        if "invalid field size" not in str(w.message)
    ]
    if odd_sizes:
        lines.insert(
            0,
            f"{odd_sizes} field definitions have sizes that do not fit their type; "
            "those fields were read as raw bytes and ignored",
        )
    return lines


# --- sessions ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Window:
    """One session's summary and the time span its records fall in."""

    summary: Fields
    start: datetime
    end: datetime
    laps: tuple[Fields, ...]
    sport_hint: Fields


def _sessions(content: _Content, records: list[_Record], parsed: Parsed) -> list[_Window]:
    messages = content.messages
    laps = messages.get("lap", [])
    sports = messages.get("sport", [])
    summaries = [(start, s) for s in messages.get("session", []) if (start := _session_start(s))]
    if not summaries:
        if not records:
            return []
        parsed.warnings.append(f"no session summary; figures computed from {len(records)} records")
        synthetic: Fields = {"start_time": records[0].at}
        if laps:
            synthetic["sport"] = laps[0].get("sport")
            synthetic["sub_sport"] = laps[0].get("sub_sport")
        summaries = [(records[0].at, synthetic)]
    summaries.sort(key=lambda pair: pair[0])
    windows: list[_Window] = []
    for index, (start, summary) in enumerate(summaries):
        following = summaries[index + 1][0] if index + 1 < len(summaries) else None
        end = _end_of(summary, start, following, records)
        in_window = tuple(lap for lap in laps if _inside(_start_of(lap), start, end))
        hint = sports[index] if len(sports) == len(summaries) else (sports[0] if sports else {})
        windows.append(_Window(summary, start, end, in_window, hint))
    return windows


def _session_start(summary: Fields) -> datetime | None:
    """start_time, or (some writers omit it) the end timestamp minus the elapsed time."""
    start = _start_of(summary)
    end = summary.get("timestamp")
    elapsed = finite(summary.get("total_elapsed_time"))
    if start is None and isinstance(end, datetime) and elapsed is not None:
        return end - timedelta(seconds=elapsed)
    return start


def _start_of(message: Fields) -> datetime | None:
    start = message.get("start_time")
    return start if isinstance(start, datetime) else None


def _end_of(
    summary: Fields, start: datetime, following: datetime | None, records: list[_Record]
) -> datetime:
    elapsed = finite(summary.get("total_elapsed_time")) or finite(summary.get("total_timer_time"))
    if elapsed is not None:
        return start + timedelta(seconds=elapsed)
    if following is not None:
        return following
    return records[-1].at if records and records[-1].at > start else start


def _inside(at: datetime | None, start: datetime, end: datetime) -> bool:
    return at is not None and start <= at <= end


def _sets_by_session(sets: list[Fields], starts: list[datetime]) -> dict[int, list[Fields]]:
    """Each set goes to the session that had started when the set started."""
    grouped: dict[int, list[Fields]] = {}
    for item in sets:
        at = item.get("start_time", item.get("timestamp"))
        index = bisect.bisect_right(starts, at) - 1 if isinstance(at, datetime) else 0
        grouped.setdefault(max(index, 0), []).append(item)
    return grouped


def _activity(
    window: _Window,
    records: list[_Record],
    sets: tuple[StrengthSet, ...],
    context: ReadContext,
    parsed: Parsed,
) -> Activity:
    summary = window.summary
    times = [r.at for r in records]
    inside = records[
        bisect.bisect_left(times, window.start) : bisect.bisect_right(times, window.end)
    ]
    label = f"session at {window.start:%H:%M:%S}Z"

    sport_value = summary.get("sport", window.sport_hint.get("sport"))
    sub_value = summary.get("sub_sport", window.sport_hint.get("sub_sport"))
    sport = sport_from_fit(sport_value, sub_value)
    if not sport.known:
        guess = (
            f"{label}: the file names no sport; filed as other"
            if sport_value is None
            else f"{label}: sport {sport_value!r} filed as other"
        )
        parsed.sport_guesses[len(parsed.activities)] = guess
        parsed.warnings.append(guess)

    elapsed = finite(summary.get("total_elapsed_time"))
    if elapsed is None:
        elapsed = (window.end - window.start).total_seconds()
    moving = finite(summary.get("total_timer_time"))

    distance = finite(summary.get("total_distance"))
    if distance is None:
        lap_distances = [finite(lap.get("total_distance")) for lap in window.laps]
        if lap_distances and all(d is not None for d in lap_distances):
            distance = sum(d for d in lap_distances if d is not None)
        else:
            known = [r.distance_m for r in inside if r.distance_m is not None]
            distance = max(known) - min(known) if known else None

    avg_hr = finite(summary.get("avg_heart_rate"))
    max_hr = finite(summary.get("max_heart_rate"))
    if avg_hr is None or max_hr is None:
        computed = heart_rate(r.heart_rate for r in inside)
        if avg_hr is None and computed.avg is not None:
            parsed.warnings.append(
                f"{label}: average heart rate computed from {len(inside)} records"
            )
            avg_hr = round(computed.avg, 1)
        if max_hr is None:
            max_hr = computed.max

    gain = finite(summary.get("total_ascent"))
    if gain is None:
        gain = elevation_gain_m(r.altitude_m for r in inside)
    efforts = (
        record_efforts(((r.at - window.start).total_seconds(), r.distance_m) for r in inside)
        if sport.sport in RUN_SPORTS
        else ()
    )

    return Activity(
        start_utc=window.start,
        sport=sport.sport,
        sub_sport=sport.sub_sport,
        duration_s=elapsed,
        moving_s=moving,
        distance_m=distance,
        avg_hr=avg_hr,
        max_hr=max_hr,
        elevation_gain_m=gain,
        source="fit",
        source_file=context.name,
        file_sha256=context.sha256,
        sets=sets,
        efforts=efforts,
    )
