"""Time the planner: one 18-week season in-process, plans per second, and the CLI process.

Three figures, each printed with its target and PASS or MISS:

1. ``plan()`` for an 18-week intermediate marathon season (race week last), median and
   90th percentile over RUNS calls, cold (every cache of the domain cleared before each
   call, as a new process or a new profile finds them) and warm (the same call again).
   The 50 ms target is judged on the cold median.
2. Plans per second on one core: a batch of varied profiles (every level, strategy and
   race distance, three availability patterns), cold caches, the process pinned to one
   CPU where the system allows it.
3. ``stridelift plan --json --profile F`` as a whole process, median of CLI_RUNS runs
   after one untimed run, next to ``python -c pass`` and ``stridelift --help``; then
   ``python -X importtime`` on the same command, summed per top-level package. ``make``'s
   install compiles Stridelift's own modules, as a wheel install does. Where they have no
   bytecode on disk and PYTHONDONTWRITEBYTECODE is set (every run then compiles them), the
   same command is also timed with its bytecode cached in a temporary folder; that row is
   shown, not judged.

Every time is measured twice: wall clock, which targets are judged on, and CPU time,
which is what the wall time would be on an idle machine (the planner and the CLI use one
thread). A missed target is printed as MISS (and listed at the end) but the exit status
stays 0: this is a report. An exception means something failed to run.

    .venv/bin/python benchmarks/bench_plan.py
    .venv/bin/python benchmarks/bench_plan.py --profile 20   # cProfile of 20 cold plans
    .venv/bin/python benchmarks/bench_plan.py --process      # figure 3 only
"""

from __future__ import annotations

import cProfile
import gc
import importlib.util
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from stridelift.domain.athlete import LEVELS, STRATEGIES, Athlete
from stridelift.domain.plan import plan
from stridelift.domain.profile import athlete_from_mapping
from stridelift.methodologies import default_methodology, load_library

WEEKS = 18
RACE_DAY = date(2027, 4, 11)  # a Sunday
# The Monday that makes race week the 18th week of the plan.
TODAY = RACE_DAY - timedelta(days=RACE_DAY.weekday()) - timedelta(weeks=WEEKS - 1)
RUNS = 30
CLI_RUNS = 7
PLAN_TARGET_MS = 50.0
CLI_TARGET_S = 1.0
TOP_IMPORTS = 12
TOP_FUNCTIONS = 25

FULL_WEEK = {
    "mon": {"run": True, "strength": True, "minutes": 90},
    "tue": {"run": True, "strength": True, "minutes": 120},
    "wed": {"run": True, "strength": True, "minutes": 90},
    "thu": {"run": True, "strength": True, "minutes": 120},
    "fri": {"run": True, "strength": True, "minutes": 60},
    "sat": {"run": True, "strength": True, "minutes": 120},
    "sun": {"run": True, "strength": False, "minutes": 180},
}
BUSY_WEEK = {
    "mon": {"run": False, "strength": False, "minutes": 0},
    "tue": {"run": True, "strength": True, "minutes": 60},
    "wed": {"run": False, "strength": True, "minutes": 45},
    "thu": {"run": True, "strength": False, "minutes": 60},
    "fri": {"run": False, "strength": False, "minutes": 0},
    "sat": {"run": True, "strength": True, "minutes": 90},
    "sun": {"run": True, "strength": False, "minutes": 150},
}
WEEKEND_WEEK = {
    "mon": {"run": True, "strength": False, "minutes": 45},
    "tue": {"run": False, "strength": True, "minutes": 45},
    "wed": {"run": True, "strength": False, "minutes": 45},
    "thu": {"run": False, "strength": True, "minutes": 45},
    "fri": {"run": True, "strength": False, "minutes": 40},
    "sat": {"run": True, "strength": True, "minutes": 150},
    "sun": {"run": True, "strength": False, "minutes": 180},
}
AVAILABILITY = {"full": FULL_WEEK, "busy": BUSY_WEEK, "weekend": WEEKEND_WEEK}
DISTANCES = ("5k", "10k", "half", "marathon")
WEEKLY_MINUTES = {
    "beginner": 150,
    "recreational": 210,
    "intermediate": 300,
    "advanced": 420,
    "ultra": 480,
}


