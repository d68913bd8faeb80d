"""Who issues the badges and when each edition was awarded, read from `data/openbadges.toml`.

Kept as data so that the organiser can change its contact or the criteria text without touching code, and so
that award dates are fixed values (same palmarès, same files) rather than the clock.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import InputError
from ...resources import data_file
from ...tomlfile import read_toml

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")


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
    award_dates: tuple[tuple[int, str], ...]
    default_award_day: str

    def award_date(self, year: int) -> str:
        """Fixed award date of an edition, as an XSD dateTime at midnight UTC ("2021-12-01T00:00:00Z")."""
        day = dict(self.award_dates).get(year, f"{year}-{self.default_award_day}")
        return f"{day}T00:00:00Z"


def _text(table: Any, key: str, where: str) -> str:
    value = table.get(key) if isinstance(table, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where} : clé « {key} » absente ou vide")
    return value.strip()


def _parse(path: Path) -> IssuerInfo:
    data = read_toml(path)
    issuer, label, dates = data.get("issuer"), data.get("label"), data.get("award_dates", {})
    where = path.name
    default = str(dates.get("default", "12-01"))
    if not _MONTH_DAY.fullmatch(default):
        raise InputError(f"{where} : award_dates.default « {default} » doit être de la forme MM-JJ")
    fixed: list[tuple[int, str]] = []
    for key, value in dates.items():
        if key == "default":
            continue
        match = _DATE.fullmatch(str(value))
        if not key.isdigit() or not match or match.group(1) != key:
            raise InputError(f"{where} : award_dates.{key} « {value} » doit être une date AAAA-MM-JJ "
                             "de la même année")
        fixed.append((int(key), str(value)))
    tags = label.get("tags", []) if isinstance(label, dict) else []
    return IssuerInfo(
        name=_text(issuer, "name", where), url=_text(issuer, "url", where),
        email=_text(issuer, "email", where), description=_text(issuer, "description", where),
        criteria_url=_text(label, "criteria_url", where),
        criteria_narrative=_text(label, "criteria_narrative", where),
        tags=tuple(str(t) for t in tags), award_dates=tuple(sorted(fixed)), default_award_day=default)


@functools.lru_cache(maxsize=1)
def _default() -> IssuerInfo:
    return _parse(data_file("openbadges.toml"))


def load_issuer_info(path: str | Path | None = None) -> IssuerInfo:
    """The shipped issuer data (cached), or that of another TOML file."""
    return _default() if path is None else _parse(Path(path))
