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


def _font_path(source: str, value: object, key: str, base: Path) -> Path:
    if not isinstance(value, str) or not value:
        raise InputError(f"{source} : police « {key} » manquante")
    candidates = [base / value, resource_dir("fonts") / value]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise InputError(f"{source} : police « {key} » introuvable : « {value} »")


def check_contrast(theme: Theme) -> None:
    """Raise InputError naming the first pair under its WCAG threshold (text 4.5:1, graphics 3:1)."""
    for fg, bg, minimum in theme.contrast_pairs:
        ratio = contrast_ratio(theme.colors[fg], theme.colors[bg])
        if ratio < minimum:
            raise InputError(
                f"{theme.source} : contraste insuffisant entre « {fg} » et « {bg} » : "
                f"{decimal_fr(ratio, 2)}:1, il faut au moins {decimal_fr(minimum)}:1"
            )


def _pairs(source: str, raw: object, minimum: float, colors: dict[str, Color]) -> list[tuple[str, str, float]]:
    out: list[tuple[str, str, float]] = []
    if not isinstance(raw, list):
        raise InputError(f"{source} : [contrast] doit lister des paires de couleurs")
    for pair in raw:
        if not (isinstance(pair, list) and len(pair) == 2 and all(p in colors for p in pair)):
            raise InputError(f"{source} : paire de contraste invalide : « {pair} »")
        out.append((pair[0], pair[1], minimum))
    return out


def parse_theme(raw: dict[str, object], source: str, base: Path) -> Theme:
    """Validate a decoded TOML theme; every error names the file and the entry."""
    colors_raw = raw.get("colors")
    if not isinstance(colors_raw, dict):
        raise InputError(f"{source} : section [colors] manquante")
    colors = {}
    for key, value in colors_raw.items():
        if not isinstance(value, dict):
            raise InputError(f"{source} : couleur « {key} » doit avoir rgb et cmyk")
        colors[key] = Color.parse(key, value.get("rgb"), value.get("cmyk"))
    missing = [c for c in REQUIRED_COLORS if c not in colors]
    if missing:
        raise InputError(f"{source} : couleur(s) manquante(s) : {', '.join(missing)}")
    fonts = raw.get("fonts") if isinstance(raw.get("fonts"), dict) else {}
    assert isinstance(fonts, dict)
    wording_raw = raw.get("wording") if isinstance(raw.get("wording"), dict) else {}
    assert isinstance(wording_raw, dict)
    wording = {str(k): str(v) for k, v in wording_raw.items()}
    missing = [w for w in REQUIRED_WORDING if w not in wording]
    if missing:
        raise InputError(f"{source} : texte(s) manquant(s) dans [wording] : {', '.join(missing)}")
    text = raw.get("text") if isinstance(raw.get("text"), dict) else {}
    assert isinstance(text, dict)
    sizes_raw = text.get("name_min_mm", {})
    if not isinstance(sizes_raw, dict) or not all(
        isinstance(v, int | float) and v > 0 for v in sizes_raw.values()
    ):
        raise InputError(f"{source} : [text] name_min_mm doit associer des familles à des tailles > 0")
    contrast = raw.get("contrast") if isinstance(raw.get("contrast"), dict) else {}
    assert isinstance(contrast, dict)
    pairs = _pairs(source, contrast.get("text", []), TEXT_MIN_RATIO, colors)
    pairs += _pairs(source, contrast.get("graphics", []), GRAPHICS_MIN_RATIO, colors)
    meta = raw.get("meta") if isinstance(raw.get("meta"), dict) else {}
    assert isinstance(meta, dict)
    theme = Theme(
        name=str(meta.get("name", Path(source).stem)),
        source=source,
        font_regular=_font_path(source, fonts.get("regular"), "regular", base),
        font_bold=_font_path(source, fonts.get("bold"), "bold", base),
        colors=colors,
        wording=wording,
        line_height=float(text.get("line_height", 1.12)),
        name_min_mm={str(k): float(v) for k, v in sizes_raw.items()},
        contrast_pairs=tuple(pairs),
    )
    check_contrast(theme)
    return theme


@lru_cache(maxsize=16)
def _load_path(path: Path) -> Theme:
    return parse_theme(read_toml(path), path.name, path.parent)


def load_theme(name_or_path: str | Path = "light") -> Theme:
    """Load a shipped theme by name (light/clair, dark/sombre) or any TOML file by path."""
    key = str(name_or_path)
    if key in BUILTIN_THEMES:
        return _load_path(data_file("themes", f"{BUILTIN_THEMES[key]}.toml"))
    path = Path(key)
    if not path.is_file():
        raise InputError(f"thème introuvable : « {key} » (light, dark ou un fichier .toml)")
    return _load_path(path.resolve())