def profile(
    level: str = "intermediate",
    strategy: str = "auto",
    availability: str = "full",
    distance: str = "marathon",
) -> dict[str, Any]:
    """A profile mapping (as read from TOML) with one A race on RACE_DAY."""
    return {
        "name": f"Bench {level} {strategy} {availability} {distance}",
        "level": level,
        "units": "metric",
        "body_mass_kg": 64,
        "weekly_run_minutes": WEEKLY_MINUTES[level],
        "equipment": ["gym"],
        "strategy": strategy,
        "session_minutes": 45,
        "long_run_day": "sun",
        "slot_times": {"am": "06:30", "pm": "18:30"},
        "availability": AVAILABILITY[availability],
        "races": [
            {"name": "Goal race", "date": RACE_DAY, "distance": distance, "priority": "A"},
        ],
    }


def profile_toml(data: dict[str, Any]) -> str:
    """TOML text for a profile mapping made by ``profile()`` (for the CLI's --profile)."""

    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return json.dumps(v)
        if isinstance(v, date):
            return v.isoformat()
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        if isinstance(v, dict):
            return "{ " + ", ".join(f"{k} = {value(x)}" for k, x in v.items()) + " }"
        return str(v)

    lines = [f"{k} = {value(v)}" for k, v in data.items() if k not in ("availability", "races")]
    lines.append("\n[availability]")
    lines += [f"{day} = {value(slot)}" for day, slot in data["availability"].items()]
    for race in data["races"]:
        lines.append("\n[[races]]")
        lines += [f"{k} = {value(v)}" for k, v in race.items()]
    return "\n".join(lines) + "\n"


def domain_caches() -> list[Callable[..., Any]]:
    """Every functools cache on a module-level function of the loaded domain modules."""
    found = []
    for name, module in sorted(sys.modules.items()):
        if not name.startswith("stridelift.domain") or module is None:
            continue
        for attr in vars(module).values():
            clear = getattr(attr, "cache_clear", None)
            if callable(clear) and getattr(attr, "__module__", None) == name:
                found.append(attr)
    return found


def clear_caches(caches: list[Callable[..., Any]]) -> None:
    """Empty every cache found by ``domain_caches()``."""
    for cached in caches:
        cached.cache_clear()  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Check:
    """One figure next to its target; judged on wall time, CPU time shown beside it."""

    label: str
    measured: float
    cpu: float | None
    target: float
    unit: str
    at_least: bool = False  # the target is a floor (a rate), not a ceiling (a time)

    def meets(self, value: float) -> bool:
        """True when ``value`` meets the target."""
        return value >= self.target if self.at_least else value <= self.target

    @property
    def passed(self) -> bool:
        """True when the wall-clock figure meets its target."""
        return self.meets(self.measured)

    def line(self) -> str:
        """The figure, its target and PASS or an eye-catching MISS."""
        verdict = "PASS" if self.passed else "MISS  <-- target missed"
        if not self.passed and self.cpu is not None and self.meets(self.cpu):
            verdict += " (CPU time meets it: a busy machine?)"
        sign = ">=" if self.at_least else "<="
        cpu = f"{self.cpu:>9.3f}" if self.cpu is not None else f"{'-':>9}"
        return (
            f"{self.label:<36}{self.measured:>9.3f}{cpu} {self.unit:<8}"
            f"target {sign} {self.target:g} {self.unit:<8} {verdict}"
        )


@dataclass(frozen=True, slots=True)
class Timings:
    """Wall-clock and CPU seconds of a series of runs."""

    wall: list[float]
    cpu: list[float]

    def describe(self, unit: str) -> str:
        """Median, p90, min and max of the wall times, and the median CPU time, in ms or s."""
        scale, digits = (1000, 1) if unit == "ms" else (1, 3)
        wall = [t * scale for t in self.wall]
        cpu = statistics.median(self.cpu) * scale

        def f(x: float) -> str:
            return f"{x:7.{digits}f} {unit}"

        return (
            f"median {f(statistics.median(wall))}   p90 {f(percentile(wall, 90))}"
            f"   min {f(min(wall))}   max {f(max(wall))}   CPU median {f(cpu)}"
        )


