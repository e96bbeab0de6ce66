"""The web app: Litestar pages and a JSON API over the same services as the CLI."""
