"""Local communication (issue #12): social images, link previews, e-mail signature, ready texts (ODT read by
LibreOffice), print for local use (preflight as the signs), usage guide, LinkedIn link, review gallery."""

from __future__ import annotations

import csv
import dataclasses
import io
import subprocess
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import numpy
import pikepdf
import pytest
from PIL import Image, ImageOps

from tests.conftest import has_tool, require_tool
from tnl_signage.domain.model import Laureate
from tnl_signage.domain.theme import Theme
from tnl_signage.layout.local_print import local_formats, local_scene
from tnl_signage.layout.social import SOCIAL_FORMATS
from tnl_signage.layout.usage_guide import variant_rules
from tnl_signage.products.badges import badge_content
from tnl_signage.products.local_communication import laureate_linkedin
from tnl_signage.products.social import social_png, social_result
from tnl_signage.products.texts import QUOTE
from tnl_signage.publishing.kit.batch import make_kits
from tnl_signage.publishing.kit.builder import KitOptions
from tnl_signage.writers.png import rasterize
from tnl_signage.writers.proof import proof_image

from .conftest import differing_fraction
from .print_helpers import PT_PER_MM, content_streams, operators, pdfinfo_boxes
from .web_harness import check_page, chromium, describe, example_site, parse_html, serve_folder  # noqa: F401

BASE = "https://tnl.example.org/verification"
HOSTILE = "Ville \"d'Ici\" </text:p><script>alert(1)</script> & **gras** [x](javascript:y)"
ROWS = [
    # nom, type, niveau, mentions, annee, site
    ("Ville d'Échirolles", "commune", "or", "mutualisation", "2025", "https://www.echirolles.fr"),
    ("Ville de Nancy", "commune", "5", "", "2019", ""),
    (HOSTILE, "commune", "bronze", "", "2025", ""),
]


@pytest.fixture(scope="module")
def kits(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Laureate]]:
    tmp = tmp_path_factory.mktemp("communication")
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    writer.writerow(["nom", "type", "niveau", "mentions", "annee", "site"])
    writer.writerows(ROWS)
    source = tmp / "palmares.csv"
    source.write_text(buf.getvalue(), encoding="utf-8")
    out = tmp / "kits"
    summary = make_kits(source, out, jobs=1, options=KitOptions(base_url=BASE))
    assert not summary.failures and summary.made == len(ROWS)
    return out, [o.laureate for o in summary.outcomes]


def _folder(out: Path, lau: Laureate) -> Path:
    return out / str(lau.year) / lau.slug / "communication"


# --- 1. Social images -----------------------------------------------------------------------------------------------

def test_social_images_have_exact_sizes_and_alt_texts_that_say_it_all(kits: tuple[Path, list[Laureate]]) -> None:
    out, laureates = kits
    for lau in laureates:
        folder = _folder(out, lau) / "reseaux-sociaux"
        for fmt in SOCIAL_FORMATS:
            pngs = list(folder.glob(f"visuel-{fmt.key}-{fmt.width}x{fmt.height}-*.png"))
            assert len(pngs) == 1, (lau.slug, fmt.key)
            with Image.open(pngs[0]) as image:
                assert image.size == (fmt.width, fmt.height)
                assert image.mode == "RGB"
                colours = image.getcolors(1 << 16) or []
            assert len(colours) > 10  # drawn artwork, not a flat page
            alt = pngs[0].with_suffix(".txt").read_text(encoding="utf-8")
            for words in ("Territoire Numérique Libre", str(lau.year), lau.distinction.words, lau.display_name):
                assert words in alt, (words, alt)


def test_social_image_shows_the_accent_and_ink_of_the_theme(kits: tuple[Path, list[Laureate]],
                                                           light: Theme) -> None:
    out, laureates = kits
    png = next((_folder(out, laureates[0]) / "reseaux-sociaux").glob("visuel-lien-*.png"))
    with Image.open(png) as image:
        found = {rgb for _, rgb in image.getcolors(1 << 20) or []}
    for key in ("ink", "background", "frame"):
        assert light.color(key).rgb in found, key


def test_shared_layer_and_own_band_make_the_same_pixels_as_the_whole_scene(
        kits: tuple[Path, list[Laureate]]) -> None:
    """The kit's images are composed (shared pixels + the laureate's band): they must equal the scene drawn whole."""
    _out, laureates = kits
    for lau in (laureates[0], laureates[2]):
        for fmt in SOCIAL_FORMATS:
            composed = Image.open(io.BytesIO(social_png(lau, fmt.key))).convert("RGB")
            scene = social_result(lau, fmt.key).scene
            whole = proof_image(scene, size=max(fmt.width, fmt.height))
            assert differing_fraction(composed, whole, threshold=2) == 0.0, (lau.slug, fmt.key)


