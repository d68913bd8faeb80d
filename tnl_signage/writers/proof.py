"""PNG proof of a print scene, for the collectivité's approval: RGB, the trim area only, at screen size.

What is printed and nothing else: no bleed, no crop marks, no plotter path (groups with role « cut »).
`show_safe=True` adds the safe margin (scene.meta["safe_mm"]) to the scene as a dashed red line, so everyone
sees what must stay inside it.
"""

from __future__ import annotations

import dataclasses
from typing import IO, Any

from PIL import Image

from ..domain.colors import Color
from ..drawing.scene import Group, Rect, Scene
from .cairo_draw import draw_scene
from .paint import without_cut
from .png import encode_pixels, opaque_pixels, pixel_size

DEFAULT_SIZE = 1200


SAFE_COLOR = Color("safe_area", (0xD0, 0x02, 0x1B), (0.0, 100.0, 90.0, 10.0))  # a proof's mark, never printed


def safe_area(scene: Scene) -> Rect | None:
    """The safe margin (scene.meta["safe_mm"]) as a dashed red line: what must stay inside it."""
    safe = float(scene.meta.get("safe_mm", "0") or 0)
    if safe <= 0:
        return None
    width = max(0.4, min(scene.width, scene.height) / 400)
    return Rect(safe, safe, scene.width - 2 * safe, scene.height - 2 * safe, stroke=SAFE_COLOR,
                stroke_width=width, dash=(width * 6, width * 4))


def proof_scene(scene: Scene, *, show_safe: bool = False) -> Scene:
    """The scene cut to its trim box (the bleed falls outside the viewBox) without cut paths, with the safe
    margin drawn over it when `show_safe`."""
    root = without_cut(scene).root
    overlay = safe_area(scene) if show_safe else None
    if overlay is not None:
        root = dataclasses.replace(root, children=(*root.children, Group((overlay,), id="marge-de-securite")))
    return dataclasses.replace(scene, root=root, bleed=0.0)


def proof_image(scene: Scene, *, show_safe: bool = False, size: int | None = None) -> Image.Image:
    """The proof's RGB pixels, longest side `size` px (1200 by default: every word reads on screen).

    RGB without alpha: the sign is opaque.
    """
    trimmed = proof_scene(scene, show_safe=show_safe)
    w, h = pixel_size(trimmed, size or DEFAULT_SIZE)
    surface = draw_scene(trimmed, w, h, opaque=True)
    return Image.frombuffer("RGB", (w, h), surface.get_data(), "raw", "BGRX", surface.get_stride(), 1)


def write(scene: Scene, out: IO[bytes], *, show_safe: bool = False, size: int | None = None, **_: Any) -> None:
    """Write the PNG proof (RGB, every pixel as drawn), from cairo's memory straight into the PNG's rows."""
    trimmed = proof_scene(scene, show_safe=show_safe)
    w, h = pixel_size(trimmed, size or DEFAULT_SIZE)
    surface = draw_scene(trimmed, w, h, opaque=True)  # held while its memory is read
    encode_pixels(opaque_pixels(surface), out)
    surface.finish()
