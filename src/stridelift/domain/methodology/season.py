"""The methodology's season numbers: the phases and how a season is cut into them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from stridelift.domain.errors import MethodologyError
from stridelift.domain.methodology.reader import Reader

PHASES = (
    "general",
    "offseason",
    "base",
    "strength",
    "race_specific",
    "taper",
    "race_week",
    "recovery",
)
BLOCK_PHASES = ("base", "strength", "race_specific", "taper", "race_week")
# Target-race keys of per-distance tables; "none" serves weeks with no race ahead.


@dataclass(frozen=True, slots=True)
class Season:
    """How the season is cut into phases (SEASON rules)."""

    block: Mapping[str, int]
    compression_order: tuple[tuple[str, int], ...]
    recovery_weeks: int
    major_race_min_km: float
    offseason_min_weeks: int
    no_race_weeks: int
    after_last_race_weeks: int

    @property
    def block_weeks(self) -> int:
        """Length of a full block (16 in the default methodology)."""
        return sum(self.block.values())


def read_season(r: Reader) -> Season:
    """[season]: the block's phases and how a short season is cut (SEASON rules)."""
    block_r = r.sub("block")
    block = {p: block_r.integer(p, 0, 16) for p in BLOCK_PHASES}
    order_raw = r.raw("compression_order")
    order: list[tuple[str, int]] = []
    if not isinstance(order_raw, list):
        raise MethodologyError(r.key("compression_order"), order_raw, "is not a list")
    for i, pair in enumerate(order_raw, 1):
        ok = isinstance(pair, list) and len(pair) == 2 and pair[0] in BLOCK_PHASES
        if not ok or isinstance(pair[1], bool) or not isinstance(pair[1], int):
            raise MethodologyError(
                f"{r.key('compression_order')}[{i}]", pair, "is not a [phase, weeks] pair"
            )
        order.append((str(pair[0]), int(pair[1])))
    if block["race_week"] != 1:
        raise MethodologyError(block_r.key("race_week"), block["race_week"], "must be 1")
    return Season(
        block=block,
        compression_order=tuple(order),
        recovery_weeks=r.integer("recovery_weeks", 0, 8),
        major_race_min_km=r.number("major_race_min_km", 1, 500),
        offseason_min_weeks=r.integer("offseason_min_weeks", 0, 26),
        no_race_weeks=r.integer("no_race_weeks", 1, 104),
        after_last_race_weeks=r.integer("after_last_race_weeks", 0, 8),
    )
