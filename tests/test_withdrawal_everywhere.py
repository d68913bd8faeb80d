"""Issue 18 item 2: once an award is withdrawn, no file the site or its kit writes presents it as current.

The example palmarès is built into a signed site and the withdrawn laureate's kit is made, with `retraits.csv`
beside the palmarès, through the public API only. Then EVERY file written is walked and judged by what a
reader gets from it: pages and widgets parsed (title, Open Graph, copy codes, LinkedIn link, where the award
is listed), SVGs parsed (title, description), PNGs compared with the award's current picture and read by OCR,
PDFs read with pdftotext, open data parsed (statut), Open Badges checked revoked. A file of the withdrawn award
that no rule knows fails the test: a new product cannot slip through unchecked.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image

import tnl_signage as tnl
from tests.conftest import has_tool
from tests.web_harness import Element, parse_html
from tnl_signage.domain.model import Laureate
from tnl_signage.products.openbadges.keys import private_pem
from tnl_signage.products.openbadges.status import bit_is_set
from tnl_signage.products.social import social_png

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "palmares-exemple.csv"
BASE = "https://label.example.org/verification"
YEAR, SLUG, DAY, SAID_DAY = 2025, "ville-de-boe", "2026-03-02", "2 mars 2026"
REASON = "demande de la collectivité"
RETRAITS = f"annee;laureat;date;motif\n{YEAR};{SLUG};{DAY};{REASON}\n"
# Words that present an award as held today (any case); none may appear in a file of the withdrawn award.
CURRENT_CLAIMS = ("obtient", "en vigueur", "félicit", "atteste la distinction", "lauréat", "linkedin.com",
                  "<textarea", "est distingué", "a reçu le label")
SKIPPED = {".tnl-signage-fichiers.json", ".tnl-signage.lock"}  # the tool's own record and lock


@dataclass(frozen=True)
class Built:
    site: Path
    kits: Path
    laureate: Laureate


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("retrait")
    key = root / "cle-organisateur.pem"
    key.write_bytes(private_pem(Ed25519PrivateKey.generate()))
    (root / "palmares").mkdir()
    palmares = root / "palmares" / "palmares.csv"
    shutil.copy(EXAMPLE, palmares)
    (root / "palmares" / "retraits.csv").write_text(RETRAITS, encoding="utf-8")
    loaded = tnl.load_palmares(palmares)
    tnl.build_site(loaded, root / "site", base_url=BASE, signing_key=key)
    # The kit run: the withdrawn laureate's row alone (a full kit of the other 35 is other tests' business).
    (root / "un").mkdir()
    lines = EXAMPLE.read_text(encoding="utf-8-sig").splitlines()
    row = next(line for line in lines if line.startswith("Ville de Boé;") and f";{YEAR};" in line)
    (root / "un" / "palmares.csv").write_text(f"{lines[0]}\n{row}\n", encoding="utf-8")
    (root / "un" / "retraits.csv").write_text(RETRAITS, encoding="utf-8")
    summary = tnl.make_kits(root / "un" / "palmares.csv", root / "kits", jobs=1, base_url=BASE, signing_key=key)
    assert not summary.failures, summary.failures
    laureate = next(lau for lau in loaded.laureates if (lau.year, lau.slug) == (YEAR, SLUG))
    return Built(root / "site", root / "kits", laureate)


# ---------------------------------------------------------------- what each kind of file must say


def _claims(text: str) -> list[str]:
    low = text.lower()
    return [word for word in CURRENT_CLAIMS if word in low]


def _text_claims(path: Path) -> list[str]:
    found = _claims(path.read_text(encoding="utf-8"))
    return [f"présente la distinction comme actuelle ({', '.join(found)})"] if found else []


def _meta(root: Element, prop: str) -> str:
    for el in root.iter("meta"):
        if el.attrs.get("property") == prop or el.attrs.get("name") == prop:
            return el.attrs.get("content") or ""
    return ""


def _page(path: Path) -> list[str]:
    """The verification page: the withdrawal first, in its title and link preview, no code to display it."""
    root = parse_html(path.read_text(encoding="utf-8"))
    problems = _text_claims(path)
    title = root.find_all("title")[0].text()
    for where, text in (("<title>", title), ("og:title", _meta(root, "og:title")),
                        ("og:description", _meta(root, "og:description")),
                        ("og:image:alt", _meta(root, "og:image:alt")), ("description", _meta(root, "description"))):
        if "retiré" not in text:
            problems.append(f"{where} ne dit pas « retiré » : {text!r}")
    if _meta(root, "og:image") != f"{BASE}/{YEAR}/{SLUG}/partage-1200x630.png":
        problems.append(f"og:image inattendue : {_meta(root, 'og:image')}")
    main = root.find_all("main")[0]
    first = next((el for el in main.iter() if el.tag == "p" and "crumbs" not in (el.attrs.get("class") or "")), None)
    if first is None or f"retirée le {SAID_DAY}" not in first.text() or REASON not in first.text():
        problems.append(f"le premier paragraphe ne dit pas le retrait : {first.text() if first else None!r}")
    if "retirée" not in main.find_all("h1")[0].text():
        problems.append("le titre h1 ne dit pas « retirée »")
    if root.find_all("textarea") or any("linkedin" in (a.attrs.get("href") or "") for a in root.iter("a")):
        problems.append("codes à copier ou lien LinkedIn proposés")
    if any((a.attrs.get("download") is not None) for a in root.iter("a")):
        problems.append("badges proposés au téléchargement")
    return problems


def _widget(path: Path) -> list[str]:
    root = parse_html(path.read_text(encoding="utf-8"))
    text = root.text()
    problems = _text_claims(path)
    if f"retiré le {SAID_DAY}" not in text or "Label Or" in text:
        problems.append(f"la vignette ne dit pas le retrait : {text!r}")
    return problems


def _svg(path: Path) -> list[str]:
    """An SVG's accessible name (outlined text has no other): « … retirée le … », never the distinction."""
    root = ET.parse(path).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    said = " ".join((el.text or "") for el in root if el.tag in (f"{ns}title", f"{ns}desc"))
    if "retiré" not in said or "Label Or" in said:
        return [f"titre ou description SVG : {said!r}"]
    return []


