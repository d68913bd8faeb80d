"""Certificates (attestations de labellisation): PDF/A-2b structure, fonts, searchable text, QR, wording, bytes.

No PDF/A validator runs offline here (veraPDF is not packaged): each requirement is checked with
pikepdf, pdffonts, pdftotext, qpdf and zbarimg instead.
"""

from __future__ import annotations

import html
import io
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click
import pikepdf
import pytest
from click.testing import CliRunner

from tests.conftest import has_tool, missing
from tnl_signage.cli.certificate import certificate
from tnl_signage.domain.model import Laureate
from tnl_signage.domain.theme import load_theme
from tnl_signage.drawing.scene import Group, Scene
from tnl_signage.errors import InputError
from tnl_signage.inputs.rows import make_laureate
from tnl_signage.layout.certificate import certificate_scene, french_date, parse_date, verification_url
from tnl_signage.writers import render, save
from tnl_signage.writers.pdf_finish import PRODUCER
from tnl_signage.writers.pdfa import icc_profile_path

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2025, 12, 1)
BASE = "https://territoire-numerique-libre.org/verification"
MM = 72 / 25.4

needs_poppler = pytest.mark.tool("pdftotext")
needs_zbar = pytest.mark.tool("zbarimg")


@dataclass(frozen=True)
class Made:
    laureate: Laureate
    scene: Scene
    pdf: bytes
    path: Path


CASES = {
    "echirolles": (dict(name="Ville d'Échirolles", level="or", year=2025, department="38",
                        mentions=["mutualisation", "sobriete"]), {}),
    "lhay": (dict(name="L'Haÿ-les-Roses", level="3", year=2019, department="94"), {"orientation": "landscape"}),
    "long": (dict(name="Communauté d'agglomération du Grand Besançon Métropole et des communes associées du Doubs",
                  level="5", year=2021, type="intercommunalité", department="25"), {}),
    "ecrins": (dict(name="Parc national des Écrins", level="badge", year=2025, type="autre",
                    mentions=["premiere-candidature", "mutualisation"]), {"orientation": "landscape"}),
}


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Made]:
    folder = tmp_path_factory.mktemp("certificates")
    theme = load_theme("light")
    out = {}
    for key, (fields, layout) in CASES.items():
        laureate = make_laureate(today=TODAY, **fields)
        scene = certificate_scene(laureate, theme, **layout).scene
        path = folder / f"{key}.pdf"
        save(scene, path)
        out[key] = Made(laureate, scene, path.read_bytes(), path)
    return out


def open_pdf(made: Made) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(made.pdf))


