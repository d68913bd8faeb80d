"""Open data exports of one edition: CSV as French spreadsheets read it, and JSON that is itself a palmarès.

Both use the columns of examples/palmares-exemple.csv, so an export can be loaded back by `load_palmares`,
then the award's published status (`statut` « en vigueur » or « retiré », `date_retrait`, `motif_retrait`),
taken from its record: a withdrawn award stays listed, and says so. The CSV is safe to open in a spreadsheet:
a cell that a spreadsheet would run as a formula is prefixed with '.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from ...domain.model import FIELDS, Laureate
from ...domain.records import AwardRecord, Counts
from ...domain.urls import page_url

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
STATUS_FIELDS = ("statut", "date_retrait", "motif_retrait")


def spreadsheet_safe(cell: str) -> str:
    """`cell`, prefixed with ' if a spreadsheet would read it as a formula (CSV injection)."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def _niveau(laureate: Laureate) -> str:
    return laureate.distinction.id


def row(laureate: Laureate) -> dict[str, str]:
    """One laureate as palmarès cells (text), in the example file's column order."""
    return {
        "nom": laureate.name,
        "type": laureate.type.value,
        "departement": laureate.department or "",
        "code": laureate.code or "",
        "niveau": _niveau(laureate),
        "mentions": "|".join(m.name for m in laureate.mentions),
        "annee": str(laureate.year),
        "site": laureate.website or "",
        "nom_court": laureate.short_name or "",
    }


def status_cells(record: AwardRecord) -> dict[str, str]:
    """The record's status as cells: « en vigueur », or « retiré » with its ISO date and reason."""
    day = record.withdrawn_on
    return {"statut": record.status, "date_retrait": day.isoformat() if day else "",
            "motif_retrait": record.withdrawal_reason}


def to_csv(records: Sequence[AwardRecord]) -> bytes:
    """`;`-delimited UTF-8 with BOM (Excel/LibreOffice read the accents right), CRLF rows, formulas defused."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow((*FIELDS, *STATUS_FIELDS))
    for record in records:
        cells = row(record.laureate) | status_cells(record)
        writer.writerow([spreadsheet_safe(cells[name]) for name in (*FIELDS, *STATUS_FIELDS)])
    return (BOM + buf.getvalue()).encode("utf-8")


def to_json(records: Sequence[AwardRecord], base_url: str) -> bytes:
    """`{"laureats": [...]}` with the palmarès fields plus the verification page, certificate number, award
    date and status (`statut`, and for a withdrawn award `date_retrait` and `motif_retrait`); `comptes` says
    the distinctions in force, their collectivités and the withdrawn ones apart.

    Loadable again as a palmarès (`load_palmares`): the extra keys are ignored by the loader.
    """
    entries: list[dict[str, Any]] = []
    for record in records:
        laureate = record.laureate
        cells = row(laureate)
        entry: dict[str, Any] = {name: cells[name] for name in FIELDS if cells[name]}
        entry["niveau"] = int(cells["niveau"]) if cells["niveau"].isdigit() else cells["niveau"]
        entry["annee"] = laureate.year
        if laureate.mentions:
            entry["mentions"] = [m.id for m in laureate.mentions]
        entry["libelle_distinction"] = laureate.distinction.words
        entry["numero_attestation"] = laureate.certificate_number
        entry["page_verification"] = page_url(base_url, laureate)
        entry["date_remise"] = record.awarded.isoformat()
        entry |= {key: value for key, value in status_cells(record).items() if value}
        entries.append(entry)
    counts = Counts.of(records)
    totals = {"distinctions": counts.distinctions, "collectivites": counts.collectivities,
              "distinctions_retirees": counts.withdrawn}
    text = json.dumps({"comptes": totals, "laureats": entries}, ensure_ascii=False, indent=2)
    return (_html_safe(text) + "\n").encode("utf-8")


def _html_safe(text: str) -> str:
    """JSON text with <, > and & as \\u escapes: same data, and inert if ever pasted into an HTML page."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
