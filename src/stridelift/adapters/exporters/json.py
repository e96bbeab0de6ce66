"""JSON export: the plan document itself, limited to the selected weeks, in a stable layout.

Keys are sorted, indented by two spaces and the file ends with a newline, so the same
document always gives the same bytes. Values stay metric, as the schema says; week
``index`` values are kept as they are, so a partial export still says which weeks it holds.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from stridelift.adapters.exporters._base import ExportError, ExportOptions, ExportResult
from stridelift.adapters.exporters._files import write_file
from stridelift.adapters.exporters._plan import Plan, load_plan


def write_json(doc: Mapping[str, Any], out: Path, options: ExportOptions) -> ExportResult:
    """Write the plan document, limited to the selected weeks, as JSON."""
    plan = load_plan(doc, options)
    write_file(out, _render(plan, options))
    return ExportResult(
        format="json",
        files=(out,),
        weeks=len(plan.weeks),
        sessions=len(plan.sessions),
    )


def _render(plan: Plan, options: ExportOptions) -> bytes:
    kept = {week.position for week in plan.weeks}
    filtered = dict(plan.doc)
    filtered["weeks"] = [w for i, w in enumerate(plan.doc["weeks"]) if i in kept]
    if options.am_time is not None or options.pm_time is not None:
        # Clock times given for this export win, as in every format; otherwise the
        # document's own slot_times (if any) are left exactly as they were.
        athlete = dict(plan.doc["athlete"])
        athlete["slot_times"] = {
            **(athlete.get("slot_times") or {}),
            "am": plan.am_time.strftime("%H:%M"),
            "pm": plan.pm_time.strftime("%H:%M"),
        }
        filtered["athlete"] = athlete
    try:
        text = json.dumps(filtered, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise ExportError(f"plan document: cannot be written as JSON: {exc}") from None
    return (text + "\n").encode("utf-8")
