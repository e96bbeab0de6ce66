"""What reading one file gives back, and what every format reader is handed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from stridelift.domain.activity import Activity, LiftSession

if TYPE_CHECKING:
    from stridelift.domain.exercises import ExerciseLibrary


@dataclass(frozen=True, slots=True)
class FileImport:
    """Everything one file held, ready for the logbook.

    Attributes:
        path: the source's name (a path, or ``export.zip:activities/1.fit.gz``).
        sha256: hex digest of the raw bytes as read (before any gunzip).
        format: the format the content was sniffed as (``fit``, ``gpx``, ``tcx``,
            ``strong_csv``, ``hevy_csv``, ``strava_csv``).
        activities: one per recorded session (a multisport file gives several).
        lift_sessions: workouts from a lifting app's export.
        warnings: one line each, about figures that were computed, guessed or skipped.
        unmapped_exercises: exercise names that matched nothing in the library.
    """

    path: str
    sha256: str
    format: str
    activities: tuple[Activity, ...]
    lift_sessions: tuple[LiftSession, ...]
    warnings: tuple[str, ...]
    unmapped_exercises: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReadContext:
    """What a format reader knows besides the bytes."""

    name: str
    sha256: str
    library: ExerciseLibrary | None = None


@dataclass(slots=True)
class Parsed:
    """A format reader's output, before the registry wraps it into a FileImport."""

    activities: list[Activity] = field(default_factory=list)
    lift_sessions: list[LiftSession] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unmapped_exercises: list[str] = field(default_factory=list)
    # Activity index -> the warning that says its sport was assumed, not read; a Strava
    # label that names the sport replaces both.
    sport_guesses: dict[int, str] = field(default_factory=dict)


class FormatError(Exception):
    """Raised by a format reader: the content is not a valid file of its format.

    The registry turns it into an ImportFileError carrying the file's name.
    """

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


Reader = Callable[[bytes, ReadContext], Parsed]
