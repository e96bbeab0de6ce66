"""The methodology: every coaching number, read from a data file (default.toml or a coach's)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from stridelift.domain.activity import RUN_TYPES
from stridelift.domain.athlete import LEVELS, UNITS
from stridelift.domain.errors import MISSING, MethodologyError
from stridelift.domain.race_recovery import RaceRecovery, race_recovery_from

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
RACE_KEYS = ("5k", "10k", "half", "marathon", "ultra", "none")
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
    offseason_floor: float
    taper: tuple[float, ...]
    race_week: float
    two_week_rise_max: float
    week_rise_max: float
    single_run_spike: float
    resume_below: float
    resume_floor: float


@dataclass(frozen=True, slots=True)
class LongRun:
    """The long run's curve through a block (RUN-9)."""

    max_share: float
    share_floor_minutes: int
    peak_weeks_out: tuple[int, int]
    ramp_growth: float
    deload: float
    taper: tuple[float, ...]
    hold: float
    ultra_long_km: float
    ultra_long_minutes: int
    back_to_back: float
    peak: Mapping[str, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class RacePrediction:
    """How ultra, trail and hilly races are predicted from the marathon (RUN-10)."""

    riegel_exponent: float  # beyond the marathon: T2 = T1 (D2/D1)^exponent (Riegel 1981)
    climb_km_per_100m: float  # effort km one 100 m of climbing adds (ITRA's km-effort: 1)
    trail_factor: float  # trail time over road time at the same effort distance


@dataclass(frozen=True, slots=True)
class Running:
    """Run-week structure: how many runs, long-run share, quality and easy minutes."""

    run_days: tuple[int, ...]
    long_share: Mapping[int, float]
    long_run: LongRun
    taper_weeks: Mapping[str, int]
    quality_minutes: tuple[int, ...]
    quality_growth: float
    quality_growth_max: float
    recovery_minutes: int
    min_run_minutes: int
    round_to: int
    easy_weight_before_long: float
    easy_weight_with_strength: float
    easy_max_share: float
    max_hard_share: float
    preferred_quality_days: tuple[int, ...]
    race_prediction: RacePrediction
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
class LoadLadder:
    """The loads one kind of equipment allows, in the athlete's unit (kg or lb).

    Each tier is (from, step): from that load upward, loads go up by ``step`` until the
    next tier begins. The first tier's ``from`` is the lightest load there is.
    """

    tiers: tuple[tuple[float, float], ...]


@dataclass(frozen=True, slots=True)
class LoadSettings:
    """LOAD-1..3 numbers, and the load steps each kind of equipment allows ([adapt.loads])."""

    lookback_days: int
    technique_cut_pct: float
    easy_rir: int
    easy_rpe: float
    rir_cap: int
    steps: Mapping[str, Mapping[str, LoadLadder]]  # kind -> units -> ladder; "default" too


@dataclass(frozen=True, slots=True)
class TooMuchSettings:
    """ADAPT-1: when check-ins and runs say the athlete is doing too much, and the cut."""

    window_days: int
    last_checkins: int
    flagged_needed: int
    fatigue_at_least: int
    soreness_at_least: int
    low_mood_at_most: int
    streak_ends_after: int
    easy_run_rpe_rise: float
    easy_pace_drop_pct: float
    run_recent_days: int
    run_baseline_days: int
    run_min_runs: int
    similar_minutes_pct: float
    severe_days: int
    strength_sets_factor: float
    strength_rpe_drop: int
    running_factor: float
    downshift_weeks: int
    severe_downshift_weeks: int


@dataclass(frozen=True, slots=True)
class PainSettings:
    """ADAPT-5 guardrails and ADAPT-6 referral thresholds."""

    recent_days: int
    sharpen_rise: int
    stop_at: int
    noticeable: int
    asymmetry_days: int
    asymmetry_factor: float
    lower_body_areas: tuple[str, ...]
    sharp: int
    persistent_days: int
    worsening_reports: int
    fatigue_referral_days: int
    poor_sleep_hours: float
    cycle_days: int
    cycle_words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AdaptSettings:
    """Every threshold ``domain.adapt`` uses to read the history ([adapt])."""

    acwr_soften_above: float
    soften_factor: float
    acwr_min_history_days: int
    longest_run_days: int
    recent_weeks: int
    new_strength_weeks: int
    new_strength_prior_days: int
    new_strength_few_sessions: int
    too_much: TooMuchSettings
    pain: PainSettings
    loads: LoadSettings


@dataclass(frozen=True, slots=True)
class ProgramWeek:
    """One week of a fixed program (S1's ten weeks): its focus, movements and dose."""

    week: int
    focus: str
    sets: int
    reps: tuple[int, int]
    rpe: int
    rest_s: int
    extras: str
    items: tuple[TemplateItem, ...]  # each with its own sets and reps (the week's by default)
    overrides: tuple[str, ...] = ()  # rules this week replaces, besides the program's


@dataclass(frozen=True, slots=True)
class Program:
    """A fixed week-by-week strength program that replaces the templates while it runs."""

    weeks: tuple[ProgramWeek, ...]
    overrides: tuple[str, ...]  # rules the program replaces in every one of its weeks
    taper: ProgramWeek | None = None  # taper sessions once the program has run (PHASE-3)

    def week(self, number: int) -> ProgramWeek | None:
        """Week ``number`` (1-based) of the program, or None past its end."""
        return self.weeks[number - 1] if 1 <= number <= len(self.weeks) else None


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
    taper_r = r.sub("taper_weeks")
    taper_weeks = {k: taper_r.integer(k, 0, 3) for k in RACE_KEYS[:-1]}
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
        long_run=_long_run(r.sub("long_run")),
        taper_weeks=taper_weeks,
        quality_minutes=r.integers("quality_minutes", 20, 180, len(LEVELS)),
        quality_growth=r.number("quality_growth", 0.0, 0.3),
        quality_growth_max=r.number("quality_growth_max", 0.0, 1.0),
        recovery_minutes=r.integer("recovery_minutes", 10, 90),
        min_run_minutes=r.integer("min_run_minutes", 10, 60),
        round_to=r.integer("round_to", 1, 15),
        easy_weight_before_long=r.number("easy_weight_before_long", 0.3, 1.0),
        easy_weight_with_strength=r.number("easy_weight_with_strength", 0.3, 1.0),
        easy_max_share=r.number("easy_max_share", 0.1, 0.5),
        max_hard_share=r.number("max_hard_share", 0.1, 0.5),
        preferred_quality_days=days,
        race_prediction=_race_prediction(r.sub("race_prediction")),
        volume=Volume(
            peak=_per_level(v, "peak", 1.0, 3.0),
            build_step=v.number("build_step", 1.0, 1.2),
            deload=v.number("deload", 0.4, 1.0),
            general_cap=v.number("general_cap", 0.5, 2.0),
            offseason=v.number("offseason", 0.3, 1.0),
            offseason_floor=v.number("offseason_floor", 0.3, 1.0),
            taper=v.numbers("taper", 0.1, 1.0),
            race_week=v.number("race_week", 0.1, 1.0),
            two_week_rise_max=v.number("two_week_rise_max", 1.0, 1.3),
            week_rise_max=v.number("week_rise_max", 1.0, 1.1),
            single_run_spike=v.number("single_run_spike", 1.0, 1.1),
            resume_below=v.number("resume_below", 0.1, 1.0),
            resume_floor=v.number("resume_floor", 0.1, 1.0),
        ),
        quality=quality,
    )


