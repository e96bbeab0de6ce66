"""Stridelift: one plan for runners who lift."""

from __future__ import annotations

__version__ = "0.1.0"
