"""Small English helpers for messages: the article before a word, and counted nouns."""

from __future__ import annotations


def with_article(word: str) -> str:
    """``a beginner``, ``an intermediate``: the indefinite article a word's sound asks for."""
    # By the first letter: the words messages put here (levels, kinds, run types) start with
    # a vowel sound exactly when they start with a vowel letter ("an ultra", "a tempo").
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """``1 key run``, ``2 key runs``: the count and the noun in the number it asks for."""
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"
