"""Fingerprint the planner: one hash per drawn case, to show a refactor left plans unchanged.

Draws PROFILES plan cases (tests/strategies.py) and HISTORIES history cases (a profile and
a logged history, tests/property/test_history_plan_properties.py) with Hypothesis set to
draw the same cases on every run, adds the plan benchmark's varied profiles
(benchmarks/bench_plan.py), plans each, and writes a JSON object: case -> [input hash,
plan hash], the plan hashed as ``json.dumps(doc, sort_keys=True)``.

    .venv/bin/python benchmarks/plan_fingerprint.py --write before.json
    .venv/bin/python benchmarks/plan_fingerprint.py --compare before.json

``--compare`` prints how many plans differ (and which), and exits 1 if any does or if a
case was drawn differently (the harness or the strategies changed, not the planner).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.internal.conjecture import providers

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_plan import TODAY, WEEKS, profile, varied_profiles  # noqa: E402
from tests.property.test_history_plan_properties import HistoryCase, history_cases  # noqa: E402
from tests.strategies import PlanCase, plan_cases  # noqa: E402

from stridelift.domain.adapt import adjustments  # noqa: E402
from stridelift.domain.plan import plan  # noqa: E402
from stridelift.methodologies import default_methodology, load_library  # noqa: E402

# Hypothesis mixes literals found in the project's own modules into its draws, so moving
# code between modules would change the cases drawn; the harness draws without them.
_NO_CONSTANTS = providers.Constants()
providers._get_local_constants = lambda: _NO_CONSTANTS

PROFILES = 400
HISTORIES = 150
M = default_methodology()
LIB = load_library()
SAME_EVERY_RUN = settings(
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _plan_hash(doc: dict[str, Any]) -> str:
    return _digest(json.dumps(doc, sort_keys=True))


def drawn_plan_cases(n: int) -> list[PlanCase]:
    """``n`` plan cases, the same ones on every run."""
    found: list[PlanCase] = []

    @settings(SAME_EVERY_RUN, max_examples=n)
    @given(plan_cases())
    def collect(case: PlanCase) -> None:
        found.append(case)

    collect()
    return found


def drawn_history_cases(n: int) -> list[HistoryCase]:
    """``n`` history cases, the same ones on every run."""
    found: list[HistoryCase] = []

    @settings(SAME_EVERY_RUN, max_examples=n)
    @given(history_cases())
    def collect(case: HistoryCase) -> None:
        found.append(case)

    collect()
    return found


def _outcome(make: Any) -> str:
    """The plan's hash, or the error it raised (an error is a fingerprint too)."""
    try:
        return _plan_hash(make())
    except Exception as exc:
        return f"raised {type(exc).__name__}: {exc}"


def fingerprints() -> dict[str, list[str]]:
    """Case name -> [input hash, plan hash] for every case."""
    out: dict[str, list[str]] = {}
    for i, case in enumerate(drawn_plan_cases(PROFILES)):
        out[f"profile-{i:03d}"] = [
            _digest(case.describe()),
            _outcome(lambda c=case: plan(c.athlete, c.today, M, LIB, c.weeks)),
        ]
    for i, hcase in enumerate(drawn_history_cases(HISTORIES)):
        c = hcase.plan

        def with_history(h: HistoryCase = hcase, c: PlanCase = c) -> dict[str, Any]:
            adjust = adjustments(c.athlete, h.history.log(), c.today, M, LIB)
            return plan(c.athlete, c.today, M, LIB, c.weeks, adjust=adjust)

        out[f"history-{i:03d}"] = [_digest(hcase.describe()), _outcome(with_history)]
    for traits, athlete in varied_profiles():
        name = "bench-" + "-".join(traits.values())
        mapping = json.dumps(profile(**traits), default=str, sort_keys=True)
        out[name] = [_digest(mapping), _outcome(lambda a=athlete: plan(a, TODAY, M, LIB, WEEKS))]
    return out


def main(argv: list[str]) -> int:
    """Write or compare the fingerprints."""
    if os.environ.get("PYTHONHASHSEED") != "0":
        # Drawn sets iterate in hash order, which steers later draws: one seed, same cases.
        os.execve(  # noqa: S606 (this same script again, with a fixed hash seed)
            sys.executable, [sys.executable, __file__, *argv], os.environ | {"PYTHONHASHSEED": "0"}
        )
    if len(argv) != 2 or argv[0] not in ("--write", "--compare"):
        print(__doc__)
        return 2
    got = fingerprints()
    path = Path(argv[1])
    if argv[0] == "--write":
        path.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{len(got)} fingerprints written to {path}")
        return 0
    want: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
    drawn_else = sorted(k for k in want if k not in got or got[k][0] != want[k][0])
    differ = sorted(k for k in want if k in got and got[k][0] == want[k][0] and got[k] != want[k])
    print(
        f"{len(want)} cases: {len(differ)} plans differ, {len(drawn_else)} cases drawn differently"
    )
    for k in differ[:20]:
        print(f"   differs: {k}")
    for k in drawn_else[:20]:
        print(f"   drawn differently: {k}")
    return 1 if differ or drawn_else else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
