"""Is a theme's road panel at risk of being taken for a road sign? (Code de la route, art. R418-2)

The panel's colour pairs (ground and text, ground and frame) are sorted into colour families and compared
with the pairs reserved for road signs, kept as data (`data/road_signs.toml`). The answer is printed in the
road panel's « notice de pose ». The shape needs no check: the panel is always a rounded rectangle.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..resources import data_file
from ..tomlfile import read_toml
from .colors import Color
from .theme import Theme

PANEL_PAIRS = (("background", "ink"), ("background", "muted"), ("background", "frame"), ("background", "accent"))


@dataclass(frozen=True)
class PairCheck:
    """One colour pair of the panel, its families, and the reserved use it matches (None: free)."""

    ground: Color
    figure: Color
    ground_family: str | None
    figure_family: str | None
    reserved_for: str | None


@lru_cache(maxsize=1)
def road_sign_rules() -> dict[str, Any]:
    return read_toml(data_file("road_signs.toml"))


def _within(value: float, bounds: list[float]) -> bool:
    return bounds[0] <= value <= bounds[1]


def family(colour: Color) -> str | None:
    """The colour family of `colour` (« bleu », « blanc »…), or None if it is in none of them."""
    r, g, b = (c / 255 for c in colour.rgb)
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    hue = h * 360
    for name, rule in road_sign_rules()["colours"].items():
        if "lightness" in rule and not _within(lightness, rule["lightness"]):
            continue
        if "saturation" in rule and not _within(s, rule["saturation"]):
            continue
        if "hue" in rule and not any(_within(hue, span) for span in rule["hue"]):
            continue
        return str(name)
    return None


def check_panel(theme: Theme) -> list[PairCheck]:
    """Every colour pair a road panel shows, with the road signs it would recall (if any)."""
    reserved = {(p["ground"], p["figure"]): p["signs"] for p in road_sign_rules()["pairs"]}
    out = []
    for ground_key, figure_key in PANEL_PAIRS:
        ground, figure = theme.color(ground_key), theme.color(figure_key)
        gf, ff = family(ground), family(figure)
        out.append(PairCheck(ground, figure, gf, ff, reserved.get((gf or "", ff or ""))))
    return out


def reserved_shapes() -> list[str]:
    return [str(s) for s in road_sign_rules()["shapes"]]
