"""The methodology's strength numbers: doses by phase, session templates, progression."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from stridelift.domain.athlete import LEVELS
from stridelift.domain.errors import MISSING, MethodologyError
from stridelift.domain.methodology.reader import Reader
from stridelift.domain.methodology.season import PHASES

ROLES = ("main", "secondary", "accessory")


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


def _prescription(r: Reader) -> Prescription:
    return Prescription(
        sets=r.integer("sets", 1, 8),
        reps=r.range_("reps", 1, 60),
        rpe=r.integer("rpe", 1, 10),
        rest_s=r.integer("rest_s", 0, 600),
        bodyweight=r.boolean("bodyweight", False),
    )


def _template_item(r: Reader, role_required: bool) -> TemplateItem:
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


def _items(r: Reader, name: str, role_required: bool) -> tuple[TemplateItem, ...]:
    raw = r.raw(name)
    if not isinstance(raw, list) or not raw:
        raise MethodologyError(r.key(name), raw, "is not a non-empty list of tables")
    items = []
    for i, item in enumerate(raw, 1):
        if not isinstance(item, Mapping):
            raise MethodologyError(f"{r.key(name)}[{i}]", item, "is not a table")
        reader = Reader(item, f"{r.key(name)}[{i}].")
        parsed = _template_item(reader, role_required)
        if parsed.role == "accessory" and parsed.sets == 0:
            raise MethodologyError(reader.key("sets"), MISSING, "is required for an accessory")
        items.append(parsed)
    return tuple(items)


def _phases(phase_r: Reader) -> dict[str, PhaseStrength]:
    """[strength.phase.*]: each phase's main dose, its light variant, and plyometrics."""
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
    return phases


def _templates(templates_raw: object) -> dict[str, Template]:
    """[[template]]: the session templates; A, B and short are required."""
    if not isinstance(templates_raw, list):
        raise MethodologyError("template", templates_raw, "is not an array of tables")
    templates: dict[str, Template] = {}
    for i, raw in enumerate(templates_raw, 1):
        if not isinstance(raw, Mapping):
            raise MethodologyError(f"template[{i}]", raw, "is not a table")
        tr = Reader(raw, f"template[{i}].")
        tid = tr.text("id")
        templates[tid] = Template(tid, tr.text("title"), tr.text("rule"), _items(tr, "items", True))
    for needed in ("A", "B", "short"):
        if needed not in templates:
            raise MethodologyError("template", sorted(templates), f"must define template {needed}")
    templates.setdefault("busy", templates["short"])  # ADAPT-3 falls back to the short session
    return templates


def read_strength(r: Reader, templates_raw: object, top: Reader) -> StrengthRules:
    """[strength], the [[template]]s, [core] and [warmup]: the strength numbers."""
    freq_r = r.sub("frequency")
    frequency = {p: freq_r.integers(p, 0, 7, len(LEVELS)) for p in PHASES}
    minutes = r.sub("minutes")
    phases = _phases(r.sub("phase"))
    templates = _templates(templates_raw)
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