def _long_run(r: _Reader) -> LongRun:
    """[running.long_run] (RUN-9)."""
    weeks_out = r.integers("peak_weeks_out", 1, 8, 2)
    if weeks_out[0] > weeks_out[1]:
        raise MethodologyError(
            r.key("peak_weeks_out"), list(weeks_out), "is not [nearest, furthest]"
        )
    peak = r.sub("peak")
    return LongRun(
        max_share=r.number("max_share", 0.2, 0.6),
        share_floor_minutes=r.integer("share_floor_minutes", 20, 180),
        peak_weeks_out=(weeks_out[0], weeks_out[1]),
        ramp_growth=r.number("ramp_growth", 1.0, 1.1),
        deload=r.number("deload", 0.4, 1.0),
        taper=r.numbers("taper", 0.3, 1.0),
        hold=r.number("hold", 0.5, 1.0),
        ultra_long_km=r.number("ultra_long_km", 42.2, 500.0),
        ultra_long_minutes=r.integer("ultra_long_minutes", 60, 600),
        back_to_back=r.number("back_to_back", 0.0, 1.0),
        peak={k: peak.integers(k, 20, 600, len(LEVELS)) for k in RACE_KEYS},
    )


def _race_prediction(r: _Reader) -> RacePrediction:
    """[running.race_prediction]: the RUN-10 model for ultra, trail and hilly races."""
    return RacePrediction(
        riegel_exponent=r.number("riegel_exponent", 1.0, 1.2),
        climb_km_per_100m=r.number("climb_km_per_100m", 0.0, 2.0),
        trail_factor=r.number("trail_factor", 1.0, 1.5),
    )


