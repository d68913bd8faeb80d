"""Checking one palmarès row: shared by the loader (CSV, JSON) and `make_laureate`, so both accept the same values.

The edge (the loader, the CLI) reads the scales file and the clock and passes them in: nothing here reads either.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TypeVar
from urllib.parse import urlsplit

from ..domain.model import FIELDS, REQUIRED_FIELDS, WARNING, Finding, Laureate, LaureateType
from ..domain.scales import Distinction, Mention, ScaleBook, load_scales
from ..domain.slug import MAX_SLUG_LENGTH, slugify
from ..domain.text_rules import TextRejected, clean_text
from ..errors import InputError, InputWarning

T = TypeVar("T")

ROW_FIELDS = (*FIELDS, "slug")  # `slug` (optional) pins a published address
MAX_NAME = 200
MAX_SHORT_NAME = 40
MAX_MENTIONS = 4
MAX_CELL = 1000  # longer than any real cell: a whole pasted text, not a name

DEPARTEMENTS = frozenset(
    [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B"] + [str(n) for n in range(971, 977)])
# Codes INSEE of the régions since 2016 (overseas régions 01-06, then the 13 of mainland France).
REGIONS = ("01", "02", "03", "04", "06", "11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94")
_INSEE = re.compile(r"(?:\d{2}|2[AB])\d{3}")
_SIREN = re.compile(r"\d{9}")
_YEAR = re.compile(r"\d{4}")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


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
    slug: str | None = None  # pinned by the row's `slug` column

    def to_laureate(self, slug: str, line: int | None = None) -> Laureate:
        """The laureate these values describe."""
        return Laureate(name=self.name, type=self.type, distinction=self.distinction, year=self.year,
                        slug=slug, department=self.department, code=self.code, mentions=self.mentions,
                        website=self.website, short_name=self.short_name, line=line)


def _text(value: str, limit: int, what: str) -> str:
    """A name: the rules of every drawn text (domain/text_rules.py)."""
    try:
        return clean_text(value, limit, what)
    except TextRejected as exc:
        raise _Bad(str(exc)) from None


def _departement(value: str) -> str:
    """Département number: "5" -> "05", "2a" -> "2A"."""
    dep = value.upper()
    if dep.isdigit() and len(dep) == 1:
        dep = "0" + dep
    if dep == "20":
        raise _Bad("la Corse s'écrit 2A (Corse-du-Sud) ou 2B (Haute-Corse)")
    if dep not in DEPARTEMENTS:
        raise _Bad("le département doit être un numéro de 01 à 95, 2A, 2B ou de 971 à 976")
    return dep


def siren_ok(digits: str) -> bool:
    """The SIREN's last digit is a Luhn key: doubled every second digit from the right, the sum ends in 0."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _code(value: str, kind: LaureateType | None) -> str:
    """Official code by type: commune INSEE (5 characters), département, région; SIREN (9 digits) for any type."""
    code = "".join(value.split()).upper()
    if _SIREN.fullmatch(code):
        if not siren_ok(code):
            raise _Bad("ce SIREN n'a pas une clé valide (son 9e chiffre) : vérifiez-le")
        return code
    if code.isdigit() and len(code) == 14:
        raise _Bad("ceci est un SIRET : indiquez le SIREN (ses 9 premiers chiffres)")
    if kind is LaureateType.DEPARTEMENT:
        dep = "0" + code if code.isdigit() and len(code) == 1 else code
        if dep in DEPARTEMENTS:
            return dep
        raise _Bad("le code d'un département est son numéro (01 à 95, 2A, 2B, 971 à 976) ou son SIREN (9 chiffres)")
    if kind is LaureateType.REGION:
        if code in REGIONS:
            return code
        raise _Bad(f"le code d'une région est son code INSEE à 2 chiffres ({', '.join(REGIONS)}) "
                   "ou son SIREN (9 chiffres)")
    if kind is LaureateType.COMMUNE and _INSEE.fullmatch(code):
        return code
    if kind is LaureateType.COMMUNE or kind is None:
        raise _Bad("le code d'une commune est son code INSEE (5 caractères, par exemple 35238) "
                   "ou son SIREN (9 chiffres)")
    raise _Bad(f"le code d'un(e) {kind.value} est son SIREN (9 chiffres)")


def _slug(value: str) -> str:
    """A pinned address: lowercase ASCII letters and digits joined by single hyphens."""
    if len(value) > MAX_SLUG_LENGTH or not _SLUG.fullmatch(value):
        raise _Bad(f"le slug doit être fait de lettres minuscules sans accent, de chiffres et de tirets "
                   f"(au plus {MAX_SLUG_LENGTH} caractères), par exemple « ville-de-boe »")
    return value


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


