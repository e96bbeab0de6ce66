"""The methodology: every coaching number, read from a data file (default.toml or a coach's)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from stridelift.domain.activity import RUN_TYPES
from stridelift.domain.athlete import LEVELS
from stridelift.domain.errors import MISSING, MethodologyError

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
ROLES = ("main", "secondary", "accessory")
# [load.planned_rpe] keys: every run type, and the fallbacks for other planned sessions.
PLANNED_RPE_KEYS = (*RUN_TYPES, "strength", "core", "cross")


@dataclass(frozen=True, slots=True)
class Prescription:
    """Sets, reps, effort and rest for main lifts in one phase (the PHASE table)."""

    sets: int
    reps: tuple[int, int]
    rpe: int
    rest_s: int
    bodyweight: bool = False


@dataclass(frozen=True, slots=True)
class PhaseStrength:
    """How a phase loads strength work, and its light variant if it has one."""

    main: Prescription
    plyometrics: bool
    light: Prescription | None
    extra_accessory_set: bool = False
    light_weeks_before_race: int = 0


@dataclass(frozen=True, slots=True)
class TemplateItem:
    """One exercise slot of a session template."""

    exercise: str
    role: str
    priority: int
    sets: int = 0
    reps: tuple[int, int] = (0, 0)


@dataclass(frozen=True, slots=True)
class Template:
    """A strength session template (Day A, Day B, the short session)."""

    id: str
    title: str
    rule: str
    items: tuple[TemplateItem, ...]


@dataclass(frozen=True, slots=True)
class QualityPlan:
    """Quality sessions a week by level for one phase, and their run types in order."""

    count: tuple[int, ...]
    types: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Volume:
    """Running volume multipliers and guards (RUN-2, RUN-3, RUN-4)."""

    peak: tuple[float, ...]
    build_step: float
    deload: float
    general_cap: float
    offseason: float
    recovery: tuple[float, ...]
    taper: tuple[float, ...]
    race_week: float
    two_week_rise_max: float
    week_rise_max: float
    single_run_spike: float


@dataclass(frozen=True, slots=True)
class Running:
    """Run-week structure: how many runs, long-run share, quality and easy minutes."""

    run_days: tuple[int, ...]
    long_share: Mapping[int, float]
    long_max: Mapping[str, int]
    quality_minutes: tuple[int, ...]
    recovery_minutes: int
    min_run_minutes: int
    round_to: int
    easy_weight_before_long: float
    easy_weight_with_strength: float
    preferred_quality_days: tuple[int, ...]
    volume: Volume
    quality: Mapping[str, QualityPlan]


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


@dataclass(frozen=True, slots=True)
class StrengthRules:
    """Strength frequency, session length, phases, templates and progression."""

    frequency: Mapping[str, tuple[int, ...]]
    min_minutes: int
    max_minutes: int
    three_a_week_max: int
    warmup_minutes: int
    short_template_below: int
    core_session_minutes: int
    core_per_week: int
    mobility_minutes: int
    phases: Mapping[str, PhaseStrength]
    templates: Mapping[str, Template]
    plyometrics: tuple[str, ...]
    load_step_pct: tuple[float, float]
    deload_volume_factor: float
    starting_reserve_reps: tuple[int, int]
    beginner_max_rpe: int
    beginner_min_reps: int
    beginner_swaps: Mapping[str, str]
    core_items: tuple[TemplateItem, ...]
    warmup_pulse_minutes: int
    warmup_items: tuple[str, ...]


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

    def level_index(self, level: str) -> int:
        """Position of a level in the per-level lists."""
        return LEVELS.index(level)


class _Reader:
    """Typed access to a nested mapping that names the dotted key of any bad value."""

    def __init__(self, data: Mapping[str, Any], prefix: str = "") -> None:
        self._data = data
        self._prefix = prefix

    def key(self, name: str) -> str:
        return f"{self._prefix}{name}"

    def raw(self, name: str) -> Any:
        if name not in self._data:
            raise MethodologyError(self.key(name), MISSING, "is required")
        return self._data[name]

    def sub(self, name: str) -> _Reader:
        value = self.raw(name)
        if not isinstance(value, Mapping):
            raise MethodologyError(self.key(name), value, "is not a table")
        return _Reader(value, f"{self.key(name)}.")

    def has(self, name: str) -> bool:
        return name in self._data

    def names(self) -> list[str]:
        return list(self._data)

    def number(self, name: str, lo: float, hi: float) -> float:
        return _num(self.key(name), self.raw(name), lo, hi)

    def integer(self, name: str, lo: int, hi: int) -> int:
        value = self.raw(name)
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise MethodologyError(self.key(name), value, f"is not a whole number {lo}-{hi}")
        return int(value)

    def boolean(self, name: str, default: bool) -> bool:
        value = self._data.get(name, default)
        if not isinstance(value, bool):
            raise MethodologyError(self.key(name), value, "is not true or false")
        return value

    def text(self, name: str) -> str:
        value = self.raw(name)
        if not isinstance(value, str) or not value:
            raise MethodologyError(self.key(name), value, "is not a non-empty text")
        return value

    def numbers(
        self, name: str, lo: float, hi: float, length: int | None = None
    ) -> tuple[float, ...]:
        value = self.raw(name)
        if not isinstance(value, list) or (length is not None and len(value) != length):
            size = f"{length} " if length is not None else ""
            raise MethodologyError(self.key(name), value, f"is not a list of {size}numbers")
        return tuple(_num(f"{self.key(name)}[{i}]", v, lo, hi) for i, v in enumerate(value, 1))

    def integers(self, name: str, lo: int, hi: int, length: int | None = None) -> tuple[int, ...]:
        values = self.numbers(name, lo, hi, length)
        if any(v != int(v) for v in values):
            raise MethodologyError(self.key(name), self.raw(name), "is not a list of whole numbers")
        return tuple(int(v) for v in values)

    def range_(self, name: str, lo: int, hi: int) -> tuple[int, int]:
        a, b = self.integers(name, lo, hi, 2)
        if a > b:
            raise MethodologyError(self.key(name), [a, b], "is not a [low, high] range")
        return a, b


def _num(key: str, value: object, lo: float, hi: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
        raise MethodologyError(key, value, f"is not a number between {lo:g} and {hi:g}")
    return float(value)


def _prescription(r: _Reader) -> Prescription:
    return Prescription(
        sets=r.integer("sets", 1, 8),
        reps=r.range_("reps", 1, 60),
        rpe=r.integer("rpe", 1, 10),
        rest_s=r.integer("rest_s", 0, 600),
        bodyweight=r.boolean("bodyweight", False),
    )


def _template_item(r: _Reader, role_required: bool) -> TemplateItem:
    role = r.text("role") if role_required else "accessory"
    if role not in ROLES:
        raise MethodologyError(r.key("role"), role, "is not one of " + ", ".join(ROLES))
    has_own = r.has("sets")
    return TemplateItem(
        exercise=r.text("exercise"),
        role=role,
        priority=r.integer("priority", 1, 99) if role_required else 1,
        sets=r.integer("sets", 1, 8) if has_own else 0,
        reps=r.range_("reps", 1, 120) if has_own else (0, 0),
    )


def _items(r: _Reader, name: str, role_required: bool) -> tuple[TemplateItem, ...]:
    raw = r.raw(name)
    if not isinstance(raw, list) or not raw:
        raise MethodologyError(r.key(name), raw, "is not a non-empty list of tables")
    items = []
    for i, item in enumerate(raw, 1):
        if not isinstance(item, Mapping):
            raise MethodologyError(f"{r.key(name)}[{i}]", item, "is not a table")
        reader = _Reader(item, f"{r.key(name)}[{i}].")
        parsed = _template_item(reader, role_required)
        if parsed.role == "accessory" and parsed.sets == 0:
            raise MethodologyError(reader.key("sets"), MISSING, "is required for an accessory")
        items.append(parsed)
    return tuple(items)


def _per_level(r: _Reader, name: str, lo: float, hi: float) -> tuple[float, ...]:
    return r.numbers(name, lo, hi, len(LEVELS))


def _season(r: _Reader) -> Season:
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


def _strength(r: _Reader, templates_raw: object, top: _Reader) -> StrengthRules:
    freq_r = r.sub("frequency")
    frequency = {p: freq_r.integers(p, 0, 7, len(LEVELS)) for p in PHASES}
    minutes = r.sub("minutes")
    phase_r = r.sub("phase")
    phases: dict[str, PhaseStrength] = {}
    for p in PHASES:
        pr = phase_r.sub(p)
        light = _prescription(pr.sub("light")) if pr.has("light") else None
        phases[p] = PhaseStrength(
            main=_prescription(pr),
            plyometrics=pr.boolean("plyometrics", False),
            light=light,
            extra_accessory_set=pr.boolean("extra_accessory_set", False),
            light_weeks_before_race=(
                pr.integer("light_weeks_before_race", 0, 8)
                if pr.has("light_weeks_before_race")
                else 0
            ),
        )
    if not isinstance(templates_raw, list):
        raise MethodologyError("template", templates_raw, "is not an array of tables")
    templates: dict[str, Template] = {}
    for i, raw in enumerate(templates_raw, 1):
        if not isinstance(raw, Mapping):
            raise MethodologyError(f"template[{i}]", raw, "is not a table")
        tr = _Reader(raw, f"template[{i}].")
        tid = tr.text("id")
        templates[tid] = Template(tid, tr.text("title"), tr.text("rule"), _items(tr, "items", True))
    for needed in ("A", "B", "short"):
        if needed not in templates:
            raise MethodologyError("template", sorted(templates), f"must define template {needed}")
    templates.setdefault("busy", templates["short"])  # ADAPT-3 falls back to the short session
    prog = r.sub("progression")
    step = prog.numbers("load_step_pct", 0, 20, 2)
    reserve = prog.range_("starting_reserve_reps", 0, 6)
    beg = r.sub("beginner")
    swaps_raw = beg.raw("swaps")
    if not isinstance(swaps_raw, Mapping) or not all(
        isinstance(v, str) for v in swaps_raw.values()
    ):
        raise MethodologyError(beg.key("swaps"), swaps_raw, "is not a table of exercise ids")
    plyos = r.raw("plyometrics")
    if not isinstance(plyos, list) or not all(isinstance(p, str) for p in plyos):
        raise MethodologyError("plyometrics", plyos, "is not a list of exercise ids")
    core = top.sub("core")
    warm = top.sub("warmup")
    warm_items = warm.raw("items")
    if not isinstance(warm_items, list) or not all(isinstance(w, str) for w in warm_items):
        raise MethodologyError(warm.key("items"), warm_items, "is not a list of exercise ids")
    return StrengthRules(
        frequency=frequency,
        min_minutes=minutes.integer("min", 10, 120),
        max_minutes=minutes.integer("max", 10, 180),
        three_a_week_max=minutes.integer("three_a_week_max", 10, 180),
        warmup_minutes=minutes.integer("warmup", 0, 30),
        short_template_below=minutes.integer("short_template_below", 0, 180),
        core_session_minutes=minutes.integer("core_session", 5, 30),
        core_per_week=minutes.integer("core_per_week", 0, 7),
        mobility_minutes=minutes.integer("mobility_session", 5, 60),
        phases=phases,
        templates=templates,
        plyometrics=tuple(plyos),
        load_step_pct=(step[0], step[1]),
        deload_volume_factor=prog.number("deload_volume_factor", 0.3, 1.0),
        starting_reserve_reps=reserve,
        beginner_max_rpe=beg.integer("max_rpe", 1, 10),
        beginner_min_reps=beg.integer("min_reps", 1, 30),
        beginner_swaps={str(k): str(v) for k, v in swaps_raw.items()},
        core_items=_items(core, "items", False),
        warmup_pulse_minutes=warm.integer("pulse_minutes", 0, 10),
        warmup_items=tuple(warm_items),
    )


def _running(r: _Reader) -> Running:
    share_r = r.sub("long_share")
    long_share = {n: share_r.number(str(n), 0.1, 0.6) for n in range(3, 8)}
    long_max_r = r.sub("long_max")
    long_max = {
        k: long_max_r.integer(k, 20, 600)
        for k in ("5k", "10k", "half", "marathon", "ultra", "none")
    }
    v = r.sub("volume")
    q = r.sub("quality")
    quality: dict[str, QualityPlan] = {}
    for p in PHASES:
        qp = q.sub(p)
        types = qp.raw("types")
        if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
            raise MethodologyError(qp.key("types"), types, "is not a list of run types")
        counts = qp.integers("count", 0, 4, len(LEVELS))
        if max(counts) > len(types):
            raise MethodologyError(qp.key("types"), types, "has fewer types than sessions")
        quality[p] = QualityPlan(counts, tuple(types))
    days = r.integers("preferred_quality_days", 0, 6)
    return Running(
        run_days=r.integers("run_days", 1, 7, len(LEVELS)),
        long_share=long_share,
        long_max=long_max,
        quality_minutes=r.integers("quality_minutes", 20, 180, len(LEVELS)),
        recovery_minutes=r.integer("recovery_minutes", 10, 90),
        min_run_minutes=r.integer("min_run_minutes", 10, 60),
        round_to=r.integer("round_to", 1, 15),
        easy_weight_before_long=r.number("easy_weight_before_long", 0.3, 1.0),
        easy_weight_with_strength=r.number("easy_weight_with_strength", 0.3, 1.0),
        preferred_quality_days=days,
        volume=Volume(
            peak=_per_level(v, "peak", 1.0, 3.0),
            build_step=v.number("build_step", 1.0, 1.2),
            deload=v.number("deload", 0.4, 1.0),
            general_cap=v.number("general_cap", 0.5, 2.0),
            offseason=v.number("offseason", 0.3, 1.0),
            recovery=v.numbers("recovery", 0.1, 1.0),
            taper=v.numbers("taper", 0.1, 1.0),
            race_week=v.number("race_week", 0.1, 1.0),
            two_week_rise_max=v.number("two_week_rise_max", 1.0, 1.3),
            week_rise_max=v.number("week_rise_max", 1.0, 1.1),
            single_run_spike=v.number("single_run_spike", 1.0, 1.1),
        ),
        quality=quality,
    )


def _planned_rpe(r: _Reader) -> dict[str, float]:
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
    top = _Reader(data)
    strength = top.sub("strength")
    running = _running(top.sub("running"))
    return Methodology(
        name=top.text("name"),
        version=top.integer("version", 1, 1000),
        season=_season(top.sub("season")),
        strength=_strength(strength, data.get("template", MISSING), top),
        running=running,
        planned_rpe=_planned_rpe(top.sub("load").sub("planned_rpe")),
        acwr_soften_above=top.sub("adapt").number("acwr_soften_above", 1.0, 3.0),
    )


def per_level(values: Sequence[float], level: str) -> float:
    """Pick a level's value out of a per-level list."""
    return values[LEVELS.index(level)]
