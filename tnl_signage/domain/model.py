"""The palmarès as immutable, validated data: laureates, the problems found in a file, the whole palmarès.

Nothing here renders or writes: every later stage (layout, writers) can trust these values.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TypeVar
from urllib.parse import urlsplit

from ..errors import InputError
from .scales import Distinction, Mention, ScaleBook, load_scales
from .slug import fold, slugify

ERROR = "erreur"
WARNING = "avertissement"
T = TypeVar("T")


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

    @classmethod
    def create(cls, *, name: str, level: str | int | Distinction, year: int | str,
               type: str | LaureateType = "commune", mentions: Iterable[str | Mention] | str = (),
               department: str | None = None, code: str | None = None, website: str | None = None,
               short_name: str | None = None, today: date | None = None) -> Laureate:
        """Build a laureate from Python values, checked exactly as a palmarès row; InputError if invalid."""
        if isinstance(mentions, str):
            mention_cell = mentions
        else:
            mention_cell = "|".join(m.id if isinstance(m, Mention) else m for m in mentions)
        raw = {
            "nom": name, "type": str(type), "annee": str(year),
            "niveau": level.id if isinstance(level, Distinction) else str(level),
            "mentions": mention_cell, "departement": department, "code": code, "site": website,
            "nom_court": short_name,
        }
        values, findings = check_row(raw, today=today)
        errors = [f for f in findings if f.is_error]
        if errors or values is None:
            raise InputError(" ; ".join(str(f) for f in errors))
        return values.to_laureate(slugify(values.name))


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




# ------------------------------------------------------------------------------------------------------------
# Checking one row: shared by the loader (CSV, JSON) and Laureate.create, so both accept the same values.

FIELDS = ("nom", "type", "departement", "code", "niveau", "mentions", "annee", "site", "nom_court")
REQUIRED_FIELDS = ("nom", "type", "niveau", "annee")
MAX_NAME = 200
MAX_SHORT_NAME = 40
MAX_MENTIONS = 4

_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_DEPARTEMENTS = frozenset(
    [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B"] + [str(n) for n in range(971, 977)])
_INSEE = re.compile(r"(?:\d{2}|2[AB])\d{3}")
_SIREN = re.compile(r"\d{9}")
_YEAR = re.compile(r"\d{4}")


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
        """French text naming the field and value, for Laureate.create's InputError."""
        return str(Problem("", None, self.field, self.value, self.message, self.severity)).removeprefix(", ")

    def at(self, file: str, line: int | None, line_label: str = "ligne") -> Problem:
        """This finding located in a file."""
        return Problem(file, line, self.field, self.value, self.message, self.severity, line_label)


class _Bad(ValueError):
    """Raised by a field check: the message is the end of the French line shown to the user."""


@dataclass(frozen=True)
class FieldValues:
    """The checked values of a row, waiting for the slug that only the whole palmarès can decide."""

    name: str
    type: LaureateType
    distinction: Distinction
    year: int
    department: str | None
    code: str | None
    mentions: tuple[Mention, ...]
    website: str | None
    short_name: str | None

    def to_laureate(self, slug: str, line: int | None = None) -> Laureate:
        """The laureate these values describe."""
        return Laureate(name=self.name, type=self.type, distinction=self.distinction, year=self.year,
                        slug=slug, department=self.department, code=self.code, mentions=self.mentions,
                        website=self.website, short_name=self.short_name, line=line)


def _text(value: str, limit: int, what: str) -> str:
    """A name: no control or bidi characters, spaces collapsed, at most `limit` characters."""
    for ch in value:
        if ch in _BIDI_CONTROLS:
            raise _Bad(f"{what} contient un caractère de contrôle bidirectionnel (U+{ord(ch):04X}), "
                       "interdit car il peut inverser l'affichage du texte")
        if unicodedata.category(ch) == "Cc":
            raise _Bad(f"{what} contient un caractère de contrôle (U+{ord(ch):04X}), interdit")
    if "\ufffd" in value:
        raise _Bad(f"{what} contient « \ufffd » : le fichier a sans doute été enregistré "
                   "dans un autre encodage")
    text = " ".join(value.split())
    if len(text) > limit:
        raise _Bad(f"{what} dépasse {limit} caractères ({len(text)})")
    return text


