"""What the coach's roster asks of many athletes at once: a fingerprint of each one's
stored data, so that the rows made from it can be kept until something changes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, literal, select, union_all
from sqlalchemy.orm import Session

from stridelift.adapters.store.tables import LOG_TABLES, AthleteRow, PlanSnapshotRow

_OWNED = (  # (table's name in the fingerprint, the row's athlete, its created or changed time)
    *LOG_TABLES,
    ("plans", PlanSnapshotRow.athlete_id, PlanSnapshotRow.created_at),
    ("profile", AthleteRow.id, AthleteRow.updated_at),
)


def data_fingerprints(session: Session, athlete_ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """Per athlete: every table's row count, latest time and largest id, in one query. A
    row added, changed (a check-in replaced, the profile saved) or deleted changes it."""
    if not athlete_ids:
        return {}
    parts = [
        select(
            literal(name).label("part"), owner.label("athlete"), func.count().label("n"),
            func.max(changed).label("at"), func.max(owner.table.c.id).label("top"),
        )
        .where(owner.in_(athlete_ids))
        .group_by(owner)
        for name, owner, changed in _OWNED
    ]  # fmt: skip
    found: dict[int, dict[str, tuple[Any, ...]]] = {a: {} for a in athlete_ids}
    for part, athlete, n, at, top in session.execute(union_all(*parts)):
        found[int(str(athlete))][str(part)] = (n, str(at), top)
    return {a: tuple(sorted(kinds.items())) for a, kinds in found.items()}
