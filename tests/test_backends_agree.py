"""One scene, three backends of the paint walk, three independent rasterisers: the SVG through librsvg, our
cairo PNG, and the PDF through poppler (pdftoppm) draw the same picture, for badges, a panel and the certificate.

Tolerances are the suite's: 2 % of pixels for SVG against PNG (tests/test_badge_pixels.py), 1 % for the
certificate's PDF against its PNG (tests/test_certificate.py), and for the CMYK print PDF, whose colours poppler
converts its own way, 2 % of the ink mask (tests/test_print_render.py).
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

import tnl_signage as tnl
from tests.conftest import differing_fraction, keep_on_failure, png_image
from tnl_signage.writers import render
from tnl_signage.writers.png import pixel_size

pytestmark = [pytest.mark.tool("rsvg-convert"), pytest.mark.tool("pdftoppm")]

BOE = tnl.laureate(name="Ville de Boé", level="or", year=2025, type="commune", mentions=["mutualisation"])
RENNES = tnl.laureate(name="Ville de Rennes", level=4, year=2017)


def on_white(image: Image.Image) -> Image.Image:
    white = Image.new("RGBA", image.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, image.convert("RGBA")).convert("RGB")


def librsvg(svg: bytes, size: tuple[int, int]) -> Image.Image:
    done = subprocess.run(["rsvg-convert", "-w", str(size[0]), "-h", str(size[1]), "-f", "png"],
                          input=svg, capture_output=True, check=True)
    return on_white(png_image(done.stdout))


def poppler(pdf: bytes, size: tuple[int, int], tmp_path: Path) -> Image.Image:
    (tmp_path / "in.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-singlefile", "-scale-to-x", str(size[0]), "-scale-to-y", str(size[1]),
                    str(tmp_path / "in.pdf"), str(tmp_path / "out")], check=True)
    with Image.open(tmp_path / "out.png") as image:
        return image.convert("RGB")


def ink(image: Image.Image) -> Image.Image:
    """Dark ink against light ground, whatever the colour conversion."""
    return image.convert("L").point(lambda v: 0 if v < 160 else 255).convert("RGB")


def check(name: str, share: float, limit: float, **images: Image.Image) -> None:
    if share >= limit:
        folder = keep_on_failure(f"backends-{name}", **images)
        pytest.fail(f"{name} : {share:.2%} de pixels différents (limite {limit:.0%}, voir {folder})")


@pytest.mark.parametrize(("variant", "theme"), [("seal", "light"), ("banner", "dark"), ("button", "light"),
                                                ("mark", "dark")])
def test_badge_drawn_alike_by_svg_png_and_pdf(variant: str, theme: str, tmp_path: Path) -> None:
    drawn = tnl.badge(BOE, variant=variant, theme=theme)
    size = pixel_size(drawn.scene, 480)
    png = on_white(png_image(drawn.to_bytes("png", size=480)))
    svg = librsvg(drawn.to_bytes("svg"), size)
    pdf = poppler(drawn.to_bytes("pdf"), size, tmp_path)  # the badge's plain sRGB PDF
    check(f"{variant}-{theme}-svg", differing_fraction(png, svg), 0.02, png=png, librsvg=svg)
    check(f"{variant}-{theme}-pdf", differing_fraction(png, pdf), 0.02, png=png, poppler=pdf)


def test_panel_drawn_alike_by_svg_png_and_pdfx(tmp_path: Path) -> None:
    drawn = tnl.panel(BOE, format="800x400")
    scene = drawn.scene
    size = pixel_size(scene, 800)  # the bleed box: what the PDF's page is without crop marks
    png = on_white(png_image(render(scene, "png", size=800)))
    svg = librsvg(render(scene, "svg"), size)
    pdf = poppler(drawn.to_bytes("pdf", marks=False), size, tmp_path)
    check("panel-svg", differing_fraction(png, svg), 0.02, png=png, librsvg=svg)
    # CMYK: poppler's conversion is not the theme's RGB, so the ink is compared, not the colour
    assert ink(png).convert("L").histogram()[0] > 0.04 * size[0] * size[1]  # there is a drawing to compare
    check("panel-pdf", differing_fraction(ink(png), ink(pdf), threshold=128), 0.02, png=png, poppler=pdf)


def test_certificate_drawn_alike_by_svg_png_and_pdfa(tmp_path: Path) -> None:
    drawn = tnl.certificate(RENNES, date=date(2017, 11, 22), place="Paris")
    size = pixel_size(drawn.scene, 700)
    png = on_white(png_image(drawn.to_bytes("png", size=700)))
    svg = librsvg(drawn.to_bytes("svg"), size)
    pdf = poppler(drawn.to_bytes("pdf"), size, tmp_path)
    check("certificate-svg", differing_fraction(png, svg), 0.02, png=png, librsvg=svg)
    check("certificate-pdf", differing_fraction(png, pdf), 0.01, png=png, poppler=pdf)