def percentile(values: list[float], pct: int) -> float:
    """The ``pct``-th percentile (inclusive method) of ``values``."""
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def time_calls(call: Callable[[], object], runs: int, before: Callable[[], None]) -> Timings:
    """Times of ``runs`` calls, with ``before()`` and a gc pass outside the clock."""
    wall, cpu = [], []
    for _ in range(runs):
        before()
        gc.collect()
        started, cpu_started = time.perf_counter(), time.process_time()
        call()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return Timings(wall, cpu)


def season_check(doc: dict[str, Any]) -> None:
    """Fail loudly if the benchmark season is not what this benchmark claims to time."""
    phases = [w["phase"] for w in doc["weeks"]]
    if len(phases) != WEEKS or phases[-1] != "race_week":
        raise RuntimeError(f"benchmark season is not {WEEKS} weeks ending in race week: {phases}")


def in_process(athlete: Athlete, checks: list[Check]) -> None:
    """Median and p90 of plan() for the benchmark season, cold and warm."""
    m, lib = default_methodology(), load_library()
    doc = plan(athlete, TODAY, m, lib, WEEKS)  # imports and file loads done before timing
    season_check(doc)
    caches = domain_caches()
    names = ", ".join(f"{c.__module__.rsplit('.', 1)[-1]}.{c.__name__}" for c in caches)
    phases = " ".join(dict.fromkeys(w["phase"] for w in doc["weeks"]))
    sessions = sum(len(d["sessions"]) for w in doc["weeks"] for d in w["days"])
    print(f"1. plan(): {WEEKS}-week intermediate marathon season from {TODAY}, {RUNS} runs")
    print(f"   caches cleared for cold runs: {names or 'none found'}")
    print(f"   {WEEKS} weeks, {sessions} sessions, phases {phases}", flush=True)

    def call() -> object:
        return plan(athlete, TODAY, m, lib, WEEKS)

    cold = time_calls(call, RUNS, lambda: clear_caches(caches))
    warm = time_calls(call, RUNS, lambda: None)
    for label, timings in (("cold", cold), ("warm", warm)):
        print(f"   {label}: {timings.describe('ms')}")
        checks.append(
            Check(
                f"plan() {WEEKS} weeks, {label}, median",
                statistics.median(timings.wall) * 1000,
                statistics.median(timings.cpu) * 1000,
                PLAN_TARGET_MS,
                "ms",
            )
        )


@dataclass(frozen=True, slots=True)
class Pinned:
    """What the one-core pinning did."""

    cpu: int | None
    restore: set[int] | None


def pin_one_core() -> Pinned:
    """Pin this process to one CPU when the system allows it (Linux)."""
    getter = getattr(os, "sched_getaffinity", None)
    setter = getattr(os, "sched_setaffinity", None)
    if getter is None or setter is None:
        return Pinned(None, None)
    before = getter(0)
    cpu = min(before)
    setter(0, {cpu})
    return Pinned(cpu, before)


def varied_profiles() -> Iterator[tuple[dict[str, str], Athlete]]:
    """Every level x strategy x availability pattern; distances rotate through the batch."""
    n = 0
    for level in LEVELS:
        for strategy in STRATEGIES:
            for availability in AVAILABILITY:
                distance = DISTANCES[n % len(DISTANCES)]
                n += 1
                traits = {
                    "level": level,
                    "strategy": strategy,
                    "availability": availability,
                    "distance": distance,
                }
                yield traits, athlete_from_mapping(profile(**traits))


