"""The print PDF, the sign maker's SVG and the PNG proof show the same drawing, each cut as it should be."""

from __future__ import annotations

import io
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import cairosvg
import pytest
from PIL import Image

from tnl_signage.domain.scales import ScaleBook
from tnl_signage.domain.theme import Theme
from tnl_signage.layout.print_layout import print_scene
from tnl_signage.writers import render
from tnl_signage.writers.proof import SAFE_COLOR

from .conftest import differing_fraction, keep_on_failure
from .print_helpers import content, get_format

SVG_NS = "{http://www.w3.org/2000/svg}"
DPI = 50


def _ink_mask(image: Image.Image) -> Image.Image:
    """Black where something is printed on the white background, white elsewhere."""
    return image.convert("L").point(lambda v: 0 if v < 160 else 255).convert("RGB")


@pytest.mark.parametrize(("family", "name", "level", "year"), [
    ("panel", "800x400", "3", 2021), ("plaque", "300x200", "or", 2025), ("poster", "A2", "5", 2020),
    ("poster", "A3", "badge", 2025),
])
def test_pdf_and_svg_draw_the_same_geometry(tmp_path: Path, scales: ScaleBook, light: Theme, family: str,
                                            name: str, level: str, year: int) -> None:
    fmt = get_format(name, family)
    scene = print_scene(family, content(scales, level, year, mentions=("mutualisation",) if year >= 2025 else ()),
                        fmt, light).scene
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(render(scene, "pdf", marks=False))  # the page is then exactly the bleed box
    w_mm, h_mm = fmt.width + 2 * fmt.bleed, fmt.height + 2 * fmt.bleed
    w_px, h_px = round(w_mm / 25.4 * DPI), round(h_mm / 25.4 * DPI)
    # both renderers map the bleed box onto exactly the same pixel grid
    subprocess.run(["pdftoppm", "-scale-to-x", str(w_px), "-scale-to-y", str(h_px), "-png", "-singlefile",
                    str(pdf), str(tmp_path / "p")], check=True)
    from_pdf = Image.open(tmp_path / "p.png").convert("RGB")
    assert from_pdf.size == (w_px, h_px)
    svg_png = cairosvg.svg2png(bytestring=render(scene, "svg"), output_width=w_px, output_height=h_px)
    from_svg = Image.open(io.BytesIO(svg_png)).convert("RGB")
    a, b = _ink_mask(from_pdf), _ink_mask(from_svg)
    inked = a.convert("L").histogram()[0] / (a.width * a.height)
    assert inked > 0.04  # there is a drawing to compare
    diff = differing_fraction(a, b, threshold=128)
    if diff >= 0.02:
        keep_on_failure(f"print-{family}-{name}", pdf=from_pdf, svg=from_svg)
    assert diff < 0.02


def test_svg_is_in_millimetres_with_the_bleed_in_the_viewbox(scales: ScaleBook, light: Theme) -> None:
    fmt = get_format("1000x500", "panel")
    svg = render(print_scene("panel", content(scales, "4", 2022), fmt, light, cut_contour=True).scene, "svg")
    root = ET.fromstring(svg)
    assert (root.get("width"), root.get("height")) == ("1010mm", "510mm")
    assert root.get("viewBox") == "-5 -5 1010 510"
    assert root.find(f".//{SVG_NS}text") is None  # every letter is an outline
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    cut = root.find(f".//{SVG_NS}g[@id='cut-contour']")
    assert cut is not None
    paths = list(cut)
    assert len(paths) == 1 and paths[0].get("stroke") == "#ec008c" and paths[0].get("fill") == "none"
    assert list(root)[-1] is cut  # the cut layer is on top
    for layer in ("background", "frame", "marks", "name", "year", "distinction", "label"):
        assert root.find(f".//{SVG_NS}g[@id='{layer}']") is not None, layer
    plain = render(print_scene("panel", content(scales, "4", 2022), fmt, light).scene, "svg")
    assert b'id="cut-contour"' not in plain


def _proof(scene, **options) -> Image.Image:  # type: ignore[no-untyped-def]
    return Image.open(io.BytesIO(render_proof(scene, **options)))


def render_proof(scene, **options) -> bytes:  # type: ignore[no-untyped-def]
    from tnl_signage.writers.proof import write

    buf = io.BytesIO()
    write(scene, buf, **options)
    return buf.getvalue()


def test_proof_is_rgb_trim_only_without_cut_line(scales: ScaleBook, dark: Theme) -> None:
    fmt = get_format("800x400", "panel")
    c = content(scales, "2", 2018)
    with_cut = print_scene("panel", c, fmt, dark, cut_contour=True).scene
    image = _proof(with_cut, size=1600)
    assert image.mode == "RGB" and image.size == (1600, 800)  # the trim's 2:1, no bleed around it
    assert image.getpixel((0, 0)) == dark.color("background").rgb  # the corner is background, not paper
    assert render_proof(with_cut) == render_proof(print_scene("panel", c, fmt, dark).scene)


def test_show_safe_draws_the_dashed_safe_line(scales: ScaleBook, light: Theme) -> None:
    fmt = get_format("A3", "poster")
    scene = print_scene("poster", content(scales, "1", 2017), fmt, light).scene
    plain, marked = _proof(scene, size=840), _proof(scene, show_safe=True, size=840)
    assert SAFE_COLOR.hex == "#d0021b"

    def reds(image: Image.Image, x: int) -> int:
        """Pixels of column x (and its neighbours) that are clearly red."""
        count = 0
        for y in range(image.height):
            pixels = [image.getpixel((xx, y)) for xx in (x - 1, x, x + 1)]
            r, g, b = max((p for p in pixels if isinstance(p, tuple)), key=lambda p: p[0] - p[1])
            count += r > g + 80 and r > b + 60
        return count

    px_per_mm = 840 / 420
    x_safe = round(fmt.safe * px_per_mm)
    assert reds(plain, x_safe) == 0
    hits = reds(marked, x_safe)
    assert 0.3 * marked.height < hits < 0.8 * marked.height  # dashed: about 60 % of the line is drawn
    assert reds(marked, marked.width // 2) < 20  # only the top and bottom edges cross the middle column


def test_proof_is_white_where_nothing_is_drawn(light: Theme) -> None:
    """White is painted first unless an opaque background covers the whole sign (then it would be wasted)."""
    from tnl_signage.drawing.scene import Group, Rect, Scene

    ink = light.color("ink")
    partial = Scene(100, 50, Group((Rect(40, 20, 20, 10, fill=ink),)), "t", "d", bleed=3)
    image = _proof(partial, size=200)
    assert image.getpixel((2, 2)) == (255, 255, 255)
    assert image.getpixel((100, 50)) == ink.rgb
    covered = Scene(100, 50, Group((Group((Rect(-3, -3, 106, 56, fill=ink),)),)), "t", "d", bleed=3)
    assert _proof(covered, size=200).getcolors() == [(200 * 100, ink.rgb)]


def test_the_safe_line_is_part_of_the_proof_scene(scales: ScaleBook, light: Theme) -> None:
    """The overlay is a scene node, so any backend draws it: the SVG of the proof scene shows the dashed line."""
    from tnl_signage.writers import render
    from tnl_signage.writers.proof import proof_scene

    fmt = get_format("A3", "poster")
    scene = print_scene("poster", content(scales, "1", 2017), fmt, light).scene
    svg = render(proof_scene(scene, show_safe=True), "svg").decode()
    assert 'id="marge-de-securite"' in svg and 'stroke="#d0021b"' in svg and "stroke-dasharray" in svg
    assert "marge-de-securite" not in render(proof_scene(scene), "svg").decode()
