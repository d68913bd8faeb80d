"""The print PDF as a printer's preflight sees it: boxes, inks, fonts, colour operators, transparency,
output intent, PDF/X keys, XMP, cut contour, crop marks, and the same bytes for the same input."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageChops

from tnl_signage.domain.formats import load_formats
from tnl_signage.domain.scales import ScaleBook
from tnl_signage.domain.theme import Theme
from tnl_signage.drawing.scene import Use
from tnl_signage.layout.print_layout import print_scene
from tnl_signage.resources import data_file
from tnl_signage.writers import render
from tnl_signage.writers.pdfx import MARK_GAP_MM, MARK_LENGTH_MM, MARK_ROOM_MM

from .print_helpers import (
    PT_PER_MM,
    content,
    content_streams,
    get_format,
    group_by_id,
    gs_cmyk,
    inks_used,
    operators,
    pdfinfo_boxes,
    pixel_at,
)

FORMATS = [f.name for f in load_formats().formats]
RGB_OPERATORS = {"rg", "RG"}
GRAY_OPERATORS = {"g", "G"}
TEXT_OPERATORS = {"BT", "ET", "Tf", "Tj", "TJ", "'", '"'}
NS = {
    "x": "adobe:ns:meta/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/", "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/", "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
    "pdfx": "http://ns.adobe.com/pdfx/1.3/", "pdfxid": "http://www.npes.org/pdfx/ns/id/",
}


def _write(folder: Path, name: str, scene, **options) -> Path:  # type: ignore[no-untyped-def]
    path = folder / name
    path.write_bytes(render(scene, "pdf", **options))
    return path


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory, scales: ScaleBook, light: Theme, dark: Theme) -> dict[str, Path]:
    """One PDF/X-4 per shipped format (old scale for panels, 2025 for the rest), plus the variants tested."""
    folder = tmp_path_factory.mktemp("print-pdf")
    out: dict[str, Path] = {}
    for f in load_formats().formats:
        c = content(scales, "3", 2021) if f.family == "panel" else content(scales, "or", 2025, mentions=("sobriete",))
        out[f.name] = _write(folder, f"{f.name}.pdf", print_scene(f.family, c, f, light).scene)
    panel = get_format("800x400", "panel")
    one = content(scales, "1", 2019)
    out["1a"] = _write(folder, "1a.pdf", print_scene("panel", one, panel, light, profile="pdfx-1a").scene)
    out["cut"] = _write(folder, "cut.pdf", print_scene("panel", one, panel, light, cut_contour=True).scene)
    out["cut-1a"] = _write(folder, "cut-1a.pdf", print_scene("panel", one, panel, light, cut_contour=True,
                                                              profile="pdfx-1a").scene)
    out["dark"] = _write(folder, "dark.pdf", print_scene("panel", one, panel, dark).scene)
    out["nomarks"] = _write(folder, "nomarks.pdf", print_scene("panel", one, panel, light).scene, marks=False)
    out["bleed10"] = _write(folder, "bleed10.pdf", print_scene("panel", one, panel, light, bleed=10).scene)
    return out


# --- Boxes ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", FORMATS)
def test_boxes_exact_to_a_hundredth_of_a_millimetre(pdfs: dict[str, Path], name: str) -> None:
    f = load_formats()._by_name[name.lower()]
    boxes = pdfinfo_boxes(pdfs[name])
    margin = f.bleed + MARK_GAP_MM + MARK_LENGTH_MM + MARK_ROOM_MM
    expected = {
        "TrimBox": (margin, margin, margin + f.width, margin + f.height),
        "BleedBox": (margin - f.bleed, margin - f.bleed, margin + f.width + f.bleed, margin + f.height + f.bleed),
        "MediaBox": (0, 0, f.width + 2 * margin, f.height + 2 * margin),
    }
    for box, values in expected.items():
        got_mm = [v / PT_PER_MM for v in boxes[box]]
        assert all(abs(g - e) <= 0.01 for g, e in zip(got_mm, values, strict=True)), (box, got_mm, values)
    trim = [v / PT_PER_MM for v in boxes["TrimBox"]]
    assert abs((trim[2] - trim[0]) - f.width) <= 0.01 and abs((trim[3] - trim[1]) - f.height) <= 0.01


def test_bleed_option_and_no_marks_move_the_boxes(pdfs: dict[str, Path]) -> None:
    b10 = {k: [v / PT_PER_MM for v in vs] for k, vs in pdfinfo_boxes(pdfs["bleed10"]).items()}
    assert abs((b10["TrimBox"][0] - b10["BleedBox"][0]) - 10) <= 0.01
    bare = {k: [v / PT_PER_MM for v in vs] for k, vs in pdfinfo_boxes(pdfs["nomarks"]).items()}
    assert all(abs(a - b) <= 0.01 for a, b in zip(bare["MediaBox"], bare["BleedBox"], strict=True))
    assert abs(bare["TrimBox"][0] - 5) <= 0.01


# --- Fonts, structure ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [*FORMATS, "1a", "cut", "cut-1a"])
def test_no_font_at_all_and_qpdf_clean(pdfs: dict[str, Path], name: str) -> None:
    fonts = subprocess.run(["pdffonts", str(pdfs[name])], capture_output=True, text=True, check=True).stdout
    assert len(fonts.strip().splitlines()) == 2, fonts  # the header only: no font, not even Helvetica
    check = subprocess.run(["qpdf", "--check", str(pdfs[name])], capture_output=True, text=True)
    assert check.returncode == 0 and "No syntax or stream encoding errors" in check.stdout, check.stdout


@pytest.mark.parametrize("name", ["800x400", "A2", "300x200", "1a", "cut-1a", "dark"])
def test_content_streams_are_cmyk_paths_only(pdfs: dict[str, Path], name: str) -> None:
    with pikepdf.open(pdfs[name]) as pdf:
        streams = list(content_streams(pdf))
        assert streams[0][0] == "page"
        for label, obj in streams:
            ops = operators(obj)
            used = {op for _, op in ops}
            assert not used & RGB_OPERATORS, (label, used)
            assert not used & GRAY_OPERATORS, (label, used)
            assert not used & TEXT_OPERATORS, (label, used)
            for operands, op in ops:
                if op in ("cs", "CS"):
                    assert str(operands[0]) in ("/DeviceCMYK", "/CutContour"), (label, operands)
            resources = obj.get("/Resources", pikepdf.Dictionary())
            assert "/Font" not in resources
            for space in resources.get("/ColorSpace", pikepdf.Dictionary()).values():
                assert str(space[0]) == "/Separation" and str(space[2]) == "/DeviceCMYK"
        page_ops = [op for _, op in operators(pdf.pages[0].obj)]
        assert {"k", "K"} <= set(page_ops)  # CMYK fills, and the registration crop marks
        assert page_ops.count("cm") > 30 and page_ops.count("f") > 30  # outlined glyphs, placed by matrix


@pytest.mark.parametrize("name", ["800x400", "1a", "cut", "cut-1a"])
def test_no_transparency_anywhere(pdfs: dict[str, Path], name: str) -> None:
    with pikepdf.open(pdfs[name]) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                continue
            assert "/SMask" not in obj
            for key in ("/CA", "/ca"):
                if key in obj:
                    assert float(obj[key]) == 1.0
            group = obj.get("/Group")
            assert group is None or group.get("/S") != "/Transparency"
            assert obj.get("/BM") in (None, "/Normal")


# --- Inks, seen by Ghostscript -------------------------------------------------------------------------------

def test_inkcov_sees_cmyk_only(pdfs: dict[str, Path]) -> None:
    out = subprocess.run(["gs", "-q", "-dSAFER", "-o", "-", "-sDEVICE=inkcov", str(pdfs["800x400"])],
                         capture_output=True, text=True, check=True).stdout
    values = out.split()
    assert values[-2:] == ["CMYK", "OK"]
    coverage = [float(v) for v in values[:4]]
    assert all(0.05 < v < 0.6 for v in coverage)  # inks on every plate, far from a flooded page


def test_exact_theme_cmyk_reaches_the_press(pdfs: dict[str, Path], light: Theme) -> None:
    """Every device colour Ghostscript renders is a theme colour, registration (marks) or nothing."""
    image = gs_cmyk(pdfs["800x400"], dpi=20)
    found = inks_used(image)
    theme_cmyk = {tuple(round(v) for v in c.cmyk) for c in light.colors.values()}
    allowed = theme_cmyk | {(100, 100, 100, 100)}
    # antialiasing is off on tiff32nc: every pixel must be an exact theme colour
    assert found <= allowed, found - allowed
    assert tuple(round(v) for v in light.color("accent").cmyk) in found


def test_one_mark_level_puts_the_accent_inks_on_the_mark(pdfs: dict[str, Path], scales: ScaleBook,
                                                        light: Theme) -> None:
    panel = get_format("800x400", "panel")
    scene = print_scene("panel", content(scales, "1", 2019), panel, light).scene
    marks = group_by_id(scene, "marks")
    assert marks is not None and len(marks.children) == 1
    mark = marks.children[0]
    assert isinstance(mark, Use)
    dpi = 20
    image = gs_cmyk(pdfs["cut"], dpi=dpi)
    margin = panel.bleed + MARK_GAP_MM + MARK_LENGTH_MM + MARK_ROOM_MM
    ring = 459 * mark.scale  # middle of the ring (418..500 units)
    x_mm, y_mm = margin + mark.x + ring, margin + mark.y
    assert pixel_at(image, x_mm / 25.4 * dpi, y_mm / 25.4 * dpi) == (90, 25, 80, 25)
    centre = pixel_at(image, (margin + mark.x - 0.5 * ring) / 25.4 * dpi, (margin + mark.y) / 25.4 * dpi)
    assert centre == (0, 0, 0, 0)  # the opening of the C is paper


def test_bleed_is_filled_with_the_background(pdfs: dict[str, Path], dark: Theme) -> None:
    image = gs_cmyk(pdfs["dark"], dpi=40)
    bg = tuple(round(v) for v in dark.color("background").cmyk)
    margin = 5 + MARK_GAP_MM + MARK_LENGTH_MM + MARK_ROOM_MM
    to_px = 40 / 25.4
    # a band inside the bleed (between the bleed edge and the trim) on every side
    for x_mm, y_mm in ((margin - 2.5, 200 + margin), (800 + margin + 2.5, 200 + margin),
                       (400 + margin, margin - 2.5), (400 + margin, 400 + margin + 2.5)):
        assert pixel_at(image, x_mm * to_px, y_mm * to_px) == bg
    # and nothing beyond the bleed but the paper (and marks)
    assert pixel_at(image, (margin - 6) * to_px, (200 + margin) * to_px) == (0, 0, 0, 0)


def _registration_mask(image: Image.Image) -> Image.Image:
    """White where all four inks are at 100 %: the crop marks."""
    bands = [band.point(lambda v: 255 if v == 255 else 0) for band in image.split()]
    mask = bands[0]
    for band in bands[1:]:
        mask = ImageChops.multiply(mask, band)
    return mask


def test_crop_marks_outside_the_bleed_in_registration(pdfs: dict[str, Path]) -> None:
    dpi = 40
    to_px = dpi / 25.4
    margin = 5 + MARK_GAP_MM + MARK_LENGTH_MM + MARK_ROOM_MM
    mask = _registration_mask(gs_cmyk(pdfs["800x400"], dpi=dpi))
    whole = mask.getbbox()
    assert whole is not None, "no crop marks"
    # the marks reach towards the paper's edges...
    assert whole[0] <= (margin - 5 - MARK_GAP_MM - MARK_LENGTH_MM + 1) * to_px
    # ...and never enter the bleed box (one pixel of rounding allowed)
    bleed = (round((margin - 5) * to_px) + 1, round((margin - 5) * to_px) + 1,
             round((margin + 805) * to_px) - 1, round((margin + 405) * to_px) - 1)
    assert mask.crop(bleed).getbbox() is None
    # each of the four corners has its pair of marks
    w, h = mask.size
    for box in ((0, 0, w // 4, h // 4), (3 * w // 4, 0, w, h // 4), (0, 3 * h // 4, w // 4, h),
                (3 * w // 4, 3 * h // 4, w, h)):
        assert mask.crop(box).getbbox() is not None, box
    assert _registration_mask(gs_cmyk(pdfs["nomarks"], dpi=dpi)).getbbox() is None


# --- Cut contour ---------------------------------------------------------------------------------------------

def _separations(path: Path) -> list[str]:
    with pikepdf.open(path) as pdf:
        found = []
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Array) and len(obj) == 4 and obj[0] == "/Separation":
                found.append(str(obj[1]))
        return found


@pytest.mark.parametrize("name", ["cut", "cut-1a"])
def test_cut_contour_is_an_overprinted_spot_stroke(pdfs: dict[str, Path], name: str) -> None:
    assert _separations(pdfs[name]) == ["/CutContour"]
    with pikepdf.open(pdfs[name]) as pdf:
        page = pdf.pages[0].obj
        ops = operators(page)
        states = page.Resources.ExtGState
        i = next(i for i, (operands, op) in enumerate(ops) if op == "CS" and str(operands[0]) == "/CutContour")
        before = [states[str(operands[0])] for operands, op in ops[:i] if op == "gs"]
        assert any(s.get("/OP") is True for s in before)  # stroke overprint set before the spot colour
        after = [op for _, op in ops[i:]]
        assert after.index("SCN") < after.index("S") and "f" not in after[: after.index("S")]
        assert ops[i + 1][0] == [1]  # 100 % tint
    # Ghostscript paints it with its alternate, 100 % magenta, on the trim line
    image = gs_cmyk(pdfs[name], dpi=20)
    assert (0, 100, 0, 0) in inks_used(image)


@pytest.mark.parametrize("name", ["800x400", "1a", "dark"])
def test_no_cut_contour_unless_asked(pdfs: dict[str, Path], name: str) -> None:
    assert _separations(pdfs[name]) == []
    image = gs_cmyk(pdfs[name], dpi=20)
    assert (0, 100, 0, 0) not in inks_used(image)


# --- PDF/X identification ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "version", "conformance", "header"), [
    ("800x400", "PDF/X-4", None, "1.6"), ("A1", "PDF/X-4", None, "1.6"),
    ("1a", "PDF/X-1:2001", "PDF/X-1a:2001", "1.3"),
])
def test_pdfx_keys_output_intent_and_xmp(pdfs: dict[str, Path], name: str, version: str,
                                         conformance: str | None, header: str) -> None:
    raw = pdfs[name].read_bytes()
    assert raw.startswith(f"%PDF-{header}".encode())
    with pikepdf.open(pdfs[name]) as pdf:
        info = pdf.docinfo
        assert str(info.GTS_PDFXVersion) == version
        assert (str(info.get("/GTS_PDFXConformance")) if conformance else None) == (
            conformance if conformance else None)
        assert info.Trapped == pikepdf.Name("/False")
        assert str(info.Title).startswith("Label Territoire Numérique Libre")
        assert str(info.CreationDate) == str(info.ModDate) and str(info.CreationDate).startswith("D:20")
        ids = pdf.trailer.ID
        assert len(ids) == 2 and len(bytes(ids[0])) == 16
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1
        oi = intents[0]
        assert oi.S == "/GTS_PDFX" and str(oi.OutputConditionIdentifier) == "FOGRA39"
        assert str(oi.RegistryName) == "http://www.color.org"
        assert str(oi.Info) == "Coated FOGRA39 (ISO 12647-2:2004)"
        icc = oi.DestOutputProfile
        assert int(icc.N) == 4
        profile = icc.read_bytes()
        assert profile == data_file("icc", "FOGRA39-tnl.icc").read_bytes()
        assert profile[12:20] == b"prtrCMYK" and profile[36:40] == b"acsp"
        xmp = ET.fromstring(pdf.Root.Metadata.read_bytes())
    desc = xmp.find(".//rdf:Description", NS)
    assert desc is not None
    assert desc.findtext("dc:title/rdf:Alt/rdf:li", namespaces=NS) == str(info.Title)
    assert desc.findtext("pdf:Trapped", namespaces=NS) == "False"
    assert desc.findtext("pdf:Producer", namespaces=NS) == str(info.Producer)
    assert (desc.findtext("xmpMM:DocumentID", namespaces=NS) or "").startswith("uuid:")
    assert desc.findtext("xmpMM:RenditionClass", namespaces=NS) == "default"
    if conformance:
        assert desc.findtext("pdfx:GTS_PDFXVersion", namespaces=NS) == version
        assert desc.findtext("pdfx:GTS_PDFXConformance", namespaces=NS) == conformance
    else:
        assert desc.findtext("pdfxid:GTS_PDFXVersion", namespaces=NS) == version
    assert b"<?xpacket end=" in raw  # the XMP stream is left uncompressed, readable by any tool


def test_pdfinfo_recognises_the_subtype(pdfs: dict[str, Path]) -> None:
    out = subprocess.run(["pdfinfo", str(pdfs["800x400"])], capture_output=True, text=True, check=True).stdout
    assert "PDF subtype:    PDF/X-4" in out


# --- Determinism ---------------------------------------------------------------------------------------------

_SCRIPT = """
import hashlib, sys
from tnl_signage.layout.badges import BadgeContent
from tnl_signage.layout.print_layout import print_scene
from tnl_signage.domain.scales import load_scales
from tnl_signage.domain.theme import load_theme
from tnl_signage.domain.formats import load_formats
from tnl_signage.writers import render
b = load_scales()
c = BadgeContent(b.find_distinction("or"), 2025, "Saint-Martin-d'Hères", mentions=(b.mentions[0],))
s = print_scene("poster", c, load_formats().get("A2", "poster"), load_theme("light"), cut_contour=True).scene
sys.stdout.write(hashlib.sha256(render(s, "pdf")).hexdigest())
"""


def test_same_input_same_bytes_across_processes(scales: ScaleBook, light: Theme) -> None:
    c = content(scales, "or", 2025, mentions=("premiere-candidature",))
    scene = print_scene("poster", c, get_format("A2", "poster"), light, cut_contour=True).scene
    first = render(scene, "pdf")
    assert render(scene, "pdf") == first
    other = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345"}, cwd=Path(__file__).parent.parent)
    assert other.stdout == hashlib.sha256(first).hexdigest()


def test_different_years_give_different_dates(scales: ScaleBook, light: Theme) -> None:
    panel = get_format("700x350", "panel")
    a = render(print_scene("panel", content(scales, "2", 2018), panel, light).scene, "pdf")
    b = render(print_scene("panel", content(scales, "2", 2019), panel, light).scene, "pdf")
    # the award instant of data/editions.toml: years without a ceremony date, 1 December at noon UTC
    assert b"D:20181201120000Z" in a and b"D:20191201120000Z" in b


def test_no_global_reportlab_setting_is_changed_while_drawing(monkeypatch: pytest.MonkeyPatch, scales: ScaleBook,
                                                              light: Theme) -> None:
    """Streams are binary (no ASCII85) through a per-canvas setting: reportlab's module settings are never
    written, so threads or other libraries drawing at the same time see them as they are."""
    import io
    import types

    from reportlab import rl_config

    import tnl_signage as tnl

    written: list[str] = []

    class Watched(types.ModuleType):
        def __setattr__(self, name: str, value: object) -> None:
            written.append(name)
            super().__setattr__(name, value)

    monkeypatch.setattr(rl_config, "__class__", Watched)
    drawn = tnl.panel(tnl.laureate(name="Ville de Boé", level="or", year=2025), cut_contour=True)
    pdf, sheet = drawn.to_bytes("pdf"), drawn.spec_sheet([("x.pdf", b"x")])
    certificate = tnl.certificate(tnl.laureate(name="Ville de Boé", level="or", year=2025)).to_bytes("pdf")
    assert written == []
    for data in (pdf, sheet, certificate):
        filters: list[str] = []
        with pikepdf.open(io.BytesIO(data)) as doc:
            for o in doc.objects:
                if isinstance(o, pikepdf.Stream) and "/Filter" in o:
                    f = o.Filter
                    filters += [str(x) for x in f] if isinstance(f, pikepdf.Array) else [str(f)]
        assert "/FlateDecode" in filters and "/ASCII85Decode" not in filters
