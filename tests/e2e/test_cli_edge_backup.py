"""backup FILE: one line for a target that is not a regular file; a unique temporary file per
backup, and none left behind when the backup fails or is terminated."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from stridelift.settings import DATABASE_URL_ENV
from tests.e2e.entry import FIXTURE, Cli


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Cli:
    monkeypatch.setenv(DATABASE_URL_ENV, f"sqlite:///{tmp_path / 'log.db'}")
    cli = Cli(capsys, monkeypatch)
    cli("athlete", "add", "--profile", FIXTURE)
    return cli


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if "partial" in p.name)


@pytest.mark.parametrize("target", ["", ".", "folder", "pipe", "link.json"])
def test_a_target_that_is_no_regular_file_is_one_line_and_left_alone(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir()
    (tmp_path / "link.json").symlink_to(tmp_path / "elsewhere.json")
    os.mkfifo(tmp_path / "pipe")  # a special file, like a device node (never /dev/null here)
    run = cli("backup", target, code=2)
    run.one_line_error("FILE:")
    assert run.out == ""
    assert not (tmp_path / "elsewhere.json").exists()
    assert (tmp_path / "link.json").is_symlink()
    assert stat.S_ISFIFO((tmp_path / "pipe").lstat().st_mode)
    assert _leftovers(tmp_path) == []


def test_each_backup_writes_its_own_temporary_file_never_another_ones(
    cli: Cli, tmp_path: Path
) -> None:
    # Another backup's temporary file by the old fixed name, here a link to another file.
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / ".b.json.partial").symlink_to(victim)
    cli("backup", tmp_path / "b.json")
    assert victim.read_text() == "keep me"
    target = tmp_path / "b.json"
    assert not target.is_symlink()
    assert json.loads(target.read_text())["tables"]["athletes"][0]["name"] == "Maya Lindqvist"


# fsync is where the backup's bytes reach the disk: SIGTERM arrives in the middle of it.
TERMINATED_WHILE_WRITING = textwrap.dedent(
    """
    import os, signal, sys
    real = os.fsync
    def fsync(fd):
        os.kill(os.getpid(), signal.SIGTERM)
        return real(fd)
    os.fsync = fsync
    sys.argv = ["stridelift", *sys.argv[1:]]
    from stridelift.cli.app import main
    main()
    """
)


def test_a_terminated_backup_leaves_no_partial_file(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", TERMINATED_WHILE_WRITING, "backup", str(out / "b.json")],
        env={**os.environ},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert "Traceback" not in done.stderr
    assert list(out.iterdir()) == []
