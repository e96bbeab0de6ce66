"""A local run without PostgreSQL says once, not once per test, why those tests were skipped."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO_ROOT

PYTEST = (sys.executable, "-m", "pytest")
POSTGRES_SKIP = "STRIDELIFT_TEST_POSTGRES_URL is not set"


def test_a_run_without_postgres_reports_its_skipped_tests_on_one_line() -> None:
    env = {k: v for k, v in os.environ.items() if k != "STRIDELIFT_TEST_POSTGRES_URL"}
    done = subprocess.run(
        [*PYTEST, "tests/integration/test_store_busy.py", "-q", "-ra", "-p", "no:cacheprovider"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = [line for line in done.stdout.splitlines() if POSTGRES_SKIP in line]
    skipped = done.stdout.splitlines()[-1].split(" skipped")[0].rsplit(" ", 1)[-1]
    assert lines == [
        f"SKIPPED [{skipped}] PostgreSQL tests: {POSTGRES_SKIP} "
        "(set it to a server's URL to run them; CI does)"
    ]
    assert int(skipped) > 1
