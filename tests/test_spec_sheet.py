"""The spec sheet is a scene drawn through the paint walk; the scene features it needed (a placed PDF page,
a per-shape colour space) work in every backend."""

from __future__ import annotations

import io
import re
import subprocess
import zlib
from pathlib import Path

import pikepdf
import pytest
from reportlab.lib.units import mm

import tnl_signage as tnl
from tnl_signage.domain.colors import Color
from tnl_signage.drawing.scene import Embed, Group, Rect, Scene, Use
from tnl_signage.layout.spec_sheet import THUMBNAIL
from tnl_signage.writers import pdfx
from tnl_signage.writers.cairo_draw import draw_scene
from tnl_signage.writers.paint import inks
from tnl_signage.writers.svg import to_svg

GREEN = Color("accent", (11, 110, 79), (90.0, 25.0, 80.0, 25.0))


@pytest.fixture(scope="module")
def printed() -> tuple[bytes, bytes]:
    """A panel's PDF/X and its spec sheet (the sheet's thumbnail is that PDF)."""
    drawn = tnl.panel(tnl.laureate(name="Ville de Boé", level="or", year=2025), cut_contour=True)
    pdf = drawn.to_bytes("pdf")
    return pdf, drawn.spec_sheet([("panneau.pdf", pdf)], print_pdf=pdf)


def test_sheet_is_a_pdfx4_scene_with_selectable_text_and_the_print_page(printed: tuple[bytes, bytes],
                                                                        tmp_path: Path) -> None:
    pdf, sheet = printed
    path = tmp_path / "fiche.pdf"
    path.write_bytes(sheet)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    import hashlib

    assert hashlib.sha256(pdf).hexdigest() in text and "Fiche technique d'impression" in text
    with pikepdf.open(io.BytesIO(sheet)) as fiche, pikepdf.open(io.BytesIO(pdf)) as source:
        assert str(fiche.docinfo.GTS_PDFXVersion) == "PDF/X-4"
        assert str(fiche.Root.OutputIntents[0].OutputConditionIdentifier) == "FOGRA39"
        page = fiche.pages[0]
        thumb = page.Resources.XObject[f"/{THUMBNAIL}"]
        assert thumb.read_raw_bytes() == source.pages[0].Contents.read_raw_bytes()  # copied, not redrawn
        # the scene's lines are set as live text (its spans), not as the outlines SVG and cairo draw
        content = page.Contents.read_bytes().decode("latin-1")
        assert f"/{THUMBNAIL} Do" in content and content.count(" Tj") > 40 and "3 Tr" not in content
        assert list(page.Resources.XObject.keys()) == [f"/{THUMBNAIL}"]
        # each colour twice: CMYK patch (k), then its sRGB twin (rg), RGB declared as sRGB
        assert ".9 .25 .8 .25 k" in content and ".043137 .431373 .309804 rg" in content
        default_rgb = page.Resources.ColorSpace.DefaultRGB
        assert default_rgb[0] == "/ICCBased" and default_rgb[1].N == 3


def test_space_picks_the_pdf_colour_space_per_shape() -> None:
    scene = Scene(20, 10, Group((Rect(0, 0, 10, 10, fill=GREEN), Rect(10, 0, 10, 10, fill=GREEN, space="rgb"))),
                  "t", "d", meta={"year": "2025"})
    page = zlib.decompress(_page_stream(pdfx.draw(scene, marks=False))).decode("latin-1")
    assert re.search(r"\.9 \.25 \.8 \.25 k|0\.9 0\.25 0\.8 0\.25 k", page), page
    assert re.search(r"0?\.043137 0?\.431373 0?\.309804 rg", page), page


