"""The built example site, read as files and parsed HTML: URL contract, structure, links, weight, open data."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.web_harness import EXAMPLE_CSV, Element, event_handler_attributes, example_site, parse_html
from tnl_signage.domain.colors import Color, contrast_ratio
from tnl_signage.domain.model import Laureate, Palmares
from tnl_signage.errors import InputError
from tnl_signage.inputs.palmares import load_palmares
from tnl_signage.layout.badges import VARIANTS
from tnl_signage.publishing.site import build_site

PAGE_BUDGET = 50_000
WIDGET_BUDGET = 10_000
TEXT_SUFFIXES = {".html", ".svg", ".css", ".json", ".xml", ".txt", ".csv"}


@pytest.fixture(scope="module")
def site() -> tuple[Path, str, Palmares]:
    folder, base = example_site()
    return folder, base, load_palmares(EXAMPLE_CSV)


def _pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def _parse(path: Path) -> Element:
    return parse_html(path.read_text("utf-8"))


def _folder(folder: Path, lau: Laureate) -> Path:
    return folder / str(lau.year) / lau.slug


def tree_hash(folder: Path) -> str:
    """One digest of every file's path and bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def test_every_url_of_the_contract_exists(site: tuple[Path, str, Palmares]) -> None:
    folder, _base, palmares = site
    for name in ("index.html", "style.css", "robots.txt", "sitemap.xml", "openbadges/issuer.json",
                 "openbadges/issuer-v3.json"):
        assert (folder / name).is_file(), name
    for year in palmares.years():
        for name in (f"{year}/index.html", f"palmares-{year}.csv", f"palmares-{year}.json"):
            assert (folder / name).is_file(), name
    for lau in palmares.laureates:
        where = _folder(folder, lau)
        names = ["index.html", "widget.html", "assertion.json", "credential.json", "badge-ob2.png",
                 "badge-ob2.svg", "badge-ob3.png", "badge-ob3.svg"]
        for variant in VARIANTS:
            names.append(f"badge-{variant}-auto.svg")
            for theme in ("light", "dark"):
                names += [f"badge-{variant}-{theme}.{s}" for s in ("svg", "png")]
                names.append(f"badge-{variant}-{theme}@2x.png")
        missing = [n for n in names if not (where / n).is_file()]
        assert not missing, f"{where}: {missing}"


def test_no_script_and_no_event_handler_anywhere(site: tuple[Path, str, Palmares]) -> None:
    folder, _base, _p = site
    checked = 0
    for path in folder.rglob("*"):
        if path.suffix in TEXT_SUFFIXES:
            assert b"<script" not in path.read_bytes().lower(), path
            checked += 1
    assert checked > 500
    for page in _pages(folder):
        root = _parse(page)
        assert not root.find_all("script") and event_handler_attributes(root) == [], page


def _landmarks(root: Element) -> set[str]:
    return {el.tag for el in root.iter() if el.tag in ("header", "nav", "main", "footer")}


def test_pages_have_language_heading_landmarks_and_skip_link(site: tuple[Path, str, Palmares]) -> None:
    folder, _base, _p = site
    for page in _pages(folder):
        root = _parse(page)
        html = root.find_all("html")[0]
        assert html.attrs.get("lang") == "fr", page
        assert len(root.find_all("h1")) == 1, page
        assert root.find_all("title")[0].text(), page
        mains = root.find_all("main")
        assert len(mains) == 1, page
        if page.name == "widget.html":
            styles = [link for link in root.find_all("link") if link.attrs.get("rel") == "stylesheet"]
            assert not styles, "la vignette ne charge pas de feuille de style"
            verify = [a for a in root.find_all("a") if a.text().startswith("Vérifier")]
            assert len(verify) == 1 and verify[0].attrs["target"] == "_top"
            assert verify[0].attrs["href"] == "index.html"
            continue
        assert _landmarks(root) == {"header", "nav", "main", "footer"}, page
        first_link = root.find_all("a")[0]
        assert (first_link.attrs["href"], first_link.text()) == ("#contenu", "Aller au contenu"), page
        assert mains[0].attrs.get("id") == "contenu", page
        sheets = [link.attrs["href"] or "" for link in root.find_all("link")
                  if link.attrs.get("rel") == "stylesheet"]
        assert len(sheets) == 1 and sheets[0].endswith("style.css") and "://" not in sheets[0], page


def _ids(path: Path) -> set[str]:
    return {el.attrs["id"] or "" for el in _parse(path).iter() if "id" in el.attrs}