def _consistency_warnings(departement: str | None, code: str | None, kind: LaureateType) -> list[Finding]:
    """A commune's code INSEE starts with its département number, a département's code is that number."""
    if not departement or not code or len(code) == 9:
        return []
    if kind is LaureateType.DEPARTEMENT and code != departement:
        return [Finding("code", code, f"ce code n'est pas le département indiqué « {departement} »", WARNING)]
    if len(code) != 5 or code.startswith(departement):
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


def check_row(raw: Mapping[str, str | None], *, today: date,
              book: ScaleBook) -> tuple[FieldValues | None, list[Finding]]:
    """Check one row (French field names, values as text): its values if no error, and every finding.

    `today` bounds the year and `book` holds the scales: the caller reads the clock and the scales file.
    """
    findings: list[Finding] = []
    cells = {name: (raw.get(name) or "").strip() for name in ROW_FIELDS}
    for name, cell in cells.items():
        if len(cell) > MAX_CELL:
            findings.append(Finding(name, cell, f"valeur trop longue ({len(cell)} caractères, au plus {MAX_CELL})"))
        elif any("\udc80" <= ch <= "\udcff" for ch in cell):
            findings.append(Finding(name, cell, "octets qui ne sont pas de l'UTF-8 alors que d'autres lignes le "
                                    "sont : le fichier mélange deux encodages ; enregistrez-le en CSV UTF-8"))
    if findings:
        return None, findings
    for name in REQUIRED_FIELDS:
        if not cells[name]:
            findings.append(Finding(name, None, "valeur obligatoire absente"))
    nom = _take(cells, "nom", lambda v: _text(v, MAX_NAME, "le nom"), findings)
    type_ = _take(cells, "type", _kind, findings)
    departement = _take(cells, "departement", _departement, findings)
    code = _take(cells, "code", lambda v: _code(v, type_), findings)
    distinction = _take(cells, "niveau", lambda v: _level(v, book), findings)
    mentions, mention_findings = _mentions(cells["mentions"], book)
    findings += mention_findings
    annee = _take(cells, "annee", lambda v: _year(v, today, book.first_year), findings)
    site = _take(cells, "site", _site, findings)
    nom_court = _take(cells, "nom_court", lambda v: _text(v, MAX_SHORT_NAME, "le nom court"), findings)
    slug = _take(cells, "slug", _slug, findings)
    if nom is None or type_ is None or distinction is None or annee is None:
        return None, findings
    if any(f.is_error for f in findings):
        return None, findings
    findings += _scale_warnings(distinction, annee, mentions, cells["niveau"], book)
    findings += _consistency_warnings(departement, code, type_)
    values = FieldValues(name=nom, type=type_, distinction=distinction, year=annee, department=departement,
                         code=code, mentions=mentions, website=site, short_name=nom_court or None, slug=slug)
    return values, findings


def check_text(value: str, limit: int, what: str) -> str:
    """Free text given on the command line (signatory, place, date): checked like a name; InputError if not."""
    try:
        return _text(value, limit, what)
    except _Bad as exc:
        raise InputError(str(exc)) from None


def make_laureate(*, name: str, level: str | int | Distinction, year: int | str,
                  type: str | LaureateType = "commune", mentions: Iterable[str | Mention] | str = (),
                  department: str | None = None, code: str | None = None, website: str | None = None,
                  short_name: str | None = None, slug: str | None = None, today: date | None = None,
                  book: ScaleBook | None = None) -> Laureate:
    """Build a laureate from Python values, checked exactly as a palmarès row; InputError if invalid.

    This is an edge: without `today` it reads the clock, without `book` the shipped scales.
    """
    if isinstance(mentions, str):
        mention_cell = mentions
    else:
        mention_cell = "|".join(m.id if isinstance(m, Mention) else m for m in mentions)
    raw = {
        "nom": name, "type": str(type), "annee": str(year),
        "niveau": level.id if isinstance(level, Distinction) else str(level),
        "mentions": mention_cell, "departement": department, "code": code, "site": website,
        "nom_court": short_name, "slug": slug,
    }
    values, findings = check_row(raw, today=today or date.today(), book=book or load_scales())
    errors = [f for f in findings if f.is_error]
    if errors or values is None:
        raise InputError(" ; ".join(str(f) for f in errors))
    for finding in findings:  # what a palmarès would list as a warning, said to the caller
        warnings.warn(str(finding), InputWarning, stacklevel=3)
    return values.to_laureate(values.slug or slugify(values.name))
