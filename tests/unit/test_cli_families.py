"""The CLI loads only the command family it runs; its table of families must match them."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer

from stridelift.cli import app as root


def _names(app: typer.Typer) -> list[str]:
    commands = [c.name or "" for c in app.registered_commands]
    return commands + [g.name or "" for g in app.registered_groups]


@pytest.mark.parametrize("family", list(root.FAMILIES))
def test_each_family_registers_exactly_the_commands_the_table_gives(family: str) -> None:
    app = typer.Typer()
    importlib.import_module(f"stridelift.cli.{family}").register(app)
    assert sorted(_names(app)) == sorted(root.FAMILIES[family])


def test_the_root_app_holds_every_command_of_every_family() -> None:
    root._register_commands()
    assert sorted(_names(root.app)) == sorted(root.FAMILY_OF)


@pytest.mark.parametrize("command", ["stats", "export", "plan", "athlete"])
def test_a_known_command_gets_an_app_with_only_its_family(command: str) -> None:
    one = root.app_for([command, "--help"])
    assert one is not root.app
    assert sorted(_names(one)) == sorted(root.FAMILIES[root.FAMILY_OF[command]])
    # A group even for a one-command family, so the command's name is still parsed.
    assert isinstance(typer.main.get_command(one), typer.core.TyperGroup)


@pytest.mark.parametrize("args", [[], ["--help"], ["plna"]])
def test_no_command_help_or_an_unknown_one_gets_every_family(args: list[str]) -> None:
    assert root.app_for(args) is root.app
    assert sorted(_names(root.app)) == sorted(root.FAMILY_OF)


HEAVY = (
    "fpdf",
    "fontTools",
    "PIL",
    "fit_tool",
    "icalendar",
    "sqlalchemy",
    "alembic",
    "pandas",  # ortools' cp_model loads it; the week model uses cp_model_helper alone
    "ortools.sat.python.cp_model",
    "stridelift.adapters.exporters.ical",
    "stridelift.adapters.exporters.pdf",
    "stridelift.adapters.exporters.fit_workout",
    "stridelift.adapters.store",
    "stridelift.cli.athlete_cmds",
    "stridelift.cli.log_cmds",
    "stridelift.cli.history_cmds",
    "stridelift.cli.import_cmds",
    "stridelift.cli.store_cmds",
    "stridelift.services.workspace",
    "stridelift.cli.export_cmds",
    "stridelift.cli.adapt_cmds",
    "stridelift.cli.stats_cmds",
    "stridelift.services.exports",
    "stridelift.services.logbook",
    "stridelift.services.stats",
    "rich.console",  # plan --json prints no Rich text
)

_PLAN_IMPORTS = """
import sys
sys.argv = ["stridelift", "plan", "--profile", sys.argv[1], "--today", "2026-11-23",
            "--weeks", "2", "--json"]
from stridelift.cli.app import main
try:
    main()
finally:
    sys.stderr.write("\\n".join(sorted(sys.modules)))
"""


def test_plan_json_loads_neither_exporters_nor_logbook_nor_store_nor_rich(tmp_path: Path) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(
        'name = "Ann"\nlevel = "intermediate"\nbody_mass_kg = 62\nweekly_run_minutes = 240\n',
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", _PLAN_IMPORTS, str(profile)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert '"weeks"' in done.stdout
    loaded = set(done.stderr.splitlines())
    assert sorted(m for m in HEAVY if m in loaded) == []


def test_the_export_registry_imports_no_writer() -> None:
    code = (
        "import sys\n"
        "from stridelift.adapters.exporters import EXPORTERS\n"
        "assert sorted(EXPORTERS) == ['csv', 'fit', 'ics', 'json', 'pdf']\n"
        "print(' '.join(m for m in ('fpdf', 'fit_tool', 'icalendar') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == ""


def _imports(path: Path) -> Iterator[tuple[str, str]]:
    """Every (module, name) a source file imports, at any depth (lazy imports too)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                yield node.module, alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, ""


CLI = sorted((Path(root.__file__).parent).glob("*.py"))
WEB = sorted((Path(root.__file__).parent.parent / "web").rglob("*.py"))
FACES = CLI + WEB


@pytest.mark.parametrize("path", FACES, ids=[f"{p.parent.name}/{p.name}" for p in FACES])
def test_the_cli_and_web_reach_the_store_only_through_the_services(path: Path) -> None:
    # Both faces call the same services; neither opens the store itself.
    assert [m for m, _ in _imports(path) if m.startswith("stridelift.adapters.store")] == []


@pytest.mark.parametrize("path", CLI, ids=[p.name for p in CLI])
def test_no_command_family_borrows_another_familys_private_helpers(path: Path) -> None:
    borrowed = [
        f"{m}.{name}"
        for m, name in _imports(path)
        if m.startswith("stridelift.cli.") and name.startswith("_")
    ]
    assert borrowed == []
