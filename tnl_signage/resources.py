"""Locate the files shipped with the package, whether installed as a wheel or run from a checkout."""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the folder `name` (fonts, templates, data): inside the package for a wheel, else at the repo root."""
    for base in (_PACKAGE, _PACKAGE.parent):
        candidate = base / name
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"ressource introuvable : {name}")


def data_file(*parts: str) -> Path:
    """Path of a data file shipped in `tnl_signage/data/`."""
    return _PACKAGE.joinpath("data", *parts)
