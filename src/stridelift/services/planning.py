"""Use cases of the planner: build a plan from a profile, read one back, validate it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from stridelift.domain.plan import plan
from stridelift.domain.rules import RULES, Violation, validate
from stridelift.errors import UsageError
from stridelift.methodologies import load_library, load_methodology
from stridelift.services.profiles import load_profile


def build_plan_document(
    profile: Path, today: date, *, weeks: int | None = None, methodology: Path | None = None
) -> dict[str, Any]:
    """Read the profile (and methodology) and return the plan document."""
    if weeks is not None and not 1 <= weeks <= 104:
        raise UsageError(f"--weeks: {weeks} is out of range: expected 1 to 104")
    loaded = load_profile(profile)
    m = load_methodology(methodology, loaded.athlete.methodology, profile.name)
    return plan(loaded.athlete, today, m, load_library(), weeks)


def plan_json(doc: dict[str, Any]) -> str:
    """The canonical JSON text of a plan: sorted keys, two-space indent, final newline."""
    return json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def read_plan_file(path: Path) -> dict[str, Any]:
    """Read a plan document from a JSON file, with one-line errors."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise UsageError(f"{path}: plan file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read plan ({exc})") from exc
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    if not isinstance(doc, dict):
        raise UsageError(f"{path}: a plan document is a JSON object")
    return doc


def check_plan(doc: dict[str, Any]) -> list[Violation]:
    """Every rule's check over a plan document."""
    return validate(doc)


def rule_text(rule_id: str) -> str:
    """The plain-words text of a rule, for explanations."""
    r = RULES.get(rule_id)
    return r.text if r is not None else "unknown rule"
