"""The import service: duplicates, cross-training, failures, lifting exports, real files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from stridelift.adapters.importers.errors import ImportFileError
from stridelift.adapters.importers.results import FileImport
from stridelift.adapters.store.engine import Store
from stridelift.domain.activity import Activity, LiftSession, StrengthSet
from stridelift.methodologies import load_library
from stridelift.services import athletes
from stridelift.services.imports import ImportReport, import_files
from tests.integration import test_store_fixtures as fixtures

# The shared fixtures, made visible to pytest in this module.
database_url = fixtures.database_url
postgres_url = fixtures.postgres_url
sqlite_url = fixtures.sqlite_url
store = fixtures.store

START = datetime(2026, 11, 15, 7, 0, tzinfo=UTC)


def _run(start: datetime = START, sport: str = "running", **extra: object) -> Activity:
    return Activity(start_utc=start, sport=sport, duration_s=1800, source="fit", **extra)  # type: ignore[arg-type]


def _file(name: str, *activities: Activity, lifts: Sequence[LiftSession] = (),
          sha: str | None = None, unmapped: tuple[str, ...] = ()) -> FileImport:  # fmt: skip
    return FileImport(path=name, sha256=sha or name.ljust(64, "0")[:64], format="fit",
                      activities=activities, lift_sessions=tuple(lifts), warnings=(),
                      unmapped_exercises=unmapped)  # fmt: skip


@dataclass
class FakeImporters:
    """Readers that hand back prepared results (or errors) by file name."""

    files: dict[str, FileImport | Exception]
    missing: tuple[str, ...] = ()
    read: list[str] = field(default_factory=list)

    def expand(self, paths: Sequence[Path]) -> tuple[list[str], list[ImportFileError]]:
        names = [str(p) for p in paths]
        errors = [ImportFileError(n, "no such file") for n in names if n in self.missing]
        return [n for n in names if n not in self.missing], errors

    def read_source(self, source: str, library: object) -> FileImport:
        self.read.append(source)
        result = self.files[source]
        if isinstance(result, Exception):
            raise result
        return result


class Recorder:
    """Progress that remembers what it was told."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def start(self, total: int) -> None:
        self.calls.append(("start", total))

    def advance(self, name: str) -> None:
        self.calls.append(("advance", name))


@pytest.fixture
def ann(store: Store, tmp_path: Path) -> athletes.StoredAthlete:
    return athletes.add_athlete(store, fixtures.write_profile(tmp_path, "Ann"), fixtures.NOW)


def _import(store: Store, fake: FakeImporters, *names: str) -> ImportReport:
    return import_files(store, None, [Path(n) for n in names], None, importers=fake,
                        now=lambda: fixtures.NOW)  # fmt: skip


def _activities(store: Store, athlete_id: int) -> list[Activity]:
    with store.reading() as repo:
        return repo.activities_between(athlete_id, fixtures.EPOCH, fixtures.FAR_FUTURE)


def test_each_file_is_stored_with_its_source_and_an_import_log_row(
    store: Store, ann: athletes.StoredAthlete
) -> None:
    fake = FakeImporters({"a.fit": _file("a.fit", _run())})
    report = _import(store, fake, "a.fit")
    assert [(o.path, o.status, o.runs) for o in report.outcomes] == [("a.fit", "imported", 1)]
    (stored,) = _activities(store, ann.id)
    assert (stored.source_file, stored.file_sha256) == ("a.fit", "a.fit".ljust(64, "0"))
    with store.reading() as repo:
        (entry,) = repo.import_log(ann.id)
    assert (entry.file_name, entry.status, entry.activities, entry.format) == (
        "a.fit", "imported", 1, "fit")  # fmt: skip


def test_the_same_file_imported_again_is_a_duplicate_and_stored_once(
    store: Store, ann: athletes.StoredAthlete
) -> None:
    fake = FakeImporters({"a.fit": _file("a.fit", _run()), "copy.fit": _file(
        "copy.fit", _run(START + timedelta(days=1)), sha="a.fit".ljust(64, "0"))})  # fmt: skip
    _import(store, fake, "a.fit")
    report = _import(store, fake, "a.fit", "copy.fit")
    assert [(o.status, o.reason) for o in report.outcomes] == [
        ("duplicate", "the same file was imported before as a.fit"),
        ("duplicate", "the same file was imported before as a.fit"),
    ]
    assert len(_activities(store, ann.id)) == 1


def test_the_same_session_from_another_source_within_60_s_is_a_duplicate(
    store: Store, ann: athletes.StoredAthlete
) -> None:
    fake = FakeImporters({
        "watch.fit": _file("watch.fit", _run()),
        "strava.gpx": _file("strava.gpx", _run(START + timedelta(seconds=59))),
        "later.gpx": _file("later.gpx", _run(START + timedelta(seconds=61))),
        "ride.gpx": _file("ride.gpx", _run(START, sport="cycling")),
    })  # fmt: skip
    report = _import(store, fake, "watch.fit", "strava.gpx", "later.gpx", "ride.gpx")
    assert [o.status for o in report.outcomes] == ["imported", "duplicate", "imported", "imported"]
    assert report.outcomes[1].reason == "1 already in the logbook (same sport, start within 60 s)"
    assert len(_activities(store, ann.id)) == 3