def test_laureates_sharing_a_layer_get_exactly_their_whole_scene_in_a_valid_png(
        kits: tuple[Path, list[Laureate]], tmp_path: Path) -> None:
    """Two laureates of one distinction and year share the layer's compressed rows: each PNG still decodes
    (Pillow, pngcheck) to exactly the pixels of its own scene drawn whole, and the kit's files are those bytes."""
    out, laureates = kits
    first = laureates[0]  # with a mention
    second = dataclasses.replace(first, name="Communauté de communes du Val-d'Œuilly-et-Saint-Étienne", mentions=(),
                                 slug="communaute-de-communes-du-val-d-oeuilly")
    for fmt in SOCIAL_FORMATS:
        pngs = [social_png(lau, fmt.key) for lau in (first, second)]
        assert pngs[0] != pngs[1]
        for lau, data in zip((first, second), pngs, strict=True):
            with Image.open(io.BytesIO(data)) as image:
                got = numpy.asarray(image)
            whole = numpy.asarray(rasterize(social_result(lau, fmt.key).scene).convert("RGB"))
            assert got.shape == whole.shape and numpy.array_equal(got, whole), (lau.slug, fmt.key)
        kit_png = next((_folder(out, first) / "reseaux-sociaux").glob(f"visuel-{fmt.key}-*.png"))
        assert kit_png.read_bytes() == pngs[0]
        if has_tool("pngcheck"):
            (tmp_path / f"{fmt.key}.png").write_bytes(pngs[1])
    if has_tool("pngcheck"):
        checked = subprocess.run(["pngcheck", *sorted(map(str, tmp_path.glob("*.png"))),
                                  *map(str, sorted(out.rglob("visuel-*.png")))], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stdout


# --- 2. Link previews and favicon on the site -----------------------------------------------------------------------

def test_every_page_has_open_graph_whose_image_is_in_the_site_at_its_size() -> None:
    folder, base_url = example_site()  # the site is built with its local server's address as base URL
    pages = [p for p in sorted(folder.rglob("index.html"))]
    assert len(pages) > 30
    for page in pages:
        root = parse_html(page.read_text(encoding="utf-8"))
        meta = {(m.attrs.get("property") or m.attrs.get("name")): m.attrs.get("content") for m in root.iter("meta")}
        canonical = next(link.attrs["href"] for link in root.iter("link") if link.attrs.get("rel") == "canonical")
        assert meta["og:url"] == canonical
        assert meta["og:locale"] == "fr_FR"
        assert meta["twitter:card"] == "summary_large_image"
        assert meta["og:title"] and meta["og:description"] and meta["og:image:alt"]
        image_url = meta["og:image"]
        assert image_url and image_url.startswith(f"{base_url}/") and meta["twitter:image"] == image_url
        assert image_url.rsplit("/", 1)[0] + "/" == canonical  # the image sits beside its page
        target = folder / unquote(image_url[len(base_url) + 1:])
        assert target.is_file(), (page, image_url)
        with Image.open(target) as image:
            assert image.size == (int(meta["og:image:width"] or 0), int(meta["og:image:height"] or 0)) == (1200, 630)


def test_favicons_are_drawn_from_the_mark_at_their_sizes(light: Theme) -> None:
    folder, _ = example_site()
    for name, size in (("favicon-32.png", 32), ("apple-touch-icon.png", 180)):
        with Image.open(folder / name) as image:
            assert image.size == (size, size)
            rgb = image.convert("RGB")
            found = {c for _, c in rgb.getcolors(1 << 16) or []}
        assert light.color("accent").rgb in found and light.color("background").rgb in found
    svg = (folder / "favicon.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") or "<svg" in svg[:200]
    home = (folder / "index.html").read_text(encoding="utf-8")
    assert 'rel="icon" href="favicon.svg"' in home and 'rel="apple-touch-icon"' in home


# --- 3. E-mail signature --------------------------------------------------------------------------------------------

def test_signature_is_a_table_with_inline_styles_and_a_hosted_2x_badge(kits: tuple[Path, list[Laureate]]) -> None:
    out, laureates = kits
    lau = laureates[0]
    html = (_folder(out, lau) / "signature" / "signature-courriel.html").read_text(encoding="utf-8")
    root = parse_html(html)
    assert "<style" not in html and "<script" not in html and 'class="' not in html
    table = root.find_all("table")[0]
    img = table.find_all("img")[0]
    assert img.attrs["src"] == f"{BASE}/{lau.year}/{lau.slug}/badge-banner-light@2x.png"
    assert (img.attrs["width"], img.attrs["height"]) == ("400", "100")
    assert lau.display_name in (img.attrs["alt"] or "") and lau.distinction.words in (img.attrs["alt"] or "")
    links = {a.attrs["href"] for a in table.find_all("a")}
    assert links == {f"{BASE}/{lau.year}/{lau.slug}/"}
    text = (_folder(out, lau) / "signature" / "signature-courriel.txt").read_text(encoding="utf-8")
    assert lau.display_name in text and f"{BASE}/{lau.year}/{lau.slug}/" in text


def test_signature_and_gallery_pass_axe_and_thumbnail_links_resolve(  # type: ignore[no-untyped-def]
        kits: tuple[Path, list[Laureate]], chromium, serve_folder) -> None:  # noqa: F811
    out, laureates = kits
    base = serve_folder(out)
    pages = ["index.html", "2025/index.html", "2019/index.html"]
    pages += [f"{lau.year}/{lau.slug}/communication/signature/signature-courriel.html" for lau in laureates]
    for rel in pages:
        # The signature's badge lives on the published site, not in the kit: only that request is allowed out.
        violations, external = check_page(f"{base}/{rel}")
        assert not violations, (rel, describe(violations))
        assert all(u.startswith(BASE) for u in external), external
    for year in ("2025", "2019"):
        root = parse_html((out / year / "index.html").read_text(encoding="utf-8"))
        images = root.find_all("img")
        assert len(images) >= 4 * sum(1 for lau in laureates if str(lau.year) == year)
        for element in [*images, *root.find_all("a")]:
            ref = element.attrs.get("src") or element.attrs.get("href") or ""
            assert (out / year / unquote(ref)).exists(), ref
        for image in images:
            with Image.open(out / year / unquote(image.attrs["src"] or "")) as picture:
                assert picture.width >= int(image.attrs["width"] or 0)


def test_gallery_shows_warnings_and_survives_a_hostile_name(kits: tuple[Path, list[Laureate]]) -> None:
    out, _ = kits
    html = (out / "2025" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "site web de la collectivité non renseigné" in html
    cards = parse_html(html).find_all("h2")
    assert len(cards) == 2


# --- 4. Ready texts, read by LibreOffice ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def odt_pdfs(kits: tuple[Path, list[Laureate]], tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every ODT of the kits converted to PDF by LibreOffice in one call (it is slow to start), then to text."""
    soffice = require_tool("soffice")
    out, _ = kits
    odts = sorted(out.rglob("*.odt"))
    target = tmp_path_factory.mktemp("odt-pdf")
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(target), *map(str, odts)], capture_output=True, check=True, timeout=180)
    texts = {}
    for odt in odts:
        pdf = target / f"{odt.stem}.pdf"
        assert pdf.is_file(), odt
        texts[odt.relative_to(out).as_posix()] = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return texts


