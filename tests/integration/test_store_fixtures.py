"""Fixtures shared by the logbook tests: a fresh database on SQLite, and on PostgreSQL when
STRIDELIFT_TEST_POSTGRES_URL is set (each test gets its own schema, dropped afterwards).

Import the fixtures from here (``from tests.integration.test_store_fixtures import ...``);
this module holds no tests itself.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from stridelift.adapters.store.engine import Store, open_store
from stridelift.settings import normalize_database_url

POSTGRES_ENV = "STRIDELIFT_TEST_POSTGRES_URL"
PROFILE = """\
name = "{name}"
level = "recreational"
units = "{units}"
body_mass_kg = 62
weekly_run_minutes = 240
"""


def postgres_base_url() -> str | None:
    """The PostgreSQL server given to the tests, normalized, or None."""
    raw = os.environ.get(POSTGRES_ENV)
    return normalize_database_url(raw) if raw else None


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file of its own for one test."""
    return f"sqlite:///{tmp_path / 'logbook.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh schema on the test PostgreSQL server, as a URL whose search_path is that schema."""
    base = postgres_base_url()
    if base is None:
        pytest.skip(f"{POSTGRES_ENV} is not set: no PostgreSQL server to test against")
    schema = f"stridelift_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """A fresh, empty database: SQLite always, PostgreSQL when the server is configured."""
    fixture = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return str(request.getfixturevalue(fixture))


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """The database at ``database_url``, migrated, closed after the test."""
    opened = open_store(database_url)
    try:
        yield opened
    finally:
        opened.close()


def write_profile(folder: Path, name: str = "Ann", units: str = "metric") -> Path:
    """A minimal valid profile file for an athlete called ``name``."""
    path = folder / f"{name.lower().replace(' ', '_')}.toml"
    path.write_text(PROFILE.format(name=name, units=units), encoding="utf-8")
    return path


# Timestamps tests use: a fixed "now", and bounds that hold every activity.
NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
FAR_FUTURE = datetime(2100, 1, 1, tzinfo=UTC)


def add_athlete(store: Store, name: str, now: datetime) -> int:
    """Store an athlete with the sample profile under ``name``; their id."""
    with store.transaction() as repo:
        return repo.add_athlete(name, PROFILE.format(name=name, units="metric"), now).id
