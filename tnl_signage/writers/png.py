"""PNG writer: the scene drawn by cairo at an exact pixel size (longest side = `size`)."""

from __future__ import annotations

from typing import IO, Any

import imagecodecs
import numpy
from PIL import Image

from ..drawing.scene import Scene
from .cairo_draw import draw_scene

PNG_LEVEL = 1


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
    """The scene as straight-alpha RGBA pixels at the exact pixel size.

    Drawn by cairo from the scene itself, with the SVG's geometry at full outline precision
    (tests hold it to cairosvg and librsvg rendering the published SVG).
    """
    w, h = pixel_size(scene, size)
    surface = draw_scene(scene, w, h)
    # cairo's premultiplied BGRA, read by Pillow straight into RGBA (it divides by alpha as it reads).
    return Image.frombuffer("RGBA", (w, h), surface.get_data(), "raw", "BGRa", surface.get_stride(), 1)


def rasterize_premultiplied(scene: Scene, size: int | None = None) -> Image.Image:
    """The same pixels with premultiplied alpha (mode RGBa): the form to reduce an image in."""
    w, h = pixel_size(scene, size)
    surface = draw_scene(scene, w, h)
    return Image.frombuffer("RGBa", (w, h), surface.get_data(), "raw", "BGRa", surface.get_stride(), 1)


def encode(image: Image.Image, out: IO[bytes]) -> None:
    """PNG bytes (libpng through imagecodecs), deterministic: no time or text chunk.

    No row filter and fast deflate. Badges and proofs are flat colours whose rows repeat: deflate
    finds the repeats in the raw pixels, where predicting filters (the usual choice) scatter them.
    Measured on a kit's twenty PNGs: a tenth lighter than libpng's default, in a fifth of the time.
    """
    encode_pixels(numpy.asarray(image), out)


def encode_pixels(pixels: numpy.ndarray, out: IO[bytes]) -> None:
    """The same from an (h, w, 3 or 4) uint8 array, for callers that compose pixels with numpy."""
    out.write(imagecodecs.png_encode(pixels, level=PNG_LEVEL, filter=imagecodecs.PNG.FILTER.NONE))


def write(scene: Scene, out: IO[bytes], *, size: int | None = None, **_: Any) -> None:
    encode(rasterize(scene, size), out)