def test_libreoffice_reads_every_text_with_name_distinction_and_placeholders(
        kits: tuple[Path, list[Laureate]], odt_pdfs: dict[str, str]) -> None:
    out, laureates = kits
    assert len(odt_pdfs) == 2 * len(laureates)
    for lau in laureates:
        for kind in ("communique-de-presse", "elements-de-langage"):
            rel = f"{lau.year}/{lau.slug}/communication/textes/{kind}-{lau.year}-{lau.slug}.odt"
            text = " ".join(odt_pdfs[rel].split())
            assert " ".join(lau.display_name.split()) in text, (rel, text[:400])
            assert lau.distinction.words in text
            assert f"[{QUOTE}]" in text


def test_ready_texts_carry_ceremony_and_mentions_and_keep_hostile_names_as_text(
        kits: tuple[Path, list[Laureate]], odt_pdfs: dict[str, str]) -> None:
    out, laureates = kits
    echirolles, nancy, hostile = laureates[0], laureates[1], laureates[2]
    press = " ".join(odt_pdfs[f"2025/{echirolles.slug}/communication/textes/"
                              f"communique-de-presse-2025-{echirolles.slug}.odt"].split())
    assert "19 novembre 2025" in press and "Mutualisation" in press
    old = " ".join(odt_pdfs[f"2019/{nancy.slug}/communication/textes/communique-de-presse-2019-{nancy.slug}.odt"]
                   .split())
    assert "Niveau 5 sur 5" in old and "novembre 2019" not in old  # no ceremony date invented
    odt = _folder(out, hostile) / "textes" / f"communique-de-presse-2025-{hostile.slug}.odt"
    with zipfile.ZipFile(odt) as package:
        assert package.namelist()[0] == "mimetype"
        assert package.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        content = package.read("content.xml").decode("utf-8")
    assert "<script>" not in content and "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    md = odt.with_suffix(".md").read_text(encoding="utf-8")
    assert "\\<script\\>" in md and "\\[x\\]\\(javascript:y\\)" in md and "\\*\\*gras\\*\\*" in md


