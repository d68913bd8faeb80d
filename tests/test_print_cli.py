"""`panel`, `plaque`, `poster`, `formats` as a user runs them, and the print set the kit builder writes."""

from __future__ import annotations

import hashlib
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import click
import pikepdf
import pytest
from click.testing import CliRunner
from PIL import Image

from tnl_signage.cli.print_cmds import formats, panel, plaque, poster
from tnl_signage.inputs.rows import make_laureate
from tnl_signage.products.print_set import write_print_set

from .print_helpers import PT_PER_MM, pdfinfo_boxes


@pytest.fixture(scope="module")
def cli() -> click.Group:
    group = click.Group("tnl-signage")
    for command in (panel, plaque, poster, formats):
        group.add_command(command)
    return group


def _run(cli: click.Group, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


BASE = ["--level", "3", "--year", "2021", "--name", "Saint-Martin-d'Hères"]


def test_panel_pdf_with_spec_sheet(cli: click.Group, tmp_path: Path) -> None:
    out, sheet = tmp_path / "panneau.pdf", tmp_path / "fiche.pdf"
    result = _run(cli, "panel", *BASE, "--format", "1000x500", "--cut-contour", "-o", str(out),
                  "--spec-sheet", str(sheet))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [str(out), str(sheet)]
    boxes = pdfinfo_boxes(out)
    trim = boxes["TrimBox"]
    assert abs((trim[2] - trim[0]) / PT_PER_MM - 1000) < 0.01 and abs((trim[3] - trim[1]) / PT_PER_MM - 500) < 0.01
    with pikepdf.open(out) as pdf:
        assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4"
        assert "/CutContour" in pdf.pages[0].Resources.ColorSpace
    text = subprocess.run(["pdftotext", "-layout", str(sheet), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert hashlib.sha256(out.read_bytes()).hexdigest() in text
    for words in ("Fiche technique d'impression", "1000 × 500 mm", "5 mm sur chaque bord", "25 mm",
                  "FOGRA39", "CutContour", "film rétroréfléchissant classe 1", "C90 M25 J80 N25", "#0b6e4f"):
        assert words in text, words
    fonts = subprocess.run(["pdffonts", str(sheet)], capture_output=True, text=True, check=True).stdout
    rows = fonts.strip().splitlines()[2:]
    assert rows and all("AtkinsonHyperlegible" in r and " yes yes " in r for r in rows), fonts
    assert "Helvetica" not in fonts
    assert "Pages:           1" in subprocess.run(["pdfinfo", str(sheet)], capture_output=True, text=True).stdout
    a4 = pdfinfo_boxes(sheet)["MediaBox"]
    assert (round(a4[2] / PT_PER_MM), round(a4[3] / PT_PER_MM)) == (210, 297)
    # the thumbnail is the printer's page itself, trimmed: its drawing is copied, not redrawn
    with pikepdf.open(out) as printed, pikepdf.open(sheet) as fiche:
        page = printed.pages[0].obj
        forms = [x for x in fiche.pages[0].Resources.XObject.values() if x.Subtype == "/Form"]
        assert len(forms) == 1
        assert forms[0].read_raw_bytes() == page.Contents.read_raw_bytes()
        assert [float(v) for v in forms[0].BBox] == [float(v) for v in page.TrimBox]


def test_spec_sheet_of_an_svg_still_shows_the_sign(cli: click.Group, tmp_path: Path) -> None:
    out, sheet = tmp_path / "plaque.svg", tmp_path / "fiche.pdf"
    result = _run(cli, "plaque", *BASE, "-o", str(out), "--spec-sheet", str(sheet))
    assert result.exit_code == 0, result.output
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-singlefile", str(sheet), str(tmp_path / "fiche")], check=True)
    from PIL import Image

    counts = Image.open(tmp_path / "fiche.png").convert("RGB").getcolors(1 << 20)
    green = sum(n for n, (r, g, b) in counts if abs(r - 11) + abs(g - 110) + abs(b - 79) < 60)
    # The sign's green marks and frame, far more than the two colour swatches (about 100 pixels).
    assert green > 700


def test_pdfx_1a_and_no_marks(cli: click.Group, tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    result = _run(cli, "poster", "--level", "or", "--year", "2025", "--name", "Arles", "--mention", "mutualisation",
                  "--format", "A1", "--pdfx", "1a", "--no-marks", "-o", str(out))
    assert result.exit_code == 0, result.output
    boxes = pdfinfo_boxes(out)
    assert boxes["MediaBox"] == boxes["BleedBox"]
    assert out.read_bytes().startswith(b"%PDF-1.3")
    with pikepdf.open(out) as pdf:
        assert str(pdf.docinfo.GTS_PDFXConformance) == "PDF/X-1a:2001"


def test_svg_and_png_outputs(cli: click.Group, tmp_path: Path) -> None:
    svg, png = tmp_path / "p.svg", tmp_path / "p.png"
    assert _run(cli, "plaque", *BASE, "--cut-contour", "-o", str(svg)).exit_code == 0
    root = ET.fromstring(svg.read_bytes())
    assert (root.get("width"), root.get("height")) == ("306mm", "206mm")
    assert root.find(".//{http://www.w3.org/2000/svg}g[@id='cut-contour']") is not None
    result = _run(cli, "plaque", *BASE, "--show-safe", "--size", "900", "-o", str(png))
    assert result.exit_code == 0, result.output
    with Image.open(png) as image:
        assert image.mode == "RGB" and image.size == (900, 600)
    warned = _run(cli, "plaque", *BASE, "--show-safe", "-o", str(svg))
    assert "--show-safe ne concerne que l'épreuve PNG" in warned.output


@pytest.mark.parametrize(("args", "message"), [
    (["panel", *BASE, "--format", "0x400"],
     "format « 0x400 » : la largeur (0 mm) doit être comprise entre 50 et 5000 mm"),
    (["panel", *BASE, "--format", "-10x400"], "la largeur (-10 mm) doit être comprise entre 50 et 5000 mm"),
    (["panel", *BASE, "--format", "9000x400"], "la largeur (9000 mm) doit être comprise"),
    (["panel", *BASE, "--format", "30x20"], "la largeur (30 mm) doit être comprise"),
    (["poster", *BASE, "--format", "A7"], "format « A7 » inconnu (affiche) : indiquez l'un des formats A3, A2, A1"),
    (["panel", *BASE, "--format", "800/400"], "format « 800/400 » inconnu"),
    (["panel", *BASE, "--format", "A2"], "c'est un format de la famille « affiche » (tnl-signage poster)"),
    (["panel", *BASE, "--bleed", "40"], "fond perdu « 40 » mm : il doit être compris entre 0 et 25 mm"),
    (["panel", "--level", "7", "--year", "2021", "--name", "X"], "valeur « 7 » : le niveau doit être 1 à 5"),
    (["panel", *BASE, "-o", "panneau.jpg"], "extension « .jpg » non prise en charge"),
    (["panel", *BASE, "-o", "absent/panneau.pdf"], "le dossier « absent » n'existe pas"),
])
def test_bad_input_gets_one_clear_line(cli: click.Group, args: list[str], message: str, tmp_path: Path) -> None:
    if "-o" not in args:
        args = [*args, "-o", str(tmp_path / "x.pdf")]
    result = _run(cli, *args)
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_formats_lists_every_known_format(cli: click.Group) -> None:
    result = _run(cli, "formats")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    for name in ("700x350", "800x400", "1000x500", "1200x600", "300x200", "400x300", "A3", "A2", "A1"):
        assert any(line.split()[1:2] == [name] for line in lines), name
    assert any("4 × Ø 6 mm à 12 mm" in line for line in lines)
    assert "--format LARGEURxHAUTEUR" in result.output


@pytest.mark.parametrize("command", ["panel", "plaque", "poster", "formats"])
def test_every_command_has_french_help(cli: click.Group, command: str) -> None:
    result = _run(cli, command, "--help")
    assert result.exit_code == 0
    assert any(word in result.output for word in ("Panneau", "Plaque", "Affiche", "formats d'impression"))


def test_name_too_long_is_reported(cli: click.Group, tmp_path: Path) -> None:
    result = _run(cli, "panel", "--level", "1", "--year", "2016", "--name", "X" * 150, "-o", str(tmp_path / "x.svg"))
    assert result.exit_code == 0
    assert "attention : nom trop long pour « panel »" in result.output


# --- The print set (kit builder's entry point) ----------------------------------------------------------------

def test_write_print_set(tmp_path: Path) -> None:
    laureate = make_laureate(name="Communauté de communes du Pays de Landerneau-Daoulas", level="argent",
                               year=2025, type="intercommunalité", mentions=["mutualisation"])
    paths = write_print_set(laureate, "400x300", tmp_path, "dark").files
    stem = "plaque-400x300-2025-communaute-de-communes-du-pays-de-landerneau-daoulas"
    assert [p.name for p in paths] == [f"{stem}.pdf", f"{stem}-decoupe.svg", f"{stem}-bat.png",
                                       f"{stem}-fiche-technique.pdf"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)  # no temp file left
    sheet = subprocess.run(["pdftotext", str(paths[3]), "-"], capture_output=True, text=True, check=True).stdout
    for p in paths[:3]:
        assert hashlib.sha256(p.read_bytes()).hexdigest() in sheet.replace("\n", "")
    assert "4 perçages Ø 6 mm" in sheet and "(388 ; 288)" in sheet
    assert "SVG seulement" in sheet  # the PDF has no cut path unless asked
    assert b'id="cut-contour"' in paths[1].read_bytes()
    with pikepdf.open(paths[0]) as pdf:
        assert "/ColorSpace" not in pdf.pages[0].Resources
    again = write_print_set(laureate, "400x300", tmp_path / "again", "dark")
    assert [p.read_bytes() for p in again.files] == [p.read_bytes() for p in paths]  # same input, same bytes
