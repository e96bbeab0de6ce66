"""Encodings: methodology and profile bytes, and what `init` writes from a name."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from tests.e2e.entry import FIXTURE, Cli


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    return Cli(capsys, monkeypatch)


def test_a_methodology_that_is_not_utf8_is_one_line(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "coach.toml"
    bad.write_bytes(b'name = "M\xe9thode"\n')
    run = cli("plan", "--profile", FIXTURE, "--methodology", bad, code=2)
    run.one_line_error(f"{bad}: methodology is not UTF-8 text")


def test_a_profile_with_a_byte_order_mark_plans_like_one_without(cli: Cli, tmp_path: Path) -> None:
    bom = tmp_path / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + FIXTURE.read_bytes())
    with_bom = cli("plan", "--profile", bom, "--today", "2026-11-23", "--json").out
    plain = cli("plan", "--profile", FIXTURE, "--today", "2026-11-23", "--json").out
    assert json.loads(with_bom) == json.loads(plain)


@pytest.mark.parametrize("name", ["C:\\new\\test", 'Ann "The Legs" B', "Åsa Ström"])
def test_init_writes_any_printable_name_as_it_was_typed(
    cli: Cli, tmp_path: Path, name: str
) -> None:
    out = tmp_path / "p.toml"
    cli("init", "--out", out, "--name", name)
    assert tomllib.loads(out.read_text(encoding="utf-8"))["name"] == name
    doc = json.loads(cli("plan", "--profile", out, "--json").out)
    assert doc["athlete"]["name"] == name


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (["--name", "tab\there"], "--name"),
        (["--name", "nul\x00"], "--name"),
        (["--name", "  "], "--name"),
        (["--level", "wizard"], "--level"),
        (["--race-date", "2027-02-30"], "--race-date"),
    ],
)
def test_a_bad_init_answer_is_one_line_naming_its_flag_and_nothing_is_written(
    cli: Cli, tmp_path: Path, args: list[str], flag: str
) -> None:
    out = tmp_path / "p.toml"
    cli("init", "--out", out, *args, code=2).one_line_error(f"{flag}: ")
    assert not out.exists()
