"""The revocations file beside the palmarès (`retraits.csv`): read it, and add a line (`tnl-signage revoke`).

Columns `annee;laureat;date;motif` (UTF-8, `;`): `laureat` is the slug of the verification page
(`ville-de-boe`) or the collectivité's code (INSEE or SIREN). A missing file means nothing was withdrawn.
"""

from __future__ import annotations

import csv
import io
import os
from datetime import date
from pathlib import Path

from ..atomic import write_atomic
from ..domain.model import Laureate
from ..domain.revocations import Revocation, Revocations
from ..errors import InputError

FILENAME = "retraits.csv"
COLUMNS = ("annee", "laureat", "date", "motif")


def revocations_path(palmares: str | os.PathLike[str]) -> Path:
    """Where the revocations of a palmarès live: `retraits.csv` in the same folder."""
    return Path(palmares).with_name(FILENAME)


def _row(row: dict[str, str | None], where: str) -> Revocation:
    values = {key: (row.get(key) or "").strip() for key in COLUMNS}
    for key in COLUMNS:
        if not values[key]:
            raise InputError(f"{where}, champ « {key} » : valeur manquante")
    if not values["annee"].isdigit():
        raise InputError(f"{where}, champ « annee » : valeur « {values['annee']} » : une année est attendue")
    try:
        day = date.fromisoformat(values["date"])
    except ValueError:
        raise InputError(f"{where}, champ « date » : valeur « {values['date']} » : date AAAA-MM-JJ attendue") from None
    return Revocation(int(values["annee"]), values["laureat"], day, values["motif"])


def load_revocations(path: str | os.PathLike[str] | None) -> Revocations:
    """The withdrawn awards listed in `path` (nothing if None or absent); InputError naming file, line, field."""
    if path is None or not Path(path).is_file():
        return Revocations()
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{file.name} : lecture impossible ({exc})") from None
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"{file.name}, ligne 1 : colonne(s) manquante(s) : {', '.join(missing)} "
                         f"(attendu : {';'.join(COLUMNS)})")
    entries = []
    for number, row in enumerate(reader, start=2):
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue
        rev = _row(row, f"{file.name}, ligne {number}")
        entries.append(Revocation(rev.year, rev.who, rev.day, rev.reason, number))
    return Revocations(tuple(entries))


def add_revocation(path: str | os.PathLike[str], laureate: Laureate, day: date, reason: str) -> Revocation:
    """Append the withdrawal of `laureate` to the file (created with its header); InputError if already there."""
    file = Path(path)
    existing = load_revocations(file)
    found = existing.for_laureate(laureate)
    if found is not None:
        raise InputError(f"{file.name}, ligne {found.line} : {laureate.name} ({laureate.year}) est déjà "
                         f"retiré depuis le {found.day.isoformat()}")
    if day < date(laureate.year, 1, 1):
        raise InputError(f"date de retrait « {day.isoformat()} » antérieure à l'édition {laureate.year}")
    if not reason.strip():
        raise InputError("le motif du retrait (--reason) ne peut pas être vide")
    old = file.read_text(encoding="utf-8-sig") if file.is_file() else ""
    out = io.StringIO()
    if not old.strip():
        out.write(";".join(COLUMNS) + "\n")
    else:
        out.write(old if old.endswith("\n") else old + "\n")
    csv.writer(out, delimiter=";", lineterminator="\n").writerow(
        [laureate.year, laureate.slug, day.isoformat(), " ".join(reason.split())])
    write_atomic(file, out.getvalue().encode("utf-8"))
    return Revocation(laureate.year, laureate.slug, day, reason)
