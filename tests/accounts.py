"""Helpers of the accounts tests: a cheap password hasher (argon2's defaults take a quarter
of a second a hash here; the tests hash hundreds) and users added through the service."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher

from stridelift.services import accounts

PASSWORD = "correct horse battery"  # noqa: S105 - a test password, never a real one


@pytest.fixture
def cheap_hasher(monkeypatch: pytest.MonkeyPatch) -> Iterator[PasswordHasher]:
    """argon2id with the smallest parameters, for the duration of one test."""
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(accounts, "hasher", cheap)
    yield cheap