def test_ready_texts_are_the_same_bytes_twice(kits: tuple[Path, list[Laureate]], tmp_path: Path) -> None:
    from tnl_signage.products.texts import write_ready_texts

    out, laureates = kits
    lau = laureates[0]
    again = write_ready_texts(lau, tmp_path, f"{BASE}/{lau.year}/{lau.slug}/")
    for path in again:
        assert path.read_bytes() == (_folder(out, lau) / "textes" / path.name).read_bytes(), path.name


# --- 5. Print for local use -----------------------------------------------------------------------------------------

def _local_pdfs(out: Path, lau: Laureate) -> dict[str, Path]:
    folder = _folder(out, lau) / "impression-locale"
    return {fmt.name: next(folder.glob(f"*-{lau.year}-{lau.slug}.pdf".replace("*", _stem(fmt.family, fmt))))
            for fmt in local_formats().formats}


def _stem(family: str, fmt) -> str:  # type: ignore[no-untyped-def]
    from tnl_signage.products.local_print import FILE_WORDS

    size = f"{fmt.width:g}mm" if family == "sticker" else f"{fmt.width:g}x{fmt.height:g}"
    return f"{FILE_WORDS[family]}-{size}"


def test_local_print_passes_the_signs_preflight(kits: tuple[Path, list[Laureate]]) -> None:
    out, laureates = kits
    pdfs = _local_pdfs(out, laureates[0])
    assert set(pdfs) == {"encart-90x60", "encart-190x60", "autocollant-100", "vitrophanie-200"}
    for fmt in local_formats().formats:
        path = pdfs[fmt.name]
        boxes = {k: [v / PT_PER_MM for v in vs] for k, vs in pdfinfo_boxes(path).items()}
        trim, bleed = boxes["TrimBox"], boxes["BleedBox"]
        assert abs((trim[2] - trim[0]) - fmt.width) <= 0.01 and abs((trim[3] - trim[1]) - fmt.height) <= 0.01
        assert abs((trim[0] - bleed[0]) - fmt.bleed) <= 0.01
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        assert len(fonts.strip().splitlines()) == 2, fonts  # outlined: no font at all
        check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout
        with pikepdf.open(path) as pdf:
            intent = pdf.Root.OutputIntents[0]
            assert str(intent.S) == "/GTS_PDFX" and "FOGRA39" in str(intent.OutputConditionIdentifier)
            spots = set()
            for label, obj in content_streams(pdf):
                used = {op for _, op in operators(obj)}
                assert not used & {"rg", "RG", "g", "G", "BT", "Tj", "TJ"}, (fmt.name, label, used)
                for space in obj.get("/Resources", pikepdf.Dictionary()).get("/ColorSpace",
                                                                               pikepdf.Dictionary()).values():
                    spots.add(str(space[1]))
        assert ("/CutContour" in spots) == (fmt.family in ("sticker", "window")), (fmt.name, spots)
        ink = subprocess.run(["gs", "-q", "-dSAFER", "-o", "-", "-sDEVICE=inkcov", str(path)],
                             capture_output=True, text=True, check=True).stdout.split()
        assert ink[-2:] == ["CMYK", "OK"]


