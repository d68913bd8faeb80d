"""The revocations file beside the palmarès (`retraits.csv`): read it, and add a line (`tnl-signage revoke`).

Columns `annee;laureat;date;motif` (UTF-8, `;`): `laureat` is the slug of the verification page
(`ville-de-boe`) or the collectivité's code (INSEE or SIREN). A missing file means nothing was withdrawn.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ..domain.model import Laureate
from ..domain.revocations import Revocation, Revocations
from ..errors import InputError, os_error_text
from ..ownership import file_lock, write_atomic
from .editions import edition_for

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
    year_text = values["annee"]
    if not (year_text.isascii() and year_text.isdigit() and len(year_text) == 4):
        raise InputError(f"{where}, champ « annee » : valeur « {year_text} » : une année sur 4 chiffres est attendue")
    try:
        day = date.fromisoformat(values["date"]) if values["date"].isascii() else None
    except ValueError:
        day = None
    if day is None:
        raise InputError(f"{where}, champ « date » : valeur « {values['date']} » : date AAAA-MM-JJ attendue")
    check_day(int(year_text), day, where)
    return Revocation(int(year_text), values["laureat"], day, values["motif"])


def check_day(year: int, day: date, where: str) -> None:
    """A withdrawal happens after its award's ceremony and not after today; InputError otherwise."""
    if day > date.today():
        raise InputError(f"{where}, champ « date » : valeur « {day.isoformat()} » : date dans le futur")
    ceremony = edition_for(year).award_date
    if day < ceremony:
        raise InputError(f"{where}, champ « date » : valeur « {day.isoformat()} » : antérieure à la remise "
                         f"des distinctions {year} (le {ceremony.isoformat()})")


def check_known(revocations: Revocations, laureates: Iterable[Laureate], path: str | os.PathLike[str]) -> None:
    """InputError naming the first line whose laureate is not in the palmarès (a typo would go unpublished)."""
    known = {(lau.year, key) for lau in laureates for key in (lau.slug, lau.code) if key}
    for rev in revocations.entries:
        if (rev.year, rev.who) not in known:
            raise InputError(f"{Path(path).name}, ligne {rev.line}, champ « laureat » : valeur « {rev.who} » : "
                             f"aucun lauréat {rev.year} du palmarès n'a ce slug ni ce code")


def load_revocations(path: str | os.PathLike[str] | None) -> Revocations:
    """The withdrawn awards listed in `path` (nothing if None or absent); InputError naming file, line, field."""
    if path is None or not Path(path).is_file():
        return Revocations()
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{file.name} : octet {exc.start} : le fichier n'est pas en UTF-8") from None
    except OSError as exc:
        raise InputError(os_error_text(exc)) from None
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
    check_day(laureate.year, day, "--date")
    if not reason.strip():
        raise InputError("le motif du retrait (--reason) ne peut pas être vide")
    with file_lock(file):  # read, add, rewrite: two revokes at once must both land
        _append(file, laureate, day, reason)
    return Revocation(laureate.year, laureate.slug, day, reason)


def _append(file: Path, laureate: Laureate, day: date, reason: str) -> None:
    existing = load_revocations(file)
    found = existing.for_laureate(laureate)
    if found is not None:
        raise InputError(f"{file.name}, ligne {found.line} : {laureate.name} ({laureate.year}) est déjà "
                         f"retiré depuis le {found.day.isoformat()}")
    old = file.read_text(encoding="utf-8-sig") if file.is_file() else ""
    out = io.StringIO()
    if not old.strip():
        out.write(";".join(COLUMNS) + "\n")
    else:
        out.write(old if old.endswith("\n") else old + "\n")
    csv.writer(out, delimiter=";", lineterminator="\n").writerow(
        [laureate.year, laureate.slug, day.isoformat(), " ".join(reason.split())])
    write_atomic(file, out.getvalue().encode("utf-8"))


def revocations_for(palmares: str | os.PathLike[str], laureates: Iterable[Laureate]) -> Revocations:
    """The withdrawals beside `palmares`, every line checked (format, dates, laureate known)."""
    path = revocations_path(palmares)
    revocations = load_revocations(path)
    check_known(revocations, laureates, path)
    return revocations