def test_internal_links_are_relative_and_resolve(site: tuple[Path, str, Palmares]) -> None:
    folder, base, palmares = site
    sites = {lau.website for lau in palmares.laureates if lau.website}
    ids: dict[Path, set[str]] = {}
    for page in _pages(folder):
        root = _parse(page)
        for el in root.iter():
            for attr in ("href", "src"):
                url = el.attrs.get(attr)
                if url is None:
                    continue
                if el.tag == "link" and el.attrs.get("rel") == "canonical":
                    assert url.startswith(base + "/"), (page, url)
                    continue
                if "://" in url:
                    linkedin = url.startswith("https://www.linkedin.com/profile/add?")  # « ajouter au profil »
                    assert el.tag == "a" and (url in sites or linkedin), f"{page}: lien sortant inattendu {url}"
                    assert "noopener" in (el.attrs.get("rel") or "")
                    continue
                path, _, fragment = url.partition("#")
                target = (page.parent / path).resolve() if path else page
                assert target.is_file(), f"{page}: {url}"
                assert target.is_relative_to(folder.resolve()), url
                if fragment:
                    ids.setdefault(target, _ids(target))
                    assert fragment in ids[target], f"{page}: ancre {url}"


def _loaded_bytes(page: Path) -> int:
    """HTML + stylesheet + images the page loads (what a visitor downloads)."""
    root = _parse(page)
    total = page.stat().st_size
    for el in root.iter():
        if el.tag == "img" or (el.tag == "link" and el.attrs.get("rel") == "stylesheet"):
            url = el.attrs.get("src") or el.attrs.get("href") or ""
            total += (page.parent / url).stat().st_size
    return total


def test_page_weight_budget(site: tuple[Path, str, Palmares]) -> None:
    folder, _base, palmares = site
    pages = [_loaded_bytes(_folder(folder, lau) / "index.html") for lau in palmares.laureates]
    widgets = [_loaded_bytes(_folder(folder, lau) / "widget.html") for lau in palmares.laureates]
    print(f"page de vérification : {min(pages)}..{max(pages)} o ; vignette : {min(widgets)}..{max(widgets)} o")
    assert max(pages) < PAGE_BUDGET
    assert max(widgets) < WIDGET_BUDGET
    for page in _pages(folder):
        imgs = [el.attrs["src"] or "" for el in _parse(page).find_all("img")]
        assert all(src.endswith(".svg") for src in imgs), page
    assert (folder / "style.css").stat().st_size < 6_000


def _dl(root: Element) -> dict[str, str]:
    dts = [el.text() for el in root.find_all("dt")]
    dds = [el.text() for el in root.find_all("dd")]
    return dict(zip(dts, dds, strict=True))


def test_verification_page_says_everything(site: tuple[Path, str, Palmares]) -> None:
    folder, base, palmares = site
    lyon = palmares.get(2021, "ville-de-lyon")
    assert lyon is not None
    root = _parse(_folder(folder, lyon) / "index.html")
    assert root.find_all("h1")[0].text() == "Ville de Lyon"
    facts = _dl(root)
    assert facts["Type"] == "Commune" and facts["Département"] == "69" and facts["Code INSEE"] == "69123"
    assert facts["Distinction"].startswith("Niveau 3 sur 5 (trois marques copyleft")
    assert facts["Édition"] == "2021" and facts["Numéro d'attestation"] == lyon.certificate_number
    site_link = [a for a in root.find_all("a") if a.attrs["href"] == "https://www.lyon.fr"]
    assert len(site_link) == 1
    imgs = {img.attrs["src"]: img for img in root.find_all("img")}
    assert imgs["badge-mark-auto.svg"].attrs["alt"] == "Trois marques copyleft"
    assert imgs["badge-seal-auto.svg"].attrs["alt"] == \
        "Label Territoire Numérique Libre 2021 : Niveau 3 sur 5, Ville de Lyon"
    hrefs = {a.attrs["href"] for a in root.find_all("a")}
    for variant in VARIANTS:
        assert {f"badge-{variant}-light.svg", f"badge-{variant}-dark.png", f"badge-{variant}-dark@2x.png",
                f"badge-{variant}-auto.svg"} <= hrefs
    assert {"assertion.json", "credential.json", "badge-ob2.png", "badge-ob3.svg",
            "../../openbadges/issuer.json", "widget.html"} <= hrefs
    labels = {el.attrs["for"]: el.text() for el in root.find_all("label")}
    areas = root.find_all("textarea")
    assert len(areas) == 2 * len(VARIANTS) + 1
    for area in areas:
        assert area.attrs["id"] in labels and "readonly" in area.attrs
    snippet = parse_html(areas[0].text())
    assert snippet.find_all("a")[0].attrs["href"] == f"{base}/2021/ville-de-lyon/"
    assert snippet.find_all("img")[0].attrs["src"] == f"{base}/2021/ville-de-lyon/badge-seal-light.svg"


