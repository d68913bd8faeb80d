"""Build the published records of a palmarès at the edge: laureates + withdrawals + the editions' dates."""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.model import Laureate
from ..domain.records import AwardRecord, award_records
from ..domain.revocations import Revocations
from .editions import edition_for


def records_of(laureates: Iterable[Laureate], revocations: Revocations | None = None) -> tuple[AwardRecord, ...]:
    """One `AwardRecord` per laureate (same order), its status taken from `revocations`."""
    chosen = list(laureates)
    awarded = {year: edition_for(year).award_date for year in {lau.year for lau in chosen}}
    return award_records(chosen, revocations or Revocations(), awarded)


def record_of(laureate: Laureate, revocations: Revocations | None = None) -> AwardRecord:
    """The record of one laureate (a kit, made row by row)."""
    return records_of((laureate,), revocations)[0]
