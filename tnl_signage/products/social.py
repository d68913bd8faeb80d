"""A laureate's social-media images (PNG) with their French alt text beside each (`.txt`).

Same scenes for the kit (`communication/`) and the site's link preview, so both show the same picture.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from ..atomic import write_atomic
from ..domain.model import Laureate
from ..domain.theme import Theme, load_theme
from ..layout.badges import LayoutResult
from ..layout.social import SOCIAL_FORMATS, social_scene
from ..writers.png import encode
from ..writers.proof import proof_image
from .badges import badge_content


def social_name(laureate: Laureate, key: str, suffix: str = "png") -> str:
    """« visuel-lien-1200x630-2025-saint-martin-d-heres.png »: says what, which size, for whom."""
    fmt = next(f for f in SOCIAL_FORMATS if f.key == key)
    return f"visuel-{key}-{fmt.width}x{fmt.height}-{laureate.year}-{laureate.slug}.{suffix}"


@lru_cache(maxsize=8)
def social_result(laureate: Laureate, key: str, theme: Theme | str = "light") -> LayoutResult:
    """One social image's scene and notes (kept for the kit's few calls: PNG, alt text, gallery)."""
    chosen = load_theme(theme) if isinstance(theme, str) else theme
    return social_scene(key, badge_content(laureate), chosen)


def social_png(laureate: Laureate, key: str, theme: Theme | str = "light") -> bytes:
    """The image's PNG bytes: opaque RGB at its exact pixel size.

    Through the proof writer's opaque path: the artwork has no transparency, and RGB without alpha
    is a quarter less to convert and compress (about 45 ms for the four images of a kit, most of it
    deflate).
    """
    scene = social_result(laureate, key, theme).scene
    out = io.BytesIO()
    encode(proof_image(scene, size=max(scene.px_size or (1200, 0))), out)
    return out.getvalue()


def write_social_images(laureate: Laureate, folder: Path, theme: Theme | str = "light") -> tuple[list[Path], list[str]]:
    """Every social image and its alt text into `folder`; returns (files, notes)."""
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    notes: list[str] = []
    for fmt in SOCIAL_FORMATS:
        result = social_result(laureate, fmt.key, theme)
        notes.extend(n for n in result.notes if n not in notes)
        files.append(write_atomic(folder / social_name(laureate, fmt.key), social_png(laureate, fmt.key, theme)))
        alt = result.scene.desc + "\n"
        files.append(write_atomic(folder / social_name(laureate, fmt.key, "txt"), alt.encode("utf-8")))
    return files, notes
