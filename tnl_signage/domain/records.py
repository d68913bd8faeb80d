"""The published record of one award: every fact of it and its status, the one place a product reads it from.

A withdrawal (`retraits.csv`) changes the record, not each product: the site, the kits, the open data and
the Open Badges all take the record's `status`, so no file can say « en vigueur » while another says
« retiré ». Pure data: the palmarès, the withdrawals and the editions are read at the edge
(`inputs/records.py`), which builds the records once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .model import Laureate
from .revocations import Revocation, Revocations
from .slug import fold

IN_FORCE = "en vigueur"
WITHDRAWN = "retiré"


@dataclass(frozen=True)
class AwardRecord:
    """One award as published: the laureate's facts, the ceremony's date, and its withdrawal if any."""

    laureate: Laureate
    awarded: date
    withdrawal: Revocation | None = None

    @property
    def withdrawn(self) -> bool:
        """True once the organiser took the award back."""
        return self.withdrawal is not None

    @property
    def status(self) -> str:
        """« en vigueur » or « retiré » (the `statut` field of the open data)."""
        return WITHDRAWN if self.withdrawal is not None else IN_FORCE

    @property
    def withdrawn_on(self) -> date | None:
        return self.withdrawal.day if self.withdrawal is not None else None

    @property
    def withdrawal_reason(self) -> str:
        return self.withdrawal.reason if self.withdrawal is not None else ""


def award_records(laureates: Iterable[Laureate], revocations: Revocations,
                  awarded: dict[int, date]) -> tuple[AwardRecord, ...]:
    """One record per laureate, in the given order; `awarded` maps each year to its ceremony's date."""
    return tuple(AwardRecord(lau, awarded[lau.year], revocations.for_laureate(lau)) for lau in laureates)


def collectivity_key(laureate: Laureate) -> tuple[str, str]:
    """Who the collectivité is across editions: its INSEE/SIREN code, else its folded name and department."""
    if laureate.code:
        return ("code", laureate.code)
    return (fold(laureate.name), laureate.department or "")


@dataclass(frozen=True)
class Counts:
    """What a page counts: distinctions in force, the collectivités holding them, and the withdrawn ones."""

    distinctions: int
    collectivities: int
    withdrawn: int

    @classmethod
    def of(cls, records: Iterable[AwardRecord]) -> Counts:
        """Counts of `records`: a withdrawn award counts neither as a distinction nor for its collectivité."""
        return cls.tally((rec.laureate, rec.withdrawn) for rec in records)

    @classmethod
    def tally(cls, awards: Iterable[tuple[Laureate, bool]]) -> Counts:
        """Counts of (laureate, withdrawn) pairs."""
        chosen = list(awards)
        current = [lau for lau, withdrawn in chosen if not withdrawn]
        return cls(len(current), len({collectivity_key(lau) for lau in current}), len(chosen) - len(current))

    def phrase(self) -> str:
        """« 36 distinctions à 25 collectivités » (« 1 distinction à 1 collectivité »)."""
        d, c = self.distinctions, self.collectivities
        return (f"{d} distinction{'s' if d > 1 else ''} à "
                f"{c} collectivité{'s' if c > 1 else ''}")

    def summary(self) -> str:
        """The phrase, then the withdrawn ones apart: « 35 distinctions à 25 collectivités ; 1 distinction
        retirée, non comptée »."""
        n = self.withdrawn
        plural = "s" if n > 1 else ""
        return self.phrase() + (f" ; {n} distinction{plural} retirée{plural}, non comptée{plural}" if n else "")
