"""Use cases that the CLI and the web app call; no logic lives in handlers."""
