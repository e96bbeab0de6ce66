"""restore FILE: a backup is held to the rules of the commands that wrote it; a value that
breaks them is one line naming its place in the backup, and nothing is written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stridelift.adapters.store.engine import open_store
from stridelift.settings import DATABASE_URL_ENV
from tests.e2e.entry import FIXTURE, Cli, program
from tests.integration import test_store_fixtures as fixtures

postgres_url = fixtures.postgres_url
sqlite_url = fixtures.sqlite_url
database_url = fixtures.database_url

Doc = dict[str, Any]


@pytest.fixture(scope="module")
def good_backup(tmp_path_factory: pytest.TempPathFactory) -> Doc:
    """A real backup, written by the program: Maya, a logged run and a logged lift."""
    folder = tmp_path_factory.mktemp("good")
    env = {DATABASE_URL_ENV: f"sqlite:///{folder / 'log.db'}"}
    for argv in (
        ["athlete", "add", "--profile", str(FIXTURE)],
        ["log", "run", "--type", "easy", "--minutes", "30", "--date", "2026-11-20"],
        ["log", "lift", "--date", "2026-11-20", "goblet_squat:8x20@2"],
        ["backup", str(folder / "good.json")],
    ):
        assert program(*argv, env=env).code == 0
    doc: Doc = json.loads((folder / "good.json").read_text())
    return doc


def _set(table: str, column: str, value: object) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        doc["tables"][table][0][column] = value

    return change


CASES: list[tuple[str, Callable[[Doc], None], str]] = [
    ("id 2**63", _set("athletes", "id", 2**63), "tables.athletes[0].id: "),
    ("reps 2**70", _set("strength_sets", "reps", 2**70), "tables.strength_sets[0].reps: "),
    (
        "implausible reps",
        _set("strength_sets", "reps", 65534),
        "tables.strength_sets[0].reps: 65534 is out of range (expected 0-100)",
    ),
    (
        "year one in +05:00",
        _set("activities", "start_utc", "0001-01-01T00:00:00+05:00"),
        "tables.activities[0].start_utc: '0001-01-01T00:00:00+05:00' is out of range",
    ),
    (
        "naive timestamp",
        _set("activities", "start_utc", "2026-11-20T10:00:00"),
        "tables.activities[0].start_utc: '2026-11-20T10:00:00' has no time zone",
    ),
    (
        "profile not TOML",
        _set("athletes", "profile_toml", "name = [unclosed"),
        "tables.athletes[0].profile_toml: profile: not valid TOML",
    ),
    (
        "profile not a profile",
        _set("athletes", "profile_toml", 'name = "Maya"\nlevel = "wizard"\n'),
        "tables.athletes[0].profile_toml: profile: level",
    ),
    (
        "Infinity",
        _set("activities", "distance_m", float("inf")),
        "tables.activities[0].distance_m: inf is not a finite number",
    ),
    (
        "NaN",
        _set("strength_sets", "load_kg", float("nan")),
        "tables.strength_sets[0].load_kg: nan is not a finite number",
    ),
    (
        "unknown sport",
        _set("activities", "sport", "unicycling"),
        "tables.activities[0].sport: 'unicycling' is not one of running",
    ),
    (
        "unknown run type",
        _set("activities", "run_type", "sprint"),
        "tables.activities[0].run_type: 'sprint' is not one of easy",
    ),
    (
        "NUL byte",
        _set("activities", "notes", "a\x00b"),
        "tables.activities[0].notes: 'a\\x00b' holds a NUL character",
    ),
    (
        "long name",
        _set("athletes", "name", "x" * 201),
        "tables.athletes[0].name: ",
    ),
]


def _empty(url: str) -> bool:
    store = open_store(url)
    try:
        with store.reading() as repo:
            return repo.is_empty()
    finally:
        store.close()


def _restore(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, url: str, path: Path, text: str, code: int = 2
) -> tuple[str, bool]:
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv(DATABASE_URL_ENV, url)
    run = cli("restore", path, code=code)
    assert run.out == ""
    return run.one_line_error(), _empty(url)


@pytest.mark.parametrize(("change", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_a_backup_value_the_commands_would_refuse_is_one_line_naming_its_place(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    database_url: str,
    good_backup: Doc,
    change: Callable[[Doc], None],
    expected: str,
) -> None:
    doc = json.loads(json.dumps(good_backup))
    change(doc)
    url = database_url
    line, empty = _restore(Cli(capsys, monkeypatch), monkeypatch, url, tmp_path / "b.json",
                           json.dumps(doc))  # fmt: skip
    assert expected in line
    assert empty


@pytest.mark.parametrize(
    ("text", "expected"),
    [("[" * 100_000, "nested too deeply"), ('{"format": ' + "7" * 5000 + "}", "digits")],
    ids=["deeply nested", "5000 digits"],
)
def test_json_python_cannot_read_is_one_line_naming_the_file(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    text: str,
    expected: str,
) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    line, empty = _restore(Cli(capsys, monkeypatch), monkeypatch, url, tmp_path / "b.json", text)
    assert line.startswith("error: FILE: ")
    assert expected in line
    assert empty


def test_a_database_error_in_a_restore_is_one_line_on_postgresql_too(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    database_url: str,
    good_backup: Doc,
) -> None:
    # A guard: issue 15 saw a second line ("error ignored terminating <psycopg.Pipeline>")
    # after a restore error on PostgreSQL; this duplicate id reaches the database.
    doc = json.loads(json.dumps(good_backup))
    doc["tables"]["athletes"].append(dict(doc["tables"]["athletes"][0], name="Twin"))
    line, empty = _restore(Cli(capsys, monkeypatch), monkeypatch, database_url,
                           tmp_path / "b.json", json.dumps(doc), code=1)  # fmt: skip
    assert "nothing was written" in line
    assert empty
