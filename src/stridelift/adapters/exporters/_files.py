"""Whole-or-nothing file writes: a temporary file in the target's folder, then os.replace."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from stridelift.adapters.exporters._base import ExportError

NEW_FILE_MODE = 0o644


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) or raise ExportError naming it."""
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"cannot write into {folder}: it is a file, not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create folder {folder}: {exc.strerror or exc}") from None


def write_files(items: Sequence[tuple[Path, bytes]], *, durable: bool = True) -> None:
    """Write each (path, data) pair so that no reader ever sees a partial file.

    Every file is first written in full to a temporary file beside its target; only when all
    are written are they moved into place, so a failure leaves the old files untouched.
    ``durable`` also flushes each file to disk before the move (survives a power cut).
    """
    staged: list[tuple[Path, str]] = []
    try:
        for path, data in items:
            staged.append((path, _stage(path, data, durable=durable)))
        for path, temp in staged:
            try:
                os.replace(temp, path)
            except OSError as exc:
                raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        for _, temp in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)


def write_file(path: Path, data: bytes) -> None:
    """Write one file whole or not at all."""
    write_files([(path, data)])


def _stage(path: Path, data: bytes, *, durable: bool) -> str:
    """Write ``data`` to a temporary file in ``path``'s folder and return its name."""
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder")
    ensure_folder(path.parent)
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else NEW_FILE_MODE
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(temp, mode)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    return temp
