"""Refresh the vendored front-end files from the npm registry, at the pinned versions.

The web app works offline, so it serves its own copies of htmx and uPlot (and the tests their copy
of axe-core) instead of a CDN. Run ``python scripts/vendor_assets.py`` after changing a
version below, check the result in a browser, and commit the files it wrote.

Each package's tarball is checked against the registry's published SHA-512 integrity
before anything is extracted, and only the files listed (plus the licence) are kept.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import sys
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = "https://registry.npmjs.org"


@dataclass(frozen=True)
class Asset:
    """One npm package: its version, the files to keep and where they go."""

    package: str
    version: str
    files: tuple[str, ...]  # paths inside the tarball's package/ folder
    target: Path


ASSETS = (
    Asset(
        "htmx.org",
        "2.0.4",
        ("dist/htmx.min.js", "LICENSE"),
        ROOT / "src/stridelift/web/static/vendor/htmx",
    ),
    Asset(
        "uplot",
        "1.6.32",
        ("dist/uPlot.iife.min.js", "dist/uPlot.min.css", "LICENSE"),
        ROOT / "src/stridelift/web/static/vendor/uplot",
    ),
    Asset(
        "fullcalendar",  # the standard bundle: MIT plugins only (core, daygrid, interaction, ...)
        "6.1.19",
        ("index.global.min.js", "LICENSE.md"),
        ROOT / "src/stridelift/web/static/vendor/fullcalendar",
    ),
    Asset(
        "axe-core",
        "4.10.2",
        ("axe.min.js", "LICENSE"),
        ROOT / "tests/browser/vendor/axe-core",
    ),
)


def _fetch(url: str) -> bytes:
    if not url.startswith("https://"):
        raise SystemExit(f"refusing to fetch {url}: not https")
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - https checked
        data: bytes = response.read()
    return data


def _tarball(asset: Asset) -> bytes:
    meta = json.loads(_fetch(f"{REGISTRY}/{asset.package}/{asset.version}"))
    dist = meta["dist"]
    data = _fetch(dist["tarball"])
    algo, _, expected = str(dist["integrity"]).partition("-")
    if algo != "sha512" or base64.b64encode(hashlib.sha512(data).digest()).decode() != expected:
        raise SystemExit(f"{asset.package}@{asset.version}: the tarball fails its integrity check")
    return data


def vendor(asset: Asset) -> None:
    """Download one package and write its chosen files and a VERSION note to its folder."""
    data = _tarball(asset)
    asset.target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for name in asset.files:
            member = tar.extractfile(f"package/{name}")
            if member is None:
                raise SystemExit(f"{asset.package}@{asset.version}: {name} is not in the tarball")
            (asset.target / Path(name).name).write_bytes(member.read())
    note = f"{asset.package} {asset.version} from the npm registry (scripts/vendor_assets.py)\n"
    (asset.target / "VERSION").write_text(note, encoding="utf-8")
    sys.stdout.write(f"{asset.package}@{asset.version} -> {asset.target.relative_to(ROOT)}\n")


def main() -> None:
    """Vendor every pinned asset."""
    for asset in ASSETS:
        vendor(asset)


if __name__ == "__main__":
    main()