def test_mentions_are_said_in_words(site: tuple[Path, str, Palmares]) -> None:
    folder, _base, palmares = site
    ecrins = palmares.get(2025, "parc-national-des-ecrins")
    assert ecrins is not None
    facts = _dl(_parse(_folder(folder, ecrins) / "index.html"))
    assert facts["Mentions spéciales"] == "Meilleure première candidature, Mutualisation"
    assert facts["Distinction"].startswith("Label Bronze")


def test_year_page_groups_by_level_then_type(site: tuple[Path, str, Palmares]) -> None:
    folder, _base, palmares = site
    root = _parse(folder / "2021" / "index.html")
    assert [h.text() for h in root.find_all("h2")] == ["Niveau 4 sur 5 (1)", "Niveau 3 sur 5 (7)",
                                                        "Niveau 2 sur 5 (3)"]
    level3 = next(s for s in root.find_all("section") if s.attrs.get("aria-labelledby") == "niveau-3")
    assert [h.text() for h in level3.find_all("h3")] == ["Communes", "Intercommunalités", "Syndicats",
                                                         "Autres structures"]
    links = [a.attrs["href"] or "" for a in root.find_all("main")[0].find_all("a")]
    expected = sorted(f"{lau.slug}/index.html" for lau in palmares.by_year(2021))
    assert sorted(h for h in links if h.endswith("/index.html") and not h.startswith("..")) == expected
    current = [a for a in root.find_all("a") if a.attrs.get("aria-current") == "page"]
    assert [a.text() for a in current] == ["2021"]


def test_home_links_every_year(site: tuple[Path, str, Palmares]) -> None:
    folder, _base, palmares = site
    root = _parse(folder / "index.html")
    hrefs = [a.attrs["href"] or "" for a in root.find_all("main")[0].find_all("a")]
    years = [h for h in hrefs if re.fullmatch(r"\d{4}/index.html", h)]
    assert years == [f"{y}/index.html" for y in sorted(palmares.years(), reverse=True)]


def _fields(lau: Laureate) -> tuple[object, ...]:
    return (lau.name, lau.type, lau.distinction.id, lau.year, lau.department, lau.code,
            tuple(m.id for m in lau.mentions), lau.website, lau.short_name, lau.slug)