def text_of(path: Path, *extra: str) -> str:
    return subprocess.run(["pdftotext", *extra, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


# --- PDF/A-2b structure ------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", list(CASES))
def test_xmp_claims_pdfa_2a_and_pdfua_and_matches_info(made: dict[str, Made], key: str) -> None:
    m = made[key]
    with open_pdf(m) as pdf:
        assert "/Filter" not in pdf.Root.Metadata, "le flux XMP doit rester non compressé (PDF/A)"
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2"
        assert meta["pdfaid:conformance"] == "A"  # tagged: PDF/A-2a
        assert meta["pdfuaid:part"] == "1"
        info = pdf.trailer.Info
        assert meta["dc:title"] == str(info.Title) == m.scene.title
        assert m.laureate.name in str(info.Title)
        assert meta["dc:creator"] == [str(info.Author)] == ["ADULLACT"]
        assert meta["pdf:Producer"] == str(info.Producer) == PRODUCER
        assert meta["xmp:CreatorTool"] == str(info.Creator)
        assert meta["pdf:Keywords"] == str(info.Keywords)
        assert meta["dc:description"] == str(info.Subject)
        year = m.laureate.year
        expected = "20251119" if year == 2025 else f"{year}1201"  # editions.toml: unknown day = 1 December
        for xmp_key, info_key in (("xmp:CreateDate", "/CreationDate"), ("xmp:ModifyDate", "/ModDate")):
            assert str(info[info_key]) == f"D:{expected}120000Z"
            assert meta[xmp_key] == f"{expected[:4]}-{expected[4:6]}-{expected[6:]}T12:00:00Z"
        assert str(pdf.Root.Lang) == "fr-FR"


def test_output_intent_is_srgb_with_the_shipped_icc_profile(made: dict[str, Made]) -> None:
    with open_pdf(made["echirolles"]) as pdf:
        intents = pdf.Root.OutputIntents
        assert len(intents) == 1
        intent = intents[0]
        assert intent.S == pikepdf.Name.GTS_PDFA1
        assert str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"
        profile = intent.DestOutputProfile
        assert profile.N == 3
        data = profile.read_bytes()
        assert data == icc_profile_path().read_bytes()
        assert data[12:20] == b"mntrRGB ", "profil d'écran RGB attendu"


def test_no_encryption_no_transparency_no_actions(made: dict[str, Made]) -> None:
    for m in made.values():
        with open_pdf(m) as pdf:
            assert not pdf.is_encrypted
            assert "/Encrypt" not in pdf.trailer
            assert "/ID" in pdf.trailer
            for key in ("/AA", "/OpenAction", "/JavaScript", "/AcroForm"):
                assert key not in pdf.Root
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                    d = obj.stream_dict if isinstance(obj, pikepdf.Stream) else obj
                    assert "/SMask" not in d and "/Group" not in d
                    for alpha in ("/CA", "/ca"):
                        assert alpha not in d or float(d[alpha]) == 1.0
                    assert d.get("/Subtype") != pikepdf.Name.Image, "aucune image matricielle attendue"


def test_a4_page_sizes(made: dict[str, Made]) -> None:
    for key, (w, h) in {"echirolles": (210, 297), "lhay": (297, 210)}.items():
        with open_pdf(made[key]) as pdf:
            box = [float(v) for v in pdf.pages[0].MediaBox]
            assert box[0] == box[1] == 0
            assert box[2] == pytest.approx(w * MM, abs=0.01) and box[3] == pytest.approx(h * MM, abs=0.01)


@pytest.mark.tool("qpdf")
def test_qpdf_and_ghostscript_read_it_cleanly(made: dict[str, Made]) -> None:
    for m in made.values():
        out = subprocess.run(["qpdf", "--check", str(m.path)], capture_output=True, text=True, check=False)
        assert out.returncode == 0, out.stdout + out.stderr
        assert "No syntax or stream encoding errors" in out.stdout
        assert "WARNING" not in out.stdout + out.stderr
        if has_tool("gs"):
            gs = subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=nullpage", str(m.path)],
                                capture_output=True, text=True, check=False)
            assert gs.returncode == 0 and not (gs.stdout + gs.stderr).strip(), gs.stdout + gs.stderr


@needs_poppler
def test_every_font_is_embedded_and_there_is_no_helvetica(made: dict[str, Made]) -> None:
    for m in made.values():
        out = subprocess.run(["pdffonts", str(m.path)], capture_output=True, text=True, check=True).stdout
        rows = out.splitlines()[2:]
        assert len(rows) == 2, out  # Atkinson Hyperlegible regular + bold
        for row in rows:
            assert "Helvetica" not in row
            emb, sub = row.split()[-5:-3]
            assert (emb, sub) == ("yes", "yes"), row
        assert all("AtkinsonHyperlegible" in row for row in rows)


@needs_poppler
def test_a_scene_without_text_declares_no_font(tmp_path: Path) -> None:
    """reportlab's default Helvetica must not sneak in even when nothing is written."""
    from tnl_signage.domain.colors import Color
    from tnl_signage.drawing.scene import Rect

    grey = Color("grey", (128, 128, 128), (0, 0, 0, 50))
    scene = Scene(50, 50, Group((Rect(5, 5, 40, 40, fill=grey),)), "Carré", "Un carré gris",
                  meta={"pdf_profile": "pdfa-2b", "date": "2025-11-19"})
    save(scene, tmp_path / "square.pdf")
    rows = subprocess.run(["pdffonts", str(tmp_path / "square.pdf")], capture_output=True, text=True,
                          check=True).stdout.splitlines()[2:]
    assert rows == []
    with pikepdf.open(tmp_path / "square.pdf") as pdf:
        assert len(pdf.pages[0].Resources.get("/Font", {})) == 0
        assert pdf.open_metadata()["pdfaid:part"] == "2"


OTF = Path("/usr/share/fonts/opentype/urw-base35/URWBookman-Light.otf")


def test_a_font_that_cannot_be_embedded_is_a_clear_error() -> None:
    if not OTF.is_file():  # fonts-urw-base35 comes with ghostscript (libgs10-common depends on it)
        missing(f"{OTF} absente (fonts-urw-base35, installé avec ghostscript)")
    from tnl_signage.drawing.scene import TextSpan

    span = TextSpan("Boé", str(OTF), 5.0, 10.0, 20.0, 12.0)
    scene = Scene(50, 50, Group((), spans=(span,)), "t", "d", meta={"pdf_profile": "pdfa-2b", "date": "2025-11-19"})
    with pytest.raises(InputError, match="inutilisable dans un PDF/A"):
        render(scene, "pdf")


def test_text_is_invisible_over_the_outlines(made: dict[str, Made]) -> None:
    """Every text-showing operator is in render mode 3: the visible letters are the outlines."""
    with open_pdf(made["echirolles"]) as pdf:
        mode = 0
        shown = 0
        for operands, op in pikepdf.parse_content_stream(pdf.pages[0]):
            if str(op) == "Tr":
                mode = int(operands[0])
            elif str(op) in ("Tj", "TJ", "'", '"'):
                assert mode == 3
                shown += 1
        assert shown >= 10


@needs_poppler
@pytest.mark.parametrize("key", ["echirolles", "lhay"])
def test_pdf_draws_what_the_png_preview_draws(made: dict[str, Made], key: str, tmp_path: Path) -> None:
    """Forms, inline outlines and the QR symbol in the PDF land where the scene puts them."""
    from PIL import Image

    from tests.conftest import differing_fraction, keep_on_failure, png_image

    m = made[key]
    preview = png_image(render(m.scene, "png", size=700))
    w, h = preview.size
    subprocess.run(["pdftoppm", "-png", "-singlefile", "-scale-to-x", str(w), "-scale-to-y", str(h), str(m.path),
                    str(tmp_path / "pdf")], check=True)
    with Image.open(tmp_path / "pdf.png") as pdf_png:
        drawn = pdf_png.convert("RGBA")
    share = differing_fraction(preview, drawn)
    if share > 0.01:
        keep_on_failure(f"certificate-{key}", preview=preview, pdf=drawn)
    assert share <= 0.01


# --- searchable text ---------------------------------------------------------------------------------------


@needs_poppler
@pytest.mark.parametrize(("key", "needle"), [("echirolles", "Ville d'Échirolles"), ("lhay", "L'Haÿ-les-Roses"),
                                             ("ecrins", "Parc national des Écrins")])
def test_pdftotext_finds_the_exact_name_and_number(made: dict[str, Made], key: str, needle: str) -> None:
    text = text_of(made[key].path)
    assert needle in text.splitlines()
    assert f"Attestation n° {made[key].laureate.certificate_number}" in text
    assert re.fullmatch(r"TNL-\d{4}-[A-Z2-7]{8}", made[key].laureate.certificate_number)


@needs_poppler
def test_long_name_is_whole_across_its_lines(made: dict[str, Made]) -> None:
    text = " ".join(text_of(made["long"].path).split())
    assert made["long"].laureate.name in text


@needs_poppler
def test_selection_box_of_the_name_lies_on_its_outlines(made: dict[str, Made]) -> None:
    m = made["lhay"]
    span = next(s for n in m.scene.walk() if isinstance(n, Group) for s in n.spans if s.text == m.laureate.name)
    html = text_of(m.path, "-bbox")
    found = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">L&apos;Haÿ', html)
    assert found, html
    x0, y0, x1, y1 = (float(v) / MM for v in found.groups())
    assert x0 == pytest.approx(span.x, abs=1.0)
    assert x1 == pytest.approx(span.x + span.width, abs=1.5)
    assert y0 < span.baseline < y1 + 1.0


# Names with characters the main font (Atkinson Hyperlegible) lacks, drawn by the fallback font (DejaVu Sans):
# U+2011 non-breaking hyphens (a palmarès may spell « Saint‑Martin‑d’Hères » so), U+02BB ʻokina (« Faʻaʻā »,
# a commune of French Polynesia).
FALLBACK_NAMES = {"smh": ("Ville de Saint\u2011Martin\u2011d\u2019Hères", "Saint\u2011Martin\u2011d\u2019Hères"),
                  "faaa": ("Commune de Fa\u02bba\u02bbā", "Fa\u02bba\u02bbā")}


@pytest.fixture(scope="module")
def fallback_made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Made]:
    folder = tmp_path_factory.mktemp("fallback")
    out = {}
    for key, (name, _word) in FALLBACK_NAMES.items():
        laureate = make_laureate(name=name, level="or", year=2025, today=TODAY)
        scene = certificate_scene(laureate, load_theme("light")).scene
        save(scene, folder / f"{key}.pdf")
        out[key] = Made(laureate, scene, (folder / f"{key}.pdf").read_bytes(), folder / f"{key}.pdf")
    return out