def _planned_rpe(r: _Reader) -> dict[str, float]:
    """[load.planned_rpe]: session RPE by run type, and for strength, core and cross."""
    unknown = sorted(set(r.names()) - set(PLANNED_RPE_KEYS))
    if unknown:
        raise MethodologyError(
            r.key(unknown[0]), r.raw(unknown[0]), "is not a run type, strength, core or cross"
        )
    return {k: r.number(k, 1.0, 10.0) for k in PLANNED_RPE_KEYS}


def _words(r: _Reader, name: str) -> tuple[str, ...]:
    value = r.raw(name)
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise MethodologyError(r.key(name), value, "is not a list of words")
    return tuple(str(v).casefold() for v in value)


def _ladder(r: _Reader, units: str) -> LoadLadder:
    raw = r.raw(units)
    tiers: list[tuple[float, float]] = []
    if not isinstance(raw, list) or not raw:
        raise MethodologyError(r.key(units), raw, "is not a list of [from, step] pairs")
    for i, pair in enumerate(raw, 1):
        key = f"{r.key(units)}[{i}]"
        if not isinstance(pair, list) or len(pair) != 2:
            raise MethodologyError(key, pair, "is not a [from, step] pair")
        start, step = _num(key, pair[0], 0.0, 1000.0), _num(key, pair[1], 0.1, 100.0)
        if tiers and start <= tiers[-1][0]:
            raise MethodologyError(key, pair, "does not start above the tier before it")
        tiers.append((start, step))
    if tiers[0][0] <= 0.0:
        tiers[0] = (tiers[0][1], tiers[0][1])  # a ladder from 0 starts at its first step
    return LoadLadder(tuple(tiers))


def _load_settings(r: _Reader) -> LoadSettings:
    steps_r = r.sub("steps")
    steps: dict[str, dict[str, LoadLadder]] = {}
    for kind in steps_r.names():
        kr = steps_r.sub(kind)
        steps[kind] = {u: _ladder(kr, u) for u in UNITS}
    if "default" not in steps:
        raise MethodologyError(steps_r.key("default"), MISSING, "is required")
    return LoadSettings(
        lookback_days=r.integer("lookback_days", 7, 365),
        technique_cut_pct=r.number("technique_cut_pct", 2.5, 30.0),
        easy_rir=r.integer("easy_rir", 2, 10),
        easy_rpe=r.number("easy_rpe", 1.0, 8.0),
        rir_cap=r.integer("rir_cap", 0, 10),
        steps=steps,
    )


