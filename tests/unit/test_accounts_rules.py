"""The accounts' pure rules: usernames, passwords, where a login may send the browser,
the Host names answered, and what the database keeps of a token."""

from __future__ import annotations

import hashlib

import pytest

from stridelift.errors import UsageError
from stridelift.services.accounts import check_new_user, check_password
from stridelift.services.web_sessions import token_hash
from stridelift.web.auth import safe_next
from stridelift.web.hosts import host_name


@pytest.mark.parametrize("username", ["ann", "a.b-c_d", "x9", "a" * 40])
def test_a_good_username_passes(username: str) -> None:
    check_new_user(username, "admin", None)


@pytest.mark.parametrize("username", ["a", "Ann", "ann smith", "-ann", "a" * 41, "ann@x", ""])
def test_a_bad_username_is_named(username: str) -> None:
    with pytest.raises(UsageError, match=r"^username: "):
        check_new_user(username, "admin", None)


@pytest.mark.parametrize(("password", "ok"), [("x" * 9, False), ("x" * 10, True),
                                              ("x" * 1024, True), ("x" * 1025, False)])  # fmt: skip
def test_a_password_has_10_to_1024_characters(password: str, ok: bool) -> None:
    if ok:
        check_password(password)
    else:
        with pytest.raises(UsageError, match=r"^password: use at (least|most)"):
            check_password(password)


@pytest.mark.parametrize(
    ("target", "where"),
    [
        ("/a/Ann/today?x=1", "/a/Ann/today?x=1"),
        (None, "/"),
        ("", "/"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_a_login_returns_only_to_a_path_of_this_site(target: str | None, where: str) -> None:
    assert safe_next(target) == where


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("Stride.Example.org:8443", "stride.example.org"),
        ("stride.example.org", "stride.example.org"),
        ("[::1]:8000", "[::1]"),
        ("[fd00::5]", "[fd00::5]"),
        ("", ""),
    ],
)  # fmt: skip
def test_the_host_name_is_the_header_without_its_port(header: str, name: str) -> None:
    assert host_name(header) == name


def test_the_database_keeps_the_tokens_sha256_only() -> None:
    assert token_hash("abc") == hashlib.sha256(b"abc").hexdigest()
    assert "abc" not in token_hash("abc")
