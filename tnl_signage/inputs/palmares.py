"""Read a palmarès from CSV (as French spreadsheets export it) or JSON, row by row.

Every bad row becomes located problems and never stops the good rows; only an unreadable file raises.
"""

from __future__ import annotations

import codecs
import csv
import json
import unicodedata
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..domain.model import ERROR, FIELDS, REQUIRED_FIELDS, WARNING, Laureate, Palmares, Problem
from ..domain.scales import ScaleBook, load_scales
from ..domain.slug import SlugRequest, assign_slugs, fold, slugify
from ..errors import InputError, os_reason
from .rows import FieldValues, check_row

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
JSON_SUFFIXES = (".json",)
DELIMITERS = ";,\t"
_CHUNK = 1 << 16
MAX_FIELD_BYTES = 64 << 20  # beyond this, a cell is not a mistake in a palmarès but a broken file

# Column names accepted for each field (case, accents, spaces and "_" ignored).
_ALIASES = {
    "nom": ("nom", "name", "collectivité", "lauréat"),
    "type": ("type", "type de collectivité"),
    "departement": ("département", "department", "dept", "dép"),
    "code": ("code", "code INSEE", "INSEE", "SIREN"),
    "niveau": ("niveau", "level", "distinction"),
    "mentions": ("mentions", "mention", "mentions spéciales"),
    "annee": ("année", "year", "édition"),
    "site": ("site", "website", "site web", "site internet", "url"),
    "nom_court": ("nom court", "short name", "nom abrégé"),
    "slug": ("slug", "adresse"),
}
COLUMN_NAMES: dict[str, str] = {fold(alias): name for name, aliases in _ALIASES.items() for alias in aliases}

@dataclass
class _Row:
    """What one data row gave: a laureate or not, and its problems (`data` False: about the file itself)."""

    line: int | None
    laureate: Laureate | None = None
    problems: list[Problem] = field(default_factory=list)
    data: bool = True
    values: FieldValues | None = None


def _identity(values: FieldValues) -> tuple[str, str | None]:
    return fold(values.name), values.department


class _RowChecker:
    """Checks rows in file order: field checks, then duplicates and slugs.

    Slugs come from `slugs`, decided beforehand over the whole file (a first pass with `slugs` None), so that
    they never depend on the order of the rows.
    """

    def __init__(self, file: str, line_label: str, today: date, book: ScaleBook,
                 slugs: dict[tuple[Hashable, int], str] | None = None) -> None:
        self.file, self.line_label, self.today, self.book = file, line_label, today, book
        self.slugs = slugs
        self.requests: list[SlugRequest] = []
        self.seen: dict[tuple[str, int], list[tuple[str | None, int]]] = {}
        self.pinned: dict[tuple[str, int], int] = {}

    def problem(self, line: int | None, field_name: str | None, value: str | None, message: str,
                severity: str = ERROR) -> Problem:
        """A problem of this file."""
        return Problem(self.file, line, field_name, value, message, severity, self.line_label)

    def check(self, line: int, raw: Mapping[str, str | None]) -> _Row:
        """Check one row; the first of two duplicates is kept."""
        values, findings = check_row(raw, today=self.today, book=self.book)
        row = _Row(line, problems=[f.at(self.file, line, self.line_label) for f in findings])
        if values is None:
            return row
        key = (fold(values.name), values.year)
        earlier = self.seen.setdefault(key, [])
        for departement, first_line in earlier:
            if departement is None or values.department is None or departement == values.department:
                message = f"doublon : figure déjà en {self.line_label} {first_line} pour {values.year}"
                row.problems.insert(0, self.problem(line, "nom", values.name, message))
                return row
        if values.slug:
            first_line = self.pinned.setdefault((values.slug, values.year), line)
            if first_line != line:
                message = f"ce slug est déjà celui de la {self.line_label} {first_line} pour {values.year}"
                row.problems.insert(0, self.problem(line, "slug", values.slug, message))
                return row
        earlier.append((values.department, line))
        row.values = values
        if self.slugs is None:
            self.requests.append(SlugRequest(values.name, values.year, _identity(values),
                                             (values.department or "", values.code or ""), values.slug))
            return row
        slug = self.slugs[(_identity(values), values.year)]
        if not values.slug and slug != slugify(values.name):
            message = (f"plusieurs lauréats de {values.year} ont un nom qui donne la même adresse : celle-ci "
                       f"devient « {slug} » ; une colonne « slug » peut la fixer")
            row.problems.append(self.problem(line, "nom", values.name, message, WARNING))
        row.laureate = values.to_laureate(slug, line)
        return row


def _nfc(text: str) -> str:
    """Composed Unicode, so that a name typed on a Mac equals the same name typed elsewhere."""
    return unicodedata.normalize("NFC", text)


def _read_error(path: Path, exc: OSError) -> InputError:
    """French message for a file that cannot be opened."""
    return InputError(f"{path.name} : lecture impossible ({os_reason(exc)})")