@needs_poppler
@pytest.mark.parametrize("key", list(FALLBACK_NAMES))
def test_characters_of_the_fallback_font_are_in_the_text_layer(fallback_made: dict[str, Made], key: str) -> None:
    """pdftotext gives the name with its U+2011 (the character the palmarès wrote, and the glyph drawn: the honest
    ToUnicode mapping) and its ʻokina, each set in the embedded font that has it, over its outlines, invisible."""
    from fontTools.ttLib import TTFont

    m = fallback_made[key]
    name, word = FALLBACK_NAMES[key]
    span = next(s for n in m.scene.walk() if isinstance(n, Group) for s in n.spans if word in s.text)
    main = TTFont(span.font_path, lazy=True).getBestCmap()
    assert any(ord(ch) not in main for ch in word), "the main font has every character: nothing is tested"
    assert name in " ".join(text_of(m.path).split())
    rows = subprocess.run(["pdffonts", str(m.path)], capture_output=True, text=True, check=True).stdout
    dejavu = [row.split()[-5:-2] for row in rows.splitlines()[2:] if "+DejaVuSans-Bold " in row]
    assert dejavu == [["yes", "yes", "yes"]], rows  # embedded, subset, with ToUnicode
    boxes = [(float(x0) / MM, y0, float(x1) / MM, text) for x0, y0, x1, text in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
        text_of(m.path, "-bbox"))]
    line = next(y0 for _x0, y0, _x1, text in boxes if text == html.escape(word))
    x0, x1 = min(b[0] for b in boxes if b[1] == line), max(b[2] for b in boxes if b[1] == line)
    assert x0 == pytest.approx(span.x, abs=1.0) and x1 == pytest.approx(span.x + span.width, abs=1.5)
    with open_pdf(m) as pdf:
        modes = []
        mode = 0
        for operands, op in pikepdf.parse_content_stream(pdf.pages[0]):
            if str(op) == "Tr":
                mode = int(operands[0])
            elif str(op) in ("Tj", "TJ", "'", '"'):
                modes.append(mode)
        assert set(modes) == {3}
    from pdfua import validate as pdfua_validate

    assert [(f.rule_id, f.message) for f in pdfua_validate(str(m.path)).findings] == []


