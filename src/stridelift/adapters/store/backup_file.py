"""Writing a backup file: whole or not at all, to a regular file, never over anything else."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from stridelift.errors import UsageError

NEW_FILE_MODE = 0o600  # a backup holds health data: readable by its owner only


def check_target(path: Path) -> None:
    """Refuse a target that is not a regular file or a new name in an existing folder."""
    if path.is_symlink():
        raise UsageError(f"FILE: {path} is a symbolic link (expected a regular file or a new name)")
    if path.is_dir():
        raise UsageError(f"FILE: {str(path)!r} is a folder (expected the path of the backup file)")
    if path.exists() and not path.is_file():
        raise UsageError(
            f"FILE: {path} is not a regular file (a device, pipe or socket); "
            "expected a regular file or a new name"
        )
    if not path.parent.is_dir():
        raise UsageError(f"FILE: the folder {path.parent} does not exist")


def _raise_exit(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """SIGTERM raises SystemExit in here, so the temporary file is removed on the way out."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_exit)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_backup_file(path: Path, text: str) -> None:
    """Write ``text`` to a unique temporary file beside ``path``, then rename it into place.

    Two backups to one path each write their own temporary file: the one renamed last
    wins whole. A failure or SIGTERM removes the temporary file.

    Raises:
        UsageError: the target is refused (see ``check_target``) or cannot be written.
    """
    check_target(path)
    with _sigterm_unwinds():
        try:
            fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
        except OSError as exc:
            raise UsageError(f"FILE: cannot write {path} ({exc.strerror})") from None
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            mode = stat.S_IMODE(path.stat().st_mode) if path.is_file() else NEW_FILE_MODE
            os.chmod(temp, mode)
            check_target(path)  # it may have become a link or a device while we wrote
            os.replace(temp, path)
        except OSError as exc:
            raise UsageError(f"FILE: cannot write {path} ({exc.strerror})") from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