def _encoding(path: Path) -> tuple[str, str]:
    """(encoding, errors) of a CSV file: UTF-8 (BOM or not) or UTF-16 with BOM; Windows-1252 only when no
    line is UTF-8 with accents. A file mixing both is read as UTF-8 with its other bytes kept apart
    ("surrogateescape"), so that the rows holding them are refused one by one, each naming its line.
    InputError for binary or empty files."""
    utf8_lines = other_lines = 0
    blank = True
    try:
        with path.open("rb") as stream:
            head = stream.read(4)
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                return "utf-16", "strict"
            stream.seek(0)
            for number, line in enumerate(stream, start=1):
                if b"\x00" in line:
                    raise InputError(f"{path.name} : ce fichier n'est pas un texte CSV (contenu binaire)")
                if number == 1:
                    line = line.removeprefix(codecs.BOM_UTF8)
                blank = blank and not line.strip()
                if line.isascii():
                    continue
                try:
                    line.decode("utf-8")
                    utf8_lines += 1
                except UnicodeDecodeError:
                    other_lines += 1
    except OSError as exc:
        raise _read_error(path, exc) from exc
    if blank:
        raise InputError(f"{path.name} : le fichier est vide")
    if other_lines == 0:
        return "utf-8-sig", "strict"
    if utf8_lines == 0:
        return "cp1252", "strict"
    return "utf-8-sig", "surrogateescape"


def _delimiter(sample: str) -> str:
    """`;`, `,` or tab: the one splitting the header into known names, else Sniffer, else the most seen."""
    header = next((line for line in sample.splitlines() if line.strip()), "")
    known = {d: sum(fold(cell) in COLUMN_NAMES for cell in header.split(d)) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: known[d])
    if known[best] >= 2:
        return best
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return max(DELIMITERS, key=header.count)


def _columns(header: list[str], checker: _RowChecker,
             line: int) -> tuple[dict[str, int] | None, list[Problem]]:
    """Map each known field to its column index; problems if a required one is missing or one is repeated."""
    columns: dict[str, int] = {}
    problems = []
    for index, cell in enumerate(header):
        name = COLUMN_NAMES.get(fold(cell))
        if name is None:
            continue
        if name in columns:
            problems.append(checker.problem(line, name, None, f"colonne présente deux fois (colonnes "
                                            f"{columns[name] + 1} et {index + 1})"))
        columns.setdefault(name, index)
    if not columns:
        raise InputError(f"{checker.file} : aucune colonne reconnue en {checker.line_label} {line} ; "
                         f"colonnes attendues : {', '.join(FIELDS)}")
    for name in REQUIRED_FIELDS:
        if name not in columns:
            problems.append(checker.problem(line, name, None, "colonne obligatoire absente"))
    return (None if problems else columns), problems


def _csv_rows(path: Path, checker: _RowChecker) -> Iterator[_Row]:
    """Rows of a CSV file, with their physical line numbers (header = line 1)."""
    encoding, errors = _encoding(path)
    try:
        with path.open(encoding=encoding, errors=errors, newline="") as stream:
            delimiter = _delimiter(stream.read(_CHUNK))
        with path.open(encoding=encoding, errors=errors, newline="") as stream:
            yield from _records(stream, delimiter, checker)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path.name} : encodage illisible ({exc.reason}) ; enregistrez-le en CSV UTF-8") from None
    except OSError as exc:
        raise _read_error(path, exc) from exc


