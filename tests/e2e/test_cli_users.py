"""`stridelift user add|disable|password|list` through the real entry point, and
`stridelift serve` binding another address than loopback only once accounts exist."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stridelift.cli.app import app_for
from stridelift.cli.web_cmds import host_names
from stridelift.errors import UsageError
from stridelift.services import accounts
from stridelift.services.web_sessions import open_sessions, start_session
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
    url = f"sqlite:///{tmp_path / 'users.db'}"
    cli("athlete", "add", "--profile", FIXTURE, "--db", url)
    return url


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def _add(cli: Cli, monkeypatch: pytest.MonkeyPatch, db: str, *args: str, code: int = 0,
         password: str = PASSWORD) -> object:  # fmt: skip
    _stdin(monkeypatch, password + "\n")
    return cli("user", "add", *args, "--password-stdin", "--db", db, code=code)


def test_user_add_links_the_athlete_and_turns_accounts_on(
    cli: Cli, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = _add(cli, monkeypatch, db, "maya", "--role", "athlete", "--athlete", MAYA)
    assert run.out == f"added user maya (athlete, athlete {MAYA})\n"  # type: ignore[attr-defined]
    with opened(db) as store:
        assert accounts.accounts_exist(store)
        assert accounts.authenticate(store, "maya", PASSWORD, "cli", NOW).username == "maya"


def test_user_list_shows_a_table_and_json(
    cli: Cli, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "single-user mode" in cli("user", "list", "--db", db).out
    _add(cli, monkeypatch, db, "maya", "--role", "coach", "--athlete", MAYA)
    _add(cli, monkeypatch, db, "root", "--role", "admin")
    table = cli("user", "list", "--db", db).out
    assert "maya" in table and "coach" in table and MAYA in table and "active" in table
    rows = json.loads(cli("user", "list", "--json", "--db", db).out)
    assert [(r["username"], r["role"], r["athlete"], r["disabled"]) for r in rows] == [
        ("maya", "coach", MAYA, False),
        ("root", "admin", None, False),
    ]
    assert PASSWORD not in table and "argon2" not in table


@pytest.mark.parametrize(
    ("args", "password", "words"),
    [
        (("Maya!", "--role", "athlete", "--athlete", MAYA), PASSWORD, ("username:", "'Maya!'")),
        (("maya", "--role", "owner"), PASSWORD, ("--role:", "'owner'")),
        (("maya", "--role", "athlete"), PASSWORD, ("--athlete:", "names the athlete")),
        (("maya", "--role", "athlete", "--athlete", "Nobody"), PASSWORD, ("--athlete:", "Nobody")),
        (("maya", "--role", "admin"), "short", ("password:", "at least 10 characters")),
    ],
)
def test_a_bad_user_add_is_one_line_naming_the_field_and_stores_nothing(
    cli: Cli, db: str, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], password: str,
    words: tuple[str, ...],
) -> None:  # fmt: skip
    run = _add(cli, monkeypatch, db, *args, code=2, password=password)
    run.one_line_error(*words)  # type: ignore[attr-defined]
    with opened(db) as store:
        assert accounts.list_users(store) == []


def test_a_taken_username_is_refused(cli: Cli, db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _add(cli, monkeypatch, db, "root", "--role", "admin")
    run = _add(cli, monkeypatch, db, "root", "--role", "admin", code=2)
    run.one_line_error("username:", "exists already")  # type: ignore[attr-defined]


def test_without_a_terminal_or_stdin_flag_the_password_is_not_asked(
    cli: Cli, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stdin(monkeypatch, PASSWORD + "\n")  # not a terminal
    run = cli("user", "add", "root", "--role", "admin", "--db", db, code=2)
    run.one_line_error("password:", "--password-stdin")


def test_the_password_is_asked_twice_on_a_terminal(
    cli: Cli, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([PASSWORD, "something else entirely"])
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    run = cli("user", "add", "root", "--role", "admin", "--db", db, code=2)
    run.one_line_error("password:", "the two passwords differ")
    answers = iter([PASSWORD, PASSWORD])
    cli("user", "add", "root", "--role", "admin", "--db", db)


def test_there_is_no_password_option_on_the_command_line(cli: Cli, db: str) -> None:
    run = cli("user", "add", "root", "--role", "admin", "--password", PASSWORD, "--db", db,
              code=2)  # fmt: skip
    assert "No such option" in run.err and "Traceback" not in run.err


def test_user_disable_ends_every_session(
    cli: Cli, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(cli, monkeypatch, db, "maya", "--role", "athlete", "--athlete", MAYA)
    with opened(db) as store:
        user = accounts.find_user(store, "maya")
        start_session(store, user.id, NOW)
        start_session(store, user.id, NOW)
    run = cli("user", "disable", "maya", "--db", db)
    assert run.out == "disabled user maya; ended 2 session(s)\n"
    with opened(db) as store:
        assert open_sessions(store, "maya") == 0
        with pytest.raises(accounts.LoginRefused):
            accounts.authenticate(store, "maya", PASSWORD, "cli", NOW)
    assert json.loads(cli("user", "list", "--json", "--db", db).out)[0]["disabled"] is True


def test_user_password_sets_it_and_ends_every_session(
    cli: Cli, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(cli, monkeypatch, db, "maya", "--role", "athlete", "--athlete", MAYA)
    with opened(db) as store:
        start_session(store, accounts.find_user(store, "maya").id, NOW)
    _stdin(monkeypatch, "a brand new password\n")
    run = cli("user", "password", "maya", "--password-stdin", "--db", db)
    assert run.out == "changed the password of maya; ended 1 session(s)\n"
    with opened(db) as store:
        assert accounts.authenticate(store, "maya", "a brand new password", "cli", NOW)


@pytest.mark.parametrize("command", ["disable", "password"])
def test_an_unknown_user_is_one_line(cli: Cli, db: str, command: str) -> None:
    run = cli("user", command, "nobody", "--db", db, code=2)
    run.one_line_error("username:", "no user named 'nobody'")


def test_serve_refuses_another_address_until_a_user_exists(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'none.db'}"
    result = CliRunner().invoke(app_for(["serve"]), ["serve", "--host", "0.0.0.0", "--db", db])  # noqa: S104
    assert result.exit_code == 2
    assert "add one with `stridelift user add` first" in result.output
    assert not (tmp_path / "none.db").exists()  # refused without creating the database


def test_serve_on_every_address_needs_the_host_names(
    cli: Cli, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(cli, monkeypatch, db, "root", "--role", "admin")
    result = CliRunner().invoke(app_for(["serve"]), ["serve", "--host", "0.0.0.0", "--db", db])  # noqa: S104
    assert result.exit_code == 2
    assert result.output.startswith("error: --allowed-host: --host 0.0.0.0 listens on every")


def test_the_allowed_host_names_come_from_the_option_and_the_address() -> None:
    assert host_names("0.0.0.0", ["Stride.Example.org"]) == ("stride.example.org",)  # noqa: S104
    assert host_names("192.168.1.5", []) == ("192.168.1.5",)
    assert host_names("fd00::5", ["[fd00::5]"]) == ("[fd00::5]", "[fd00::5]")
    assert host_names("127.0.0.1", []) == ()
    with pytest.raises(UsageError, match=r"^--allowed-host: 'stride.example.org:8000'"):
        host_names("0.0.0.0", ["stride.example.org:8000"])  # noqa: S104
