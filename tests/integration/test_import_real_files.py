"""Every shared activity file, read by the importer and checked against a second reader.

FIT files are cross-checked with Garmin's own SDK decoder; GPX and TCX files with lxml
directly (first/last times, summed laps, haversine distance); the Strava index with the
csv module. The expected behaviours come from data/activities/SOURCES.md.
"""

from __future__ import annotations

import csv
import itertools
import math
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import pytest
from garmin_fit_sdk import Decoder, Stream
from lxml import etree

from stridelift.adapters.importers import FileImport, ImportFileError, read_file
from stridelift.domain.activity import SPORTS

# Every file in the shared folder and how SOURCES.md says it must behave.
FIT_FILES = (
    "garmin-fenix-5-run.fit",
    "activity-small-fenix2-run.fit",
    "bloemendaal.fit",
    "developer-types-sample.fit",
    "treadmill.fit",
    "20748058539_ACTIVITY.fit",
    "20555050352_ACTIVITY.fit",
    "coros-pace-2-cycling-misaligned-fields.fit",
)
GPX_FILES = ("run.gpx", "Friday-Evening-Run.gpx", "20170319_run_906581465.gpx")
TCX_FILES = ("test.tcx", "garmin_connect.tcx", "sup_activity_1.tcx")
REJECTED = {
    "fit/strava-android-app-201.10-b1218918.fit": "corrupt FIT file: local message 11 not defined",
    "gpx/bad.gpx": "invalid coordinates: lat 'undefined'",
    "gpx/garminBaseCampExport-truncated.gpx": "truncated XML (premature end of data in tag wpt)",
    "tcx/malformed.tcx": "corrupt XML (namespace prefix xsi",
}
STRAVA_INDEX = "strava_export/activities.csv"

# What a FIT sport/sub_sport pair means in the logbook, written out independently of
# the importer's own tables.
FIT_SPORT_MEANING = {
    ("running", None): "running",
    ("running", "generic"): "running",
    ("running", "trail"): "running",
    ("running", "treadmill"): "running",
    ("cycling", None): "cycling",
    ("training", "strength_training"): "strength_training",
}
GPX = "{http://www.topografix.com/GPX/1/1}"


def _known_files() -> set[str]:
    return (
        {f"fit/{n}" for n in FIT_FILES}
        | {f"gpx/{n}" for n in GPX_FILES}
        | {f"tcx/{n}" for n in TCX_FILES}
        | set(REJECTED)
        | {STRAVA_INDEX}
    )


def test_every_shared_activity_file_has_an_expectation(activities_dir: Path) -> None:
    on_disk = {
        p.relative_to(activities_dir).as_posix()
        for p in activities_dir.rglob("*")
        if p.is_file() and p.name != "SOURCES.md"
    }
    assert on_disk == _known_files()


# --- FIT, against garmin-fit-sdk -------------------------------------------------------


def _sdk_messages(path: Path) -> dict[str, list[dict[str, Any]]]:
    decoder = Decoder(Stream.from_byte_array(bytearray(path.read_bytes())))
    messages, errors = decoder.read(convert_datetimes_to_dates=True)
    assert errors == []
    return cast(dict[str, list[dict[str, Any]]], messages)


@pytest.mark.parametrize("name", FIT_FILES)
def test_fit_sessions_match_the_garmin_sdk(activities_dir: Path, name: str) -> None:
    path = activities_dir / "fit" / name
    sdk = _sdk_messages(path)
    sessions = sorted(sdk["session_mesgs"], key=lambda s: s["start_time"])
    result = read_file(path)

    assert result.format == "fit"
    assert len(result.activities) == len(sessions)
    for activity, session in zip(result.activities, sessions, strict=True):
        assert activity.start_utc == session["start_time"]
        assert activity.start_utc.utcoffset() is not None
        assert activity.sport == FIT_SPORT_MEANING[(session["sport"], session.get("sub_sport"))]
        assert activity.sub_sport == session.get("sub_sport")
        assert activity.distance_m == pytest.approx(session["total_distance"])
        assert activity.duration_s == pytest.approx(session["total_elapsed_time"])
        assert activity.moving_s == pytest.approx(session["total_timer_time"])
        assert activity.source == "fit"
        assert activity.source_file == str(path)
        assert activity.file_sha256 == result.sha256