def _too_much(r: _Reader) -> TooMuchSettings:
    last = r.integer("last_checkins", 1, 30)
    return TooMuchSettings(
        window_days=r.integer("window_days", 1, 60),
        last_checkins=last,
        flagged_needed=r.integer("flagged_needed", 1, last),
        fatigue_at_least=r.integer("fatigue_at_least", 1, 10),
        soreness_at_least=r.integer("soreness_at_least", 1, 10),
        low_mood_at_most=r.integer("low_mood_at_most", 1, 10),
        streak_ends_after=r.integer("streak_ends_after", 1, 10),
        easy_run_rpe_rise=r.number("easy_run_rpe_rise", 0.5, 5.0),
        easy_pace_drop_pct=r.number("easy_pace_drop_pct", 1.0, 30.0),
        run_recent_days=r.integer("run_recent_days", 3, 60),
        run_baseline_days=r.integer("run_baseline_days", 7, 120),
        run_min_runs=r.integer("run_min_runs", 1, 10),
        similar_minutes_pct=r.number("similar_minutes_pct", 0.0, 50.0),
        severe_days=r.integer("severe_days", 2, 90),
        strength_sets_factor=r.number("strength_sets_factor", 0.3, 1.0),
        strength_rpe_drop=r.integer("strength_rpe_drop", 0, 3),
        running_factor=r.number("running_factor", 0.5, 1.0),
        downshift_weeks=r.integer("downshift_weeks", 1, 4),
        severe_downshift_weeks=r.integer("severe_downshift_weeks", 1, 4),
    )


def _pain(r: _Reader) -> PainSettings:
    return PainSettings(
        recent_days=r.integer("recent_days", 1, 60),
        sharpen_rise=r.integer("sharpen_rise", 1, 10),
        stop_at=r.integer("stop_at", 1, 10),
        noticeable=r.integer("noticeable", 1, 10),
        asymmetry_days=r.integer("asymmetry_days", 2, 30),
        asymmetry_factor=r.number("asymmetry_factor", 0.5, 1.0),
        lower_body_areas=_words(r, "lower_body_areas"),
        sharp=r.integer("sharp", 1, 10),
        persistent_days=r.integer("persistent_days", 2, 30),
        worsening_reports=r.integer("worsening_reports", 2, 10),
        fatigue_referral_days=r.integer("fatigue_referral_days", 2, 120),
        poor_sleep_hours=r.number("poor_sleep_hours", 3.0, 9.0),
        cycle_days=r.integer("cycle_days", 7, 120),
        cycle_words=_words(r, "cycle_words"),
    )


def _adapt(r: _Reader) -> AdaptSettings:
    """[adapt]: how the history is read (ADAPT-1..6, LOAD-1..3, RUN-3, RUN-6)."""
    fresh = r.sub("new_strength")
    return AdaptSettings(
        acwr_soften_above=r.number("acwr_soften_above", 1.0, 3.0),
        soften_factor=r.number("soften_factor", 0.5, 1.0),
        acwr_min_history_days=r.integer("acwr_min_history_days", 28, 365),
        longest_run_days=r.integer("longest_run_days", 7, 90),
        recent_weeks=r.integer("recent_weeks", 1, 12),
        new_strength_weeks=fresh.integer("weeks", 1, 6),
        new_strength_prior_days=fresh.integer("prior_log_days", 0, 120),
        new_strength_few_sessions=fresh.integer("few_sessions", 0, 30),
        too_much=_too_much(r.sub("too_much")),
        pain=_pain(r.sub("pain")),
        loads=_load_settings(r.sub("loads")),
    )


