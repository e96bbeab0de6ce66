"""Content sniffing: the format comes from the bytes, never from a file name."""

from __future__ import annotations

import gzip

import pytest

from stridelift.adapters.importers import sniff as sniff_module
from stridelift.adapters.importers.results import FormatError
from stridelift.adapters.importers.sniff import sniff

FIT_HEADER = bytes([14, 0x20, 0x5C, 0x08, 0, 0, 0, 0]) + b".FIT" + b"\x00\x00"
TCX = (
    b'<?xml version="1.0"?><TrainingCenterDatabase '
    b'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"/>'
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (FIT_HEADER, "fit"),
        (b'<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"/>', "gpx"),
        (b"\xef\xbb\xbf  \n<gpx/>", "gpx"),
        (TCX, "tcx"),
        (b"<Activities><Activity/></Activities>", "tcx"),
        (b"Activity ID,Activity Date,Activity Name,Activity Type\n", "strava_csv"),
        (b'"Date","Workout Name","Duration","Exercise Name","Set Order","Weight"\n', "strong_csv"),
        (b"Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps\n", "strong_csv"),
        (b'"title","start_time","end_time","exercise_title","set_index"\n', "hevy_csv"),
    ],
)
def test_content_decides_the_format(content: bytes, expected: str) -> None:
    assert sniff(content).format == expected


def test_gzip_layers_are_peeled_before_sniffing() -> None:
    sniffed = sniff(gzip.compress(gzip.compress(FIT_HEADER)))
    assert (sniffed.format, sniffed.payload, sniffed.gzipped) == ("fit", FIT_HEADER, True)


def test_four_gzip_layers_are_refused() -> None:
    data = FIT_HEADER
    for _ in range(4):
        data = gzip.compress(data)
    with pytest.raises(FormatError, match=r"gzip inside gzip"):
        sniff(data)


def test_concatenated_gzip_members_are_all_read() -> None:
    data = gzip.compress(b"<gpx>") + gzip.compress(b"</gpx>")
    assert sniff(data).payload == b"<gpx></gpx>"


def test_a_gzip_bomb_is_refused_past_the_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sniff_module, "MAX_PAYLOAD_BYTES", 1000)
    with pytest.raises(FormatError, match=r"file too large \(over 1000 bytes unzipped\)"):
        sniff(gzip.compress(b"<gpx>" + b" " * 5000 + b"</gpx>"))


def test_a_fit_magic_in_the_wrong_place_is_not_fit() -> None:
    with pytest.raises(FormatError, match="unrecognized binary data"):
        sniff(b".FIT" + bytes(20))


def test_xml_cut_before_its_root_element_is_truncated_xml() -> None:
    with pytest.raises(FormatError, match=r"^truncated XML"):
        sniff(b'<?xml version="1.0" encoding="UTF-8"?>\n<gp')
