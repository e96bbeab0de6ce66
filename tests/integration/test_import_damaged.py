"""Files cut short, gzipped, empty, renamed or of the wrong kind: one clear line each.

Damaged copies are written to tmp_path from the good shared files; nothing is copied
into the repository.
"""

from __future__ import annotations

import gzip
import struct
import zlib
from pathlib import Path

import pytest

from stridelift.adapters.importers import ImportFileError, read_file

GOOD = {
    "fit": "fit/garmin-fenix-5-run.fit",
    "big_fit": "fit/20555050352_ACTIVITY.fit",
    "gpx": "gpx/Friday-Evening-Run.gpx",
    "tcx": "tcx/test.tcx",
}
# Where to cut, as a fraction of the file: just past the start, mid-header for FIT,
# a third, a half, and the last byte gone.
CUT_POINTS = (0.002, 1 / 3, 0.5, 0.9)


def _cut_copy(source: Path, target: Path, keep: int) -> Path:
    target.write_bytes(source.read_bytes()[:keep])
    return target


def _reject(path: Path) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_file(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    return caught.value.reason


@pytest.mark.parametrize("fraction", CUT_POINTS)
@pytest.mark.parametrize("kind", sorted(GOOD))
def test_a_file_cut_short_is_rejected_as_truncated(
    activities_dir: Path, tmp_path: Path, kind: str, fraction: float
) -> None:
    source = activities_dir / GOOD[kind]
    keep = max(1, int(source.stat().st_size * fraction))
    reason = _reject(_cut_copy(source, tmp_path / f"cut{source.suffix}", keep))
    if kind.endswith("fit") and keep < 12:
        assert reason == "not an activity file (unrecognized binary data)"
    elif kind.endswith("fit"):
        assert reason.startswith("truncated FIT file (")
    else:
        assert reason.startswith("truncated XML (")


@pytest.mark.parametrize("kind", sorted(GOOD))
def test_losing_only_the_last_byte_still_rejects_the_whole_file(
    activities_dir: Path, tmp_path: Path, kind: str
) -> None:
    source = activities_dir / GOOD[kind]
    data = source.read_bytes().rstrip()
    reason = _reject(_cut_copy(source, tmp_path / f"cut{source.suffix}", len(data) - 1))
    assert reason.startswith(("truncated FIT file", "truncated XML"))


def test_a_fit_file_cut_inside_its_header_says_so(activities_dir: Path, tmp_path: Path) -> None:
    source = activities_dir / GOOD["fit"]
    reason = _reject(_cut_copy(source, tmp_path / "run.fit", 13))
    assert reason == "truncated FIT file (it ends inside its header, after 13 bytes)"


def test_a_fit_file_missing_its_last_bytes_names_both_sizes(
    activities_dir: Path, tmp_path: Path
) -> None:
    source = activities_dir / GOOD["fit"]
    reason = _reject(_cut_copy(source, tmp_path / "run.fit", 5000))
    assert reason == "truncated FIT file (5000 bytes; its header declares 5597)"


def test_one_flipped_bit_in_a_fit_file_fails_its_checksum(
    activities_dir: Path, tmp_path: Path
) -> None:
    data = bytearray((activities_dir / GOOD["fit"]).read_bytes())
    data[3000] ^= 0x01
    path = tmp_path / "flipped.fit"
    path.write_bytes(bytes(data))
    assert _reject(path) == "corrupt FIT file: checksum mismatch (the file was damaged)"


@pytest.mark.parametrize("kind", ["fit", "gpx", "tcx"])
def test_a_gzipped_good_file_imports_like_the_plain_one(
    activities_dir: Path, tmp_path: Path, kind: str
) -> None:
    source = activities_dir / GOOD[kind]
    packed = tmp_path / f"{source.name}.gz"
    packed.write_bytes(gzip.compress(source.read_bytes()))

    plain, zipped = read_file(source), read_file(packed)
    assert zipped.format == plain.format == kind
    assert [a.start_utc for a in zipped.activities] == [a.start_utc for a in plain.activities]
    assert [a.distance_m for a in zipped.activities] == [a.distance_m for a in plain.activities]
    assert zipped.sha256 != plain.sha256  # the hash is of the bytes as read
    assert zipped.activities[0].file_sha256 == zipped.sha256
    assert zipped.activities[0].source_file == str(packed)


def test_a_gzipped_file_with_a_misleading_name_is_still_sniffed(
    activities_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(gzip.compress((activities_dir / GOOD["tcx"]).read_bytes()))
    assert read_file(path).format == "tcx"


def test_a_truncated_gzip_is_rejected(activities_dir: Path, tmp_path: Path) -> None:
    packed = gzip.compress((activities_dir / GOOD["gpx"]).read_bytes())
    path = tmp_path / "run.gpx.gz"
    path.write_bytes(packed[: len(packed) // 2])
    assert _reject(path) == "truncated gzip data (the compressed file is cut short)"


def test_a_gzip_of_a_truncated_fit_file_is_rejected_as_truncated_fit(
    activities_dir: Path, tmp_path: Path
) -> None:
    data = (activities_dir / GOOD["big_fit"]).read_bytes()
    path = tmp_path / "1.fit.gz"
    path.write_bytes(gzip.compress(data[:70000]))
    assert _reject(path).startswith("truncated FIT file (70000 bytes;")


def test_corrupt_gzip_data_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "x.fit.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00" + b"\xff" * 40)
    assert _reject(path).startswith("corrupt gzip data")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file (only whitespace)"),
        (gzip.compress(b""), "empty file (inside its gzip layer)"),
    ],
)
def test_empty_files_are_rejected(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "empty.fit"
    path.write_bytes(content)
    assert _reject(path) == reason


def _png_1x1() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("photo.fit", _png_1x1(), "not an activity file (looks like a PNG image)"),
        ("notes.fit", b"Ran 10k today, felt good.\n", "not an activity file (plain text)"),
        (
            "report.gpx",
            b"%PDF-1.7\n%\xe2\xe3\n",
            "not an activity file (looks like a PDF document)",
        ),
        ("noise.tcx", bytes(range(256)) * 4, "not an activity file (unrecognized binary data)"),
        (
            "places.gpx",
            b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"/>',
            "not an activity file (XML document with root <kml>)",
        ),
        (
            "budget.csv",
            b"Date,Amount,Payee\n2024-01-02,12.50,Bakery\n",
            "not an activity file (a CSV table with columns Date, Amount, Payee...)",
        ),
    ],
)
def test_wrong_kinds_of_file_are_named_in_plain_words(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert _reject(path) == reason


def test_a_gpx_with_only_a_planned_route_has_no_activity_data(tmp_path: Path) -> None:
    path = tmp_path / "route.gpx"
    path.write_bytes(
        b'<?xml version="1.0"?><gpx version="1.1" creator="t" '
        b'xmlns="http://www.topografix.com/GPX/1/1"><rte><name>Loop</name>'
        b'<rtept lat="52.1" lon="4.3"/><rtept lat="52.2" lon="4.3"/></rte></gpx>'
    )
    assert _reject(path).startswith("no activity data (the GPX file has no track points")


def test_a_gpx_point_off_the_globe_is_invalid(tmp_path: Path) -> None:
    path = tmp_path / "off.gpx"
    path.write_bytes(
        b'<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
        b'<trkpt lat="123.0" lon="4.3"><time>2024-01-01T10:00:00Z</time></trkpt>'
        b"</trkseg></trk></gpx>"
    )
    assert _reject(path).startswith("invalid coordinates: lat 123.0 lon 4.3")


def test_a_tcx_with_a_non_number_total_is_corrupt(activities_dir: Path, tmp_path: Path) -> None:
    text = (activities_dir / GOOD["tcx"]).read_text(encoding="utf-8")
    path = tmp_path / "bad.tcx"
    path.write_text(
        text.replace("<TotalTimeSeconds>608.47", "<TotalTimeSeconds>six hundred", 1),
        encoding="utf-8",
    )
    assert _reject(path) == "corrupt TCX file: activity 1 has a non-number 'six hundred'"


def test_a_missing_file_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.fit"
    assert _reject(path).startswith("cannot read the file (")


def test_an_xml_file_with_a_broken_byte_is_corrupt_xml_not_binary(
    activities_dir: Path, tmp_path: Path
) -> None:
    data = bytearray((activities_dir / GOOD["gpx"]).read_bytes())
    data[600] = 0xFF
    path = tmp_path / "run.gpx"
    path.write_bytes(bytes(data))
    assert _reject(path).startswith("corrupt XML (")
