"""What to import: files, folders, zips and Strava bulk exports turned into ImportSources."""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from stridelift.adapters.importers.errors import ImportFileError
from stridelift.adapters.importers.results import FormatError
from stridelift.adapters.importers.sniff import MAX_PAYLOAD_BYTES
from stridelift.adapters.importers.strava import (
    StravaLabel,
    StravaRow,
    parse_activities_csv,
    rows_without_files,
)

_INDEX = "activities.csv"
_ACTIVITIES_DIR = "activities/"
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True, slots=True)
class ImportSource:
    """One thing to import: a file on disk or a member of a zip, read only when asked.

    Attributes:
        name: what messages call it (a path, or ``export.zip:activities/123.fit.gz``).
        read: returns the raw bytes; raises ImportFileError (or OSError) if it cannot.
        label: name/sport/date from a Strava activities.csv row, if any.
    """

    name: str
    read: Callable[[], bytes]
    label: StravaLabel | None = None


def expand(paths: Sequence[Path]) -> tuple[list[ImportSource], list[ImportFileError]]:
    """Turn paths into sources: files, folders, zips and Strava exports, in a stable order.

    Folders are walked recursively in sorted order, skipping hidden files and folders.
    A folder or zip with ``activities.csv`` at its root is a Strava bulk export: each
    row's file (found through its Filename column, never through the Activity ID) gets
    the row's label, a listed file that is missing is an error, and files under
    ``activities/`` that the CSV does not list are imported without a label.

    Returns:
        The sources, and one error per path or listed file that cannot be imported.
    """
    walker = _Walker()
    for path in paths:
        walker.add(path)
    return walker.sources, walker.errors


class _Walker:
    """Collects sources and errors while walking the given paths."""

    def __init__(self) -> None:
        self.sources: list[ImportSource] = []
        self.errors: list[ImportFileError] = []
        self._seen_dirs: set[Path] = set()

    def add(self, path: Path) -> None:
        if path.is_dir():
            self._folder(path)
        elif path.is_file():
            self._file(path)
        elif path.exists():
            self.errors.append(ImportFileError(str(path), "not a regular file or folder"))
        else:
            self.errors.append(ImportFileError(str(path), "no such file or folder"))

    def _file(self, path: Path) -> None:
        if _starts_with(path, _ZIP_MAGIC):
            self._zip(path)
        else:
            self.sources.append(file_source(path))

    def _folder(self, folder: Path) -> None:
        resolved = folder.resolve()
        if resolved in self._seen_dirs:  # a symlink loop, or the same folder twice
            return
        self._seen_dirs.add(resolved)
        if (folder / _INDEX).is_file():
            self._strava_folder(folder)
            return
        for child in sorted(folder.iterdir()):
            if child.name.startswith("."):
                continue
            if child.is_dir():
                self._folder(child)
            elif child.is_file():
                self._file(child)

    # --- Strava export as an unzipped folder -------------------------------------------

    def _strava_folder(self, folder: Path) -> None:
        index = folder / _INDEX
        read_index = _file_reader(index)
        rows = self._rows(str(index), read_index)
        listed: set[str] = set()
        for row in rows or []:
            member = _member_name(row.filename)
            if member is None:
                if row.filename:
                    self.errors.append(_unsafe(str(index), row))
                continue
            if member in listed:  # a second row naming the same file adds nothing
                continue
            listed.add(member)
            path = folder.joinpath(*member.split("/"))
            if path.is_file():
                self.sources.append(file_source(path, row.label))
            else:
                self.errors.append(_missing(str(path), row))
        activities = folder / _ACTIVITIES_DIR.rstrip("/")
        if activities.is_dir():
            for path in _files_under(activities):
                member = path.relative_to(folder).as_posix()
                if member not in listed:
                    self.sources.append(file_source(path))
        self._without_files(f"{index} (activities without a file)", rows, read_index)

    # --- zips ---------------------------------------------------------------------------

    def _zip(self, path: Path) -> None:
        try:
            with zipfile.ZipFile(path) as archive:
                members = [info for info in archive.infolist() if not info.is_dir()]
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            self.errors.append(ImportFileError(str(path), f"corrupt ZIP archive ({exc})"))
            return
        names = {info.filename for info in members}
        root = _export_root(names)
        if root is None:
            for info in sorted(members, key=lambda i: i.filename):
                if not _hidden(info.filename):
                    self.sources.append(_zip_source(path, info.filename))
            return
        index = f"{path}:{root}{_INDEX}"
        read_index = _zip_reader(path, root + _INDEX)
        rows = self._rows(index, read_index)
        listed: set[str] = set()
        for row in rows or []:
            member = _member_name(row.filename)
            if member is None:
                if row.filename:
                    self.errors.append(_unsafe(index, row))
                continue
            if member in listed:
                continue
            listed.add(member)
            if root + member in names:
                self.sources.append(_zip_source(path, root + member, row.label))
            else:
                self.errors.append(_missing(f"{path}:{root}{member}", row))
        prefix = root + _ACTIVITIES_DIR
        for name in sorted(names):
            if name.startswith(prefix) and name[len(root) :] not in listed and not _hidden(name):
                self.sources.append(_zip_source(path, name))
        self._without_files(f"{index} (activities without a file)", rows, read_index)

    # --- shared ------------------------------------------------------------------------

    def _rows(self, name: str, read: Callable[[], bytes]) -> list[StravaRow] | None:
        try:
            rows, _warnings = parse_activities_csv(read())
        except FormatError as exc:
            self.errors.append(ImportFileError(name, exc.reason))
            return None
        except ImportFileError as exc:
            self.errors.append(exc)
            return None
        except OSError as exc:
            self.errors.append(ImportFileError(name, f"cannot read the file ({exc})"))
            return None
        return rows

    def _without_files(
        self, name: str, rows: list[StravaRow] | None, read: Callable[[], bytes]
    ) -> None:
        """Rows with no Filename (manual entries) still count: import them as summaries."""
        if any(not row.filename for row in rows or []):
            self.sources.append(ImportSource(name, lambda: rows_without_files(read())))