@needs_poppler
def test_wording_distinction_mentions_and_ceremony(made: dict[str, Made]) -> None:
    lines = text_of(made["echirolles"].path).splitlines()
    assert "Attestation de labellisation" in lines
    assert "Label Or" in lines
    assert "Commune (38)" in lines
    assert "Mentions spéciales « Mutualisation » et « Sobriété numérique : durabilité" in " ".join(lines)
    assert "Décerné le 19 novembre 2025 — Congrès des Maires, Paris" in lines
    assert "Pour l'association ADULLACT" in lines
    old = text_of(made["lhay"].path).splitlines()
    assert "Niveau 3 sur 5" in old
    assert "Décerné en 2019" in old, "date inconnue : aucune date inventée"
    assert not any(line.startswith("Décerné le") for line in old)
    assert "Autre" in text_of(made["ecrins"].path).splitlines()


# --- QR code -----------------------------------------------------------------------------------------------


@needs_zbar
@needs_poppler
@pytest.mark.parametrize("key", list(CASES))
def test_qr_code_decodes_to_the_verification_page(made: dict[str, Made], key: str, tmp_path: Path) -> None:
    m = made[key]
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(m.path), str(tmp_path / "page")], check=True)
    out = subprocess.run(["zbarimg", "--raw", "-q", str(tmp_path / "page.png")], capture_output=True, text=True,
                         check=False)
    url = f"{BASE}/{m.laureate.year}/{m.laureate.slug}/"
    assert out.stdout.strip() == url
    assert verification_url(m.laureate) == url
    # the short address is printed under the code: site, then year/slug (a long slug wraps at a hyphen)
    texts = [s.text for n in m.scene.walk() if isinstance(n, Group) for s in n.spans]
    head = texts.index("territoire-numerique-libre.org/verification/")
    assert "".join(texts[head + 1:]) == f"{m.laureate.year}/{m.laureate.slug}/"
    lines = text_of(m.path, "-raw").splitlines()  # -raw: no dehyphenation of « grand- / besancon »
    assert all(t in lines for t in texts[head:])


