"""A run before placement (RunSpec), the week of them (RunWeek) and the kinds of run (RUN)."""

from __future__ import annotations

from dataclasses import dataclass

from stridelift.domain.athlete import Race
from stridelift.domain.season import Notice

HARD_TYPES = frozenset({"quality", "intervals", "tempo", "race_pace"})  # quality running
KEY_RUN_TYPES = HARD_TYPES | {"long", "race"}
BUILD_PHASES = frozenset({"general", "base", "strength", "race_specific"})  # volume builds
SHAKEOUT_MINUTES = 20  # the easy run on the eve of a race (RUN-4)


@dataclass(frozen=True, slots=True)
class RunSpec:
    """A run to be placed in the week: its type, length and any fixed day."""

    run_type: str
    minutes: int
    fixed_day: int | None = None
    race: Race | None = None
    reasons: tuple[str, ...] = ()
    note: str = ""
    window: tuple[int, ...] = ()  # the days it may go on (empty: any run day)
    back_to_back: bool = False  # RUN-9: an ultra's second weekend day, sized on its own

    @property
    def key(self) -> bool:
        """Key runs are the ones lifting must never spoil (PLACE-1)."""
        return self.run_type in KEY_RUN_TYPES


@dataclass(frozen=True, slots=True)
class RunWeek:
    """The runs of one week before placement, and the volume they add up to."""

    target_minutes: int
    runs: tuple[RunSpec, ...]
    cross_minutes: int
    notices: tuple[Notice, ...]
    reasons: tuple[str, ...]
    back_to_back_crowded: bool = False  # RUN-9: left out so the long run keeps its length


def round_to(value: float, step: int) -> int:
    """Round to the nearest multiple of ``step`` (half away from zero)."""
    return int(step * int(value / step + 0.5))
