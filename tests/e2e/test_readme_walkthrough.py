"""A new user's first hour, as the README tells it: every command in its walk-through and its
export block, read from README.md itself (so the text cannot drift from what works), run in
order in a fresh folder with a fresh database; and the commands `init` suggests, as shown."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
PROGRAM = ".venv/bin/stridelift"
NEEDS_RACE = "needs --race-date (the race it belongs to)"


def _block(heading: str) -> list[list[str]]:
    """The stridelift commands of the first fenced block under ``heading``, split as a shell
    would (comments dropped)."""
    text = README.read_text(encoding="utf-8")
    section = text.split(f"\n## {heading}\n", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None, f"no ```sh block under '## {heading}'"
    commands = [shlex.split(line, comments=True) for line in block[1].splitlines()]
    return [c for c in commands if c]


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "STRIDELIFT_DATABASE_URL": f"sqlite:///{tmp_path / 'stridelift.db'}",
        "HOME": str(tmp_path),  # nothing lands in the real user data folder
        "COLUMNS": "120",
    }


def _run(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """One README line: the program in this interpreter, a ``> FILE`` redirect honoured."""
    assert argv[0] == PROGRAM, argv
    args, out = argv[1:], None
    if ">" in args:
        at = args.index(">")
        args, out = args[:at], cwd / args[at + 1]
    done = subprocess.run(
        [sys.executable, "-m", "stridelift", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if out is not None:
        out.write_text(done.stdout, encoding="utf-8")
    return done


def test_the_readme_walk_through_runs_in_order_every_command_exit_0(tmp_path: Path) -> None:
    walk = _block("Your first hour")
    verbs = [" ".join(c[1:3]) for c in walk]
    # The order a new user needs: a profile with a race, a stored athlete, a logged run,
    # a replan, and an export of the stored athlete's plan.
    order = ["init --out", "athlete add", "log run", "replan", "export ics"]
    positions = [next(i for i, v in enumerate(verbs) if v.startswith(o)) for o in order]
    assert positions == sorted(positions), verbs
    assert "--race-date" in walk[positions[0]]
    assert "--athlete" in walk[positions[-1]]
    env = _env(tmp_path)
    for argv in [*walk, *_block("Export")]:
        done = _run(argv, tmp_path, env)
        shown = shlex.join(argv)
        assert done.returncode == 0, (shown, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr, shown
    assert (tmp_path / "plan.ics").is_file() and (tmp_path / "plan.pdf").is_file()


def test_init_without_a_terminal_asks_nothing_and_its_suggestions_run_as_shown(
    tmp_path: Path,
) -> None:
    env = _env(tmp_path)
    init = _run([PROGRAM, "init", "--out", "my profile.toml"], tmp_path, env)
    assert init.returncode == 0, init.stderr
    lines = init.stdout.splitlines()
    assert lines[0] == "wrote my profile.toml"
    assert "?" not in init.stdout and ":" not in lines[0]  # no question was asked
    assert any(line.startswith("No race in it: a plan without a race is") for line in lines)
    for flag in ("--race-date", "--race-distance", "--race-name", "--goal-time"):
        assert flag in init.stdout
    commands = [line.strip() for line in lines if line.startswith("  ")]
    assert len(commands) == 3 and "init --out" in commands[0]
    assert commands[1].endswith("plan --profile 'my profile.toml'")
    for command in commands:  # exactly as printed, through a shell
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, (command, done.stdout, done.stderr)
    assert 'name = "Spring Half"' in (tmp_path / "my profile.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--race-name", "Spring Half"], f"error: --race-name: {NEEDS_RACE}"),
        (["--goal-time", "1:55:00"], f"error: --goal-time: {NEEDS_RACE}"),
        (["--race-date", "2027-04-11", "--goal-time", "fast"],
         "error: --goal-time: 'fast' is not a time (expected H:MM:SS or MM:SS)"),
    ],
)  # fmt: skip
def test_init_race_flags_are_checked_in_one_line_and_write_nothing(
    tmp_path: Path, flags: list[str], message: str
) -> None:
    done = _run([PROGRAM, "init", "--out", "p.toml", *flags], tmp_path, _env(tmp_path))
    assert (done.returncode, done.stdout, done.stderr) == (2, "", message + "\n")
    assert not (tmp_path / "p.toml").exists()
