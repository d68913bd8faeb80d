"""Library entry points for web badges: a laureate (or a bare distinction) to scenes and files."""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from PIL import Image

from ..atomic import write_atomic
from ..domain.model import Laureate
from ..domain.theme import Theme, load_theme
from ..drawing.scene import Scene
from ..layout.badges import VARIANTS, BadgeContent, LayoutResult, badge_scene
from ..layout.common import shown_name
from ..writers import render
from ..writers.png import encode, pixel_size, rasterize_premultiplied

THEMES = ("light", "dark")


def badge_content(laureate: Laureate, theme: Theme | None = None) -> BadgeContent:
    """What a laureate's badge (panel, plaque, poster) says, under the one name all its assets show."""
    return BadgeContent(
        distinction=laureate.distinction,
        year=laureate.year,
        name=shown_name(laureate.display_name, laureate.short_name, theme or load_theme("light")),
        short_name=None,
        mentions=laureate.mentions,
        type_label=laureate.type.value,
    )


@lru_cache(maxsize=32)
def laureate_badge(laureate: Laureate, variant: str = "seal", theme: Theme | str = "light") -> LayoutResult:
    """One badge scene for a laureate; `notes` say if the name had to be shortened or shrunk.

    Kept for the last few calls: a kit asks for the same badge for its files, its snippets and its
    Open Badges (scenes are immutable, so sharing them is safe).
    """
    chosen = load_theme(theme) if isinstance(theme, str) else theme
    return badge_scene(variant, badge_content(laureate, chosen), chosen)


@lru_cache(maxsize=32)
def badge_bytes(laureate: Laureate, variant: str, theme: Theme, suffix: str, scale: int = 1) -> bytes:
    """A badge file's bytes (`svg`, or `png` at `scale` times its natural size), made once for a kit's
    badges folder and its Open Badges images."""
    scene = laureate_badge(laureate, variant, theme).scene
    if suffix == "svg":
        return render(scene, "svg")
    natural = _natural_size(scene)
    if scale not in (1, 2):
        return render(scene, "png", size=natural * scale)
    double = _double(laureate, variant, theme)
    image = double if scale == 2 else double.reduce(2)
    if image.size != pixel_size(scene, natural * scale):  # an odd pixel size: draw it directly
        return render(scene, "png", size=natural * scale)
    out = io.BytesIO()
    encode(image.convert("RGBA"), out)
    return out.getvalue()


@lru_cache(maxsize=4)
def _double(laureate: Laureate, variant: str, theme: Theme) -> Image.Image:
    """The badge at twice its size, premultiplied. The 1x PNG is this reduced by 2x2 averaging: the
    exact area of each pixel covered, as cairo computes it, with no seam where two shapes meet."""
    scene = laureate_badge(laureate, variant, theme).scene
    return rasterize_premultiplied(scene, _natural_size(scene) * 2)


def _natural_size(scene: Scene) -> int:
    """The longest side, in pixels, of a badge shown at its natural size."""
    return max(scene.px_size) if scene.px_size else 1200


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
            for suffix, scale in (("svg", 1), *(("png", scale) for scale in scales)):
                path = out_dir / badge_filename(variant, theme_name, suffix, scale)
                files.append(write_atomic(path, badge_bytes(laureate, variant, theme, suffix, scale)))
    return files, notes
