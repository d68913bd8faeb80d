"""PNG proof of a print scene, for the collectivité's approval: RGB, the trim area only, at screen size.

What is printed and nothing else: no bleed, no crop marks, no plotter path (groups with role « cut »).
`show_safe=True` draws the safe margin (scene.meta["safe_mm"]) as a dashed red line, so everyone sees
what must stay inside it.
"""

from __future__ import annotations

import dataclasses
from typing import IO, Any

import cairocffi as cairo
from PIL import Image

from ..drawing.scene import Group, Node, Scene
from .cairo_draw import draw_scene, scene_context
from .png import encode, pixel_size

SAFE_COLOR = "#d0021b"
DEFAULT_SIZE = 1200


def _printed(node: Node) -> Node | None:
    """The node without its plotter-only groups."""
    if not isinstance(node, Group):
        return node
    if node.role == "cut":
        return None
    children = tuple(c for c in (_printed(child) for child in node.children) if c is not None)
    return dataclasses.replace(node, children=children)


def proof_scene(scene: Scene) -> Scene:
    """The scene cut to its trim box (the bleed falls outside the viewBox) without cut paths."""
    root = _printed(scene.root)
    assert isinstance(root, Group)
    return dataclasses.replace(scene, root=root, bleed=0.0)


def _draw_safe_area(surface: cairo.ImageSurface, scene: Scene) -> None:
    """The safe margin as a dashed red line (what must stay inside it), on top of the drawing."""
    safe = float(scene.meta.get("safe_mm", "0") or 0)
    if safe <= 0:
        return
    ctx = scene_context(surface, proof_scene(scene))
    width = max(0.4, min(scene.width, scene.height) / 400)
    ctx.rectangle(safe, safe, scene.width - 2 * safe, scene.height - 2 * safe)
    ctx.set_source_rgb(*(int(SAFE_COLOR[i:i + 2], 16) / 255.0 for i in (1, 3, 5)))
    ctx.set_line_width(width)
    ctx.set_dash([width * 6, width * 4])
    ctx.stroke()
    surface.flush()


def proof_image(scene: Scene, *, show_safe: bool = False, size: int | None = None) -> Image.Image:
    """The proof's RGB pixels, longest side `size` px (1200 by default: every word reads on screen).

    RGB without alpha: the sign is opaque.
    """
    trimmed = proof_scene(scene)
    w, h = pixel_size(trimmed, size or DEFAULT_SIZE)
    surface = draw_scene(trimmed, w, h, opaque=True)
    if show_safe:
        _draw_safe_area(surface, scene)
    return Image.frombuffer("RGB", (w, h), surface.get_data(), "raw", "BGRX", surface.get_stride(), 1)


def write(scene: Scene, out: IO[bytes], *, show_safe: bool = False, size: int | None = None, **_: Any) -> None:
    """Write the PNG proof (RGB, every pixel as drawn)."""
    encode(proof_image(scene, show_safe=show_safe, size=size), out)
