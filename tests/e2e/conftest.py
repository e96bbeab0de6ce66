"""Fixtures of the web app's end-to-end tests: the seeded demo database, and a fresh copy
of it for each test (a module that needs more athletes overrides ``seeded``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.web_app import seeded_db


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo athlete as of tests.web_app.NOW, seeded once."""
    folder = tmp_path_factory.mktemp("seeded")
    seeded_db(folder)
    return folder / "web.db"


@pytest.fixture
def db(seeded: Path, tmp_path: Path) -> str:
    """A fresh copy of the seeded database for one test."""
    shutil.copy(seeded, tmp_path / "web.db")
    return f"sqlite:///{tmp_path / 'web.db'}"
