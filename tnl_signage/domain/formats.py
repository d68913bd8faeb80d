"""Print formats (panels, plaques, posters) read from `data/formats.toml`, and custom `W x H` sizes.

Kept as data so that a sign maker's format is one TOML entry; a custom size borrows its family's defaults.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..resources import data_file
from ..tomlfile import read_toml

MIN_SIDE_MM = 50.0
MAX_SIDE_MM = 5000.0
MAX_BLEED_MM = 25.0
_SIZE = re.compile(r"^\s*(-?[0-9]+(?:[.,][0-9]+)?)\s*[x×*]\s*(-?[0-9]+(?:[.,][0-9]+)?)\s*(?:mm)?\s*$", re.I)


@dataclass(frozen=True)
class Holes:
    """Mounting holes: `count` (2 = left/right of the centre line, 4 = corners), Ø and inset in mm."""

    count: int
    diameter: float
    inset: float

    def centres(self, width: float, height: float) -> tuple[tuple[float, float], ...]:
        """Hole centres in trim coordinates (mm, y down), in reading order."""
        i = self.inset
        if self.count == 2:
            return ((i, height / 2), (width - i, height / 2))
        return ((i, i), (width - i, i), (i, height - i), (width - i, height - i))


@dataclass(frozen=True)
class Family:
    """What the formats of one family share (layout, defaults for custom sizes, spec-sheet wording)."""

    id: str
    label: str
    title: str
    orientation: str
    bleed: float
    safe_ratio: float
    safe_min: float
    corner_radius: float
    material: str
    mounting: str
    holes: Holes | None
    reading_distance: float = 2.0  # metres: where the sign is read from (sizes its letters, see layout)

    def safe_for(self, width: float, height: float) -> float:
        """Safe margin of a custom size: a share of the shorter side, never under the family's minimum."""
        return round(max(self.safe_min, self.safe_ratio * min(width, height)), 1)


@dataclass(frozen=True)
class PrintFormat:
    """One trim size with its bleed, safe margin and holes; `custom` is True for a typed `W x H`."""

    name: str
    family: str
    width: float
    height: float
    bleed: float
    safe: float
    holes: Holes | None
    custom: bool = False
    reading_distance: float = 2.0  # metres, the family's unless the format says otherwise

    @property
    def size_label(self) -> str:
        """« 800 × 400 mm »."""
        return f"{_num(self.width)} × {_num(self.height)} mm"

    @property
    def slug(self) -> str:
        """Safe in a file name: « 800x400 », « a2 »."""
        return self.name.lower().replace(",", ".")


def _num(v: float) -> str:
    return f"{v:g}"


class FormatBook:
    """Every family and named format, with a lookup that explains every refusal in French."""

    def __init__(self, families: Mapping[str, Family], formats: tuple[PrintFormat, ...]) -> None:
        self.families = dict(families)
        self.formats = formats
        self._by_name = {f.name.lower(): f for f in formats}

    def family(self, family_id: str) -> Family:
        try:
            return self.families[family_id]
        except KeyError:
            raise InputError(f"famille de format inconnue : « {family_id} » "
                             f"(connues : {', '.join(self.families)})") from None

    def of_family(self, family_id: str) -> tuple[PrintFormat, ...]:
        return tuple(f for f in self.formats if f.family == family_id)

    def get(self, value: str, family_id: str) -> PrintFormat:
        """The format a user typed for `family_id`: a known name (« A2 », « 800x400 ») or any `W x H` in mm."""
        fam = self.family(family_id)
        text = str(value).strip()
        known = self._by_name.get(_canonical(text))
        if known is not None:
            if known.family != family_id:
                other = self.families[known.family]
                raise InputError(f"format « {text} » : c'est un format de la famille « {other.label} » "
                                 f"(tnl-signage {other.id}) ; formats de la famille « {fam.label} » : "
                                 f"{self._names(family_id)}, ou largeur x hauteur en mm")
            return known
        match = _SIZE.match(text)
        if match is None:
            raise InputError(f"format « {text} » inconnu ({fam.label}) : indiquez l'un des formats "
                             f"{self._names(family_id)}, ou une taille largeur x hauteur en mm, par exemple 900x450")
        width, height = (float(g.replace(",", ".")) for g in match.groups())
        for side, v in (("largeur", width), ("hauteur", height)):
            if not MIN_SIDE_MM <= v <= MAX_SIDE_MM:
                raise InputError(f"format « {text} » : la {side} ({_num(v)} mm) doit être comprise entre "
                                 f"{MIN_SIDE_MM:g} et {MAX_SIDE_MM:g} mm")
        return PrintFormat(
            name=f"{_num(width)}x{_num(height)}", family=family_id, width=width, height=height,
            bleed=fam.bleed, safe=fam.safe_for(width, height), holes=fam.holes, custom=True,
            reading_distance=fam.reading_distance,
        )

    def _names(self, family_id: str) -> str:
        return ", ".join(f.name for f in self.of_family(family_id))


