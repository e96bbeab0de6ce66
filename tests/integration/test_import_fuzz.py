"""Whatever bytes arrive, the importer answers with a FileImport or an ImportFileError."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stridelift.adapters.importers import FileImport, ImportFileError, ImportSource, read_source

SMALL_FIT = "fit/garmin-fenix-5-run.fit"


def _read(data: bytes) -> FileImport | ImportFileError:
    """The import's result, or the ImportFileError it raised; anything else propagates."""
    try:
        return read_source(ImportSource("fuzz.bin", lambda: data))
    except ImportFileError as exc:
        assert exc.path == "fuzz.bin"
        assert "\n" not in str(exc)
        return exc


@pytest.fixture(scope="module")
def fit_bytes(activities_dir: Path) -> bytes:
    return (activities_dir / SMALL_FIT).read_bytes()


@given(st.binary(max_size=4096))
def test_random_bytes_never_raise_anything_but_import_file_error(data: bytes) -> None:
    _read(data)


@given(st.binary(max_size=2048))
def test_random_bytes_behind_a_fit_header_never_escape(data: bytes) -> None:
    header = bytes([12, 0x10]) + (2093).to_bytes(2, "little") + len(data).to_bytes(4, "little")
    _read(header + b".FIT" + data)


@given(st.text(max_size=2000))
def test_random_text_never_escapes(text: str) -> None:
    _read(text.encode("utf-8"))


@given(st.binary(max_size=512))
def test_random_gzip_payloads_never_escape(data: bytes) -> None:
    _read(gzip.compress(data))
    _read(b"\x1f\x8b" + data)


@given(cut=st.integers(min_value=0, max_value=5596))
def test_every_truncation_of_a_real_fit_file_is_rejected(fit_bytes: bytes, cut: int) -> None:
    assert len(fit_bytes) == 5597
    result = _read(fit_bytes[:cut])
    assert isinstance(result, ImportFileError)


@given(position=st.integers(min_value=0, max_value=5596), bit=st.integers(0, 7))
def test_a_flipped_bit_in_a_real_fit_file_is_caught_or_harmless(
    fit_bytes: bytes, position: int, bit: int
) -> None:
    damaged = bytearray(fit_bytes)
    damaged[position] ^= 1 << bit
    # The file's checksum covers every byte, its own two included.
    assert isinstance(_read(bytes(damaged)), ImportFileError)


@given(
    cut=st.integers(min_value=1, max_value=5596),
    junk=st.binary(min_size=1, max_size=64),
)
def test_a_real_fit_file_cut_and_patched_with_junk_is_rejected(
    fit_bytes: bytes, cut: int, junk: bytes
) -> None:
    result = _read(fit_bytes[:cut] + junk)
    if isinstance(result, FileImport):
        # Junk is only ignored when, by chance, it completed the FIT file first.
        assert (fit_bytes[:cut] + junk).startswith(fit_bytes)


XML_FILES = ("gpx/run.gpx", "tcx/test.tcx")


@pytest.mark.parametrize("relative", XML_FILES)
@given(
    edits=st.lists(
        st.tuples(st.floats(0, 1, exclude_max=True), st.sampled_from(list(b'0.-e<>/"x \n\xff'))),
        min_size=1,
        max_size=5,
    )
)
def test_damaged_gpx_and_tcx_files_never_escape(
    activities_dir: Path, relative: str, edits: list[tuple[float, int]]
) -> None:
    data = bytearray((activities_dir / relative).read_bytes())
    for where, byte in edits:
        data[int(where * len(data))] = byte
    _read(bytes(data))
