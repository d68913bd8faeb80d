"""Who issues the badges, read from `data/openbadges.toml` (award dates: `data/editions.toml`).

Kept as data so that the organiser can change its contact or the criteria text without touching code.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import InputError
from ...resources import data_file
from ...tomlfile import read_toml


@dataclass(frozen=True)
class IssuerInfo:
    """The issuing organisation and the label's criteria, as published in every badge."""

    name: str
    url: str
    email: str
    description: str
    criteria_url: str
    criteria_narrative: str
    tags: tuple[str, ...]


def _text(table: Any, key: str, where: str) -> str:
    value = table.get(key) if isinstance(table, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where} : clé « {key} » absente ou vide")
    return value.strip()


def _parse(path: Path) -> IssuerInfo:
    data = read_toml(path)
    issuer, label = data.get("issuer"), data.get("label")
    where = path.name
    tags = label.get("tags", []) if isinstance(label, dict) else []
    return IssuerInfo(
        name=_text(issuer, "name", where), url=_text(issuer, "url", where),
        email=_text(issuer, "email", where), description=_text(issuer, "description", where),
        criteria_url=_text(label, "criteria_url", where),
        criteria_narrative=_text(label, "criteria_narrative", where),
        tags=tuple(str(t) for t in tags))


@functools.lru_cache(maxsize=1)
def _default() -> IssuerInfo:
    return _parse(data_file("openbadges.toml"))


def load_issuer_info(path: str | Path | None = None) -> IssuerInfo:
    """The shipped issuer data (cached), or that of another TOML file."""
    return _default() if path is None else _parse(Path(path))
