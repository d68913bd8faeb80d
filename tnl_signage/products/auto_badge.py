"""The `auto` badge: one SVG that follows the reader's light or dark preference, with no script.

Colours are written as classes (`f-ink`, `s-frame`) on the light scene's geometry; a <style> gives the
light theme's values and, inside `@media (prefers-color-scheme: dark)`, the dark theme's. This only works
because light and dark badges share their geometry exactly (checked in tests/test_snippets.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..domain.model import Laureate
from ..domain.records import AwardRecord
from ..domain.theme import Theme, load_theme
from ..domain.urls import badge_name
from ..drawing.scene import Scene
from ..layout.badges import VARIANTS
from ..layout.withdrawn import withdrawn_badge_scene
from ..writers.paint import inks
from ..writers.svg import to_svg
from .badges import badge
from .result import Drawing, Files


def color_names(scene: Scene) -> tuple[list[str], list[str]]:
    """Names of the colours used as fills and as strokes, sorted (so the CSS is deterministic)."""
    fills = {ink.color.name for ink in inks(scene) if ink.role != "stroke"}
    strokes = {ink.color.name for ink in inks(scene) if ink.role == "stroke"}
    return sorted(fills), sorted(strokes)


def _rules(theme: Theme, fills: Iterable[str], strokes: Iterable[str]) -> str:
    rules = [f".f-{name}{{fill:{theme.color(name).hex}}}" for name in fills]
    rules += [f".s-{name}{{stroke:{theme.color(name).hex}}}" for name in strokes]
    return "".join(rules)


def palette_css(scene: Scene, light: Theme, dark: Theme) -> str:
    """Light colours by name, then the dark ones under `prefers-color-scheme: dark`."""
    fills, strokes = color_names(scene)
    return (f"{_rules(light, fills, strokes)}"
            f"@media (prefers-color-scheme:dark){{{_rules(dark, fills, strokes)}}}")


def auto_badge(laureate: Laureate, *, variant: str = "seal") -> Drawing:
    """The badge that follows the reader's light/dark preference: an SVG only (the light scene, coloured
    by classes that its stylesheet sets for each palette)."""
    scene = badge(laureate, variant=variant, theme="light").scene

    def svg(**_: Any) -> bytes:
        return f'<?xml version="1.0" encoding="UTF-8"?>\n{auto_badge_svg(laureate, variant)}\n'.encode()

    return Drawing(scene, (), {"svg": svg})


@lru_cache(maxsize=8)
def auto_badge_svg(laureate: Laureate, variant: str = "seal") -> str:
    """The auto badge as SVG text without XML declaration (to inline in HTML).

    Made once for a kit's `badge-*-auto.svg` file and the snippet that inlines it.
    """
    scene = badge(laureate, variant=variant, theme="light").scene
    css = palette_css(scene, load_theme("light"), load_theme("dark"))
    return to_svg(scene, color_classes=True, css=css)


def withdrawn_auto_svg(laureate: Laureate, variant: str, day: date) -> str:
    """The `auto` badge of a withdrawn award: « retiré le … » in the badge's frame, light or dark."""
    light, dark = load_theme("light"), load_theme("dark")
    scene = withdrawn_badge_scene(badge(laureate, variant=variant, theme=light).scene, laureate, day, light).scene
    return to_svg(scene, color_classes=True, css=palette_css(scene, light, dark))


def write_auto_badges(award: Laureate | AwardRecord, out_dir: Path, *,
                      variants: Iterable[str] = VARIANTS) -> Files:
    """Write `badge-{variant}-auto.svg` for each variant.

    Given a withdrawn award's record, the hot-linked auto badges say « retiré le … » instead.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    laureate = award.laureate if isinstance(award, AwardRecord) else award
    withdrawn = award.withdrawn_on if isinstance(award, AwardRecord) else None
    if withdrawn is not None:
        return Files(tuple(write_atomic(out_dir / badge_name(variant, "auto"), (
            f'<?xml version="1.0" encoding="UTF-8"?>\n{withdrawn_auto_svg(laureate, variant, withdrawn)}\n'
        ).encode()) for variant in variants))
    files = [auto_badge(laureate, variant=variant).save(out_dir / badge_name(variant, "auto"))
             for variant in variants]
    return Files(tuple(f for f in files if f is not None))
