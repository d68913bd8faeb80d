"""The published record of an award (issue 18 item 2) and the counts read from the records (item 4)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tnl_signage.domain.records import IN_FORCE, WITHDRAWN, AwardRecord, Counts
from tnl_signage.domain.revocations import Revocation, Revocations
from tnl_signage.inputs.palmares import load_palmares
from tnl_signage.inputs.records import records_of

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "palmares-exemple.csv"


def _records(*withdrawn: tuple[int, str]) -> tuple[AwardRecord, ...]:
    revocations = Revocations(tuple(Revocation(y, who, date(y + 1, 3, 2), "motif") for y, who in withdrawn))
    return records_of(load_palmares(EXAMPLE).laureates, revocations)


def test_one_record_per_award_with_its_status_and_award_date() -> None:
    records = _records((2025, "ville-de-boe"), (2017, "35238"))  # a slug, and an INSEE code
    assert len(records) == 36
    withdrawn = [r for r in records if r.withdrawn]
    assert [(r.laureate.year, r.laureate.slug) for r in withdrawn] == [(2017, "ville-de-rennes"),
                                                                        (2025, "ville-de-boe")]
    boe = withdrawn[1]
    assert (boe.status, boe.withdrawn_on, boe.withdrawal_reason) == (WITHDRAWN, date(2026, 3, 2), "motif")
    assert boe.awarded == date(2025, 11, 19)  # data/editions.toml: Congrès des Maires
    current = next(r for r in records if (r.laureate.year, r.laureate.slug) == (2024, "ville-de-boe"))
    assert (current.status, current.withdrawn_on, current.withdrawal_reason) == (IN_FORCE, None, "")


def test_counts_leave_withdrawn_awards_out() -> None:
    assert Counts.of(_records()) == Counts(36, 25, 0)
    # Boé and Échirolles keep earlier distinctions: one distinction fewer each, the same collectivités.
    assert Counts.of(_records((2025, "ville-de-boe"), (2025, "ville-d-echirolles"))) == Counts(34, 25, 2)
    # Rennes has only its 2017 distinction: once withdrawn, it is no longer a distinguished collectivité.
    after = Counts.of(_records((2017, "ville-de-rennes")))
    assert after == Counts(35, 24, 1)
    assert after.summary() == "35 distinctions à 24 collectivités ; 1 distinction retirée, non comptée"
    assert Counts(1, 1, 0).phrase() == "1 distinction à 1 collectivité"
