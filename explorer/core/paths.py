"""Where the program's files are: sources, seeds, resources, translations and the built catalogue.

A `Paths` value is made once at start-up and passed to whatever needs it; nothing reads these
locations from globals. In a source checkout the root is the repository; in the packaged program
(PyInstaller) it is the bundle's data folder, which carries a prebuilt catalogue and no sources.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

CATALOGUE_ENV = "EXPLORER_CATALOGUE"
SEEDS_ENV = "EXPLORER_SEEDS"
SOURCES_ENV = "EXPLORER_SOURCES"


def _root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


def _newest_catalogue(bundled: Path) -> Path:
    """The newest valid of the packaged program's own catalogue and the installed updates."""
    try:
        from explorer.core.bundle_store import default_store_folder, newest_catalogue

        return newest_catalogue(default_store_folder(), bundled).path
    except Exception:  # never a reason not to start: the program's own catalogue is still there
        return bundled


@dataclass(frozen=True)
class Paths:
    """The folders and files the program uses."""

    root: Path
    sources: Path
    seeds: Path
    resources: Path
    translations: Path
    catalogue: Path
    frozen: bool
    #: True when the catalogue is the program's own (built and refreshed from db/ as needed);
    #: false for a file named with --catalogue, which is opened as it is.
    managed: bool = True
    #: The catalogue that came with the program (services.db in the bundle folder; build/services.db
    #: or $EXPLORER_CATALOGUE in a checkout); `catalogue` is a newer installed update when there is one.
    bundled: Path | None = None

    @classmethod
    def discover(cls, catalogue: str | os.PathLike[str] | None = None) -> Paths:
        """Find the program's folders.

        `catalogue` names a file to open as it is. $EXPLORER_CATALOGUE moves the program's own
        catalogue elsewhere; that one is still built and refreshed from the sources. The packaged
        program opens the newest valid catalogue it has: its own, or one that
        `explorer catalogue update` installed (explorer.core.bundle_store.newest_catalogue).
        """
        root = _root()
        frozen = bool(getattr(sys, "_MEIPASS", None))
        moved = os.environ.get(CATALOGUE_ENV)
        own = root / "services.db" if frozen else root / "build" / "services.db"
        bundled = Path(moved) if moved else own
        if catalogue:
            db_path = Path(catalogue)
        elif frozen and not moved:
            db_path = _newest_catalogue(bundled)
        else:
            db_path = bundled
        seeds = Path(os.environ.get(SEEDS_ENV) or root.parent / "shared" / "seeds")
        return cls(
            root=root,
            sources=Path(os.environ.get(SOURCES_ENV) or root / "db"),
            seeds=seeds,
            resources=root / "resources",
            translations=root / "translations",
            catalogue=db_path,
            frozen=frozen,
            managed=not catalogue,
            bundled=bundled,
        )

    @property
    def has_sources(self) -> bool:
        """True where the TOML sources are present (a checkout), false in the packaged program."""
        return (self.sources / "services").is_dir()
