"""TCX (Garmin Training Center) activities, read with lxml."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from lxml import etree

from stridelift.adapters.importers.results import FormatError, Parsed, ReadContext
from stridelift.adapters.importers.samples import elevation_gain_m, heart_rate, record_efforts
from stridelift.adapters.importers.sniff import xml_error_reason
from stridelift.adapters.importers.sports import sport_from_word
from stridelift.domain.activity import RUN_SPORTS, Activity
from stridelift.domain.efforts import Effort

_ROOT = "TrainingCenterDatabase"


def read_tcx(data: bytes, context: ReadContext) -> Parsed:
    """Read a TCX file: one Activity per <Activity>, its figures summed over its laps.

    Moving time is the sum of the laps' TotalTimeSeconds and distance the sum of their
    DistanceMeters; elapsed time runs from the first lap's start to the later of the
    last trackpoint and the last lap's end.

    Raises:
        FormatError: broken XML, a wrong root element, unreadable values, no laps.
    """
    root = _parse(data)
    parsed = Parsed()
    for number, element in enumerate(root.iterfind("{*}Activities//{*}Activity"), start=1):
        activity = _activity(element, number, context, parsed)
        if activity is not None:
            parsed.activities.append(activity)
    if not parsed.activities:
        raise FormatError("no activity data (the TCX file has no activity with laps)")
    return parsed


def _parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise FormatError(xml_error_reason(exc, data)) from exc
    name = etree.QName(root).localname
    if name != _ROOT:
        raise FormatError(f"corrupt TCX file: the root element is <{name}>, not <{_ROOT}>")
    return root


def _activity(
    element: etree._Element, number: int, context: ReadContext, parsed: Parsed
) -> Activity | None:
    label = f"activity {number}"
    laps = element.findall("{*}Lap")
    if not laps:
        parsed.warnings.append(f"{label}: no laps; skipped")
        return None
    start = _time(laps[0].get("StartTime") or element.findtext("{*}Id"), label)
    moving = sum(_number(lap.findtext("{*}TotalTimeSeconds"), label) or 0.0 for lap in laps)
    points = element.findall("{*}Lap/{*}Track/{*}Trackpoint")
    point_times = [_time(p.findtext("{*}Time"), label) for p in points if p.findtext("{*}Time")]
    last_lap = laps[-1]
    last_lap_end = _time(last_lap.get("StartTime"), label) + timedelta(
        seconds=_number(last_lap.findtext("{*}TotalTimeSeconds"), label) or 0.0
    )
    end = max([last_lap_end, *point_times])
    # Elapsed time is never shorter than the timer time (rounding in lap totals can say so).
    elapsed = max((end - start).total_seconds(), moving)

    lap_distances = [_number(lap.findtext("{*}DistanceMeters"), label) for lap in laps]
    distance: float | None = sum(d for d in lap_distances if d is not None)
    if all(d is None for d in lap_distances):
        point_distances = [_number(p.findtext("{*}DistanceMeters"), label) for p in points]
        known = [d for d in point_distances if d is not None]
        distance = max(known) if known else None

    samples = [_number(p.findtext("{*}HeartRateBpm/{*}Value"), label) for p in points]
    hr = heart_rate(samples)
    avg_hr = hr.avg if hr.avg is not None else _lap_weighted_hr(laps, label)
    lap_max = [_number(lap.findtext("{*}MaximumHeartRateBpm/{*}Value"), label) for lap in laps]
    max_hr = max([m for m in [hr.max, *lap_max] if m is not None], default=None)

    sport_text = element.get("Sport")
    sport = sport_from_word(sport_text or "other")
    if sport_text and not sport.known:
        parsed.warnings.append(f"{label}: sport {sport_text!r} filed as other")
    notes = (element.findtext("{*}Notes") or "").strip() or None
    efforts: tuple[Effort, ...] = ()
    if sport.sport in RUN_SPORTS:
        efforts = record_efforts(
            (
                (_time(p.findtext("{*}Time"), label) - start).total_seconds()
                if p.findtext("{*}Time")
                else None,
                _number(p.findtext("{*}DistanceMeters"), label),
            )
            for p in points
        )
    return Activity(
        start_utc=start,
        sport=sport.sport,
        sub_sport=sport.sub_sport,
        duration_s=elapsed,
        moving_s=moving,
        distance_m=distance,
        avg_hr=round(avg_hr, 1) if avg_hr is not None else None,
        max_hr=max_hr,
        elevation_gain_m=elevation_gain_m(
            _number(p.findtext("{*}AltitudeMeters"), label) for p in points
        ),
        notes=notes,
        source="tcx",
        source_file=context.name,
        file_sha256=context.sha256,
        efforts=efforts,
    )


def _lap_weighted_hr(laps: list[etree._Element], label: str) -> float | None:
    total = weight = 0.0
    for lap in laps:
        average = _number(lap.findtext("{*}AverageHeartRateBpm/{*}Value"), label)
        seconds = _number(lap.findtext("{*}TotalTimeSeconds"), label)
        if average is not None and seconds:
            total += average * seconds
            weight += seconds
    return total / weight if weight else None


def _time(text: str | None, label: str) -> datetime:
    if not text:
        raise FormatError(f"corrupt TCX file: {label} has a lap without a start time")
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise FormatError(f"corrupt TCX file: {label} has an unreadable time {text!r}") from exc
    # TCX times are UTC by the schema; one without a zone is read as UTC.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _number(text: str | None, label: str) -> float | None:
    if text is None or not text.strip():
        return None
    try:
        value = float(text)
    except ValueError as exc:
        raise FormatError(f"corrupt TCX file: {label} has a non-number {text.strip()!r}") from exc
    # Beyond a billion (seconds, metres, bpm) a value is damage, and would overflow dates.
    if not math.isfinite(value) or abs(value) > 1e9:
        raise FormatError(f"corrupt TCX file: {label} has an impossible value {text.strip()!r}")
    return value