@pytest.mark.parametrize("name", FIT_FILES)
def test_fit_average_heart_rate_is_the_sessions_or_the_records_mean(
    activities_dir: Path, name: str
) -> None:
    path = activities_dir / "fit" / name
    sdk = _sdk_messages(path)
    sessions = sorted(sdk["session_mesgs"], key=lambda s: s["start_time"])
    records = sdk.get("record_mesgs", [])
    result = read_file(path)

    for activity, session in zip(result.activities, sessions, strict=True):
        if session.get("avg_heart_rate") is not None:
            assert activity.avg_hr == session["avg_heart_rate"]
            continue
        start = session["start_time"]
        assert isinstance(start, datetime)
        end = start.timestamp() + float(session["total_elapsed_time"])
        beats = [
            r["heart_rate"]
            for r in records
            if r.get("heart_rate") and start.timestamp() <= r["timestamp"].timestamp() <= end
        ]
        assert activity.avg_hr == pytest.approx(sum(beats) / len(beats), abs=0.05)


def test_fenix2_average_heart_rate_is_computed_from_its_records(activities_dir: Path) -> None:
    result = read_file(activities_dir / "fit" / "activity-small-fenix2-run.fit")
    (run,) = result.activities
    assert run.start_utc == datetime(2015, 8, 15, 14, 45, 8, tzinfo=UTC)
    assert run.avg_hr is not None and 100 < run.avg_hr < 200
    assert run.sub_sport is None
    assert any("average heart rate computed from" in w for w in result.warnings)


def test_multisport_file_gives_strength_run_strength_never_one_long_activity(
    activities_dir: Path,
) -> None:
    result = read_file(activities_dir / "fit" / "20555050352_ACTIVITY.fit")
    sports = [a.sport for a in result.activities]
    assert sports == ["strength_training", "running", "strength_training"]
    run = result.activities[1]
    assert run.is_run
    assert run.distance_m == pytest.approx(1065.49)
    assert run.duration_s == pytest.approx(1282.457)
    assert run.avg_hr == 103
    assert all(a.duration_s < 3052 for a in result.activities)
    assert [len(a.sets) for a in result.activities] == [4, 0, 16]


def test_strength_file_keeps_its_fourteen_active_sets(activities_dir: Path) -> None:
    path = activities_dir / "fit" / "20748058539_ACTIVITY.fit"
    sdk_sets = [s for s in _sdk_messages(path)["set_mesgs"] if s.get("set_type") == "active"]
    (workout,) = read_file(path).activities

    assert workout.sport == "strength_training"
    assert not workout.is_run
    assert len(workout.sets) == len(sdk_sets) == 14
    assert [s.reps for s in workout.sets] == [s["repetitions"] for s in sdk_sets]
    assert sorted(s.load_kg for s in workout.sets if s.load_kg) == [14.0] * 5
    assert all(s.duration_s and s.duration_s > 0 for s in workout.sets)
    assert all(s.source_name for s in workout.sets)


def test_treadmill_run_without_gps_keeps_its_footpod_distance(activities_dir: Path) -> None:
    (run,) = read_file(activities_dir / "fit" / "treadmill.fit").activities
    assert (run.sport, run.sub_sport) == ("running", "treadmill")
    assert run.distance_m == pytest.approx(10630.37)
    assert run.moving_s == pytest.approx(3097.789)
    assert run.avg_hr == 145


@pytest.mark.parametrize("name", ["bloemendaal.fit", "developer-types-sample.fit"])
def test_developer_fields_never_shadow_native_distance(activities_dir: Path, name: str) -> None:
    documented = {"bloemendaal.fit": 6458.0, "developer-types-sample.fit": 6753.99}
    result = read_file(activities_dir / "fit" / name)
    (run,) = result.activities
    assert run.is_run
    assert run.distance_m == pytest.approx(documented[name])


