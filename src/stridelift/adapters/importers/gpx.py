"""GPX tracks (Strava, Garmin Connect, Apple Watch exports) read with gpxpy."""

from __future__ import annotations

import math
from datetime import UTC, datetime

import gpxpy
import gpxpy.gpx
from lxml import etree

from stridelift.adapters.importers.results import FormatError, Parsed, ReadContext
from stridelift.adapters.importers.samples import elevation_gain_m, heart_rate, record_efforts
from stridelift.adapters.importers.sniff import xml_error_reason
from stridelift.adapters.importers.sports import SportName, sport_from_word
from stridelift.domain.activity import RUN_SPORTS, Activity
from stridelift.domain.efforts import Effort

_POINT_TAGS = ("trkpt", "rtept", "wpt")
_DEFAULT_SPORT = SportName("running")


def read_gpx(data: bytes, context: ReadContext) -> Parsed:
    """Read a GPX file: one Activity per track that has timed points.

    Start is the first trackpoint's time (not the metadata time, which is often when
    the file was written); duration is last minus first point; moving time is the sum
    over segments (a paused watch starts a new segment); distance is gpxpy's 2D length.

    Raises:
        FormatError: broken XML, unreadable values, or no timed track points.
    """
    document = _parse(data)
    _check_coordinates(document)
    parsed = Parsed()
    for number, track in enumerate(document.tracks, start=1):
        activity = _activity(track, number, document, context, parsed)
        if activity is not None:
            parsed.activities.append(activity)
    if not parsed.activities:
        raise FormatError(
            "no activity data (the GPX file has no track points with times; "
            "a planned route or waypoints cannot be logged)"
        )
    return parsed


def _parse(data: bytes) -> gpxpy.gpx.GPX:
    try:
        return gpxpy.parse(data)
    except UnicodeDecodeError as exc:
        raise FormatError("corrupt GPX file: the text is not valid UTF-8") from exc
    except gpxpy.gpx.GPXXMLSyntaxException as exc:
        original = exc.__cause__
        if isinstance(original, etree.XMLSyntaxError):
            raise FormatError(xml_error_reason(original, data)) from exc
        raise FormatError(f"corrupt XML ({original})") from exc
    except gpxpy.gpx.GPXException as exc:
        bad = _first_bad_coordinate(data)
        if bad is not None:
            raise FormatError(bad) from exc
        raise FormatError(f"corrupt GPX file: {_plain(str(exc))}") from exc
    except ValueError as exc:  # lxml refuses a damaged xmlns URI while gpxpy registers it
        raise FormatError(f"corrupt GPX file: {_plain(str(exc))}") from exc


def _first_bad_coordinate(data: bytes) -> str | None:
    """Describe the first point whose lat or lon is not a number, reading the XML directly."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = etree.QName(element).localname
        if tag not in _POINT_TAGS:
            continue
        for attribute in ("lat", "lon"):
            value = element.get(attribute)
            if value is None or not _is_number(value):
                return (
                    f"invalid coordinates: {attribute} {value!r} "
                    f"({tag} at line {element.sourceline})"
                )
    return None


def _is_number(text: str) -> bool:
    try:
        return math.isfinite(float(text))
    except ValueError:
        return False


def _check_coordinates(document: gpxpy.gpx.GPX) -> None:
    for track in document.tracks:
        for segment in track.segments:
            for point in segment.points:
                if not (-90 <= point.latitude <= 90 and -180 <= point.longitude <= 180):
                    raise FormatError(
                        f"invalid coordinates: lat {point.latitude} lon {point.longitude} "
                        "(outside the globe)"
                    )


def _activity(
    track: gpxpy.gpx.GPXTrack,
    number: int,
    document: gpxpy.gpx.GPX,
    context: ReadContext,
    parsed: Parsed,
) -> Activity | None:
    label = f"track {number}"
    segments = [[p for p in segment.points if p.time is not None] for segment in track.segments]
    timed = [p for points in segments for p in points]
    if not timed:
        return None
    times = [_utc(p.time) for p in timed if p.time is not None]
    start, end = min(times), max(times)
    moving = sum(
        (_utc(points[-1].time) - _utc(points[0].time)).total_seconds()
        for points in segments
        if points and points[0].time is not None and points[-1].time is not None
    )
    if track.type:
        sport = sport_from_word(track.type)
        guess = f"{label}: sport {track.type!r} filed as other"
    else:
        sport = _DEFAULT_SPORT
        guess = f"{label}: the file names no sport; assumed running"
    if not track.type or not sport.known:
        parsed.sport_guesses[len(parsed.activities)] = guess
        parsed.warnings.append(guess)
    hr = heart_rate(_extension_number(p, "hr") for p in timed)
    efforts = _efforts(segments, start) if sport.sport in RUN_SPORTS else ()
    return Activity(
        start_utc=start,
        sport=sport.sport,
        sub_sport=sport.sub_sport,
        duration_s=(end - start).total_seconds(),
        moving_s=moving,
        distance_m=track.length_2d(),
        avg_hr=round(hr.avg, 1) if hr.avg is not None else None,
        max_hr=hr.max,
        elevation_gain_m=elevation_gain_m(p.elevation for p in timed),
        name=(track.name or document.name or None),
        source="gpx",
        source_file=context.name,
        file_sha256=context.sha256,
        efforts=efforts,
    )


def _efforts(segments: list[list[gpxpy.gpx.GPXTrackPoint]], start: datetime) -> tuple[Effort, ...]:
    """Best efforts from the timed points: 2D distance summed inside each segment (as
    ``length_2d`` sums it; the gap of a pause adds no distance, its time counts)."""
    points: list[tuple[float | None, float | None]] = []
    metres = 0.0
    for segment in segments:
        for before, point in zip([None, *segment[:-1]], segment, strict=True):
            if before is not None:
                metres += point.distance_2d(before) or 0.0
            points.append(((_utc(point.time) - start).total_seconds(), metres))
    return record_efforts(points)


def _utc(moment: datetime | None) -> datetime:
    """GPX times are UTC by the standard; a time without a zone is read as UTC."""
    if moment is None:  # pragma: no cover - callers filter untimed points
        raise FormatError("corrupt GPX file: a track point lost its time")
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _extension_number(point: gpxpy.gpx.GPXTrackPoint, name: str) -> float | None:
    """A number from a point's extensions by local name (gpxtpx:hr, ns3:hr...)."""
    for extension in point.extensions:
        for element in extension.iter():
            tag = element.tag
            if isinstance(tag, str) and tag.rsplit("}", 1)[-1] == name and element.text:
                try:
                    return float(element.text)
                except ValueError:
                    return None
    return None


def _plain(message: str) -> str:
    return message.replace("<None>...", "value").strip()