def test_other_sports_are_stored_as_cross_training_and_unknown_ones_skipped(
    store: Store, ann: athletes.StoredAthlete
) -> None:
    fake = FakeImporters({
        "multi.fit": _file("multi.fit", _run(), _run(START + timedelta(hours=1), "swimming"),
                           _run(START + timedelta(hours=2), "cycling")),
        "odd.fit": _file("odd.fit", _run(START, "underwater_hockey")),
        "empty.fit": _file("empty.fit"),
    })  # fmt: skip
    report = _import(store, fake, "multi.fit", "odd.fit", "empty.fit")
    multi, odd, empty = report.outcomes
    assert (multi.status, multi.runs, multi.cross_training) == ("imported", 1, 2)
    assert (odd.status, odd.skipped_sport) == ("skipped", 1)
    assert odd.reason == "1 of a sport the logbook does not know (underwater_hockey)"
    assert (empty.status, empty.reason) == ("skipped", "no activity or workout in the file")
    assert sorted(a.sport for a in _activities(store, ann.id)) == ["cycling", "running", "swimming"]


def test_a_failing_file_is_reported_and_the_rest_still_import(
    store: Store, ann: athletes.StoredAthlete
) -> None:
    fake = FakeImporters(
        {
            "bad.gpx": ImportFileError("bad.gpx", "truncated XML"),
            "buggy.tcx": ValueError("reader bug"),
            "good.fit": _file("good.fit", _run()),
        },
        missing=("gone.fit",),
    )
    progress = Recorder()
    report = import_files(store, None, [Path(n) for n in ("gone.fit", "bad.gpx", "buggy.tcx",
                          "good.fit")], None, importers=fake, progress=progress,
                          now=lambda: fixtures.NOW)  # fmt: skip
    assert [(o.path, o.status) for o in report.outcomes] == [
        ("gone.fit", "failed"), ("bad.gpx", "failed"), ("buggy.tcx", "failed"),
        ("good.fit", "imported"),
    ]  # fmt: skip
    assert [o.reason for o in report.failed] == [
        "no such file", "truncated XML", "unexpected error: ValueError('reader bug')"
    ]  # fmt: skip
    assert progress.calls == [("start", 3), ("advance", "bad.gpx"), ("advance", "buggy.tcx"),
                              ("advance", "good.fit")]  # fmt: skip
    with store.reading() as repo:
        statuses = [(e.file_name, e.status) for e in repo.import_log(ann.id)]
    assert statuses == [("gone.fit", "failed"), ("bad.gpx", "failed"), ("buggy.tcx", "failed"),
                        ("good.fit", "imported")]  # fmt: skip


def test_a_session_outside_the_plausibility_bounds_is_skipped_and_reported_by_file(
    store: Store, ann: athletes.StoredAthlete
) -> None:
    # An RPE of 42 once reached the tables' CHECK and failed the whole file; the bounds
    # hand logging uses now skip that one session and say why.
    fake = FakeImporters({
        "weird.fit": _file("weird.fit", _run(), _run(START + timedelta(hours=3), rpe=42.0)),
        "good.fit": _file("good.fit", _run(START + timedelta(days=1))),
    })  # fmt: skip
    report = _import(store, fake, "weird.fit", "good.fit")
    assert [o.status for o in report.outcomes] == ["imported", "imported"]
    assert report.outcomes[0].implausible == (
        f"running of {START.date().isoformat()}: RPE 42 (expected 1-10)",
    )
    assert "1 skipped as implausible (running of" in str(report.outcomes[0].reason)
    assert [a.start_utc for a in _activities(store, ann.id)] == [START, START + timedelta(days=1)]


def test_workouts_from_a_newer_app_export_are_not_stored_twice(
    store: Store, ann: athletes.StoredAthlete
) -> None:
    monday = LiftSession(date(2026, 11, 16), (StrengthSet("push_up", 12, None, 3),), "A",
                         source="strong")  # fmt: skip
    thursday = LiftSession(date(2026, 11, 19), (StrengthSet(None, 8, 20.0, source_name="Curl"),),
                           source="strong")  # fmt: skip
    fake = FakeImporters({
        "strong-1.csv": _file("strong-1.csv", lifts=[monday], unmapped=()),
        "strong-2.csv": _file("strong-2.csv", lifts=[monday, thursday], unmapped=("Curl",)),
    })  # fmt: skip
    _import(store, fake, "strong-1.csv")
    report = _import(store, fake, "strong-2.csv")
    (outcome,) = report.outcomes
    assert (outcome.status, outcome.lift_sessions, outcome.duplicates) == ("imported", 1, 1)
    assert report.unmapped_exercises() == {"strong-2.csv": ("Curl",)}
    with store.reading() as repo:
        stored = repo.lift_sessions_between(ann.id, date(2026, 11, 1), date(2026, 11, 30))
    assert stored == [monday, thursday]


def test_real_activity_files_import_once_and_then_as_duplicates(
    store: Store, ann: athletes.StoredAthlete, activities_dir: Path
) -> None:
    files = [activities_dir / "gpx" / "run.gpx", activities_dir / "tcx" / "test.tcx",
             activities_dir / "fit" / "activity-small-fenix2-run.fit",
             activities_dir / "gpx" / "bad.gpx"]  # fmt: skip
    first = import_files(store, None, files, load_library())
    assert [o.status for o in first.outcomes] == ["imported", "imported", "imported", "failed"]
    assert first.outcomes[3].path.endswith("bad.gpx")
    again = import_files(store, None, files, load_library())
    assert [o.status for o in again.outcomes] == ["duplicate", "duplicate", "duplicate", "failed"]
    stored = _activities(store, ann.id)
    assert len(stored) == sum(o.runs + o.cross_training for o in first.outcomes) == 3
    assert {a.file_sha256 for a in stored} == {o.sha256 for o in _reads(files[:3])}


def _reads(paths: Sequence[Path]) -> list[FileImport]:
    from stridelift.adapters.importers import read_file

    return [read_file(p) for p in paths]
