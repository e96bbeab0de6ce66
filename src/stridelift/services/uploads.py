"""Files sent through the web page or the API, imported as ``stridelift import`` imports them.

Each uploaded file keeps the name the browser gave it in every message and in the import
log (never the temporary path it waits at); a file over the size limit is refused by
name without being read. Everything else (duplicates, one transaction per file, failures
recorded) is the import service's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stridelift.services.imports import FileOutcome, ImportReport, import_files

if TYPE_CHECKING:
    from stridelift.adapters.importers.errors import ImportFileError
    from stridelift.adapters.importers.results import FileImport
    from stridelift.adapters.store.engine import Store
    from stridelift.adapters.store.repository import Repository

MAX_FILE_MB = 50  # per file; a Strava export of a few years fits, a whole phone backup not
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


@dataclass(frozen=True, slots=True)
class Upload:
    """One uploaded file: the name it was sent under and where its bytes wait."""

    name: str
    path: Path
    size: int


def display_name(name: str) -> str:
    """The file's own name as sent (no folders), for messages; ``upload`` if empty."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return base[:200] or "upload"


def safe_name(name: str) -> str:
    """A name safe to use on disk for an uploaded file (its suffix kept)."""
    return _UNSAFE.sub("_", display_name(name)).lstrip(".") or "upload"


class _Renamed:
    """The file readers, with each temporary path shown as the name it was uploaded under."""

    def __init__(self, names: dict[str, str]) -> None:
        from stridelift.adapters import importers

        self._readers = importers
        self._names = names

    def _name(self, text: str) -> str:
        for path, name in self._names.items():
            if text == path or text.startswith(path + ":"):
                return name + text[len(path) :]
        return text

    def expand(self, paths: Sequence[Path]) -> tuple[list[Any], list[ImportFileError]]:
        sources, errors = self._readers.expand(paths)
        for error in errors:
            error.path = self._name(error.path)
        return [replace(s, name=self._name(s.name)) for s in sources], errors

    def read_source(self, source: Any, library: Any) -> FileImport:
        return self._readers.read_source(source, library)


def import_uploads(
    store: Store,
    athlete: str | None,
    uploads: Sequence[Upload],
    library: Any,
    *,
    now: Callable[[], datetime],
    max_bytes: int | None = None,
    on_stored: Callable[[Repository, FileOutcome], None] | None = None,
) -> ImportReport:
    """Import the uploaded files in order; one outcome per file, its uploaded name in it.

    A file over ``max_bytes`` (default: MAX_FILE_MB) is refused (status ``failed``), not read;
    ``on_stored`` is the import service's hook, called in each file's transaction.
    """
    max_bytes = max_bytes if max_bytes is not None else MAX_FILE_MB * 1024 * 1024
    wanted = [u for u in uploads if u.size <= max_bytes]
    names = {str(u.path): display_name(u.name) for u in wanted}
    report = import_files(
        store,
        athlete,
        [u.path for u in wanted],
        library,
        importers=_Renamed(names),
        now=now,
        on_stored=on_stored,
    )
    refused = [over_limit(u.name, u.size, max_bytes) for u in uploads]
    return ImportReport(
        athlete=report.athlete, outcomes=(*(r for r in refused if r), *report.outcomes)
    )


def over_limit(name: str, size: int, max_bytes: int | None = None) -> FileOutcome | None:
    """The refusal of a file over ``max_bytes`` (default: MAX_FILE_MB), or None."""
    max_bytes = max_bytes if max_bytes is not None else MAX_FILE_MB * 1024 * 1024
    if size <= max_bytes:
        return None
    limit = f"{max_bytes / 1024 / 1024:g} MB"
    return FileOutcome(
        path=display_name(name),
        status="failed",
        reason=f"{size / 1024 / 1024:.1f} MB is over the {limit} limit per file; "
        "not read (import it with stridelift import)",
    )
