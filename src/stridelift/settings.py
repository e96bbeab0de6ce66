"""Where Stridelift keeps its data: the database URL from a flag, the environment or the default."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from stridelift.errors import UsageError

APP_NAME = "stridelift"
DATABASE_URL_ENV = "STRIDELIFT_DATABASE_URL"
DATABASE_FILE_NAME = "stridelift.db"
# URL schemes a user may write, and the SQLAlchemy driver each one means.
_SCHEME_ALIASES = {
    "postgres": "postgresql+psycopg",
    "postgresql": "postgresql+psycopg",
    "sqlite": "sqlite",
}
_KNOWN_SCHEMES = ("sqlite", "postgresql", "postgresql+psycopg")


@dataclass(frozen=True, slots=True)
class Settings:
    """The resolved settings of one run of the program."""

    database_url: str


def default_database_path() -> Path:
    """The SQLite file used when no URL is given: the user's data folder."""
    return Path(user_data_dir(APP_NAME, appauthor=False)) / DATABASE_FILE_NAME


def default_database_url() -> str:
    """The default database URL: a SQLite file in the user's data folder."""
    return f"sqlite:///{default_database_path()}"


def normalize_database_url(url: str, label: str = "--db") -> str:
    """Turn a URL as a user writes it into the one SQLAlchemy should use.

    ``postgresql://`` and ``postgres://`` get the psycopg 3 driver; a plain path
    (no scheme) is taken as a SQLite file. ``label`` is where the URL came from
    (``--db`` or the environment variable) and starts every error.

    Raises:
        UsageError: the URL is empty, malformed, of a scheme Stridelift does not support,
            or names no database file (an in-memory database loses everything it is given).
    """
    text = url.strip()
    if not text:
        raise UsageError(f"{label}: empty database URL (expected e.g. sqlite:///path/to/file.db)")
    if "://" not in text:
        text = f"sqlite:///{Path(text).expanduser()}" if text != ":memory:" else "sqlite://"
    scheme, rest = text.split("://", 1)
    scheme = _SCHEME_ALIASES.get(scheme.lower(), scheme.lower())
    if scheme not in _KNOWN_SCHEMES:
        raise UsageError(
            f"{label}: unsupported database URL scheme {url.split('://', 1)[0]!r} "
            "(expected sqlite:// or postgresql://)"
        )
    normalized = f"{scheme}://{rest}"
    _check_parts(normalized, url, label)
    return normalized


def _check_parts(normalized: str, url: str, label: str) -> None:
    """Refuse a URL SQLAlchemy cannot read, and a SQLite URL without a file."""
    from sqlalchemy.engine import make_url  # loaded only by commands that open the store
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(normalized)
        parsed.port  # noqa: B018 - a malformed host or port fails here, not at connect
    except (ArgumentError, ValueError):
        raise UsageError(
            f"{label}: {url!r} is not a database URL (expected sqlite:///FILE or "
            "postgresql://USER@HOST:PORT/DATABASE)"
        ) from None
    if parsed.get_backend_name() != "sqlite":
        return
    database = (parsed.database or "").strip()
    memory = database in ("", ":memory:") or "mode=memory" in normalized
    if memory:
        raise UsageError(
            f"{label}: {url!r} names no database file, and an in-memory database would lose "
            "everything written to it (expected sqlite:///path/to/file.db)"
        )


def resolve_settings(
    database_url: str | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Settings from an explicit URL (``--db``), else ``STRIDELIFT_DATABASE_URL``, else default."""
    env = os.environ if environ is None else environ
    if database_url is not None:
        return Settings(database_url=normalize_database_url(database_url, "--db"))
    from_env = env.get(DATABASE_URL_ENV)
    if from_env is not None:
        return Settings(database_url=normalize_database_url(from_env, DATABASE_URL_ENV))
    return Settings(database_url=normalize_database_url(default_database_url()))
