"""The label's grading scales and mentions spéciales, read from `data/scales.toml`.

Kept as data so that a new scale (as in 2025) or a renamed distinction is an edit of the TOML file.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..resources import data_file
from ..tomlfile import read_toml
from .slug import fold


@dataclass(frozen=True)
class Distinction:
    """One step of a scale: what is drawn (marks or medal) and what is said in words."""

    id: str
    scale_id: str
    name: str
    words: str
    rank: int
    drawing: str
    marks: int
    metal: str | None
    scale_size: int


@dataclass(frozen=True)
class Mention:
    """A mention spéciale, awarded next to a distinction since 2025."""

    id: str
    name: str
    short: str


@dataclass(frozen=True)
class Scale:
    """A grading scale and the years in which it was the official one (last_year None: still in use)."""

    id: str
    name: str
    first_year: int
    last_year: int | None
    distinctions: tuple[Distinction, ...]
    allows_mentions: bool = False

    def covers(self, year: int) -> bool:
        """True if this scale was the official one in `year`."""
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


class ScaleBook:
    """All scales and mentions, with lookups that forgive case, accents and spacing of a spreadsheet cell."""

    def __init__(self, scales: Iterable[Scale], mentions: Iterable[Mention],
                 aliases: Mapping[str, str] | None = None,
                 mention_aliases: Mapping[str, str] | None = None) -> None:
        self.scales: tuple[Scale, ...] = tuple(scales)
        self.mentions: tuple[Mention, ...] = tuple(mentions)
        self._by_id = {d.id: d for s in self.scales for d in s.distinctions}
        self._lookup: dict[str, Distinction] = {}
        for d in self._by_id.values():
            for spelling in (d.id, d.name, d.words, d.metal or ""):
                self._lookup.setdefault(fold(spelling), d)
        for spelling, target in (aliases or {}).items():
            self._lookup.setdefault(fold(spelling), self._by_id[target])
        self._mentions: dict[str, Mention] = {}
        for m in self.mentions:
            for spelling in (m.id, m.name, m.short):
                self._mentions.setdefault(fold(spelling), m)
        by_mention_id = {m.id: m for m in self.mentions}
        for spelling, target in (mention_aliases or {}).items():
            self._mentions.setdefault(fold(spelling), by_mention_id[target])
        self._lookup.pop("", None)
        self._mentions.pop("", None)

    @property
    def distinctions(self) -> tuple[Distinction, ...]:
        """Every distinction of every scale, oldest scale first."""
        return tuple(self._by_id.values())

    def find_distinction(self, value: str) -> Distinction | None:
        """The distinction a cell means ("3", "niveau 3", "Or", "label or"), or None."""
        return self._lookup.get(fold(value))

    def find_mention(self, value: str) -> Mention | None:
        """The mention a cell means, by id, French name or short name, or None."""
        return self._mentions.get(fold(value))

    def official_scale(self, year: int) -> Scale:
        """The scale the jury used in `year`; KeyError before the first edition."""
        for scale in self.scales:
            if scale.covers(year):
                return scale
        raise KeyError(f"aucune échelle officielle pour l'année {year}")

    def scale(self, id: str) -> Scale:
        """The scale with this id; KeyError if unknown."""
        for scale in self.scales:
            if scale.id == id:
                return scale
        raise KeyError(id)

    def distinction(self, id: str) -> Distinction:
        """The distinction with this exact id; KeyError if unknown."""
        return self._by_id[id]

    @property
    def first_year(self) -> int:
        """First edition covered by any scale."""
        return min(s.first_year for s in self.scales)

    def describe_values(self) -> str:
        """Accepted values in French, for error messages: "1 à 5, badge, bronze, argent ou or"."""
        parts = []
        for scale in self.scales:
            ids = [d.id for d in scale.distinctions]
            if all(i.isdigit() for i in ids) and len(ids) > 2:
                parts.append(f"{ids[0]} à {ids[-1]}")
            else:
                parts.extend(ids)
        return ", ".join(parts[:-1]) + " ou " + parts[-1] if len(parts) > 1 else "".join(parts)


def _need(table: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    """Value of a required key of the TOML file, with a French error naming it."""
    value = table.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise InputError(f"{where} : clé « {key} » absente ou invalide")
    return value


def _parse_scale(table: Mapping[str, Any], aliases: dict[str, str], source: str) -> Scale:
    """Build one Scale, collecting its aliases."""
    scale_id = _need(table, "id", str, source)
    where = f"{source}, échelle « {scale_id} »"
    rows = _need(table, "distinctions", list, where)
    last_year = table.get("last_year")
    if last_year is not None and not isinstance(last_year, int):
        raise InputError(f"{where} : clé « last_year » invalide")
    distinctions = []
    for row in rows:
        did = str(_need(row, "id", (str, int), where))
        for alias in row.get("aliases", []):
            aliases[str(alias)] = did
        distinctions.append(Distinction(
            id=did, scale_id=scale_id, name=_need(row, "name", str, where),
            words=_need(row, "words", str, where),
            rank=_need(row, "rank", int, where), drawing=_need(row, "drawing", str, where),
            marks=_need(row, "marks", int, where), metal=row.get("metal"), scale_size=len(rows)))
    return Scale(id=scale_id, name=_need(table, "name", str, where),
                 first_year=_need(table, "first_year", int, where),
                 last_year=last_year, distinctions=tuple(distinctions),
                 allows_mentions=bool(table.get("allows_mentions", False)))


def _parse(path: Path) -> ScaleBook:
    """Read and check a scales file."""
    data = read_toml(path)
    aliases: dict[str, str] = {}
    scales = [_parse_scale(t, aliases, path.name) for t in _need(data, "scales", list, path.name)]
    mention_aliases: dict[str, str] = {}
    mentions = []
    for row in data.get("mentions", []):
        mention = Mention(id=_need(row, "id", str, path.name), name=_need(row, "name", str, path.name),
                          short=_need(row, "short", str, path.name))
        mention_aliases.update({str(a): mention.id for a in row.get("aliases", [])})
        mentions.append(mention)
    ids = [d.id for s in scales for d in s.distinctions]
    if len(set(ids)) != len(ids):
        raise InputError(f"{path.name} : un identifiant de distinction est utilisé deux fois")
    unknown = (set(aliases.values()) - set(ids)) | (set(mention_aliases.values()) - {m.id for m in mentions})
    if unknown:
        raise InputError(f"{path.name} : alias vers un identifiant inconnu ({', '.join(sorted(unknown))})")
    return ScaleBook(scales, mentions, aliases, mention_aliases)


@functools.lru_cache(maxsize=1)
def _default_book() -> ScaleBook:
    """The shipped scales, read once per process."""
    return _parse(data_file("scales.toml"))


def load_scales(path: Path | None = None) -> ScaleBook:
    """The scales of `path`, or the shipped ones (cached) when `path` is None."""
    return _default_book() if path is None else _parse(Path(path))
