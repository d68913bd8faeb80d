"""Library entry points for web badges: a laureate (or a bare distinction) to scenes and files."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from .atomic import write_atomic
from .layout.badges import VARIANTS, BadgeContent, LayoutResult, badge_scene
from .model import Laureate
from .scene import Scene
from .theme import Theme, load_theme
from .writers import save
from .writers.png import write as write_png

THEMES = ("light", "dark")


def badge_content(laureate: Laureate) -> BadgeContent:
    """What a laureate's badge says."""
    return BadgeContent(
        distinction=laureate.distinction,
        year=laureate.annee,
        name=laureate.display_name,
        short_name=laureate.nom_court,
        mentions=laureate.mentions,
        type_label=laureate.type.value,
    )


def laureate_badge(laureate: Laureate, variant: str = "seal", theme: Theme | str = "light") -> LayoutResult:
    """One badge scene for a laureate; `notes` say if the name had to be shortened or shrunk."""
    chosen = load_theme(theme) if isinstance(theme, str) else theme
    return badge_scene(variant, badge_content(laureate), chosen)


def badge_filename(variant: str, theme_name: str, suffix: str, scale: int = 1) -> str:
    """Stable file name inside a laureate's folder: `badge-seal-light.svg`, `badge-seal-dark@2x.png`."""
    tail = "" if scale == 1 else f"@{scale}x"
    return f"badge-{variant}-{theme_name}{tail}.{suffix}"


def write_laureate_badges(
    laureate: Laureate,
    out_dir: Path,
    *,
    variants: Iterable[str] = VARIANTS,
    themes: Iterable[str] = THEMES,
    png_scales: Iterable[int] = (1,),
) -> tuple[list[Path], list[str]]:
    """Write every variant in every theme as SVG and PNG; returns (files, notes)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    notes: list[str] = []
    scales = tuple(png_scales)
    for theme_name in themes:
        theme = load_theme(theme_name)
        for variant in variants:
            result = laureate_badge(laureate, variant, theme)
            for note in result.notes:
                if note not in notes:
                    notes.append(note)
            svg_path = out_dir / badge_filename(variant, theme_name, "svg")
            save(result.scene, svg_path)
            files.append(svg_path)
            files.extend(_write_pngs(result.scene, out_dir, variant, theme_name, scales))
    return files, notes


def _write_pngs(scene: Scene, out_dir: Path, variant: str, theme_name: str, scales: tuple[int, ...]) -> list[Path]:
    """PNG at each scale, each drawn at its own size (sharper than reducing the 2x)."""
    natural = max(scene.px_size) if scene.px_size else 1200
    written: list[Path] = []
    for scale in scales:
        buf = io.BytesIO()
        write_png(scene, buf, size=natural * scale)
        written.append(write_atomic(out_dir / badge_filename(variant, theme_name, "png", scale), buf.getvalue()))
    return written
