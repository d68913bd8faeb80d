"""Themes: every colour (RGB + CMYK), font, size and wording, loaded from TOML and checked for contrast."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from ..resources import data_file, resource_dir
from ..tomlfile import read_toml
from .colors import Color, contrast_ratio
from .numbers import decimal_fr
from .text_rules import TextRejected, clean_text

BUILTIN_THEMES = {"light": "light", "clair": "light", "dark": "dark", "sombre": "dark"}
TEXT_MIN_RATIO = 4.5
GRAPHICS_MIN_RATIO = 3.0
REQUIRED_COLORS = (
    "background", "ink", "muted", "accent", "on_accent", "frame",
    "metal_badge", "metal_bronze", "metal_argent", "metal_or", "on_metal",
)
REQUIRED_WORDING = ("label", "label_short", "organiser", "website", "awarded_to")


@dataclass(frozen=True, eq=False)
class Theme:
    """A complete visual identity; layouts read every colour, font and word from here.

    Hashed by identity (themes are loaded once and cached), so layouts can memoise on it.
    """

    name: str
    source: str
    font_regular: Path
    font_bold: Path
    colors: dict[str, Color]
    wording: dict[str, str]
    line_height: float
    name_min_mm: dict[str, float]
    contrast_pairs: tuple[tuple[str, str, float], ...] = field(default=())

    def color(self, key: str) -> Color:
        return self.colors[key]

    def word(self, key: str) -> str:
        return self.wording[key]

    def min_name_size(self, family: str) -> float:
        return self.name_min_mm.get(family, min(self.name_min_mm.values(), default=2.0))


FONT_SUFFIXES = (".ttf", ".otf")
MAX_WORDING = 300
# Every text/background and graphics/background pair the layouts draw (layout/, drawing/marks.py), checked
# whatever the theme's own [contrast] lists: text >= 4.5:1, graphics >= 3:1.
DRAWN_TEXT = (("ink", "background"), ("muted", "background"), ("accent", "background"))
DRAWN_GRAPHICS = (
    ("frame", "background"), ("accent", "background"),
    *((f"metal_{m}", "background") for m in ("badge", "bronze", "argent", "or")),
    *(("on_metal", f"metal_{m}") for m in ("badge", "bronze", "argent", "or")),
)
SECTIONS = ("meta", "fonts", "colors", "contrast", "text", "wording")


def _font_path(source: str, value: object, key: str, base: Path) -> Path:
    """A TTF/OTF file that opens, from the theme's folder or the package's fonts (never elsewhere)."""
    if not isinstance(value, str) or not value:
        raise InputError(f"{source} : [fonts] « {key} » manquant (nom d'un fichier .ttf ou .otf)")
    if not value.lower().endswith(FONT_SUFFIXES):
        raise InputError(f"{source} : [fonts] « {key} » : « {value} » doit être un fichier .ttf ou .otf")
    for folder in (base, resource_dir("fonts")):
        candidate = (folder / value).resolve()
        if candidate.is_relative_to(folder.resolve()) and candidate.is_file():
            _check_font(source, key, candidate)
            return candidate
    raise InputError(f"{source} : [fonts] « {key} » : « {value} » introuvable dans le dossier du thème "
                     "ni parmi les polices livrées")


def _check_font(source: str, key: str, path: Path) -> None:
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(path, lazy=True) as font:
            font["cmap"]  # noqa: B018 - reading the table proves the font opens
    except (TTLibError, OSError, KeyError, AssertionError, ValueError) as exc:
        raise InputError(f"{source} : [fonts] « {key} » : {path.name} n'est pas une police lisible ({exc})") from None


def check_contrast(theme: Theme) -> None:
    """Raise InputError naming the first pair under its WCAG threshold (text 4.5:1, graphics 3:1)."""
    for fg, bg, minimum in theme.contrast_pairs:
        ratio = contrast_ratio(theme.colors[fg], theme.colors[bg])
        if ratio < minimum:
            raise InputError(
                f"{theme.source} : contraste insuffisant entre « {fg} » et « {bg} » : "
                f"{decimal_fr(ratio, 2)}:1, il faut au moins {decimal_fr(minimum)}:1"
            )


def _table(source: str, raw: dict[str, object], key: str, required: bool = False) -> dict[str, object]:
    value = raw.get(key)
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        raise InputError(f"{source} : section [{key}] manquante" if value is None
                         else f"{source} : « {key} » doit être une section [{key}]")
    return value


def _pairs(source: str, raw: object, key: str, minimum: float,
           colors: dict[str, Color]) -> list[tuple[str, str, float]]:
    out: list[tuple[str, str, float]] = []
    if not isinstance(raw, list):
        raise InputError(f"{source} : [contrast] « {key} » doit lister des paires de couleurs")
    for pair in raw:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) and p in colors for p in pair)):
            raise InputError(f"{source} : [contrast] « {key} » : paire de couleurs invalide : « {pair} »")
        out.append((pair[0], pair[1], minimum))
    return out


def _number(source: str, where: str, value: object, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise InputError(f"{source} : {where} : « {value} » doit être un nombre de {low:g} à {high:g}")
    return float(value)


def _wording(source: str, raw: dict[str, object]) -> dict[str, str]:
    wording = {}
    for key, value in raw.items():
        if not isinstance(value, str):
            raise InputError(f"{source} : [wording] « {key} » doit être un texte entre guillemets")
        try:
            wording[str(key)] = clean_text(value, MAX_WORDING, "le texte")
        except TextRejected as exc:
            raise InputError(f"{source} : [wording] « {key} » : {exc}") from None
    missing = [w for w in REQUIRED_WORDING if w not in wording]
    if missing:
        raise InputError(f"{source} : texte(s) manquant(s) dans [wording] : {', '.join(missing)}")
    return wording


def parse_theme(raw: dict[str, object], source: str, base: Path) -> Theme:
    """Validate a decoded TOML theme against its schema; every error names the file and the key."""
    for key, value in raw.items():
        if key in SECTIONS and not isinstance(value, dict):
            raise InputError(f"{source} : « {key} » doit être une section [{key}]")
    colors = {}
    for key, value in _table(source, raw, "colors", required=True).items():
        if not isinstance(value, dict):
            raise InputError(f"{source} : couleur « {key} » doit avoir rgb et cmyk")
        try:
            colors[key] = Color.parse(key, value.get("rgb"), value.get("cmyk"))
        except InputError as exc:
            raise InputError(f"{source} : [colors] {exc}") from None
    missing = [c for c in REQUIRED_COLORS if c not in colors]
    if missing:
        raise InputError(f"{source} : couleur(s) manquante(s) : {', '.join(missing)}")
    fonts = _table(source, raw, "fonts", required=True)
    wording = _wording(source, _table(source, raw, "wording", required=True))
    text = _table(source, raw, "text")
    sizes_raw = text.get("name_min_mm", {})
    if not isinstance(sizes_raw, dict):
        raise InputError(f"{source} : [text] « name_min_mm » doit associer des familles à des tailles en mm")
    sizes = {str(k): _number(source, f"[text] name_min_mm « {k} »", v, 0.1, 500) for k, v in sizes_raw.items()}
    line_height = _number(source, "[text] « line_height »", text.get("line_height", 1.12), 0.8, 2.5)
    contrast = _table(source, raw, "contrast")
    pairs = [(fg, bg, TEXT_MIN_RATIO) for fg, bg in DRAWN_TEXT]
    pairs += [(fg, bg, GRAPHICS_MIN_RATIO) for fg, bg in DRAWN_GRAPHICS]
    pairs += _pairs(source, contrast.get("text", []), "text", TEXT_MIN_RATIO, colors)
    pairs += _pairs(source, contrast.get("graphics", []), "graphics", GRAPHICS_MIN_RATIO, colors)
    meta = _table(source, raw, "meta")
    name = meta.get("name", Path(source).stem)
    if not isinstance(name, str):
        raise InputError(f"{source} : [meta] « name » doit être un texte")
    theme = Theme(
        name=name,
        source=source,
        font_regular=_font_path(source, fonts.get("regular"), "regular", base),
        font_bold=_font_path(source, fonts.get("bold"), "bold", base),
        colors=colors,
        wording=wording,
        line_height=line_height,
        name_min_mm=sizes,
        contrast_pairs=tuple(dict.fromkeys(pairs)),
    )
    check_contrast(theme)
    return theme


@lru_cache(maxsize=16)
def _load_path(path: Path, signature: tuple[int, int] = (0, 0)) -> Theme:
    """Cached per file and per version of it (`signature`: modification time and size)."""
    return parse_theme(read_toml(path), path.name, path.parent)


def theme_path(name_or_path: str | Path = "light") -> Path:
    """The TOML file of a shipped theme (by name) or of a theme given by path; InputError if there is none."""
    key = str(name_or_path)
    if key in BUILTIN_THEMES:
        return data_file("themes", f"{BUILTIN_THEMES[key]}.toml")
    path = Path(key)
    if not path.is_file():
        raise InputError(f"thème introuvable : « {key} » (light, dark ou un fichier .toml)")
    return path.resolve()


def load_theme(name_or_path: str | Path = "light") -> Theme:
    """Load a shipped theme by name (light/clair, dark/sombre) or any TOML file by path (again if it changed)."""
    path = theme_path(name_or_path)
    if str(name_or_path) in BUILTIN_THEMES:
        return _load_path(path)
    try:
        info = path.stat()
    except OSError:
        return _load_path(path)
    return _load_path(path, (info.st_mtime_ns, info.st_size))