def _page_stream(pdf: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return bytes(doc.pages[0].Contents.read_raw_bytes())


def test_embed_is_a_form_in_pdf_and_left_out_by_screen_backends(printed: tuple[bytes, bytes]) -> None:
    pdf, _ = printed
    scene = Scene(100, 60, Group((Rect(0, 0, 100, 60, fill=GREEN), Embed(10, 10, 80, 40, "Page", pdf))),
                  "t", "d", meta={"year": "2025"})
    assert [i.color for i in inks(scene)] == [GREEN]  # a placed page's colours are its own
    out = io.BytesIO()
    from tnl_signage.writers.pdf_draw import place_pages

    drawn = pdfx.draw(scene, marks=False)
    backend_embeds = [n for n in scene.walk() if isinstance(n, Embed)]
    pdfx.finish(drawn, scene, pdfx.page_geometry(scene, False), pdfx.FLAVOURS["pdfx-4"], out,
                extend=lambda doc: place_pages(doc, backend_embeds))
    with pikepdf.open(io.BytesIO(out.getvalue())) as doc, pikepdf.open(io.BytesIO(pdf)) as source:
        form = doc.pages[0].Resources.XObject["/Page"]
        assert form.read_raw_bytes() == source.pages[0].Contents.read_raw_bytes()
        content = doc.pages[0].Contents.read_bytes().decode("latin-1")
        # the unit-square form scaled to the box: 80 x 40 mm at (10, 10) from the top-left, y up in the PDF
        m = re.search(r"q ([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+) cm /Page Do Q", content)
        assert m is not None
        w, h, x, y = (float(v) / mm for v in m.groups())
        assert (round(w, 3), round(h, 3), round(x, 3), round(y, 3)) == (80, 40, 10, 10)
    assert "Page" not in to_svg(scene)
    surface = draw_scene(scene, 100, 60, opaque=True)  # cairo draws the rest, skips the page
    assert surface.get_width() == 100


def test_sheet_scene_text_comes_with_spans() -> None:
    drawn = tnl.panel(tnl.laureate(name="Ville de Boé", level="or", year=2025))
    from tnl_signage.domain.formats import load_formats
    from tnl_signage.layout.spec_sheet import SheetFacts, spec_sheet_scene

    facts = SheetFacts(drawn.scene, drawn.format, load_formats().family("panel"), (("a.pdf", 3, "0" * 64),),
                       (("fond", GREEN),), "PDF/X-4", "FOGRA39", None, None, 0.0, b"%PDF")
    sheet = spec_sheet_scene(facts, version="0")
    groups = [n for n in sheet.walk() if isinstance(n, Group) and n.spans]
    words = " ".join(s.text for g in groups for s in g.spans)
    assert "Fiche technique d'impression" in words and "0" * 64 in words
    assert all(isinstance(c, Use) for g in groups for c in g.children)
    assert sum(isinstance(n, Embed) for n in sheet.walk()) == 1
    # the same scene on screen: cairo draws the outlines (dark ink on most of the text lines) and skips the page
    pixels = bytes(draw_scene(sheet, 210, 297, opaque=True).get_data())
    dark = sum(1 for i in range(0, len(pixels), 4) if pixels[i + 2] < 128)
    assert dark > 500
    swatches = [n for n in sheet.walk() if isinstance(n, Rect) and n.fill == GREEN]
    assert sorted(r.space for r in swatches) == ["cmyk", "rgb"]


@pytest.mark.tool("pdftotext")
def test_sheet_shows_the_characters_only_the_fallback_font_has(tmp_path: Path) -> None:
    """The sheet's text is visible text: a name's U+2011 hyphens (drawn by DejaVu Sans, which Atkinson
    Hyperlegible lacks) are printed and copied, in the embedded fallback font (they were left out)."""
    name = "Ville de Saint\u2011Martin\u2011d\u2019Hères"
    drawn = tnl.plaque(tnl.laureate(name=name, level="or", year=2025))
    pdf = drawn.to_bytes("pdf")
    path = tmp_path / "fiche.pdf"
    path.write_bytes(drawn.spec_sheet([("plaque.pdf", pdf)], print_pdf=pdf))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert name in text
    with pikepdf.open(path) as sheet:
        fonts = [str(f.BaseFont) for f in sheet.pages[0].Resources.Font.values()]
        assert any(f.endswith("+DejaVuSans") for f in fonts), fonts
        assert all("/FontFile2" in f.FontDescriptor for f in sheet.pages[0].Resources.Font.values())


def test_sheet_fonts_each_have_their_own_subset_tag(printed: tuple[bytes, bytes]) -> None:
    """ISO 32000 9.6.4: each subset's tag differs (reportlab starts every font's first subset at AAAAAA+)."""
    _, sheet = printed
    with pikepdf.open(io.BytesIO(sheet)) as fiche:
        names = [str(font.BaseFont) for font in fiche.pages[0].Resources.Font.values()]
    tags = [name[1:7] for name in names]
    assert len(names) >= 2 and all(name[7] == "+" for name in names)
    assert len(set(tags)) == len(tags) and "AAAAAA" not in tags, names
