"""Schema revisions, oldest first; each is applied in one transaction."""