def _departement(value: str) -> str:
    """Département number: "5" -> "05", "2a" -> "2A"."""
    dep = value.upper()
    if dep.isdigit() and len(dep) == 1:
        dep = "0" + dep
    if dep == "20":
        raise _Bad("la Corse s'écrit 2A (Corse-du-Sud) ou 2B (Haute-Corse)")
    if dep not in _DEPARTEMENTS:
        raise _Bad("le département doit être un numéro de 01 à 95, 2A, 2B ou de 971 à 976")
    return dep


def _code(value: str) -> str:
    """Code INSEE (5 characters) or SIREN (9 digits, spaces allowed)."""
    code = "".join(value.split()).upper()
    if _INSEE.fullmatch(code) or _SIREN.fullmatch(code):
        return code
    if code.isdigit() and len(code) == 14:
        raise _Bad("ceci est un SIRET : indiquez le SIREN (ses 9 premiers chiffres) ou le code INSEE")
    raise _Bad("le code doit être un code INSEE (5 caractères, par exemple 35238) ou un SIREN (9 chiffres)")


def _year(value: str, today: date, first_year: int) -> int:
    """Edition year, from the first edition to the current year."""
    if not _YEAR.fullmatch(value):
        raise _Bad("l'année doit être un nombre à 4 chiffres, par exemple 2025")
    year = int(value)
    if year < first_year:
        raise _Bad(f"l'année doit être {first_year} ou après (première édition du label)")
    if year > today.year:
        raise _Bad(f"l'année ne peut pas être dans le futur (nous sommes en {today.year})")
    return year


def _site(value: str) -> str:
    """Public web address: http or https, with a host name, nothing hidden in it."""
    if any(ch.isspace() or unicodedata.category(ch).startswith("C") for ch in value):
        raise _Bad("l'adresse du site ne doit contenir ni espace ni caractère invisible")
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as exc:
        raise _Bad("l'adresse du site est mal formée") from exc
    if parts.scheme.lower() not in ("http", "https"):
        hint = " (ajoutez https:// devant)" if not parts.scheme and "." in value.split("/")[0] else ""
        raise _Bad(f"l'adresse du site doit commencer par https:// ou http://{hint}")
    if not host or "." not in host or parts.username is not None:
        raise _Bad("l'adresse du site doit être complète, par exemple https://www.ville.fr")
    return value


def _mentions(value: str, book: ScaleBook) -> tuple[tuple[Mention, ...], list[Finding]]:
    """Mentions separated by "|": unknown ones, repeats and more than four are errors."""
    items = [item.strip() for item in value.split("|") if item.strip()]
    found: list[Mention] = []
    findings: list[Finding] = []
    for item in items:
        mention = book.find_mention(item)
        if mention is None:
            names = ", ".join(m.name for m in book.mentions)
            hint = " ; séparez les mentions par « | »" if any(c in item for c in ",;/") else ""
            message = f"mention spéciale inconnue (possibles : {names}){hint}"
            findings.append(Finding("mentions", item, message))
        elif mention in found:
            message = f"la mention « {mention.name} » est indiquée deux fois"
            findings.append(Finding("mentions", item, message))
        else:
            found.append(mention)
    if len(items) > MAX_MENTIONS:
        message = f"au plus {MAX_MENTIONS} mentions spéciales ({len(items)} indiquées)"
        findings.append(Finding("mentions", value, message))
    order = {m.id: i for i, m in enumerate(book.mentions)}
    return tuple(sorted(found, key=lambda m: order[m.id])), findings


