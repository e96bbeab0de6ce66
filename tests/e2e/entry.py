"""Run the real entry point (in this process or a fresh one) the way a shell would."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from stridelift.cli import app as root

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "export_plan_planner.toml"  # Maya, marathon 2027-04-11


@dataclass(frozen=True)
class Run:
    """What a shell would see: exit status, stdout, stderr."""

    code: int
    out: str
    err: str

    def one_line_error(self, *words: str) -> str:
        """The single stderr line of a refused command, checked to name each of ``words``."""
        lines = self.err.strip().splitlines()
        assert len(lines) == 1, self.err
        assert "Traceback" not in self.err
        for word in words:
            assert word in lines[0], (word, lines[0])
        return lines[0]


class Cli:
    """Calls ``stridelift.cli.app.main`` with an argv and captures what it prints."""

    def __init__(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
        self.capsys = capsys
        self.monkeypatch = monkeypatch

    def __call__(self, *args: str | Path, code: int = 0) -> Run:
        self.capsys.readouterr()
        self.monkeypatch.setattr(sys, "argv", ["stridelift", *map(str, args)])
        status = 0
        try:
            root.main()
        except SystemExit as exc:
            status = exc.code if isinstance(exc.code, int) else 1
        out, err = self.capsys.readouterr()
        assert status == code, (args, status, out, err)
        return Run(status, out, err)


def program(*args: str | Path, env: dict[str, str] | None = None, timeout: float = 120) -> Run:
    """The installed program in a fresh interpreter (``env`` added to this one's)."""
    done = subprocess.run(
        [sys.executable, "-m", "stridelift", *map(str, args)],
        env={**os.environ, "COLUMNS": "200", **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)
