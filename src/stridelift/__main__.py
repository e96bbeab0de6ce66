"""Allow ``python -m stridelift``."""

from __future__ import annotations

from stridelift.cli.app import main

main()
