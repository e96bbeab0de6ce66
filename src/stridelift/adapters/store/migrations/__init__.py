"""Alembic migrations shipped inside the package and run in code (``stridelift db upgrade``)."""