def test_coros_ride_with_odd_field_sizes_imports_as_cycling_with_a_warning(
    activities_dir: Path,
) -> None:
    result = read_file(activities_dir / "fit" / "coros-pace-2-cycling-misaligned-fields.fit")
    (ride,) = result.activities
    assert ride.sport == "cycling"
    assert not ride.is_run
    assert ride.elevation_gain_m == 938
    assert any("sizes that do not fit their type" in w for w in result.warnings)


# --- GPX, against lxml -------------------------------------------------------------------


def _haversine_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371008.8 * math.asin(math.sqrt(h))


def _iso(text: str) -> datetime:
    return datetime.fromisoformat(text.strip()).astimezone(UTC)


@pytest.mark.parametrize("name", GPX_FILES)
def test_gpx_tracks_match_lxml(activities_dir: Path, name: str) -> None:
    path = activities_dir / "gpx" / name
    tree = etree.parse(str(path))
    (track,) = tree.getroot().iterfind(f"{GPX}trk")
    segments = [
        [
            ((float(p.get("lat")), float(p.get("lon"))), _iso(p.findtext(f"{GPX}time")))
            for p in segment.iterfind(f"{GPX}trkpt")
        ]
        for segment in track.iterfind(f"{GPX}trkseg")
    ]
    points = [p for segment in segments for p in segment]
    distance = sum(_haversine_m(a[0], b[0]) for seg in segments for a, b in itertools.pairwise(seg))
    moving = sum((seg[-1][1] - seg[0][1]).total_seconds() for seg in segments if seg)

    (activity,) = read_file(path).activities
    assert activity.start_utc == points[0][1]
    assert activity.duration_s == pytest.approx((points[-1][1] - points[0][1]).total_seconds())
    assert activity.moving_s == pytest.approx(moving)
    assert activity.distance_m == pytest.approx(distance, rel=0.005)
    assert activity.sport == "running"
    assert activity.source == "gpx"


def test_gpx_start_is_the_first_trackpoint_not_the_metadata_time(activities_dir: Path) -> None:
    result = read_file(activities_dir / "gpx" / "run.gpx")
    (run,) = result.activities
    assert run.start_utc == datetime(2012, 10, 24, 23, 29, 40, tzinfo=UTC)
    assert run.duration_s == 948
    assert run.distance_m == pytest.approx(3100, rel=0.01)
    assert "track 1: the file names no sport; assumed running" in result.warnings


def test_strava_gpx_numeric_type_nine_is_a_run_and_the_name_is_unescaped(
    activities_dir: Path,
) -> None:
    (run,) = read_file(activities_dir / "gpx" / "20170319_run_906581465.gpx").activities
    assert run.sport == "running"
    assert run.name == "Run avec Nico & Mag"
    assert run.start_utc == datetime(2017, 3, 19, 16, 49, 30, tzinfo=UTC)
    assert run.duration_s == 1958
    assert run.avg_hr is not None and run.max_hr is not None


def test_paused_apple_watch_run_keeps_elapsed_and_moving_time_apart(activities_dir: Path) -> None:
    (run,) = read_file(activities_dir / "gpx" / "Friday-Evening-Run.gpx").activities
    assert run.moving_s == pytest.approx(35.503)
    assert run.duration_s == pytest.approx(2569.308)
    assert run.distance_m == pytest.approx(88, abs=1)


# --- TCX, against lxml --------------------------------------------------------------------