def _member_name(filename: str) -> str | None:
    """A Filename cell as a normalised member path, or None if empty or escaping the root."""
    cleaned = filename.strip().replace("\\", "/")
    if not cleaned:
        return None
    normal = posixpath.normpath(cleaned)
    if normal.startswith(("/", "../")) or normal in (".", ".."):
        return None
    return normal


def _export_root(names: set[str]) -> str | None:
    """The folder prefix holding activities.csv in a zip ('' or 'export_1/'), if any."""
    if _INDEX in names:
        return ""
    roots = [n[: -len(_INDEX)] for n in names if n.endswith("/" + _INDEX) and n.count("/") == 1]
    return roots[0] if len(roots) == 1 else None


def _hidden(member: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in member.split("/"))


def _files_under(folder: Path) -> Iterator[Path]:
    for child in sorted(folder.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _files_under(child)
        elif child.is_file():
            yield child


def _starts_with(path: Path, magic: bytes) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(magic)) == magic
    except OSError:
        return False


def file_source(path: Path, label: StravaLabel | None = None) -> ImportSource:
    """A source for one file on disk, read (with a size check) only when asked."""
    return ImportSource(str(path), _file_reader(path), label)


def _file_reader(path: Path) -> Callable[[], bytes]:
    def read() -> bytes:
        size = path.stat().st_size
        if size > MAX_PAYLOAD_BYTES:
            raise ImportFileError(str(path), f"file too large ({size} bytes)")
        return path.read_bytes()

    return read


def _zip_source(path: Path, member: str, label: StravaLabel | None = None) -> ImportSource:
    return ImportSource(f"{path}:{member}", _zip_reader(path, member), label)


def _zip_reader(path: Path, member: str) -> Callable[[], bytes]:
    def read() -> bytes:
        name = f"{path}:{member}"
        try:
            with zipfile.ZipFile(path) as archive:
                info = archive.getinfo(member)
                if info.file_size > MAX_PAYLOAD_BYTES:
                    raise ImportFileError(name, f"file too large ({info.file_size} bytes)")
                return archive.read(info)
        except (zipfile.BadZipFile, KeyError, EOFError, ValueError, RuntimeError) as exc:
            raise ImportFileError(name, f"cannot read it from the ZIP archive ({exc})") from exc
        except OSError as exc:
            raise ImportFileError(name, f"cannot read the ZIP archive ({exc})") from exc

    return read


def _missing(name: str, row: StravaRow) -> ImportFileError:
    return ImportFileError(
        name, f"listed in activities.csv (activity {row.label.activity_id}) but not in the export"
    )


def _unsafe(index: str, row: StravaRow) -> ImportFileError:
    return ImportFileError(
        index,
        f"activity {row.label.activity_id} names a file outside the export: {row.filename!r}",
    )
