"""Strava bulk exports (folder and zip) and plain folders, built in tmp_path.

The CSV rows are our own, written with Strava's real header quirks (repeated column
names, quoted "Oct 5, 2014, 4:15:21 PM" dates, a trailing Media column); the activity
files are the shared ones, some gzipped, under names that are not their Activity IDs.
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from stridelift.adapters.importers import (
    FileImport,
    ImportFileError,
    ImportSource,
    expand,
    read_source,
)

HEADER = [
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
    "Elapsed Time", "Distance", "Max Heart Rate", "Relative Effort", "Commute",
    "Activity Private Note", "Activity Gear", "Filename", "Athlete Weight", "Bike Weight",
    "Elapsed Time", "Moving Time", "Distance", "Max Speed", "Average Speed", "Elevation Gain",
    "Max Heart Rate", "Average Heart Rate", "Relative Effort", "Commute", "Media",
]  # fmt: skip


def _row(
    activity_id: str, date: str, name: str, kind: str, filename: str, km: str = "", m: str = ""
) -> list[str]:
    cells = dict.fromkeys(range(len(HEADER)), "")
    cells.update({0: activity_id, 1: date, 2: name, 3: kind, 6: km, 9: "false", 12: filename})
    cells.update({17: m, 24: "false"})
    return [cells[i] for i in range(len(HEADER))]


ROWS = [
    _row("111", "Feb 2, 2020, 11:19:33 AM", "Treadmill tempo", "Run", "activities/9001.fit.gz"),
    _row("333", "Oct 24, 2012, 11:29:40 PM", "Hill walk & talk", "Hike", "activities/333.gpx"),
    _row("444", "Jul 16, 2022, 4:08:25 PM", "Lake paddle", "Stand Up Paddling",
         "activities/444.tcx.gz"),
    _row("555", "Oct 1, 2025, 9:10:26 AM", "Gym and a run", "Weight Training",
         "activities/555.fit"),
    _row("666", "Mar 3, 2021, 7:00:00 AM", "Phone upload", "Ride", "activities/666.bin.gz"),
    _row("777", "Apr 4, 2021, 6:30:00 PM", "Lost file", "Run", "activities/777.gpx"),
    _row("888", "May 5, 2021, 12:15:00 PM", "Pool swim", "Swim", "", "1.50", "1500.0"),
]  # fmt: skip


def _csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _export_files(activities_dir: Path) -> dict[str, bytes]:
    """Relative path -> content, as a Strava export would hold them."""

    def shared(relative: str) -> bytes:
        return (activities_dir / relative).read_bytes()

    return {
        "activities.csv": _csv_bytes(ROWS),
        "profile.csv": b"Athlete ID,Email Address\n1,someone@example.org\n",
        "activities/9001.fit.gz": gzip.compress(shared("fit/treadmill.fit")),
        "activities/333.gpx": shared("gpx/run.gpx"),
        "activities/444.tcx.gz": gzip.compress(shared("tcx/sup_activity_1.tcx")),
        "activities/555.fit": shared("fit/20555050352_ACTIVITY.fit"),
        "activities/666.bin.gz": gzip.compress(bytes(range(200, 256)) * 50),
        "activities/999.gpx": shared("gpx/Friday-Evening-Run.gpx"),
        "activities/.DS_Store": b"\x00\x00\x00\x01Bud1",
    }


def _folder_export(root: Path, files: dict[str, bytes]) -> Path:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


def _zip_export(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for relative, content in files.items():
            archive.writestr(relative, content)
    return path


@pytest.fixture(params=["folder", "zip"])
def export(request: pytest.FixtureRequest, activities_dir: Path, tmp_path: Path) -> Path:
    files = _export_files(activities_dir)
    if request.param == "folder":
        return _folder_export(tmp_path / "export_12345", files)
    return _zip_export(tmp_path / "export_12345.zip", files)


def _name(export: Path, member: str) -> str:
    if export.suffix == ".zip":
        return f"{export}:{member}"
    return str(export.joinpath(*member.split("/")))


def _read_all(sources: list[ImportSource]) -> tuple[dict[str, FileImport], dict[str, str]]:
    results: dict[str, FileImport] = {}
    failures: dict[str, str] = {}
    for source in sources:
        try:
            results[source.name] = read_source(source)
        except ImportFileError as exc:
            failures[exc.path] = exc.reason
    return results, failures


def test_export_sources_follow_the_filename_column_with_their_labels(export: Path) -> None:
    sources, errors = expand([export])

    by_name = {s.name: s for s in sources}
    treadmill = by_name[_name(export, "activities/9001.fit.gz")]
    assert treadmill.label is not None
    assert treadmill.label.activity_id == "111"
    assert treadmill.label.name == "Treadmill tempo"
    assert treadmill.label.start == datetime(2020, 2, 2, 11, 19, 33, tzinfo=UTC)
    assert by_name[_name(export, "activities/999.gpx")].label is None  # not in the CSV
    assert not any(".DS_Store" in name or "profile.csv" in name for name in by_name)
    assert [(e.path, e.reason) for e in errors] == [
        (
            _name(export, "activities/777.gpx"),
            "listed in activities.csv (activity 777) but not in the export",
        )
    ]


def test_export_files_import_with_stravas_names_and_sports(export: Path) -> None:
    sources, _errors = expand([export])
    results, failures = _read_all(sources)

    treadmill = results[_name(export, "activities/9001.fit.gz")]
    (run,) = treadmill.activities
    assert (run.name, run.sport, run.sub_sport) == ("Treadmill tempo", "running", "treadmill")
    assert run.distance_m == pytest.approx(10630.37)

    hike_file = results[_name(export, "activities/333.gpx")]
    (hike,) = hike_file.activities
    assert (hike.name, hike.sport) == ("Hill walk & talk", "hiking")
    assert not any("assumed running" in w for w in hike_file.warnings)

    (paddle,) = results[_name(export, "activities/444.tcx.gz")].activities
    assert (paddle.sport, paddle.sub_sport) == ("paddling", "stand_up")

    multisport = results[_name(export, "activities/555.fit")]
    assert [a.sport for a in multisport.activities] == [
        "strength_training",
        "running",
        "strength_training",
    ]
    assert {a.name for a in multisport.activities} == {"Gym and a run"}
    assert any("each session keeps its own sport" in w for w in multisport.warnings)

    (unlisted,) = results[_name(export, "activities/999.gpx")].activities
    assert (unlisted.name, unlisted.sport) == ("Friday Evening Run", "running")

    assert failures == {
        _name(export, "activities/666.bin.gz"): "not an activity file (unrecognized binary data)"
    }


def test_export_rows_without_a_file_become_summary_activities(export: Path) -> None:
    sources, _errors = expand([export])
    (summary,) = [s for s in sources if s.name.endswith("(activities without a file)")]

    result = read_source(summary)
    assert result.format == "strava_csv"
    (swim,) = result.activities
    assert (swim.name, swim.sport, swim.source) == ("Pool swim", "swimming", "strava")
    assert swim.start_utc == datetime(2021, 5, 5, 12, 15, tzinfo=UTC)
    assert swim.distance_m == 1500.0
    assert result.warnings == ()


def test_a_folder_holding_an_unzipped_export_is_recognised_inside_a_bigger_folder(
    activities_dir: Path, tmp_path: Path
) -> None:
    _folder_export(tmp_path / "downloads" / "export_1", _export_files(activities_dir))
    (tmp_path / "downloads" / "loose.tcx").write_bytes(
        (activities_dir / "tcx" / "test.tcx").read_bytes()
    )
    sources, errors = expand([tmp_path / "downloads"])
    labelled = [s for s in sources if s.label is not None]
    assert len(labelled) == 5
    assert str(tmp_path / "downloads" / "loose.tcx") in {s.name for s in sources}
    assert len(errors) == 1


def test_a_zipped_export_inside_one_top_folder_is_still_an_export(
    activities_dir: Path, tmp_path: Path
) -> None:
    files = {f"export_1/{k}": v for k, v in _export_files(activities_dir).items()}
    archive = _zip_export(tmp_path / "export.zip", files)
    sources, errors = expand([archive])
    assert sum(s.label is not None for s in sources) == 5
    assert errors[0].path == f"{archive}:export_1/activities/777.gpx"


def test_a_plain_folder_is_walked_sorted_and_recursively_without_hidden_files(
    activities_dir: Path, tmp_path: Path
) -> None:
    fit = (activities_dir / "fit" / "garmin-fenix-5-run.fit").read_bytes()
    for relative in ("b/2.fit", "a/1.fit", "a/.hidden.fit", ".cache/3.fit", "c.fit"):
        path = tmp_path / "in" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(fit)

    sources, errors = expand([tmp_path / "in"])
    assert [Path(s.name).relative_to(tmp_path / "in").as_posix() for s in sources] == [
        "a/1.fit",
        "b/2.fit",
        "c.fit",
    ]
    assert errors == []


def test_a_plain_zip_of_activity_files_gives_one_source_per_member(
    activities_dir: Path, tmp_path: Path
) -> None:
    archive = _zip_export(
        tmp_path / "runs.zip",
        {
            "runs/run.gpx": (activities_dir / "gpx" / "run.gpx").read_bytes(),
            "runs/test.tcx": (activities_dir / "tcx" / "test.tcx").read_bytes(),
            "__MACOSX/runs/._run.gpx": b"\x00\x05\x16\x07",
        },
    )
    sources, errors = expand([archive])
    assert [s.name for s in sources] == [f"{archive}:runs/run.gpx", f"{archive}:runs/test.tcx"]
    assert [read_source(s).format for s in sources] == ["gpx", "tcx"]
    assert errors == []


def test_missing_paths_and_corrupt_zips_are_errors_not_exceptions(tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 30)
    sources, errors = expand([tmp_path / "nowhere", broken])
    assert sources == []
    assert [e.path for e in errors] == [str(tmp_path / "nowhere"), str(broken)]
    assert errors[0].reason == "no such file or folder"
    assert errors[1].reason.startswith("corrupt ZIP archive")


def test_a_filename_escaping_the_export_is_refused(activities_dir: Path, tmp_path: Path) -> None:
    files = _export_files(activities_dir)
    files["activities.csv"] = _csv_bytes(
        [_row("1", "Oct 5, 2014, 4:15:21 PM", "Sneaky", "Run", "../../etc/passwd")]
    )
    sources, errors = expand([_folder_export(tmp_path / "export", files)])
    assert [e.reason for e in errors] == [
        "activity 1 names a file outside the export: '../../etc/passwd'"
    ]
    assert all(s.label is None for s in sources)