@needs_zbar
@needs_poppler
def test_dark_theme_keeps_dark_modules_on_light(tmp_path: Path) -> None:
    laureate = make_laureate(name="Syndicat Morbihan Énergies", level="or", year=2025, type="syndicat",
                               today=TODAY)
    scene = certificate_scene(laureate, load_theme("dark"), base_url="https://exemple.fr/v/").scene
    save(scene, tmp_path / "c.pdf")
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(tmp_path / "c.pdf"), str(tmp_path / "p")],
                   check=True)
    out = subprocess.run(["zbarimg", "--raw", "-q", str(tmp_path / "p.png")], capture_output=True, text=True,
                         check=False)
    assert out.stdout.strip() == "https://exemple.fr/v/2025/syndicat-morbihan-energies/"


# --- reproducibility ---------------------------------------------------------------------------------------


def test_same_input_same_bytes_in_process(made: dict[str, Made]) -> None:
    m = made["echirolles"]
    again = certificate_scene(m.laureate, load_theme("light")).scene
    assert render(again, "pdf") == m.pdf


def test_same_input_same_bytes_in_a_fresh_process(made: dict[str, Made], tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from datetime import date\n"
        "import tnl_signage as tnl\n"
        "from tnl_signage.inputs.rows import make_laureate\n"
        "l = make_laureate(name=\"Ville d'Échirolles\", level='or', year=2025, department='38',"
        " mentions=['mutualisation', 'sobriete'], today=date(2025, 12, 1))\n"
        "tnl.certificate(l).save(sys.argv[1])\n"
    )
    out = tmp_path / "again.pdf"
    subprocess.run([sys.executable, "-c", script, str(out)], check=True, cwd=ROOT)
    assert out.read_bytes() == made["echirolles"].pdf


def test_different_laureates_get_different_ids(made: dict[str, Made]) -> None:
    ids = set()
    for m in made.values():
        with open_pdf(m) as pdf:
            ids.add(bytes(pdf.trailer.ID[0]))
    assert len(ids) == len(made)


# --- layout options and errors -----------------------------------------------------------------------------


def test_date_and_place_options_override_the_data(tmp_path: Path) -> None:
    laureate = make_laureate(name="Boé", level="or", year=2025, today=TODAY)
    scene = certificate_scene(laureate, load_theme("light"), date="2025-11-20", place="Mairie de Boé").scene
    assert scene.meta["date"] == "2025-11-20"
    save(scene, tmp_path / "c.pdf")
    if has_tool("pdftotext"):
        assert "Décerné le 20 novembre 2025 — Mairie de Boé" in text_of(tmp_path / "c.pdf").splitlines()