@pytest.mark.parametrize("name", TCX_FILES)
def test_tcx_laps_sum_like_lxml_says(activities_dir: Path, name: str) -> None:
    path = activities_dir / "tcx" / name
    root = etree.parse(str(path)).getroot()
    (element,) = root.iterfind(".//{*}Activity")
    laps = element.findall("{*}Lap")
    lap_seconds = sum(float(lap.findtext("{*}TotalTimeSeconds")) for lap in laps)
    lap_metres = sum(float(lap.findtext("{*}DistanceMeters")) for lap in laps)
    times = [_iso(t.text) for t in element.iterfind(".//{*}Trackpoint/{*}Time")]
    start = _iso(laps[0].get("StartTime"))
    meaning = {"Running": "running", "Biking": "cycling", "Other": "other"}

    (activity,) = read_file(path).activities
    assert activity.start_utc == start
    assert activity.sport == meaning[element.get("Sport")]
    assert activity.moving_s == pytest.approx(lap_seconds)
    assert activity.distance_m == pytest.approx(lap_metres)
    last_lap_end = _iso(laps[-1].get("StartTime")).timestamp() + float(
        laps[-1].findtext("{*}TotalTimeSeconds")
    )
    end = max(times[-1].timestamp(), last_lap_end)
    assert activity.duration_s == pytest.approx(max(end - start.timestamp(), lap_seconds))
    assert activity.source == "tcx"


def test_forerunner_tcx_matches_its_documented_totals(activities_dir: Path) -> None:
    (run,) = read_file(activities_dir / "tcx" / "test.tcx").activities
    assert run.distance_m == pytest.approx(4689.2, abs=0.1)
    assert run.moving_s == pytest.approx(1992.8, abs=0.1)
    assert run.avg_hr == pytest.approx(156.7, abs=0.05)


def test_stand_up_paddling_tcx_with_sport_other_is_never_a_run(activities_dir: Path) -> None:
    (paddle,) = read_file(activities_dir / "tcx" / "sup_activity_1.tcx").activities
    assert paddle.sport == "other"
    assert not paddle.is_run
    assert paddle.distance_m == pytest.approx(1157.5, abs=0.1)


# --- the Strava index, against the csv module ----------------------------------------------


def test_strava_activities_csv_alone_gives_one_summary_per_row(activities_dir: Path) -> None:
    path = activities_dir / STRAVA_INDEX
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    kinds = Counter(row[header.index("Activity Type")] for row in body)

    result: FileImport = read_file(path)
    assert result.format == "strava_csv"
    assert len(result.activities) == len(body) == 1587
    sports = Counter(a.sport for a in result.activities)
    assert sports["running"] == kinds["Run"] == 594
    assert sports["cycling"] == kinds["Ride"]
    assert sports["hiking"] == kinds["Hike"] + kinds["Snowshoe"]
    assert sports["skiing"] == kinds["Nordic Ski"] + kinds["Alpine Ski"]
    assert sports["paddling"] == kinds["Canoe"]
    assert sports["other"] == kinds["Sail"]
    assert set(sports) <= set(SPORTS)
    first = result.activities[0]
    assert first.start_utc == datetime(2014, 10, 5, 16, 15, 21, tzinfo=UTC)
    assert first.name == body[0][header.index("Activity Name")]
    assert first.source == "strava"


def test_strava_distance_comes_from_the_metres_column_not_the_display_one(
    activities_dir: Path,
) -> None:
    path = activities_dir / STRAVA_INDEX
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    first_distance = rows[0].index("Distance")
    kind = rows[0].index("Activity Type")
    result = read_file(path)
    for row, activity in zip(rows[1:], result.activities, strict=True):
        if not row[first_distance]:
            continue
        assert activity.distance_m is not None
        if row[kind] == "Sail":
            # For sailing the first Distance column is in nautical miles, one decimal.
            assert activity.distance_m / 1852 == pytest.approx(float(row[first_distance]), abs=0.1)
        else:
            # Elsewhere it is km with 2 decimals, not always rounded from the metres
            # (13609.2 m is written 13.61, 32457.4 m is written 32.45): within 10 m.
            assert activity.distance_m == pytest.approx(float(row[first_distance]) * 1000, abs=10)


# --- rejected files -------------------------------------------------------------------------


@pytest.mark.parametrize("relative", sorted(REJECTED))
def test_corrupt_files_are_rejected_with_one_line_naming_the_file(
    activities_dir: Path, relative: str
) -> None:
    path = activities_dir / relative
    with pytest.raises(ImportFileError) as caught:
        read_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert REJECTED[relative] in message
    assert "\n" not in message
    assert caught.value.path == str(path)
