"""The one error an importer raises: a file that cannot be imported, and why."""

from __future__ import annotations


class ImportFileError(Exception):
    """A file (or a member of an export) that cannot be imported.

    The message is one line, ``"{path}: {reason}"``, with the reason in plain words.

    Attributes:
        path: what the user knows the file as (a path, or ``export.zip:activities/1.fit``).
        reason: why it was not imported, without the path.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = " ".join(reason.split())
        super().__init__(f"{path}: {self.reason}")
