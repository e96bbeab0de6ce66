"""Time read_file over a folder of real FIT files, next to fitdecode alone on the same bytes.

The valid FIT files of ../shared/data/activities/fit (every one but the truncated
Strava file) are copied into a temporary folder and replicated to about 50 files.
Both sides read every file from disk; fitdecode alone iterates every frame with the
same CRC checking the importer uses. Each side runs three times and the fastest run
is reported; the ratio says how much the importer adds on top of decoding.

    .venv/bin/python benchmarks/bench_import.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import fitdecode

from stridelift.adapters.importers import read_file

FIT_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "activities" / "fit"
CORRUPT = {"strava-android-app-201.10-b1218918.fit"}
TARGET_FILES = 50
RUNS = 3


def prepare(folder: Path) -> list[Path]:
    """Copy the valid shared FIT files into ``folder``, replicated to about TARGET_FILES."""
    sources = sorted(p for p in FIT_DIR.glob("*.fit") if p.name not in CORRUPT)
    if not sources:
        sys.exit(f"no FIT files found in {FIT_DIR}")
    copies = max(1, round(TARGET_FILES / len(sources)))
    paths = []
    for n in range(copies):
        for source in sources:
            target = folder / f"{n:02d}-{source.name}"
            shutil.copyfile(source, target)
            paths.append(target)
    return paths


def importer(paths: list[Path]) -> int:
    """Read every file with the importer; returns the number of activities."""
    return sum(len(read_file(path).activities) for path in paths)


def fitdecode_alone(paths: list[Path]) -> int:
    """Iterate every frame of every file with fitdecode; returns the number of frames."""
    frames = 0
    for path in paths:
        with warnings.catch_warnings():
            # The COROS file has field sizes fitdecode warns about (and reads as bytes).
            warnings.filterwarnings("ignore", message="invalid field size", module="fitdecode")
            with fitdecode.FitReader(
                path.read_bytes(),
                check_crc=fitdecode.CrcCheck.RAISE,
                error_handling=fitdecode.ErrorHandling.WARN,
            ) as reader:
                for _frame in reader:
                    frames += 1
    return frames


def best_of(runs: int, work: Callable[[list[Path]], int], paths: list[Path]) -> tuple[float, int]:
    """The fastest of ``runs`` timings in seconds, and what the work counted."""
    timings = []
    count = 0
    for _ in range(runs):
        started = time.perf_counter()
        count = work(paths)
        timings.append(time.perf_counter() - started)
    return min(timings), count


def main() -> int:
    """Run the comparison and print a table; returns the process exit status."""
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        paths = prepare(Path(tmp))
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        ours, activities = best_of(RUNS, importer, paths)
        theirs, frames = best_of(RUNS, fitdecode_alone, paths)

    print(f"{len(paths)} FIT files, {megabytes:.1f} MB, {activities} activities, {frames} frames")
    print(f"best of {RUNS} runs\n")
    print(f"{'reader':<22}{'seconds':>9}{'files/s':>10}{'MB/s':>8}")
    for name, seconds in (("read_file (importer)", ours), ("fitdecode alone", theirs)):
        print(f"{name:<22}{seconds:>9.2f}{len(paths) / seconds:>10.1f}{megabytes / seconds:>8.2f}")
    print(f"\nimporter / fitdecode time ratio: {ours / theirs:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
