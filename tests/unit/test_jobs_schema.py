"""procrastinate's schema comes from our migration 0010: an installed procrastinate that
ships a newer schema migration than the one 0010 applied needs a revision of ours."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from procrastinate.schema import SchemaManager

MIGRATION = (
    Path(__file__).resolve().parents[2]
    / "src/stridelift/adapters/store/migrations/versions/0010_jobs.py"
)


def _applied() -> str:
    spec = importlib.util.spec_from_file_location("migration_0010", MIGRATION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.PROCRASTINATE_SCHEMA)


def test_no_installed_procrastinate_migration_is_newer_than_the_schema_we_applied() -> None:
    shipped = sorted(p.stem for p in Path(SchemaManager.get_migrations_path()).glob("*.sql"))
    newer = [name for name in shipped if name > _applied()]
    assert newer == [], f"procrastinate ships schema migrations 0010 does not apply: {newer}"
