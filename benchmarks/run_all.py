"""Run every benchmarks/bench_*.py in turn, stream its output, then print a summary table.

Each benchmark runs in its own process with this interpreter: a script (one with an
``if __name__ == "__main__":`` block) as ``python -u FILE``; a pytest-benchmark file
(test functions, no main block) as ``python -m pytest FILE --benchmark-enable``.

A benchmark that reports a missed target (exit status 1, or a line saying MISS, FAIL,
OVER or "too slow") is listed as such, and the run goes on. The exit status of run_all
is 1 only when a benchmark crashes: an uncaught exception (a traceback), a signal, or an
exit status of 2 or more (Python's own "can't open file", pytest's errors).

    .venv/bin/python benchmarks/run_all.py            # every benchmark
    .venv/bin/python benchmarks/run_all.py plan load  # those whose name holds a word
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MAIN_BLOCK = re.compile(r"^if __name__ == ['\"]__main__['\"]:", re.MULTILINE)
TEST_FUNCTION = re.compile(r"^def test_\w+\(", re.MULTILINE)
MISS_LINE = re.compile(r"\bMISS\b|\bFAIL(ED)?\b|\bOVER\b|too slow")
TRACEBACK = "Traceback (most recent call last):"
# pytest: 1 means failed tests (a benchmark asserting its target); higher means it broke.
PYTEST_FAILED = 1

console = Console(highlight=False, soft_wrap=True)


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one benchmark ended."""

    name: str
    kind: str
    seconds: float
    returncode: int
    misses: tuple[str, ...]
    error: str | None  # the exception or reason when it crashed

    @property
    def crashed(self) -> bool:
        """True when the benchmark broke rather than measured."""
        return self.error is not None

    @property
    def status(self) -> str:
        """One word or two for the summary table."""
        if self.crashed:
            return "CRASHED"
        if self.returncode != 0 or self.misses:
            return "MISS"
        return "ok"


def command_for(path: Path) -> tuple[str, list[str]]:
    """How to run one benchmark file: ("script", argv) or ("pytest", argv)."""
    text = path.read_text(encoding="utf-8")
    if MAIN_BLOCK.search(text) or not TEST_FUNCTION.search(text):
        return "script", [sys.executable, "-u", str(path)]
    pytest_args = ["-q", "-p", "no:randomly", "-p", "no:cacheprovider", "--benchmark-enable"]
    return "pytest", [sys.executable, "-m", "pytest", str(path), *pytest_args]


def crash_reason(kind: str, returncode: int, lines: list[str]) -> str | None:
    """Why the run counts as a crash, or None when it ran to its end."""
    if returncode < 0:
        return f"killed by signal {-returncode}"
    if kind == "script" and any(line.startswith(TRACEBACK) for line in lines):
        last = next((line for line in reversed(lines) if line.strip()), "")
        return last.strip()
    if kind == "script" and returncode >= 2:  # 1 is how a script reports a missed target
        return f"exit status {returncode}"
    if kind == "pytest" and returncode > PYTEST_FAILED:
        return f"pytest exit status {returncode}"
    return None


def run(path: Path, progress: Progress) -> Outcome:
    """Run one benchmark, printing its output as it comes."""
    kind, argv = command_for(path)
    progress.console.print(f"\n[bold]== {path.name}[/bold] ({kind})")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    lines: list[str] = []
    started = time.perf_counter()
    with subprocess.Popen(
        argv,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
        bufsize=1,
    ) as proc:
        assert proc.stdout is not None  # stdout=PIPE
        for line in proc.stdout:
            line = line.rstrip("\n")
            lines.append(line)
            progress.console.print(line, markup=False)
        returncode = proc.wait()
    seconds = time.perf_counter() - started
    misses = tuple(line.strip() for line in lines if MISS_LINE.search(line))
    error = crash_reason(kind, returncode, lines)
    return Outcome(path.stem, kind, seconds, returncode, misses, error)


def select(words: list[str]) -> list[Path]:
    """The benchmark files, all or those whose name holds one of ``words``."""
    found = sorted(HERE.glob("bench_*.py"))
    if words:
        found = [p for p in found if any(w in p.stem for w in words)]
    return found


def summary(outcomes: list[Outcome]) -> Table:
    """One row per benchmark: kind, time, exit status and what it reported."""
    table = Table(title="benchmarks", title_justify="left")
    table.add_column("benchmark")
    table.add_column("kind")
    table.add_column("seconds", justify="right")
    table.add_column("exit", justify="right")
    table.add_column("status")
    table.add_column("note", overflow="fold")
    for o in outcomes:
        style = {"ok": "green", "MISS": "yellow", "CRASHED": "bold red"}[o.status]
        note = o.error or (f"{len(o.misses)} line(s) report a miss" if o.misses else "")
        if o.returncode and not o.error and not o.misses:
            note = "non-zero exit: a target missed (see its output)"
        table.add_row(
            o.name,
            o.kind,
            f"{o.seconds:.1f}",
            str(o.returncode),
            f"[{style}]{o.status}[/{style}]",
            note,
        )
    return table


def main(argv: list[str]) -> int:
    """Run the benchmarks, print the summary; 1 if any crashed, else 0."""
    paths = select(argv)
    if not paths:
        console.print(f"no benchmark matches {' '.join(argv)!r} in {HERE}", markup=False)
        return 2
    outcomes: list[Outcome] = []
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("benchmarks", total=len(paths))
        for path in paths:
            progress.update(task, description=path.stem)
            outcomes.append(run(path, progress))
            progress.advance(task)
    console.print()
    console.print(summary(outcomes))
    for o in outcomes:
        for line in o.misses:
            console.print(f"{o.name}: {line}", style="yellow", markup=False)
    crashed = [o.name for o in outcomes if o.crashed]
    if crashed:
        console.print(f"crashed: {', '.join(crashed)}", style="bold red", markup=False)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
