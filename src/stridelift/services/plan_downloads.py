"""The current plan as a file to download: the exporters of ``stridelift export``, in memory.

The plan is the one the Today page shows (the stored plan while it is up to date, else
planned now from the log), so a calendar subscribed to it follows every replan; the ics
exporter's UIDs depend on the day, the session kind and its rank that day only, so a
calendar updates the events it holds instead of doubling them.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from stridelift.adapters.exporters import EXPORTERS, ExportError, ExportOptions, export
from stridelift.errors import UsageError
from stridelift.services.exports import UNITS, PlanSource
from stridelift.services.replan import current_plan

if TYPE_CHECKING:
    from stridelift.adapters.store.engine import Store

# Format -> media type of the download (fit: its folder of workouts, zipped).
MEDIA_TYPES = {
    "ics": "text/calendar; charset=utf-8",
    "pdf": "application/pdf",
    "fit": "application/zip",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}


@dataclass(frozen=True, slots=True)
class Download:
    """A file for the browser: its name, media type and bytes."""

    filename: str
    media_type: str
    data: bytes


def current_source(store: Store, athlete: str, today: date, tz: tzinfo) -> PlanSource:
    """The plan the Today page shows, with a label saying where it came from."""
    who, doc, snapshot = current_plan(store, athlete, today, tz=tz)
    if snapshot is not None:
        label = f"the plan stored for {who.name} on {snapshot.today.isoformat()}"
    else:
        label = f"planned for {who.name} from the log as of {today.isoformat()}"
    return PlanSource(doc=doc, label=label, stored=snapshot is not None)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "athlete"


def plan_download(
    fmt: str, source: PlanSource, athlete: str, *, units: str | None = None
) -> Download:
    """The plan of ``source`` as a file of format ``fmt`` (fit: a zip of workout files).

    Raises:
        UsageError: an unknown format or units, or a plan the exporter cannot write.
    """
    if fmt not in MEDIA_TYPES:
        raise UsageError(
            f"format: {fmt!r} is not an export format (choose {', '.join(MEDIA_TYPES)})"
        )
    if units is not None and units not in UNITS:
        raise UsageError(f"units: {units!r} is not metric or imperial")
    stem = f"stridelift-{_slug(athlete)}"
    with tempfile.TemporaryDirectory(prefix="stridelift-download-") as folder:
        target = Path(folder) / f"{stem}{EXPORTERS[fmt].suffix}"
        if fmt == "fit":
            target.mkdir()  # the fit exporter fills a folder
        try:
            export(fmt, source.doc, target, ExportOptions(units=units))
        except ExportError as exc:
            raise UsageError(f"{source.label}: {exc}") from None
        if fmt == "fit":
            return Download(f"{stem}-workouts.zip", MEDIA_TYPES[fmt], _zipped(target))
        return Download(target.name, MEDIA_TYPES[fmt], target.read_bytes())


def _zipped(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"{folder.name}/{path.name}")
    return buffer.getvalue()
