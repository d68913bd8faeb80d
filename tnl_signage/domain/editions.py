"""Editions of the label: when and where each year's distinctions were handed over, and by whom.

Every output of one award takes its dates from here (certificate, PDF/X, Open Badges, zip entries), so one
award has one date. Pure data: reading the TOML file happens at the edge (`inputs/editions.py`).
Rule for a year the file does not date: the award date is `unknown_day` (1 December) of that year, used
for metadata only; the certificate then prints « Décerné en ANNÉE », never an invented day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

AWARD_TIME = time(12, 0, tzinfo=UTC)  # noon UTC: the same calendar day in every French time zone


@dataclass(frozen=True)
class Edition:
    """One year of the label. `date_known` is False when `award_date` comes from the unknown-year rule."""

    year: int
    award_date: date
    date_known: bool = False
    place: str | None = None
    signatory: str = ""
    base_url: str = ""
    issued: date | None = None

    @property
    def award_instant(self) -> datetime:
        """The award as one instant: the award day at 12:00 UTC."""
        return datetime.combine(self.award_date, AWARD_TIME)

    @property
    def award_xsd(self) -> str:
        """`2025-11-19T12:00:00Z`: issuedOn, validFrom, XMP dates."""
        return self.award_instant.strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def issue_date(self) -> date:
        """When certificates of this edition are made out: `issued`, else the award date."""
        return self.issued or self.award_date


@dataclass(frozen=True)
class Editions:
    """All known editions and the defaults for the others."""

    known: dict[int, Edition] = field(default_factory=dict)
    unknown_day: tuple[int, int] = (12, 1)
    base_url: str = ""
    signatory: str = ""

    def edition_for(self, year: int) -> Edition:
        """The edition of `year`; an unknown year gets the documented rule (award on `unknown_day`)."""
        found = self.known.get(year)
        if found is not None:
            return found
        month, day = self.unknown_day
        return Edition(year, date(year, month, day), False, None, self.signatory, self.base_url)


def instant_xsd(value: datetime) -> str:
    """An aware datetime as an XSD dateTime in UTC, to the second."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
