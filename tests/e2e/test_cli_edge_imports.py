"""Imports hold to the bounds of hand logging: an implausible session is skipped, and the
file's line says which and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from stridelift.settings import DATABASE_URL_ENV
from tests.e2e.entry import FIXTURE, Cli

HEADER = (
    '"Date","Workout Name","Duration","Exercise Name","Set Order","Weight","Reps",'
    '"Distance","Seconds","Notes","Workout Notes","RPE"\n'
)


def _gpx(start: str, end: str) -> str:
    points = "".join(
        f'<trkpt lat="59.{i}" lon="18.0"><time>{t}</time><hr>{hr}</hr></trkpt>'
        for i, (t, hr) in enumerate([(start, 140), (end, 150)])
    )
    return (
        '<?xml version="1.0"?><gpx version="1.1" creator="t" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
        f"{points}</trkseg></trk></gpx>"
    )


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{tmp_path / 'log.db'}")
    cli = Cli(capsys, monkeypatch)
    cli("athlete", "add", "--profile", FIXTURE)
    return cli


def test_implausible_sessions_from_files_are_skipped_and_reported_per_file(
    cli: Cli, tmp_path: Path
) -> None:
    lifts = tmp_path / "strong.csv"
    lifts.write_text(
        HEADER
        + '"2026-11-02 18:00:00","Legs","50min","Squat (Barbell)","1","4096","65534",'
        + '"0","0","","",""\n'
        + '"2026-11-04 18:00:00","Legs","50min","Squat (Barbell)","1","80","5","0","0","","",""\n'
    )
    (tmp_path / "long.gpx").write_text(_gpx("2026-09-01T06:00:00Z", "2026-10-20T22:00:00Z"))
    (tmp_path / "ahead.gpx").write_text(_gpx("2126-05-01T06:00:00Z", "2126-05-01T07:00:00Z"))
    out = cli("import", lifts, tmp_path / "long.gpx", tmp_path / "ahead.gpx").out
    assert (
        "imported: "
        + str(lifts)
        + ": 1 skipped as implausible (lift session of 2026-11-02: reps 65534"
        in out
    )
    assert (
        str(tmp_path / "long.gpx") + ": 1 skipped as implausible (running of 2026-09-01: duration"
        in out
    )
    assert "running of 2126-05-01: dated 2126-05-01, in the future" in out
    history = cli("history", "--since", "2026-08-01", "--until", "2026-12-01", "--json").out
    assert '"date": "2026-11-04"' in history
    assert "2026-11-02" not in history
    assert "2026-09-01" not in history