def test_open_data_csv_is_spreadsheet_friendly_and_reloads(site: tuple[Path, str, Palmares]) -> None:
    folder, _base, palmares = site
    data = (folder / "palmares-2025.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    header = EXAMPLE_CSV.read_text("utf-8-sig").splitlines()[0]
    assert data.decode("utf-8-sig").splitlines()[0] == header + ";statut;date_retrait;motif_retrait"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 1 + len(palmares.by_year(2025))
    reloaded = load_palmares(folder / "palmares-2025.csv")
    assert not reloaded.problems
    assert sorted(map(_fields, reloaded.laureates)) == sorted(map(_fields, palmares.by_year(2025)))


def test_open_data_json_reloads_and_points_to_pages(site: tuple[Path, str, Palmares]) -> None:
    folder, base, palmares = site
    data = json.loads((folder / "palmares-2021.json").read_text("utf-8"))
    lyon = next(e for e in data["laureats"] if e["nom"] == "Ville de Lyon")
    assert lyon["page_verification"] == f"{base}/2021/ville-de-lyon/" and lyon["niveau"] == 3
    assert lyon["numero_attestation"].startswith("TNL-2021-")
    reloaded = load_palmares(folder / "palmares-2021.json")
    assert not reloaded.errors
    assert sorted(map(_fields, reloaded.laureates)) == sorted(map(_fields, palmares.by_year(2021)))


def test_sitemap_and_robots(site: tuple[Path, str, Palmares]) -> None:
    folder, base, palmares = site
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(folder / "sitemap.xml").getroot()
    locs = [el.text for el in root.findall("s:url/s:loc", ns)]
    assert not root.findall("s:url/s:lastmod", ns)
    assert locs[0] == f"{base}/" and len(locs) == 1 + len(palmares.years()) + len(palmares.laureates)
    assert all(loc and loc.startswith(base + "/") and loc.endswith("/") for loc in locs)
    assert f"{base}/2021/ville-de-lyon/" in locs
    robots = (folder / "robots.txt").read_text("utf-8")
    assert f"Sitemap: {base}/sitemap.xml" in robots


def _css_vars(block: str) -> dict[str, Color]:
    return {m[0]: Color.parse(m[0], m[1], [0, 0, 0, 0]) for m in re.findall(r"--(\w+):(#[0-9a-f]{6})", block)}


def test_stylesheet_contrast_and_focus(site: tuple[Path, str, Palmares]) -> None:
    folder, _base, _p = site
    css = (folder / "style.css").read_text("utf-8")
    light_block, dark_block = css.split("@media (prefers-color-scheme:dark)", 1)
    for block in (light_block, dark_block.split("}}")[0]):
        colors = _css_vars(block)
        for fg in ("ink", "muted", "link"):
            assert contrast_ratio(colors[fg], colors["bg"]) >= 4.5, (fg, block[:80])
    assert ":focus-visible{outline:3px solid" in css
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


def _small_palmares(tmp: Path) -> Palmares:
    path = tmp / "petit.csv"
    path.write_text("nom;type;niveau;mentions;annee;site\n"
                    "Ville de Lyon;commune;3;;2021;https://www.lyon.fr\n"
                    "Parc national des Écrins;autre;bronze;Mutualisation;2025;\n", encoding="utf-8")
    return load_palmares(path)


def test_same_bytes_twice_whatever_the_number_of_processes(tmp_path: Path) -> None:
    palmares = _small_palmares(tmp_path)
    first = build_site(palmares, tmp_path / "a", "https://tnl.example.org")
    second = build_site(palmares, tmp_path / "b", "https://tnl.example.org", jobs=2)
    assert tree_hash(tmp_path / "a") == tree_hash(tmp_path / "b")
    assert [p.relative_to(tmp_path / "a") for p in first.files] == \
        [p.relative_to(tmp_path / "b") for p in second.files]
    again = build_site(palmares, tmp_path / "a", "https://tnl.example.org")
    assert not any("génération précédente" in n for n in again.notes)
    (tmp_path / "a" / "vieux.html").write_text("x")  # the user's: kept, and not counted as ours
    stale = build_site(palmares, tmp_path / "a", "https://tnl.example.org")
    assert not any("génération précédente" in n for n in stale.notes)
    assert (tmp_path / "a" / "vieux.html").read_text() == "x"


def test_bad_base_url_or_theme_is_a_french_error(tmp_path: Path) -> None:
    palmares = _small_palmares(tmp_path)
    with pytest.raises(InputError, match="--base-url « ftp://x.org »"):
        build_site(palmares, tmp_path / "s", "ftp://x.org")
    with pytest.raises(InputError, match="thème du site inconnu : « rose »"):
        build_site(palmares, tmp_path / "s", "https://x.org", theme="rose")


def test_without_open_badges_module_the_site_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tnl_signage.products.openbadges.publish", None)
    result = build_site(_small_palmares(tmp_path), tmp_path / "s", "https://x.org")
    assert any("Open Badges non publiés" in n for n in result.notes)
    page = (tmp_path / "s" / "2021" / "ville-de-lyon" / "index.html").read_text("utf-8")
    assert "Aucun Open Badge n'est publié" in page
    assert not (tmp_path / "s" / "2021" / "ville-de-lyon" / "assertion.json").exists()
    assert "Sitemap: https://x.org/sitemap.xml" in (tmp_path / "s" / "robots.txt").read_text()


def test_counts_say_distinctions_and_collectivites_apart(site: tuple[Path, str, Palmares]) -> None:
    """Issue 18 item 4: the example has 36 distinctions held by 25 collectivités (Boé has five, Échirolles four…)."""
    folder, _base, _palmares = site
    home = parse_html((folder / "index.html").read_text("utf-8"))
    lead = " ".join(p.text() for p in home.iter("p") if p.attrs.get("class") == "lead")
    assert lead.startswith("36 distinctions à 25 collectivités en 7 éditions.")
    description = next(m.attrs["content"] for m in home.iter("meta") if m.attrs.get("property") == "og:description")
    assert "36 distinctions à 25 collectivités" in (description or "")
    editions = [p.text() for p in home.iter("p") if p.text().endswith(" :") or p.text().endswith("\u00a0:")]
    assert editions[0].startswith("10 distinctions à 10 collectivités") and len(editions) == 7
    year = parse_html((folder / "2021" / "index.html").read_text("utf-8"))
    assert "11 distinctions à 11 collectivités en 2021" in " ".join(p.text() for p in year.iter("p"))
    data = json.loads((folder / "palmares-2025.json").read_text("utf-8"))
    assert data["comptes"] == {"distinctions": 10, "collectivites": 10, "distinctions_retirees": 0}
    assert {e["statut"] for e in data["laureats"]} == {"en vigueur"} and "date_retrait" not in data["laureats"][0]
