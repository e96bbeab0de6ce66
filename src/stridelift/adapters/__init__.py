"""Adapters: the edges where Stridelift meets files, databases and other programs."""
