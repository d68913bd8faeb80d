"""Read the editions file (`data/editions.toml`, or the file named by TNL_EDITIONS): the edge of domain/editions.py."""

from __future__ import annotations

import functools
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.editions import Edition, Editions
from ..errors import InputError
from ..resources import data_file
from ..tomlfile import read_toml

ENV_VAR = "TNL_EDITIONS"
_MONTH_DAY = re.compile(r"(\d{2})-(\d{2})")
_KEYS = {"date", "place", "signatory", "issued", "base_url"}


def _date(value: Any, where: str, year: int | None = None) -> date | None:
    if value is None:
        return None
    if not isinstance(value, date):
        try:
            value = date.fromisoformat(str(value))
        except ValueError:
            raise InputError(f"{where} : « {value} » n'est pas une date AAAA-MM-JJ") from None
    if year is not None and value.year != year:
        raise InputError(f"{where} : la date « {value.isoformat()} » n'est pas en {year}")
    return value


def parse_editions(raw: dict[str, Any], name: str) -> Editions:
    """The editions of a decoded TOML file; InputError naming the file and key on a bad value."""
    defaults = raw.get("defaults", {})
    unknown = str(defaults.get("unknown_day", "12-01"))
    match = _MONTH_DAY.fullmatch(unknown)
    if not match:
        raise InputError(f"{name} : defaults.unknown_day « {unknown} » doit être de la forme MM-JJ")
    try:
        date(2001, int(match.group(1)), int(match.group(2)))  # a day every year has (not 02-29)
    except ValueError:
        raise InputError(f"{name} : defaults.unknown_day « {unknown} » n'est pas un jour de l'année "
                         "(MM-JJ, par exemple 12-01)") from None
    base_url = str(defaults.get("base_url", ""))
    signatory = str(defaults.get("signatory", ""))
    known: dict[int, Edition] = {}
    for key, table in raw.items():
        if key == "defaults":
            continue
        if not key.isdigit() or not isinstance(table, dict):
            raise InputError(f"{name} : section [{key}] inattendue (une année, par exemple [2025])")
        year = int(key)
        extra = set(table) - _KEYS
        if extra:
            raise InputError(f"{name} : [{key}] clé inconnue « {sorted(extra)[0]} » "
                             f"(connues : {', '.join(sorted(_KEYS))})")
        when = _date(table.get("date"), f"{name} [{key}] date", year)
        issued = _date(table.get("issued"), f"{name} [{key}] issued")
        if issued is not None and when is not None and issued < when:
            raise InputError(f"{name} : [{key}] issued « {issued} » précède la remise « {when} »")
        award = when or date(year, int(match.group(1)), int(match.group(2)))
        known[year] = Edition(year, award, when is not None, table.get("place") or None,
                              str(table.get("signatory", signatory)), str(table.get("base_url", base_url)), issued)
    return Editions(known, (int(match.group(1)), int(match.group(2))), base_url, signatory)


@functools.lru_cache(maxsize=4)
def _load(path: str) -> Editions:
    file = Path(path)
    return parse_editions(read_toml(file), file.name)


def load_editions(path: str | os.PathLike[str] | None = None) -> Editions:
    """The editions of `path`, else of $TNL_EDITIONS, else the shipped file (read once per process)."""
    chosen = path or os.environ.get(ENV_VAR) or data_file("editions.toml")
    return _load(os.fspath(chosen))


def edition_for(year: int) -> Edition:
    """The edition of `year` from the active editions file (see `load_editions`)."""
    return load_editions().edition_for(year)
