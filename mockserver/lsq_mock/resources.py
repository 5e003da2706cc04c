"""Find the shipped data folders (schemas/, fixtures/) in a checkout and in an installed wheel."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

_PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_SEED = "default"
"""The name that means the shipped seed, wherever a seed file is named (Settings, --seed)."""


def data_dir(name: str) -> Path:
    """Return the folder `name` ("schemas" or "fixtures"): inside the wheel, else the checkout's."""
    # In a checkout the package is mockserver/lsq_mock/, and the data sits at the top.
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"lsq-mock data folder {name!r} not found next to {_PACKAGE_DIR}")


def load_json(path: Path) -> Any:
    """Read one JSON file."""
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def default_seed_path() -> Path:
    """The shipped tenant's seed file."""
    return data_dir("fixtures") / "seed-default.json"


def seed_path(seed: str | Path) -> Path:
    """The seed file `seed` names: the shipped one for "default", else the path as given."""
    return default_seed_path() if seed == DEFAULT_SEED else Path(seed)
