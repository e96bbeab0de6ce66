"""Shared test fixtures: where the shared activity files live, and Hypothesis profiles."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO_ROOT = Path(__file__).resolve().parents[1]
# The shared folder sits beside the project's root (in a clean clone too).
SHARED_DIR = REPO_ROOT.parent / "shared"
ACTIVITIES_DIR = SHARED_DIR / "data" / "activities"

# make test draws the same cases on every run (derandomize): CI's 2,000 ("ci") or a
# quicker 200 ("dev", the default), so a red run is reproducible and never a matter of
# luck. The wide random search is "explore" (make explore).
settings.register_profile(
    "ci",
    max_examples=2000,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev",
    max_examples=200,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# "explore" is the wide random search (make explore): many new cases, for a person to run;
# what it finds becomes a scenario test.
settings.register_profile(
    "explore",
    max_examples=int(os.environ.get("STRIDELIFT_EXPLORE_EXAMPLES", "5000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def _draws_independent_of_loaded_modules() -> None:
    """Derandomized draws that do not depend on which modules the run has imported.

    Hypothesis mixes literal constants from every local module in ``sys.modules`` into its
    draws, so the same test drew other cases in the whole suite (CI) than alone, or after
    a module was added. Without them a test's draws depend on its own code and strategies
    only: ``pytest tests/property`` reproduces what CI drew.
    """
    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:  # pragma: no cover - a Hypothesis without local constants
        return
    if hasattr(providers, "_get_local_constants") and hasattr(providers, "Constants"):
        providers._get_local_constants = providers.Constants


_draws_independent_of_loaded_modules()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared folder; tests that need it fail loudly if it is missing."""
    if not SHARED_DIR.is_dir():
        pytest.fail(f"shared folder not found beside the repo: {SHARED_DIR}")
    return SHARED_DIR


@pytest.fixture(scope="session")
def activities_dir(shared_dir: Path) -> Path:
    """The folder of real FIT, GPX and TCX files."""
    return shared_dir / "data" / "activities"


# Without a PostgreSQL server every PostgreSQL test is skipped for the same reason; -ra would
# list each one (75 lines on a local run). The short summary says it once, with the count; the
# closing count line still includes them. CI sets the URL, so there they run.
POSTGRES_SKIP = "STRIDELIFT_TEST_POSTGRES_URL is not set"


def _is_postgres_skip(report: pytest.TestReport) -> bool:
    longrepr = report.longrepr
    return isinstance(longrepr, tuple) and POSTGRES_SKIP in str(longrepr[2])


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> Iterator[None]:
    """Fold the PostgreSQL skips into one line of the short test summary."""
    skipped = terminalreporter.stats.get("skipped", [])
    postgres = [r for r in skipped if _is_postgres_skip(r)]
    if postgres:
        terminalreporter.stats["skipped"] = [r for r in skipped if not _is_postgres_skip(r)]
    try:
        yield
    finally:
        if postgres:
            terminalreporter.stats["skipped"] = skipped
            terminalreporter.write_line(
                f"SKIPPED [{len(postgres)}] PostgreSQL tests: {POSTGRES_SKIP} "
                "(set it to a server's URL to run them; CI does)"
            )