def throughput(checks: list[Check]) -> None:
    """Plans per second on one core over the varied batch, cold caches."""
    m, lib = default_methodology(), load_library()
    batch = list(varied_profiles())
    caches = domain_caches()
    print(
        f"\n2. throughput: {len(batch)} profiles ({len(LEVELS)} levels x {len(STRATEGIES)} "
        f"strategies x {len(AVAILABILITY)} availability patterns, distances rotating), "
        f"{WEEKS} weeks each, cold caches",
        flush=True,
    )
    athletes = iter(batch)
    pinned = pin_one_core()
    try:
        timings = time_calls(
            lambda: plan(next(athletes)[1], TODAY, m, lib, WEEKS),
            len(batch),
            lambda: clear_caches(caches),
        )
    finally:
        if pinned.restore is not None:
            os.sched_setaffinity(0, pinned.restore)
    elapsed, cpu = sum(timings.wall), sum(timings.cpu)
    where = f"pinned to CPU {pinned.cpu}" if pinned.cpu is not None else "not pinned"
    print(
        f"   {elapsed:.2f} s wall, {cpu:.2f} s CPU ({where}): {len(batch) / elapsed:.1f} plans/s"
        f" ({len(batch) / cpu:.1f} by CPU time); a plan takes {timings.describe('ms')}"
    )
    for trait in ("availability", "strategy", "level", "distance"):
        groups: dict[str, list[float]] = {}
        for (traits, _athlete), seconds in zip(batch, timings.cpu, strict=True):
            groups.setdefault(traits[trait], []).append(seconds)
        means = ", ".join(f"{k} {statistics.mean(v) * 1000:.0f}" for k, v in groups.items())
        print(f"   mean CPU ms a plan by {trait}: {means}")
    # The per-plan budget read as a rate: 50 ms a plan is 20 plans/s.
    checks.append(
        Check(
            "plans per second, one core, cold",
            len(batch) / elapsed,
            len(batch) / cpu,
            1000 / PLAN_TARGET_MS,
            "plans/s",
            at_least=True,
        )
    )


def cli_command() -> list[str]:
    """The installed ``stridelift`` script next to this interpreter, else ``python -m``."""
    script = Path(sys.executable).with_name("stridelift")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "stridelift"]


def children_cpu() -> float:
    """CPU seconds used so far by finished child processes (0 where unknown)."""
    try:
        import resource  # POSIX only
    except ImportError:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_times(args: list[str], runs: int, env: dict[str, str] | None = None) -> Timings:
    """Times of ``runs`` runs of the command ``args``, after one untimed run."""
    wall, cpu = [], []
    for n in range(runs + 1):
        started, cpu_started = time.perf_counter(), children_cpu()
        done = subprocess.run(args, capture_output=True, text=True, check=False, env=env)
        elapsed, used = time.perf_counter() - started, children_cpu() - cpu_started
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} exited {done.returncode}: {done.stderr.strip()}")
        if n:
            wall.append(elapsed)
            cpu.append(used)
    return Timings(wall, cpu)