def _canonical(text: str) -> str:
    """« 800 x 400 mm », « 800×400 » and « a2 » find « 800x400 » and « A2 »."""
    return re.sub(r"\s+|mm$", "", text.lower()).replace("×", "x").removesuffix("mm")


def check_bleed(value: float) -> float:
    """A bleed the user typed: 0 to MAX_BLEED_MM."""
    if not 0 <= value <= MAX_BLEED_MM:
        raise InputError(f"fond perdu « {value:g} » mm : il doit être compris entre 0 et {MAX_BLEED_MM:g} mm")
    return float(value)


# ------------------------------------------------------------------------------------------------------------
# Reading the TOML file: every error names the file and the entry.

def _number(table: Mapping[str, Any], key: str, where: str, *, minimum: float = 0.0) -> float:
    value = table.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
        raise InputError(f"{where} : « {key} » doit être un nombre ≥ {minimum:g}")
    return float(value)


def _text(table: Mapping[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"{where} : « {key} » manquant")
    return value


def _holes(raw: object, where: str) -> Holes | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise InputError(f"{where} : « holes » doit être {{ count, diameter_mm, inset_mm }}")
    count = raw.get("count")
    if count not in (2, 4):
        raise InputError(f"{where} : « holes.count » doit valoir 2 ou 4 (« {count} »)")
    diameter = _number(raw, "diameter_mm", where, minimum=0.5)
    inset = _number(raw, "inset_mm", where, minimum=diameter / 2)
    return Holes(int(count), diameter, inset)


def _family(fid: str, raw: Mapping[str, Any], source: str) -> Family:
    where = f"{source}, famille « {fid} »"
    return Family(
        id=fid, label=_text(raw, "label", where), title=_text(raw, "title", where),
        orientation=_text(raw, "orientation", where), bleed=_number(raw, "bleed_mm", where),
        safe_ratio=_number(raw, "safe_ratio", where), safe_min=_number(raw, "safe_min_mm", where),
        corner_radius=_number(raw, "corner_radius_mm", where), material=_text(raw, "material", where),
        mounting=_text(raw, "mounting", where), holes=_holes(raw.get("holes"), where),
        reading_distance=_number(raw, "reading_distance_m", where, minimum=0.1),
    )


def _format(raw: Mapping[str, Any], families: Mapping[str, Family], source: str) -> PrintFormat:
    name = _text(raw, "name", source)
    where = f"{source}, format « {name} »"
    family = _text(raw, "family", where)
    if family not in families:
        raise InputError(f"{where} : famille inconnue « {family} »")
    width = _number(raw, "width_mm", where, minimum=MIN_SIDE_MM)
    height = _number(raw, "height_mm", where, minimum=MIN_SIDE_MM)
    safe = _number(raw, "safe_mm", where)
    if 2 * safe >= min(width, height):
        raise InputError(f"{where} : marge de sécurité « {safe:g} » mm trop grande pour {width:g} x {height:g}")
    distance = (_number(raw, "reading_distance_m", where, minimum=0.1) if "reading_distance_m" in raw
                else families[family].reading_distance)
    return PrintFormat(name=name, family=family, width=width, height=height,
                       bleed=_number(raw, "bleed_mm", where), safe=safe, holes=_holes(raw.get("holes"), where),
                       reading_distance=distance)


def parse_formats(raw: Mapping[str, Any], source: str) -> FormatBook:
    """Validate a decoded formats file."""
    fam_raw = raw.get("families")
    if not isinstance(fam_raw, dict) or not fam_raw:
        raise InputError(f"{source} : section [families] manquante")
    families = {fid: _family(fid, table, source) for fid, table in fam_raw.items()}
    formats = tuple(_format(table, families, source) for table in raw.get("formats", []))
    names = [f.name.lower() for f in formats]
    if len(set(names)) != len(names):
        raise InputError(f"{source} : un nom de format est utilisé deux fois")
    return FormatBook(families, formats)


@functools.lru_cache(maxsize=4)
def _load(path: Path) -> FormatBook:
    return parse_formats(read_toml(path), path.name)


def load_formats(path: Path | None = None) -> FormatBook:
    """The shipped formats (read once per process), or those of `path`."""
    return _load(Path(path) if path is not None else data_file("formats.toml"))

