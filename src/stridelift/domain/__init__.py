"""The coaching model: pure, deterministic, no I/O (see DESIGN.md)."""