def _pixels(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as image:
        rgba = image.convert("RGBA")
    flat = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    flat.alpha_composite(rgba)
    return flat.convert("RGB")


def ocr(image: Image.Image) -> str:
    """Tesseract's French reading of `image`, enlarged to about 600 px wide and framed (small badges)."""
    grey = image.convert("L")
    k = max(1, 600 // grey.width)
    grey = grey.resize((grey.width * k, grey.height * k), Image.Resampling.LANCZOS)
    framed = Image.new("L", (grey.width + 80, grey.height + 80), 255 if grey.getpixel((grey.width // 2, 2)) > 128
                       else 0)
    framed.paste(grey, (40, 40))
    buf = io.BytesIO()
    framed.save(buf, "PNG")
    done = subprocess.run(["tesseract", "-", "-", "-l", "fra", "--psm", "6"], input=buf.getvalue(),
                          capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8", "replace").split())


def _png(current: Callable[[], bytes]) -> Callable[[Path], list[str]]:
    """A picture: never the award's current one, and (with Tesseract) it reads « retiré »."""

    def check(path: Path) -> list[str]:
        shown = _pixels(path.read_bytes())
        if shown.tobytes() == _pixels(current()).tobytes():
            return ["même image que la distinction en vigueur"]
        if has_tool("tesseract"):
            read = ocr(shown)
            if "retir" not in read.lower():
                return [f"l'image ne dit pas « retiré » (lu : {read!r})"]
        return []

    return check


def _pdf(path: Path) -> list[str]:
    if not has_tool("pdftotext"):
        return []
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    problems = [f"PDF : {c}" for c in _claims(text)]
    flat = " ".join(text.split())
    if f"retiré le {SAID_DAY}" not in flat or REASON not in flat:
        problems.append("le PDF ne dit pas le retrait, sa date et son motif")
    return problems


def _badge_rules(lau: Laureate) -> dict[str, Callable[[Path], list[str]]]:
    """One rule per badge file name of a laureate folder (site) or a kit's badges/."""
    rules: dict[str, Callable[[Path], list[str]]] = {}
    for variant in ("seal", "banner", "button", "mark"):
        for theme in ("light", "dark"):
            rules[f"badge-{variant}-{theme}.svg"] = _svg
            for scale, suffix in ((1, ""), (2, "@2x")):
                rules[f"badge-{variant}-{theme}{suffix}.png"] = _png(
                    lambda v=variant, t=theme, s=scale: tnl.badge(lau, variant=v, theme=t).to_bytes("png", scale=s))
        rules[f"badge-{variant}-auto.svg"] = _svg
    seal = _png(lambda: tnl.badge(lau, variant="seal").to_bytes("png"))
    rules |= {"badge-ob2.png": seal, "badge-ob3.png": seal, "badge-ob2.svg": _svg, "badge-ob3.svg": _svg}
    return rules


# ---------------------------------------------------------------- the walk


def _walk(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name not in SKIPPED)


def test_no_file_of_the_site_presents_the_withdrawn_award_as_current(built: Built) -> None:
    site, lau = built.site, built.laureate
    folder = site / str(YEAR) / SLUG
    status = json.loads((site / "openbadges" / "status" / f"{YEAR}.json").read_text(encoding="utf-8"))

    def assertion(path: Path) -> list[str]:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [] if data.get("revoked") is True and SAID_DAY in data.get("revocationReason", "") else [
            "assertion OB 2.0 non révoquée"]

    def credential(path: Path) -> list[str]:
        entry = json.loads(path.read_text(encoding="utf-8"))["credentialStatus"]
        encoded = status["credentialSubject"]["encodedList"]
        return [] if bit_is_set(encoded, int(entry["statusListIndex"])) else ["bit de révocation OB 3.0 non levé"]

    rules = _badge_rules(lau) | {
        "index.html": _page, "widget.html": _widget, "assertion.json": assertion, "credential.json": credential,
        "partage-1200x630.png": _png(lambda: social_png(lau, "lien")),
    }
    problems: list[str] = []
    checked = 0
    for path in _walk(folder):
        rule = rules.get(path.name)
        found = ["fichier que ce test ne sait pas juger"] if rule is None else rule(path)
        problems += [f"{path.relative_to(site)} : {p}" for p in found]
        checked += 1
    # Outside its folder: every page or data file that names the award must list it as withdrawn.
    elsewhere = {"index.html": _home, f"{YEAR}/index.html": _edition, f"palmares-{YEAR}.csv": _open_csv,
                 f"palmares-{YEAR}.json": _open_json, "sitemap.xml": lambda _p: []}
    for path in _walk(site):
        rel = path.relative_to(site).as_posix()
        if path.is_relative_to(folder) or path.suffix == ".png":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if rel in elsewhere:
            problems += [f"{rel} : {p}" for p in elsewhere[rel](path)]
        elif f"{YEAR}/{SLUG}" in text or (rel.startswith(f"{YEAR}/") and "Ville de Boé" in text):
            problems.append(f"{rel} : nomme la distinction retirée sans être vérifié par ce test")
    assert not problems, "\n".join(problems)
    assert checked == len(rules) == 37  # every badge (4 variants x light, dark: SVG, PNG, PNG x2; 4 auto), baked
    # images and Open Badges 2.0 + 3.0, page, widget, link preview


def _home(path: Path) -> list[str]:
    lead = " ".join(el.text() for el in parse_html(path.read_text(encoding="utf-8")).iter("p")
                    if el.attrs.get("class") == "lead")
    ok = "35 distinctions à 25 collectivités" in lead and "1 distinction retirée" in lead
    return [] if ok else [f"comptes de l'accueil : {lead!r}"]


def _edition(path: Path) -> list[str]:
    """The edition page lists the award only under « Distinctions retirées », and does not count it."""
    root = parse_html(path.read_text(encoding="utf-8"))
    problems = []
    for section in root.iter("section"):
        links = [a for a in section.iter("a") if (a.attrs.get("href") or "").startswith(f"{SLUG}/")]
        apart = section.attrs.get("aria-labelledby") == "retirees"
        if links and not apart:
            problems.append(f"listée dans la section {section.attrs.get('aria-labelledby')}")
        if apart and (not links or f"retirée le {SAID_DAY}" not in section.text()):
            problems.append("absente de « Distinctions retirées » ou sans date")
    lead = " ".join(el.text() for el in root.iter("p") if el.attrs.get("class") == "lead")
    if "9 distinctions à 9 collectivités" not in lead:
        problems.append(f"comptes de l'édition : {lead!r}")
    return problems


def _status_ok(entry: dict[str, str]) -> bool:
    return (entry.get("statut"), entry.get("date_retrait"), entry.get("motif_retrait")) == ("retiré", DAY, REASON)


def _open_csv(path: Path) -> list[str]:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    boe = [r for r in rows if r["nom"] == "Ville de Boé"]
    others = {r.get("statut") for r in rows if r["nom"] != "Ville de Boé"}
    return [] if len(boe) == 1 and _status_ok(boe[0]) and others == {"en vigueur"} else ["statut CSV faux"]


def _open_json(path: Path) -> list[str]:
    entries = json.loads(path.read_text(encoding="utf-8"))["laureats"]
    boe = [e for e in entries if e["nom"] == "Ville de Boé"]
    return [] if len(boe) == 1 and _status_ok(boe[0]) else [f"statut JSON faux : {boe}"]


def test_the_kit_of_a_withdrawn_award_is_a_notice_only(built: Built) -> None:
    kits, lau = built.kits, built.laureate
    folder = kits / str(YEAR) / SLUG
    notice = f"avis-de-retrait-{YEAR}-{SLUG}.pdf"

    def readme(path: Path) -> list[str]:
        root = parse_html(path.read_text(encoding="utf-8"))
        problems = _text_claims(path)
        if f"retiré le {SAID_DAY}" not in root.text() or REASON not in root.text():
            problems.append("LISEZMOI ne dit pas le retrait")
        if root.find_all("img") or root.find_all("pre"):
            problems.append("LISEZMOI montre le badge ou un code à coller")
        return problems

    def manifest(path: Path) -> list[str]:
        data = json.loads(path.read_text(encoding="utf-8"))
        listed = sorted(entry["path"] for entry in data["fichiers"])
        ok = listed == ["LISEZMOI.html", notice] and data["empreinte"]["retrait"]["date"] == DAY
        return [] if ok else [f"manifeste : {listed}, {data['empreinte'].get('retrait')}"]

    def archive(path: Path) -> list[str]:
        with zipfile.ZipFile(path) as z:
            names = sorted(n.split("/", 1)[1] for n in z.namelist())
        return [] if names == ["LISEZMOI.html", notice, "manifest.json"] else [f"zip : {names}"]

    def gallery(path: Path) -> list[str]:
        text = parse_html(path.read_text(encoding="utf-8")).text()
        ok = f"Distinction retirée le {SAID_DAY}" in text and "1 distinction retirée" in text
        return [] if ok else [f"galerie : {text[:300]!r}"]

    def index_csv(path: Path) -> list[str]:
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
        return [] if [r["distinction"] for r in rows] == [f"Label Or (retiré le {DAY})"] else [f"index : {rows}"]

    def years(path: Path) -> list[str]:
        text = parse_html(path.read_text(encoding="utf-8")).text()
        return [] if f"Kits {YEAR} (0 distinction à 0 collectivité, 1 retirée)" in text else [f"index : {text!r}"]

    rules = {f"{YEAR}/{SLUG}/LISEZMOI.html": readme, f"{YEAR}/{SLUG}/{notice}": _pdf,
             f"{YEAR}/{SLUG}/manifest.json": manifest, f"{YEAR}/{SLUG}.zip": archive,
             f"{YEAR}/index.html": gallery, f"{YEAR}/index.csv": index_csv, "index.html": years}
    problems: list[str] = []
    for path in _walk(kits):
        rel = path.relative_to(kits).as_posix()
        rule = rules.get(rel)
        problems += [f"{rel} : {p}" for p in (["fichier inattendu dans le kit d'une distinction retirée"]
                                               if rule is None else rule(path))]
    assert not problems, "\n".join(problems)
    assert sorted(p.relative_to(kits).as_posix() for p in _walk(kits)) == sorted(rules)
    assert folder.is_dir() and lau.slug == SLUG


def test_badges_command_draws_the_withdrawn_badge(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tnl_signage.cli import cli

    lines = EXAMPLE.read_text(encoding="utf-8-sig").splitlines()
    rows = [line for line in lines if line.startswith(("Ville de Boé;", "Syndicat Morbihan")) and f";{YEAR};" in line]
    (tmp_path / "palmares.csv").write_text("\n".join([lines[0], *rows]) + "\n", encoding="utf-8")
    (tmp_path / "retraits.csv").write_text(RETRAITS, encoding="utf-8")
    done = CliRunner().invoke(cli, ["badges", str(tmp_path / "palmares.csv"), "-o", str(tmp_path / "out"),
                                    "--variant", "seal", "--theme", "dark", "--no-retina"])
    assert done.exit_code == 0, done.output
    assert "1 distinction à 1 collectivité ; 1 distinction retirée, non comptée : 4 fichiers" in done.output
    boe = tmp_path / "out" / str(YEAR) / SLUG
    assert _svg(boe / "badge-seal-dark.svg") == []
    lau = next(lau for lau in tnl.load_palmares(tmp_path / "palmares.csv").laureates if lau.slug == SLUG)
    assert _png(lambda: tnl.badge(lau, theme="dark").to_bytes("png"))(boe / "badge-seal-dark.png") == []
    other = ET.parse(tmp_path / "out" / str(YEAR) / "syndicat-morbihan-energies" / "badge-seal-dark.svg").getroot()
    assert "Label Or" in "".join(other.itertext())  # the award in force keeps its badge
