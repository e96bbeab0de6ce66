"""Import adapters: FIT, GPX, TCX, Strava exports and lifting-app CSVs -> domain values.

Pure readers: they take bytes (or paths) and return Activities and LiftSessions with
warnings; storing them is the logbook service's job.
"""

from __future__ import annotations

from stridelift.adapters.importers.errors import ImportFileError
from stridelift.adapters.importers.readers import READERS, read_file, read_source
from stridelift.adapters.importers.results import FileImport
from stridelift.adapters.importers.sources import ImportSource, expand
from stridelift.adapters.importers.strava import StravaLabel

__all__ = [
    "READERS",
    "FileImport",
    "ImportFileError",
    "ImportSource",
    "StravaLabel",
    "expand",
    "read_file",
    "read_source",
]
