"""`stridelift coach grant|revoke` through the real entry point: the admin path of coach
grants, one-line errors naming the field, nothing stored on a refusal."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from stridelift.services import accounts, coaching
from stridelift.services.athletes import find_athlete
from stridelift.services.workspace import opened
from tests.accounts import PASSWORD, cheap_hasher
from tests.e2e.entry import FIXTURE, Cli

hasher_fixture = cheap_hasher
pytestmark = pytest.mark.usefixtures("cheap_hasher")
MAYA = "Maya Lindqvist"
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(capsys, monkeypatch)


@pytest.fixture
def db(tmp_path: Path, cli: Cli) -> str:
    """Maya (athlete, user maya), coach cat."""
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    cli("athlete", "add", "--profile", FIXTURE, "--db", url)
    with opened(url) as store:
        accounts.add_user(store, "maya", PASSWORD, "athlete", MAYA, NOW)
        accounts.add_user(store, "cat", PASSWORD, "coach", None, NOW)
    return url


def _access(db: str) -> str | None:
    with opened(db) as store:
        return accounts.may_see(store, accounts.find_user(store, "cat"), find_athlete(store, MAYA))


def test_grant_then_revoke(cli: Cli, db: str) -> None:
    run = cli("coach", "grant", "cat", MAYA, "--access", "view", "--db", db)
    assert run.out == f"cat may now view {MAYA}'s training\n"
    assert _access(db) == "view"
    cli("coach", "grant", "cat", MAYA, "--access", "edit", "--db", db)
    assert _access(db) == "edit"
    run = cli("coach", "revoke", "cat", MAYA, "--db", db)
    assert run.out == f"cat no longer sees {MAYA}'s training\n"
    assert _access(db) is None


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("grant", "cat", MAYA), ("--access:", "missing")),
        (("grant", "cat", MAYA, "--access", "all"), ("--access:", "'all' is not view or edit")),
        (("grant", "nobody", MAYA, "--access", "view"), ("COACH_USERNAME:", "'nobody'")),
        (("grant", "maya", MAYA, "--access", "view"), ("COACH_USERNAME:", "not coach")),
        (("grant", "cat", "Nobody", "--access", "view"), ("ATHLETE_NAME:", "'Nobody'")),
        (("revoke", "cat", MAYA), ("ATHLETE_NAME:", "cat has no grant to")),
    ],
)
def test_a_refused_command_is_one_line_naming_the_field_and_stores_nothing(
    cli: Cli, db: str, args: tuple[str, ...], words: tuple[str, ...]
) -> None:
    run = cli("coach", *args, "--db", db, code=2)
    run.one_line_error(*words)
    with opened(db) as store:
        assert coaching.grants_of(store, accounts.find_user(store, "cat")).as_coach == []
