"""Withdrawn awards: a label can be taken back; every output of that award must then say so.

Pure data (the file is read at the edge, `inputs/revocations.py`): one line per withdrawn award, naming
the laureate by year and slug or code (INSEE / SIREN), with the date and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import Laureate


@dataclass(frozen=True)
class Revocation:
    """One withdrawn award. `who` is the laureate's slug or its code."""

    year: int
    who: str
    day: date
    reason: str
    line: int | None = None

    def matches(self, laureate: Laureate) -> bool:
        return laureate.year == self.year and self.who in (laureate.slug, laureate.code)


@dataclass(frozen=True)
class Revocations:
    """Every withdrawn award of a palmarès (empty: nothing withdrawn)."""

    entries: tuple[Revocation, ...] = ()

    def for_laureate(self, laureate: Laureate) -> Revocation | None:
        """The withdrawal of this award, if any (the earliest line wins)."""
        return next((rev for rev in self.entries if rev.matches(laureate)), None)

    def of_year(self, year: int) -> tuple[Revocation, ...]:
        return tuple(rev for rev in self.entries if rev.year == year)

    def __bool__(self) -> bool:
        return bool(self.entries)