def test_window_sticker_is_the_mirror_image_of_its_layout(kits: tuple[Path, list[Laureate]], light: Theme) -> None:
    _out, laureates = kits
    fmt = next(f for f in local_formats().formats if f.family == "window")
    content = badge_content(laureates[0])
    mirrored = local_scene(fmt, content, light).scene
    assert mirrored.meta["mirrored"] == "yes"
    from tnl_signage.layout import local_print

    nodes, _ = local_print.window_nodes(light, content, fmt)
    from dataclasses import replace

    from tnl_signage.drawing.scene import Group

    upright = replace(mirrored, root=Group(tuple(nodes)))
    a = proof_image(mirrored, size=300)
    b = ImageOps.mirror(proof_image(upright, size=300))
    assert differing_fraction(a, b) < 0.002
    assert a.tobytes() != proof_image(upright, size=300).tobytes()


# --- 7. Usage guide -------------------------------------------------------------------------------------------------

def test_usage_guide_prints_the_numbers_the_layouts_give(kits: tuple[Path, list[Laureate]], light: Theme,
                                                        scales) -> None:  # type: ignore[no-untyped-def]
    out, laureates = kits
    guide = _folder(out, laureates[0]) / "guide-d-usage-2025.pdf"
    assert guide.read_bytes() == (_folder(out, laureates[2]) / "guide-d-usage-2025.pdf").read_bytes()
    text = " ".join(subprocess.run(["pdftotext", str(guide), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    top = max(scales.official_scale(2025).distinctions, key=lambda d: d.rank)
    for rule in variant_rules(light, top, 2025):
        assert f"taille naturelle {rule.natural_px[0]} × {rule.natural_px[1]} px" in text
        assert f"au moins {rule.min_px} px de large" in text
        assert f"{rule.min_mm:g}".replace(".", ",") + " mm de large imprimé" in text
    seal = next(r for r in variant_rules(light, top, 2025) if r.variant == "seal")
    assert seal.min_px <= seal.natural_px[0] * 2 and seal.min_mm > 20
    for words in ("Zone de protection", "Tailles minimales", "Quel badge pour quel usage", "À ne pas faire"):
        assert words in text
    with pikepdf.open(guide) as pdf:
        assert str(pdf.Root.OutputIntents[0].S) == "/GTS_PDFA1"
        meta = pdf.open_metadata()  # read as XMP, whatever its serialisation (pdf_finish writes it)
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")


# --- 8. LinkedIn ----------------------------------------------------------------------------------------------------

def test_linkedin_link_carries_every_field_encoded(kits: tuple[Path, list[Laureate]]) -> None:
    out, laureates = kits
    lau = laureates[0]
    url, fields = laureate_linkedin(lau, BASE)
    parts = urlsplit(url)
    assert parts.netloc == "www.linkedin.com" and parts.path == "/profile/add"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query == {"startTask": "CERTIFICATION_NAME", **fields}
    assert query["name"] == "Label Territoire Numérique Libre 2025 : Label Or"
    assert query["organizationName"] == "ADULLACT" and query["issueYear"] == "2025" and query["issueMonth"] == "11"
    assert query["certUrl"] == f"{BASE}/2025/{lau.slug}/" and query["certId"] == lau.certificate_number
    readme = (out / "2025" / lau.slug / "LISEZMOI.html").read_text(encoding="utf-8")
    assert url.replace("&", "&amp;") in readme and lau.certificate_number in readme
    _, old = laureate_linkedin(laureates[1], BASE)
    assert "issueMonth" not in old  # 2019: no ceremony date kept, no month invented


def test_verification_page_offers_the_linkedin_link() -> None:
    folder, _ = example_site()
    page = next(folder.glob("2025/*/index.html"))
    root = parse_html(page.read_text(encoding="utf-8"))
    links = [a.attrs["href"] or "" for a in root.iter("a") if "linkedin.com" in (a.attrs.get("href") or "")]
    assert len(links) == 1 and "startTask=CERTIFICATION_NAME" in links[0]
    section = next(s for s in root.iter("section") if s.attrs.get("aria-labelledby") == "linkedin")
    assert "ID de la certification" in section.text() and "TNL-2025-" in section.text()


def test_lisezmoi_explains_every_new_file(kits: tuple[Path, list[Laureate]]) -> None:
    out, laureates = kits
    lau = laureates[0]
    readme = parse_html((out / "2025" / lau.slug / "LISEZMOI.html").read_text(encoding="utf-8"))
    rows = {tr.find_all("td")[0].text(): tr.find_all("td")[1].text() for tr in readme.iter("tr") if tr.find_all("td")}
    communication = {path: what for path, what in rows.items() if path.startswith("communication/")}
    assert len(communication) == 8 + 2 + 4 + 4 + 1 + 1
    assert all(communication.values()), [p for p, w in communication.items() if not w]
