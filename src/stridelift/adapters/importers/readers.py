"""The format registry: sniff a source's content, then hand it to its format's reader."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from stridelift.adapters.importers.csv_lifts import read_hevy_csv, read_strong_csv
from stridelift.adapters.importers.errors import ImportFileError
from stridelift.adapters.importers.fit import read_fit
from stridelift.adapters.importers.gpx import read_gpx
from stridelift.adapters.importers.results import FileImport, FormatError, ReadContext, Reader
from stridelift.adapters.importers.sniff import sniff
from stridelift.adapters.importers.sources import ImportSource, file_source
from stridelift.adapters.importers.strava import apply_label, read_strava_csv
from stridelift.adapters.importers.tcx import read_tcx

if TYPE_CHECKING:
    from stridelift.domain.exercises import ExerciseLibrary

# Sniffed format name -> reader. Adding a format is one entry here and one in sniff.py.
READERS: dict[str, Reader] = {
    "fit": read_fit,
    "gpx": read_gpx,
    "tcx": read_tcx,
    "strava_csv": read_strava_csv,
    "strong_csv": read_strong_csv,
    "hevy_csv": read_hevy_csv,
}


def read_source(source: ImportSource, library: ExerciseLibrary | None = None) -> FileImport:
    """Read one source into activities and lift sessions.

    Args:
        source: the file or zip member, with its Strava label if it came from an export.
        library: maps lifting exercise names to ids; without it, no ids are assigned
            to CSV lifts and FIT sets use the default library's ids.

    Raises:
        ImportFileError: the file is empty, corrupt, of an unknown kind, or holds no
            activity; the message names the source.
    """
    try:
        data = source.read()
    except ImportFileError:
        raise
    except OSError as exc:
        raise ImportFileError(source.name, f"cannot read the file ({exc.strerror or exc})") from exc
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        sniffed = sniff(data)
        parsed = READERS[sniffed.format](sniffed.payload, ReadContext(source.name, sha256, library))
    except FormatError as exc:
        raise ImportFileError(source.name, exc.reason) from exc
    if source.label is not None:
        apply_label(parsed, source.label)
    return FileImport(
        path=source.name,
        sha256=sha256,
        format=sniffed.format,
        activities=tuple(parsed.activities),
        lift_sessions=tuple(parsed.lift_sessions),
        warnings=tuple(parsed.warnings),
        unmapped_exercises=tuple(parsed.unmapped_exercises),
    )


def read_file(path: Path, library: ExerciseLibrary | None = None) -> FileImport:
    """Read one file from disk (see read_source)."""
    return read_source(file_source(path), library)
