"""A laureate's social-media images (PNG) with their French alt text beside each (`.txt`).

Same scenes for the kit (`communication/`) and the site's link preview, so both show the same picture.
Four images are four million pixels per kit: the part every laureate of a distinction and year shares
is drawn once per process and kept as pixels; each laureate only draws its own band (name, mentions)
and the image is compressed. Opaque RGB throughout (no alpha to convert or compress).
"""

from __future__ import annotations

import io
import math
from functools import lru_cache
from pathlib import Path

import numpy

from ..atomic import write_atomic
from ..domain.model import Laureate
from ..domain.theme import Theme, load_theme
from ..drawing.scene import Group, Rect, Scene
from ..layout.badges import PX_PER_MM, BadgeContent, LayoutResult
from ..layout.social import SOCIAL_FORMATS, SocialLayers, social_layers, social_scene
from ..layout.transform import scale_node
from ..writers.cairo_draw import draw_scene
from ..writers.png import encode_pixels
from .badges import badge_content


def social_name(laureate: Laureate, key: str, suffix: str = "png") -> str:
    """« visuel-lien-1200x630-2025-saint-martin-d-heres.png »: says what, which size, for whom."""
    fmt = next(f for f in SOCIAL_FORMATS if f.key == key)
    return f"visuel-{key}-{fmt.width}x{fmt.height}-{laureate.year}-{laureate.slug}.{suffix}"


def _theme(theme: Theme | str) -> Theme:
    return load_theme(theme) if isinstance(theme, str) else theme


def social_result(laureate: Laureate, key: str, theme: Theme | str = "light") -> LayoutResult:
    """One social image as a single scene (for its alt text and notes, and for checking the layers)."""
    return social_scene(key, badge_content(laureate), _theme(theme))


def _pixels(scene: Scene) -> numpy.ndarray:
    """The scene's opaque RGB pixels at its natural size: cairo's BGRX rows, copied as RGB (the copy
    outlives the surface)."""
    w, h = scene.px_size or (1, 1)
    surface = draw_scene(scene, w, h, opaque=True)
    rows = numpy.frombuffer(surface.get_data(), numpy.uint8).reshape(h, surface.get_stride() // 4, 4)
    return numpy.ascontiguousarray(rows[:, :w, 2::-1])


# Four images x (year, distinction): an edition has 4 to 7 pairs, a multi-year palmarès a dozen. At most
# ~150 MB of pixels per process, for about half of the images' drawing time.
@lru_cache(maxsize=48)
def _shared_pixels(key: str, distinction: object, year: int, theme: Theme) -> numpy.ndarray:
    """The shared layer of a distinction and year, drawn once per process (read-only)."""
    content = BadgeContent(distinction=distinction, year=year)  # type: ignore[arg-type]
    pixels = _pixels(social_layers(key, content, theme).shared)
    pixels.setflags(write=False)
    return pixels


def _own_band(layers: SocialLayers, theme: Theme) -> tuple[int, int, numpy.ndarray]:
    """The laureate's own words drawn on the background, in the whole pixels around `own_box`."""
    box = layers.own_box
    x0, y0 = math.floor(box.x * PX_PER_MM), math.floor(box.y * PX_PER_MM)
    x1, y1 = math.ceil((box.x + box.w) * PX_PER_MM), math.ceil(box.bottom * PX_PER_MM)
    dx, dy = x0 / PX_PER_MM, y0 / PX_PER_MM
    w, h = (x1 - x0) / PX_PER_MM, (y1 - y0) / PX_PER_MM
    band = Scene(width=w, height=h, title="", desc="", px_size=(x1 - x0, y1 - y0),
                 root=Group((Rect(0, 0, w, h, fill=theme.color("background")),
                             *(scale_node(node, -dx, -dy, 1.0) for node in layers.own))))
    return x0, y0, _pixels(band)


def social_png(laureate: Laureate, key: str, theme: Theme | str = "light") -> bytes:
    """The image's PNG bytes: the shared layer's pixels with the laureate's band drawn over them."""
    chosen = _theme(theme)
    layers = social_layers(key, badge_content(laureate), chosen)
    pixels = _shared_pixels(key, laureate.distinction, laureate.year, chosen).copy()
    x0, y0, band = _own_band(layers, chosen)
    pixels[y0:y0 + band.shape[0], x0:x0 + band.shape[1]] = band
    out = io.BytesIO()
    encode_pixels(pixels, out)
    return out.getvalue()


def write_social_images(laureate: Laureate, folder: Path, theme: Theme | str = "light") -> tuple[list[Path], list[str]]:
    """Every social image and its alt text into `folder`; returns (files, notes)."""
    folder.mkdir(parents=True, exist_ok=True)
    chosen = _theme(theme)
    files: list[Path] = []
    notes: list[str] = []
    for fmt in SOCIAL_FORMATS:
        layers = social_layers(fmt.key, badge_content(laureate), chosen)
        notes.extend(n for n in layers.notes if n not in notes)
        files.append(write_atomic(folder / social_name(laureate, fmt.key), social_png(laureate, fmt.key, chosen)))
        alt = layers.shared.desc + "\n"
        files.append(write_atomic(folder / social_name(laureate, fmt.key, "txt"), alt.encode("utf-8")))
    return files, notes
