"""The logbook store: SQLAlchemy tables, a repository over them, Alembic migrations, backups."""
