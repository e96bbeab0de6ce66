"""The methodology: every coaching number, read from a data file (default.toml or a coach's).

The numbers are split by noun: season.py (phases), strength.py (doses and templates),
program.py (a fixed program), running.py (run weeks and volume), adapt.py (reading the
history); reader.py names the dotted key of any bad value. Import them all from here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from stridelift.domain.activity import RUN_TYPES
from stridelift.domain.athlete import LEVELS
from stridelift.domain.errors import MISSING, MethodologyError
from stridelift.domain.methodology.adapt import (
    AdaptSettings,
    LoadLadder,
    LoadSettings,
    PainSettings,
    TooMuchSettings,
    read_adapt,
)
from stridelift.domain.methodology.program import Program, ProgramWeek, read_program
from stridelift.domain.methodology.reader import Reader
from stridelift.domain.methodology.running import (
    RACE_KEYS,
    LongRun,
    QualityPlan,
    RacePrediction,
    Running,
    Volume,
    read_running,
)
from stridelift.domain.methodology.season import BLOCK_PHASES, PHASES, Season, read_season
from stridelift.domain.methodology.strength import (
    ROLES,
    PhaseStrength,
    Prescription,
    StrengthRules,
    Template,
    TemplateItem,
    read_strength,
)
from stridelift.domain.race_recovery import RaceRecovery, race_recovery_from

__all__ = [
    "BLOCK_PHASES",
    "PHASES",
    "PLANNED_RPE_KEYS",
    "RACE_KEYS",
    "ROLES",
    "AdaptSettings",
    "LoadLadder",
    "LoadSettings",
    "LongRun",
    "Methodology",
    "PainSettings",
    "PhaseStrength",
    "Prescription",
    "Program",
    "ProgramWeek",
    "QualityPlan",
    "RacePrediction",
    "Running",
    "Season",
    "StrengthRules",
    "Template",
    "TemplateItem",
    "TooMuchSettings",
    "Volume",
    "methodology_from_mapping",
    "per_level",
]

# [load.planned_rpe] keys: every run type, and the fallbacks for other planned sessions.
PLANNED_RPE_KEYS = (*RUN_TYPES, "strength", "core", "cross")


@dataclass(frozen=True, slots=True)
class Methodology:
    """Every number the planner uses; the default is methodologies/default.toml."""

    name: str
    version: int
    season: Season
    strength: StrengthRules
    running: Running
    planned_rpe: Mapping[str, float]  # session RPE (CR-10) of a planned session, by kind
    acwr_soften_above: float
    adapt: AdaptSettings
    race_recovery: RaceRecovery  # RUN-13
    fits: str = ""  # one line: when this methodology fits (`stridelift methodologies`)
    program: Program | None = None  # a fixed program run before the templates (S1)

    def level_index(self, level: str) -> int:
        """Position of a level in the per-level lists."""
        return LEVELS.index(level)


def _planned_rpe(r: Reader) -> dict[str, float]:
    """[load.planned_rpe]: session RPE by run type, and for strength, core and cross."""
    unknown = sorted(set(r.names()) - set(PLANNED_RPE_KEYS))
    if unknown:
        raise MethodologyError(
            r.key(unknown[0]), r.raw(unknown[0]), "is not a run type, strength, core or cross"
        )
    return {k: r.number(k, 1.0, 10.0) for k in PLANNED_RPE_KEYS}


def methodology_from_mapping(data: Mapping[str, Any]) -> Methodology:
    """Validate a parsed methodology file and build the Methodology.

    Raises:
        MethodologyError: naming the dotted key of the first bad value.
    """
    top = Reader(data)
    strength = top.sub("strength")
    running = read_running(top.sub("running"))
    adapt = read_adapt(top.sub("adapt"))
    return Methodology(
        name=top.text("name"),
        version=top.integer("version", 1, 1000),
        season=read_season(top.sub("season")),
        strength=read_strength(strength, data.get("template", MISSING), top),
        running=running,
        planned_rpe=_planned_rpe(top.sub("load").sub("planned_rpe")),
        acwr_soften_above=adapt.acwr_soften_above,
        adapt=adapt,
        race_recovery=race_recovery_from(data),
        fits=top.text("fits") if top.has("fits") else "",
        program=read_program(top.sub("program")) if top.has("program") else None,
    )


def per_level(values: Sequence[float], level: str) -> float:
    """Pick a level's value out of a per-level list."""
    return values[LEVELS.index(level)]