def import_summary(args: list[str]) -> None:
    """Run ``args`` under ``-X importtime`` and print where the import time goes."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args], capture_output=True, text=True, check=False
    )
    per_package: dict[str, int] = {}
    top_level: list[tuple[int, str]] = []
    total_us = 0
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        fields = line[len("import time:") :].split("|")
        self_us, cumulative_us, name = int(fields[0]), int(fields[1]), fields[2]
        package = name.strip().split(".")[0]
        per_package[package] = per_package.get(package, 0) + self_us
        total_us += self_us
        if not name.startswith("   "):  # imported by the program itself, not by a module
            top_level.append((cumulative_us, name.strip()))
    if not total_us:
        print("   no -X importtime output")
        return
    print(f"   imports under -X importtime: {total_us / 1000:.0f} ms in all (inflated by tracing)")
    print(f"   {'package':<24}{'ms':>8}{'share':>8}    (self time summed per top-level package)")
    for package, us in sorted(per_package.items(), key=lambda kv: -kv[1])[:TOP_IMPORTS]:
        print(f"   {package:<24}{us / 1000:>8.1f}{us / total_us:>8.0%}")
    print(f"   {'first-level import':<40}{'cumulative ms':>14}")
    for us, name in sorted(top_level, reverse=True)[:8]:
        print(f"   {name:<40}{us / 1000:>14.1f}")


def bytecode_on_disk() -> bool:
    """Whether Stridelift's own modules have their bytecode on disk (``make``'s install
    compiles them, as a wheel install does)."""
    import stridelift

    return Path(importlib.util.cache_from_source(stridelift.__file__)).exists()


def whole_process(checks: list[Check], folder: Path) -> None:
    """Wall time of ``stridelift plan --json`` as a process, and its import time."""
    profile_path = folder / "profile.toml"
    profile_path.write_text(profile_toml(profile()), encoding="utf-8")
    command = cli_command()
    plan_args = ["plan", "--json", "--profile", str(profile_path)]
    plan_args += ["--today", TODAY.isoformat(), "--weeks", str(WEEKS)]
    done = subprocess.run([*command, *plan_args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"stridelift plan failed ({done.returncode}): {done.stderr.strip()}")
    season_check(json.loads(done.stdout))
    shown = " ".join([Path(command[-1]).name, *plan_args[:2], "--profile F", *plan_args[4:]])
    print(f"\n3. whole process: {shown}, {CLI_RUNS} runs", flush=True)
    rows = {
        "python -c pass": process_times([sys.executable, "-c", "pass"], CLI_RUNS),
        "stridelift --help": process_times([*command, "--help"], CLI_RUNS),
        "stridelift plan --json": process_times([*command, *plan_args], CLI_RUNS),
    }
    if os.environ.get("PYTHONDONTWRITEBYTECODE") and not bytecode_on_disk():
        cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        rows["  same, bytecode cached"] = process_times([*command, *plan_args], CLI_RUNS, cached)
    for label, timings in rows.items():
        print(f"   {label:<24}{timings.describe('s')}")
    if "  same, bytecode cached" in rows:
        print(
            "   (PYTHONDONTWRITEBYTECODE is set: every run above it compiles Stridelift's "
            "own modules; the last row caches their bytecode, as an installed wheel has it)"
        )
    plan_times = rows["stridelift plan --json"]
    checks.append(
        Check(
            "stridelift plan --json, median",
            statistics.median(plan_times.wall),
            statistics.median(plan_times.cpu) if any(plan_times.cpu) else None,
            CLI_TARGET_S,
            "s",
        )
    )
    import_summary(["-m", "stridelift", *plan_args])


def profile_cold(runs: int) -> None:
    """cProfile over ``runs`` cold plans of the benchmark season: where the time goes."""
    athlete = athlete_from_mapping(tomllib.loads(profile_toml(profile())))
    m, lib = default_methodology(), load_library()
    season_check(plan(athlete, TODAY, m, lib, WEEKS))
    caches = domain_caches()
    profiler = cProfile.Profile()
    for _ in range(runs):
        clear_caches(caches)
        profiler.enable()
        plan(athlete, TODAY, m, lib, WEEKS)
        profiler.disable()
    stats = pstats.Stats(profiler)
    print(f"cProfile of {runs} cold {WEEKS}-week plans")
    for order in ("tottime", "cumulative"):
        stats.sort_stats(order).print_stats(TOP_FUNCTIONS)


def print_checks(checks: list[Check]) -> None:
    """The targets with PASS or MISS, and the missed ones listed."""
    print(f"\ntargets{'wall':>38}{'CPU':>9}")
    for check in checks:
        print(f"   {check.line()}")
    missed = [c.label for c in checks if not c.passed]
    if missed:
        print(f"MISS: {len(missed)} of {len(checks)} targets missed: {'; '.join(missed)}")
    else:
        print(f"PASS: all {len(checks)} targets met")


def main(argv: list[str]) -> int:
    """Print every figure, then the targets with PASS or MISS; 0 even when one is missed."""
    if argv[:1] in (["-h"], ["--help"]):
        print(__doc__)
        return 0
    if argv[:1] == ["--profile"]:
        profile_cold(int(argv[1]) if len(argv) > 1 else 20)
        return 0
    if argv[:1] == ["--process"]:
        process_checks: list[Check] = []
        with tempfile.TemporaryDirectory(prefix="stridelift-bench-plan-") as tmp:
            whole_process(process_checks, Path(tmp))
        print_checks(process_checks)
        return 0
    if hasattr(os, "getloadavg"):
        load = os.getloadavg()[0]
        print(f"load average (1 min) {load:.2f} on {os.cpu_count()} CPUs: a busy machine is slower")
    athlete = athlete_from_mapping(tomllib.loads(profile_toml(profile())))
    checks: list[Check] = []
    in_process(athlete, checks)
    throughput(checks)
    with tempfile.TemporaryDirectory(prefix="stridelift-bench-plan-") as tmp:
        whole_process(checks, Path(tmp))
    print_checks(checks)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