def _rule_ids(r: _Reader, name: str) -> tuple[str, ...]:
    if not r.has(name):
        return ()
    value = r.raw(name)
    ok = isinstance(value, list) and all(
        isinstance(v, str) and v.count("-") == 1 and v.split("-")[1].isdigit() for v in value
    )
    if not ok:
        raise MethodologyError(r.key(name), value, "is not a list of rule ids (like PROG-4)")
    return tuple(str(v) for v in value)


def _program_week(r: _Reader, number: int, rpe: int, rest_s: int) -> ProgramWeek:
    sets = r.integer("sets", 1, 5)  # PHASE-4: no bodybuilding volume
    reps = r.range_("reps", 1, 30)
    week_rpe = r.integer("rpe", 1, 9) if r.has("rpe") else rpe
    raw = r.raw("items")
    if not isinstance(raw, list) or not raw:
        raise MethodologyError(r.key("items"), raw, "is not a non-empty list of tables")
    items: list[TemplateItem] = []
    for i, item in enumerate(raw, 1):
        if not isinstance(item, Mapping):
            raise MethodologyError(f"{r.key('items')}[{i}]", item, "is not a table")
        ir = _Reader(item, f"{r.key('items')}[{i}].")
        items.append(
            TemplateItem(
                exercise=ir.text("exercise"),
                role="main",
                priority=i,
                sets=ir.integer("sets", 1, 5) if ir.has("sets") else sets,
                reps=ir.range_("reps", 1, 120) if ir.has("reps") else reps,
            )
        )
    return ProgramWeek(
        week=number,
        focus=r.text("focus"),
        sets=sets,
        reps=reps,
        rpe=week_rpe,
        rest_s=r.integer("rest_s", 0, 300) if r.has("rest_s") else rest_s,
        extras=r.text("extras") if r.has("extras") else "",
        items=tuple(items),
        overrides=_rule_ids(r, "overrides"),
    )


def _program(r: _Reader) -> Program:
    """[program]: a fixed week-by-week program (CONTENT-8: S1's ten weeks)."""
    rpe = r.integer("rpe", 1, 9)  # PHASE-4: never to failure
    rest_s = r.integer("rest_s", 0, 300)
    raw = r.raw("week")
    if not isinstance(raw, list) or not raw:
        raise MethodologyError(r.key("week"), raw, "is not a non-empty array of week tables")
    weeks = []
    for i, wk in enumerate(raw, 1):
        if not isinstance(wk, Mapping):
            raise MethodologyError(f"{r.key('week')}[{i}]", wk, "is not a table")
        weeks.append(_program_week(_Reader(wk, f"{r.key('week')}[{i}]."), i, rpe, rest_s))
    taper = None
    if r.has("taper"):
        taper = _program_week(r.sub("taper"), 0, rpe, rest_s)
        if taper.overrides:
            raise MethodologyError("program.taper.overrides", taper.overrides, "is not allowed")
    return Program(weeks=tuple(weeks), overrides=_rule_ids(r, "overrides"), taper=taper)


def methodology_from_mapping(data: Mapping[str, Any]) -> Methodology:
    """Validate a parsed methodology file and build the Methodology.

    Raises:
        MethodologyError: naming the dotted key of the first bad value.
    """
    top = _Reader(data)
    strength = top.sub("strength")
    running = _running(top.sub("running"))
    adapt = _adapt(top.sub("adapt"))
    return Methodology(
        name=top.text("name"),
        version=top.integer("version", 1, 1000),
        season=_season(top.sub("season")),
        strength=_strength(strength, data.get("template", MISSING), top),
        running=running,
        planned_rpe=_planned_rpe(top.sub("load").sub("planned_rpe")),
        acwr_soften_above=adapt.acwr_soften_above,
        adapt=adapt,
        race_recovery=race_recovery_from(data),
        fits=top.text("fits") if top.has("fits") else "",
        program=_program(top.sub("program")) if top.has("program") else None,
    )


def per_level(values: Sequence[float], level: str) -> float:
    """Pick a level's value out of a per-level list."""
    return values[LEVELS.index(level)]
