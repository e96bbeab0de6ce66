"""Read an athlete profile file (TOML) into an Athlete, with one-line errors."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from stridelift.domain.athlete import Athlete
from stridelift.domain.errors import ProfileError
from stridelift.domain.profile import athlete_from_mapping
from stridelift.errors import UsageError


class ProfileValueError(UsageError):
    """A profile value the parser refused: ``key`` names it (``races[1].date``) and
    ``detail`` says what is wrong with it, as the message does after the key. ``also``
    holds further refused values as (key, detail) pairs, where a caller looked for them."""

    def __init__(
        self, source: str, key: str, detail: str, also: tuple[tuple[str, str], ...] = ()
    ) -> None:
        super().__init__(f"{source}: {key}: {detail}")
        self.source = source
        self.key = key
        self.detail = detail
        self.also = also


@dataclass(frozen=True, slots=True)
class LoadedProfile:
    """A parsed profile, with the text it came from (stored alongside the athlete)."""

    athlete: Athlete
    text: str
    path: Path


def parse_profile_text(text: str, source: str) -> Athlete:
    """Parse profile TOML text; errors name ``source`` and the offending key.

    Raises:
        UsageError: with a message like ``profile.toml: races[1].date: '2027-02-30' is not a date``;
            a refused value raises ProfileValueError, which names the key.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{source}: not valid TOML ({exc})") from exc
    except ValueError as exc:  # e.g. an impossible date literal like 2027-02-30
        raise UsageError(f"{source}: not valid TOML ({exc})") from exc
    try:
        return athlete_from_mapping(data)
    except ProfileError as exc:
        detail = str(exc).removeprefix(f"{exc.key}: ")
        raise ProfileValueError(source, exc.key, detail) from exc


def load_profile(path: Path) -> LoadedProfile:
    """Read and validate a profile file.

    Raises:
        UsageError: when the file is missing, unreadable, not TOML, or holds a bad value.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise UsageError(f"{path}: profile file not found") from exc
    except OSError as exc:
        raise UsageError(f"{path}: cannot read profile ({exc.strerror})") from exc
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark (Windows editors) is not content
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: profile is not UTF-8 text") from exc
    return LoadedProfile(athlete=parse_profile_text(text, path.name), text=text, path=path)
