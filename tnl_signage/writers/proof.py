"""PNG proof of a print scene, for the collectivité's approval: RGB, the trim area only, at screen size.

What is printed and nothing else: no bleed, no crop marks, no plotter path (groups with role « cut »).
`show_safe=True` draws the safe margin (scene.meta["safe_mm"]) as a dashed red line, so everyone sees
what must stay inside it.
"""

from __future__ import annotations

import dataclasses
from typing import IO, Any

from cairosvg.parser import Tree
from cairosvg.surface import PNGSurface
from PIL import Image

from ..scene import Group, Node, Scene
from .png import pixel_size
from .svg import to_svg

SAFE_COLOR = "#d0021b"
DEFAULT_SIZE = 1600


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


def _safe_overlay(scene: Scene) -> str:
    safe = float(scene.meta.get("safe_mm", "0") or 0)
    if safe <= 0:
        return ""
    unit = min(scene.width, scene.height)
    width = max(0.4, unit / 400)
    dash = f"{width * 6:.2f} {width * 4:.2f}"
    return (f'<rect id="safe-area" x="{safe:g}" y="{safe:g}" width="{scene.width - 2 * safe:g}" '
            f'height="{scene.height - 2 * safe:g}" fill="none" stroke="{SAFE_COLOR}" '
            f'stroke-width="{width:.2f}" stroke-dasharray="{dash}"/>')


def proof_svg(scene: Scene, *, show_safe: bool = False, size: int | None = None) -> tuple[str, tuple[int, int]]:
    """The proof as SVG text and its pixel size."""
    trimmed = proof_scene(scene)
    w, h = pixel_size(trimmed, size or DEFAULT_SIZE)
    svg = to_svg(trimmed, width=str(w), height=str(h), inline=True, grid=1)  # same pixels, faster to parse
    if show_safe:
        head, _, tail = svg.rpartition("</svg>")
        svg = head + _safe_overlay(scene) + "</svg>" + tail
    return svg, (w, h)


def write(scene: Scene, out: IO[bytes], *, show_safe: bool = False, size: int | None = None, **_: Any) -> None:
    """Write the PNG proof (longest side `size` px, 1600 by default), RGB without alpha: the sign is opaque."""
    svg, (w, h) = proof_svg(scene, show_safe=show_safe, size=size)
    # Draw with cairosvg, then take cairo's pixels directly (no PNG encoded and decoded in between).
    surface = PNGSurface(Tree(bytestring=svg.encode("utf-8")), None, 96, output_width=w, output_height=h)
    pixels = surface.cairo
    pixels.flush()
    image = Image.frombuffer("RGBA", (pixels.get_width(), pixels.get_height()), bytes(pixels.get_data()),
                             "raw", "BGRA", pixels.get_stride(), 1)
    image.convert("RGB").save(out, format="PNG")
