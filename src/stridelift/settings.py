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


def normalize_database_url(url: str) -> str:
    """Turn a URL as a user writes it into the one SQLAlchemy should use.

    ``postgresql://`` and ``postgres://`` get the psycopg 3 driver; a plain path
    (no scheme) is taken as a SQLite file.

    Raises:
        UsageError: when the URL's scheme is not one Stridelift supports.
    """
    text = url.strip()
    if not text:
        raise UsageError("--db: empty database URL (expected e.g. sqlite:///path/to/file.db)")
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser()}"
    scheme, rest = text.split("://", 1)
    scheme = _SCHEME_ALIASES.get(scheme.lower(), scheme.lower())
    if scheme not in _KNOWN_SCHEMES:
        raise UsageError(
            f"--db: unsupported database URL scheme {url.split('://', 1)[0]!r} "
            "(expected sqlite:// or postgresql://)"
        )
    return f"{scheme}://{rest}"


def resolve_settings(
    database_url: str | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Settings from an explicit URL (``--db``), else ``STRIDELIFT_DATABASE_URL``, else default."""
    env = os.environ if environ is None else environ
    raw = database_url or env.get(DATABASE_URL_ENV) or default_database_url()
    return Settings(database_url=normalize_database_url(raw))