def test_french_dates() -> None:
    assert french_date(date(2025, 12, 1)) == "1er décembre 2025"
    assert parse_date("19 novembre 2025") == date(2025, 11, 19)
    assert parse_date("1er decembre 2025") == date(2025, 12, 1)
    assert parse_date(" 2025-11-19 ") == date(2025, 11, 19)
    for bad in ("31 février 2025", "novembre 2025", "19/11/2025"):
        with pytest.raises(InputError, match="date non reconnue"):
            parse_date(bad)


def test_bad_options_are_clear_errors() -> None:
    laureate = make_laureate(name="Boé", level="or", year=2025, today=TODAY)
    theme = load_theme("light")
    with pytest.raises(InputError, match="n'est pas en 2025"):
        certificate_scene(laureate, theme, date="2024-11-19")
    with pytest.raises(InputError, match="base-url"):
        certificate_scene(laureate, theme, base_url="ftp://exemple.fr")
    with pytest.raises(InputError, match="orientation"):
        certificate_scene(laureate, theme, orientation="carré")


def test_theme_wording_overrides_the_certificate_defaults(tmp_path: Path) -> None:
    source = (ROOT / "tnl_signage" / "data" / "themes" / "light.toml").read_text(encoding="utf-8")
    assert source.rstrip().splitlines()[-1].startswith("mentions_title_plural"), "[wording] doit finir le thème"
    theme_file = tmp_path / "theme.toml"
    theme_file.write_text(source + '\ncertificate_title = "Certificat de labellisation"\n', encoding="utf-8")
    fonts = ROOT / "fonts"
    for f in fonts.glob("*.ttf"):
        (tmp_path / f.name).symlink_to(f)
    laureate = make_laureate(name="Boé", level="or", year=2025, today=TODAY)
    scene = certificate_scene(laureate, load_theme(theme_file)).scene
    texts = [s.text for n in scene.walk() if isinstance(n, Group) for s in n.spans]
    assert "Certificat de labellisation" in texts
    assert "Attestation de labellisation" not in texts


# --- CLI ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli() -> click.Group:
    group = click.Group()
    group.add_command(certificate)
    return group


@needs_poppler
def test_cli_writes_a_pdfa_certificate(cli: click.Group, tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    result = CliRunner().invoke(cli, ["certificate", "--name", "Ville d'Échirolles", "--level", "or", "--year",
                                      "2025", "--mention", "mutualisation", "--departement", "38",
                                      "--signatory", "Camille Exemple", "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = text_of(out).splitlines()
    assert "Ville d'Échirolles" in lines and "Camille Exemple" in lines
    with pikepdf.open(out) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "2"


def test_cli_png_preview_and_landscape(cli: click.Group, tmp_path: Path) -> None:
    from PIL import Image

    out = tmp_path / "a.png"
    result = CliRunner().invoke(cli, ["certificate", "-n", "Boé", "-l", "or", "-y", "2025", "--landscape",
                                      "--size", "600", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with Image.open(out) as im:
        assert im.size == (600, 424)


@pytest.mark.parametrize(("args", "message"), [
    (["-l", "7"], "le niveau doit être"),
    (["--date", "demain"], "date non reconnue"),
    (["--base-url", "ftp://x"], "base-url"),
    (["-o", "x.docx"], "format de fichier inconnu"),
])
def test_cli_errors_are_one_french_line(cli: click.Group, tmp_path: Path, args: list[str], message: str) -> None:
    base = {"-n": "Boé", "-l": "or", "-y": "2025", "-o": str(tmp_path / "a.pdf")}
    for i in range(0, len(args), 2):
        base[args[i]] = args[i + 1] if args[i] != "-o" else str(tmp_path / args[i + 1])
    argv = ["certificate", *[x for kv in base.items() for x in kv]]
    result = CliRunner().invoke(cli, argv)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