def _records(stream: Iterator[str], delimiter: str, checker: _RowChecker) -> Iterator[_Row]:
    """Turn CSV records into checked rows; blank lines are skipped, every cell is trimmed and NFC."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD_BYTES))  # a long cell fails its row, not the file
    reader = csv.reader(stream, delimiter=delimiter)
    columns: dict[str, int] | None = None
    previous_end = width = 0
    while True:
        try:
            record = next(reader, None)
        except csv.Error as exc:
            raise InputError(f"{checker.file}, ligne {reader.line_num} : CSV illisible ({exc})") from exc
        if record is None:
            return
        line, previous_end = previous_end + 1, reader.line_num
        cells = [_nfc(cell).strip() for cell in record]
        if not any(cells):
            continue
        if columns is None:
            columns, problems = _columns(cells, checker, line)
            if columns is None:
                yield _Row(line, problems=problems, data=False)
                return
            width = len(cells)
            continue
        spread = reader.line_num > line and f"cette ligne se poursuit jusqu'à la ligne {reader.line_num}"
        used = set(columns.values())
        if spread and any(_multiline(cell) for i, cell in enumerate(cells) if i in used):
            message = f"{spread} : un guillemet « \" » n'est sans doute pas fermé"
            yield _Row(line, problems=[checker.problem(line, None, None, message)])
        elif any(cells[width:]):
            message = (f"{len(cells)} cellules pour {width} colonnes : une valeur contenant « {delimiter} » "
                       "doit être entre guillemets")
            yield _Row(line, problems=[checker.problem(line, None, None, message)])
        else:
            raw = {name: cells[i] if i < len(cells) else None for name, i in columns.items()}
            row = checker.check(line, raw)
            if spread and any(delimiter in cell and _multiline(cell) for cell in cells):
                message = f"{spread} ; si des lauréats manquent, un guillemet « \" » n'est pas fermé"
                row.problems.append(checker.problem(line, None, None, message, WARNING))
            yield row


def _multiline(cell: str) -> bool:
    """True if a quoted cell spans several physical lines."""
    return "\n" in cell or "\r" in cell


class _Number(str):
    """A JSON number kept as its text: no huge integer conversion, no float rounding; checked like a cell."""

    def cell(self) -> str:
        """"2025.0" -> "2025"; any other text as written (a year of 5,000 digits is then a line error)."""
        whole, dot, fraction = self.partition(".")
        if dot and fraction.strip("0") == "" and whole.lstrip("-").isdigit():
            return whole
        return str(self)


def _json_cell(value: object, name: str) -> str | None:
    """A JSON value as the text a spreadsheet cell would hold; ValueError for what no cell could hold."""
    if value is None:
        return None
    if isinstance(value, bool | dict) or (isinstance(value, list) and name != "mentions"):
        raise ValueError(json.dumps(value, ensure_ascii=False)[:60])
    if isinstance(value, _Number):
        return value.cell()
    if isinstance(value, list):
        return "|".join(str(_json_cell(item, "")) for item in value)
    return _nfc(str(value))


def _json_rows(path: Path, checker: _RowChecker) -> Iterator[_Row]:
    """Entries of a JSON palmarès: a list of objects, or {"laureats": [...]}."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise _read_error(path, exc) from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path.name} : un fichier JSON doit être en UTF-8") from exc
    if not text.strip():
        raise InputError(f"{path.name} : le fichier est vide")
    try:
        data = json.loads(text, parse_int=_Number, parse_float=_Number, parse_constant=_Number)
    except json.JSONDecodeError as exc:
        where = f"{path.name}, ligne {exc.lineno}, colonne {exc.colno}"
        raise InputError(f"{where} : JSON invalide ({exc.msg})") from exc
    except RecursionError as exc:
        raise InputError(f"{path.name} : JSON trop imbriqué") from exc
    if isinstance(data, dict):
        data = next((v for k, v in data.items() if fold(k) == "laureats"), None)
    if not isinstance(data, list):
        raise InputError(f"{path.name} : le JSON doit être une liste de lauréats ou un objet "
                         "{\"laureats\": [...]}")
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            yield _Row(number, problems=[checker.problem(number, None, None, "un objet {…} est attendu")])
            continue
        raw: dict[str, str | None] = {}
        problems = []
        for key, value in entry.items():
            name = COLUMN_NAMES.get(fold(str(key)))
            if name is None or name in raw:
                continue
            try:
                raw[name] = _json_cell(value, name)
            except ValueError as exc:
                raw[name] = None
                problems.append(checker.problem(number, name, str(exc), "un texte ou un nombre est attendu"))
        yield _Row(number, problems=problems) if problems else checker.check(number, raw)


def _rows(path: str | Path, today: date | None) -> Iterator[_Row]:
    """Checked rows of a palmarès file, chosen by its suffix, ending with a warning if there was none.

    The file is read twice: once to decide every slug from the whole file, once to yield the rows
    (memory stays flat: only one slug request per row is kept).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    book = load_scales()
    today = today or date.today()
    reader: Callable[[Path, _RowChecker], Iterator[_Row]]
    if suffix in CSV_SUFFIXES:
        label, reader = "ligne", _csv_rows
    elif suffix in JSON_SUFFIXES:
        label, reader = "entrée", _json_rows
    else:
        hint = " (enregistrez le tableur en CSV)" if suffix in (".xls", ".xlsx", ".ods") else ""
        raise InputError(f"{path.name} : extension « {suffix or '(aucune)'} » inconnue, le palmarès doit "
                         f"être un fichier .csv ou .json{hint}")
    first = _RowChecker(path.name, label, today, book)
    for _row in reader(path, first):
        pass
    checker = _RowChecker(path.name, label, today, book, assign_slugs(first.requests))
    quiet = True
    for row in reader(path, checker):
        quiet = quiet and not row.data and not row.problems
        yield row
    if quiet:
        empty = checker.problem(None, None, None, "aucun lauréat dans ce fichier", WARNING)
        yield _Row(None, problems=[empty], data=False)


def iter_laureates(path: str | Path, *, today: date | None = None) -> Iterator[Laureate | Problem]:
    """Stream a palmarès: each valid laureate and each problem, in file order (for big files)."""
    for row in _rows(path, today):
        if row.laureate is not None:
            yield row.laureate
        yield from row.problems


def load_palmares(path: str | Path, *, today: date | None = None) -> Palmares:
    """The whole palmarès of a CSV or JSON file; InputError only if the file itself cannot be read."""
    laureates: list[Laureate] = []
    problems: list[Problem] = []
    rows = 0
    for row in _rows(path, today):
        rows += row.data
        if row.laureate is not None:
            laureates.append(row.laureate)
        problems.extend(row.problems)
    return Palmares(source=str(path), laureates=tuple(laureates), problems=tuple(problems), rows=rows)