def _scale_warnings(distinction: Distinction, year: int, mentions: tuple[Mention, ...], raw_niveau: str,
                    book: ScaleBook) -> list[Finding]:
    """Values outside that year's official scale: kept (they decide what is drawn), but flagged."""
    findings: list[Finding] = []
    try:
        official = book.official_scale(year)
    except KeyError:
        return findings
    if distinction.scale_id != official.id:
        message = (f"« {distinction.name} » n'appartient pas à l'échelle officielle de {year} "
                   f"({official.name}) ; cette distinction sera dessinée telle quelle")
        findings.append(Finding("niveau", raw_niveau, message, WARNING))
    if mentions and not book.scale(distinction.scale_id).allows_mentions:
        message = (f"les mentions spéciales n'accompagnent que l'échelle de 2025 (Badge, Bronze, Argent, "
                   f"Or), pas « {distinction.words} »")
        findings.append(Finding("mentions", " | ".join(m.name for m in mentions), message, WARNING))
    return findings


def _consistency_warnings(departement: str | None, code: str | None) -> list[Finding]:
    """A code INSEE always starts with its département number: a mismatch is most likely a typo."""
    if not departement or not code or len(code) != 5 or code.startswith(departement):
        return []
    message = f"ce code INSEE ne commence pas par le département « {departement} »"
    return [Finding("code", code, message, WARNING)]


def _level(value: str, book: ScaleBook) -> Distinction:
    """The distinction a niveau cell names."""
    found = book.find_distinction(value)
    if found is None:
        raise _Bad(f"le niveau doit être {book.describe_values()}")
    return found


def _kind(value: str) -> LaureateType:
    """The type a type cell names."""
    try:
        return LaureateType.parse(value)
    except ValueError:
        raise _Bad("le type doit être commune, intercommunalité, syndicat, département, région "
                   "ou autre") from None


def _take(cells: Mapping[str, str], name: str, check: Callable[[str], T],
          findings: list[Finding]) -> T | None:
    """Run one field check on a non-empty cell, turning its complaint into a finding."""
    if not cells[name]:
        return None
    try:
        return check(cells[name])
    except _Bad as exc:
        findings.append(Finding(name, cells[name], str(exc)))
        return None


def check_row(raw: Mapping[str, str | None], *, today: date | None = None,
              book: ScaleBook | None = None) -> tuple[FieldValues | None, list[Finding]]:
    """Check one row (French field names, values as text): its values if no error, and every finding."""
    book = book or load_scales()
    today = today or date.today()
    findings: list[Finding] = []
    cells = {name: (raw.get(name) or "").strip() for name in FIELDS}
    for name in REQUIRED_FIELDS:
        if not cells[name]:
            findings.append(Finding(name, None, "valeur obligatoire absente"))
    nom = _take(cells, "nom", lambda v: _text(v, MAX_NAME, "le nom"), findings)
    type_ = _take(cells, "type", _kind, findings)
    departement = _take(cells, "departement", _departement, findings)
    code = _take(cells, "code", _code, findings)
    distinction = _take(cells, "niveau", lambda v: _level(v, book), findings)
    mentions, mention_findings = _mentions(cells["mentions"], book)
    findings += mention_findings
    annee = _take(cells, "annee", lambda v: _year(v, today, book.first_year), findings)
    site = _take(cells, "site", _site, findings)
    nom_court = _take(cells, "nom_court", lambda v: _text(v, MAX_SHORT_NAME, "le nom court"), findings)
    if nom is None or type_ is None or distinction is None or annee is None:
        return None, findings
    if any(f.is_error for f in findings):
        return None, findings
    findings += _scale_warnings(distinction, annee, mentions, cells["niveau"], book)
    findings += _consistency_warnings(departement, code)
    values = FieldValues(name=nom, type=type_, distinction=distinction, year=annee, department=departement,
                         code=code, mentions=mentions, website=site, short_name=nom_court or None)
    return values, findings
