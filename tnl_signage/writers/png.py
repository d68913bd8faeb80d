"""PNG writer: the SVG rasterised by cairosvg, at an exact pixel size (longest side = `size`)."""

from __future__ import annotations

from typing import IO, Any

import cairosvg

from ..scene import Scene
from .svg import to_svg


def pixel_size(scene: Scene, size: int | None) -> tuple[int, int]:
    """Exact output size: the scene's natural pixels, or `size` on the longest side (ratio kept, rounded)."""
    total_w, total_h = scene.width + 2 * scene.bleed, scene.height + 2 * scene.bleed
    if size is None:
        if scene.px_size is not None:
            return scene.px_size
        size = 1200
    if size < 1 or size > 20000:
        from ..errors import InputError

        raise InputError(f"taille PNG « {size} » : il faut entre 1 et 20000 pixels")
    if total_w >= total_h:
        return size, max(1, round(size * total_h / total_w))
    return max(1, round(size * total_w / total_h)), size


def write(scene: Scene, out: IO[bytes], *, size: int | None = None, **_: Any) -> None:
    w, h = pixel_size(scene, size)
    # Same geometry as the published SVG, at full outline precision, written inline for speed.
    svg = to_svg(scene, width=str(w), height=str(h), inline=True, grid=1).encode("utf-8")
    cairosvg.svg2png(bytestring=svg, write_to=out, output_width=w, output_height=h)
