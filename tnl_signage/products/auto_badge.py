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

from ..atomic import write_atomic
from ..domain.model import Laureate
from ..domain.theme import Theme, load_theme
from ..drawing.scene import Circle, Group, Rect, Scene, Use
from ..drawing.scene import Path as ScenePath
from ..layout.badges import VARIANTS
from ..layout.withdrawn import withdrawn_badge_scene
from ..publishing.urls import badge_name
from ..writers.svg import to_svg
from .badges import laureate_badge


def color_names(scene: Scene) -> tuple[list[str], list[str]]:
    """Names of the colours used as fills and as strokes, sorted (so the CSS is deterministic)."""
    fills: set[str] = set()
    strokes: set[str] = set()
    for node in scene.walk():
        if isinstance(node, Use | Group) and node.fill is not None:
            fills.add(node.fill.name)
        elif isinstance(node, Rect | Circle | ScenePath):
            if node.fill is not None:
                fills.add(node.fill.name)
            if node.stroke is not None:
                strokes.add(node.stroke.name)
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


def auto_badge(laureate: Laureate, variant: str = "seal", light: Theme | str = "light",
               dark: Theme | str = "dark") -> tuple[Scene, str]:
    """The light scene and the CSS that recolours it: write with `to_svg(scene, color_classes=True, css=css)`."""
    light_theme = load_theme(light) if isinstance(light, str) else light
    dark_theme = load_theme(dark) if isinstance(dark, str) else dark
    scene = laureate_badge(laureate, variant, light_theme).scene
    return scene, palette_css(scene, light_theme, dark_theme)


@lru_cache(maxsize=8)
def auto_badge_svg(laureate: Laureate, variant: str = "seal") -> str:
    """The auto badge as SVG text without XML declaration (to inline in HTML).

    Made once for a kit's `badge-*-auto.svg` file and the snippet that inlines it.
    """
    scene, css = auto_badge(laureate, variant)
    return to_svg(scene, color_classes=True, css=css)


def withdrawn_auto_svg(laureate: Laureate, variant: str, day: date) -> str:
    """The `auto` badge of a withdrawn award: « retiré le … » in the badge's frame, light or dark."""
    light, dark = load_theme("light"), load_theme("dark")
    badge = laureate_badge(laureate, variant, light).scene
    scene = withdrawn_badge_scene(badge, laureate, day, light).scene
    return to_svg(scene, color_classes=True, css=palette_css(scene, light, dark))


def write_auto_badges(laureate: Laureate, out_dir: Path, *, variants: Iterable[str] = VARIANTS,
                      withdrawn: date | None = None) -> list[Path]:
    """Write `badge-{variant}-auto.svg` for each variant; returns the files.

    `withdrawn`: the award was taken back that day; the hot-linked auto badges then say so instead.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    files = []
    for variant in variants:
        body = withdrawn_auto_svg(laureate, variant, withdrawn) if withdrawn else auto_badge_svg(laureate, variant)
        svg = f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
        files.append(write_atomic(out_dir / badge_name(variant, "auto"), svg.encode("utf-8")))
    return files
