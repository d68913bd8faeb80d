"""The palmarès as immutable data: laureates, the problems found in a file, the whole palmarès.

Nothing here reads a file or the clock: rows are checked in `inputs/rows.py`, which builds these values.
"""

from __future__ import annotations

import base64
import hashlib
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from .scales import Distinction, Mention
from .slug import fold

ERROR = "erreur"
WARNING = "avertissement"


class LaureateType(StrEnum):
    """Kind of collectivité, as the organiser classifies candidates."""

    COMMUNE = "commune"
    INTERCOMMUNALITE = "intercommunalité"
    SYNDICAT = "syndicat"
    DEPARTEMENT = "département"
    REGION = "région"
    AUTRE = "autre"

    @property
    def label_fr(self) -> str:
        """Capitalised French label, for a sentence start or a table header."""
        return self.value[0].upper() + self.value[1:]

    @classmethod
    def parse(cls, value: str) -> LaureateType:
        """Read a type cell whatever its case and accents ("Région", "region", "EPCI"); ValueError if not."""
        found = _TYPE_SPELLINGS.get(fold(value))
        if found is None:
            raise ValueError(f"type inconnu : {value!r}")
        return found


_TYPE_SPELLINGS: dict[str, LaureateType] = {fold(t.value): t for t in LaureateType} | {
    fold(alias): t
    for t, aliases in {
        LaureateType.COMMUNE: ("ville", "mairie", "municipalité", "commune nouvelle"),
        LaureateType.INTERCOMMUNALITE: (
            "EPCI", "interco", "communauté de communes", "communauté d'agglomération", "agglomération",
            "communauté urbaine", "métropole", "établissement public territorial"),
        LaureateType.SYNDICAT: ("syndicat mixte", "syndicat intercommunal", "SIVU", "SIVOM"),
        LaureateType.DEPARTEMENT: ("conseil départemental", "conseil général"),
        LaureateType.REGION: ("conseil régional", "collectivité régionale"),
        LaureateType.AUTRE: ("other", "association", "établissement public"),
    }.items()
    for alias in aliases
}


@dataclass(frozen=True)
class Laureate:
    """One collectivité awarded one distinction in one year; `line` says where it came from (not compared)."""

    name: str
    type: LaureateType
    distinction: Distinction
    year: int
    slug: str
    department: str | None = None
    code: str | None = None
    mentions: tuple[Mention, ...] = ()
    website: str | None = None
    short_name: str | None = None
    line: int | None = field(default=None, compare=False)

    @property
    def display_name(self) -> str:
        """Name shown on every asset."""
        return self.name

    @property
    def distinction_words(self) -> str:
        """The distinction in words ("Niveau 3 sur 5", "Label Or"): never conveyed by colour alone."""
        return self.distinction.words

    @property
    def certificate_number(self) -> str:
        """Stable, unique number for the attestation and the badge: same year and slug, same number."""
        digest = hashlib.sha256(f"{self.year}/{self.slug}".encode()).digest()
        return f"TNL-{self.year}-{base64.b32encode(digest).decode('ascii')[:8]}"


@dataclass(frozen=True)
class Problem:
    """Something wrong in a palmarès file, located precisely enough for a user to fix it."""

    file: str
    line: int | None
    field: str | None
    value: str | None
    message: str
    severity: str = ERROR
    line_label: str = "ligne"

    @property
    def is_error(self) -> bool:
        """True for an error (the row is dropped), False for a warning (the row is kept)."""
        return self.severity == ERROR

    def __str__(self) -> str:
        """One French line: "palmares.csv, ligne 12, champ « niveau » : valeur « 7 » : le niveau doit…"."""
        where = [self.file]
        if self.line is not None:
            where.append(f"{self.line_label} {self.line}")
        if self.field:
            where.append(f"champ « {self.field} »")
        parts = [", ".join(where)]
        if self.value is not None:
            parts.append(f"valeur « {shown(self.value)} »")
        parts.append(self.message)
        text = " : ".join(parts)
        return text if self.is_error else f"{text} (avertissement)"


def shown(value: str, limit: int = 80) -> str:
    """A user value made safe to print on one terminal line: invisible characters as U+XXXX, long ones cut."""
    out = []
    for ch in value:
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co"):
            out.append(f"<U+{ord(ch):04X}>")
        else:
            out.append(ch)
    text = "".join(out)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Palmares:
    """Every laureate read from one file, and every problem found in it (`rows`: data rows read)."""

    source: str
    laureates: tuple[Laureate, ...]
    problems: tuple[Problem, ...] = ()
    rows: int = 0

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Problems that made a row rejected."""
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Problems worth a look, the row being kept."""
        return tuple(p for p in self.problems if not p.is_error)

    def years(self) -> tuple[int, ...]:
        """Editions present, oldest first."""
        return tuple(sorted({lau.year for lau in self.laureates}))

    def by_year(self, year: int) -> tuple[Laureate, ...]:
        """Laureates of one edition, in file order."""
        return tuple(lau for lau in self.laureates if lau.year == year)

    def get(self, year: int, slug: str) -> Laureate | None:
        """The laureate stored in folder `{year}/{slug}/`, if any."""
        return next((lau for lau in self.laureates if lau.year == year and lau.slug == slug), None)


# The palmarès' columns (French names), in the example file's order; the checks live in inputs/rows.py.
FIELDS = ("nom", "type", "departement", "code", "niveau", "mentions", "annee", "site", "nom_court")
REQUIRED_FIELDS = ("nom", "type", "niveau", "annee")


@dataclass(frozen=True)
class Finding:
    """A problem in one field of one row, before the loader adds the file and line."""

    field: str | None
    value: str | None
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        """True if the row must be rejected."""
        return self.severity == ERROR

    def __str__(self) -> str:
        """French text naming the field and value, for make_laureate's InputError."""
        return str(Problem("", None, self.field, self.value, self.message, self.severity)).removeprefix(", ")

    def at(self, file: str, line: int | None, line_label: str = "ligne") -> Problem:
        """This finding located in a file."""
        return Problem(file, line, self.field, self.value, self.message, self.severity, line_label)
