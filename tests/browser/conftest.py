"""Browser tests: the app served by uvicorn on a free loopback port, Debian's Chromium.

Locally they skip, saying why, when /usr/bin/chromium is missing; CI installs it
(.ci/run), so there they run. Screenshots go to $STRIDELIFT_SCREENSHOTS, else
tests/browser/screenshots/ (not committed), for a person to look at.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stridelift.services.athletes import add_athlete
from stridelift.services.starter import starter_profile
from stridelift.services.workspace import opened
from tests.conftest import REPO_ROOT
from tests.web_app import NOW, seeded_db

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is missing (apt-get install chromium); CI installs it",
        allow_module_level=True,
    )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium, not a browser downloaded by Playwright (this machine has none)."""
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM)}


@pytest.fixture(scope="session")
def base_url() -> None:
    """No base URL: tests go to the address of the server their module started. (This
    replaces pytest-base-url's fixture, whose style pytest deprecates.)"""
    return None


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where the screenshots of the run go."""
    folder = Path(os.environ.get("STRIDELIFT_SCREENSHOTS", Path(__file__).parent / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the test server stopped with status {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=1):  # noqa: S310 - loopback
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the test server did not answer within 30 s")


@pytest.fixture(scope="module")
def app_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo athlete and a second one (so the home page shows the picker)."""
    folder = tmp_path_factory.mktemp("browser")
    url = seeded_db(folder)
    profile = folder / "ann.toml"
    profile.write_text(starter_profile("Ann", "recreational", None, "half", 180), encoding="utf-8")
    with opened(url) as store:
        add_athlete(store, profile, NOW)
    return url


@pytest.fixture(scope="module")
def app_url(app_db: str) -> Iterator[str]:
    """The app's address, served for this module from its own process."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.browser.serve_for_test", app_db, str(port)],
        cwd=REPO_ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
