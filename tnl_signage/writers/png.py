"""PNG writer: the SVG rasterised by cairosvg, at an exact pixel size (longest side = `size`)."""

from __future__ import annotations

from typing import IO, Any

from cairosvg.parser import Tree
from cairosvg.surface import PNGSurface
from PIL import Image

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


def rasterize(scene: Scene, size: int | None = None) -> Image.Image:
    """The scene drawn by cairosvg, as straight-alpha RGBA pixels at the exact pixel size.

    Same geometry as the published SVG, at full outline precision, written inline for speed; the pixels
    are taken from cairo directly (its own PNG encoder would cost as much as the drawing).
    """
    w, h = pixel_size(scene, size)
    svg = to_svg(scene, width=str(w), height=str(h), inline=True, grid=1).encode("utf-8")
    surface = PNGSurface(Tree(bytestring=svg), None, 96, output_width=w, output_height=h).cairo
    surface.flush()
    premultiplied = Image.frombuffer("RGBa", (surface.get_width(), surface.get_height()),
                                     bytes(surface.get_data()), "raw", "BGRa", surface.get_stride(), 1)
    return premultiplied.convert("RGBA")


def encode(image: Image.Image, out: IO[bytes]) -> None:
    """PNG bytes, deterministic (no time or text chunk)."""
    image.save(out, format="PNG", compress_level=6)


def write(scene: Scene, out: IO[bytes], *, size: int | None = None, **_: Any) -> None:
    encode(rasterize(scene, size), out)
