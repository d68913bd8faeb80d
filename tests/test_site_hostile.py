"""Hostile palmarès values come out inert: no script, no handler, no javascript: link, the text shown as text."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

from tests.web_harness import Element, event_handler_attributes, parse_html
from tnl_signage.domain.model import Laureate, Palmares
from tnl_signage.inputs.palmares import load_palmares
from tnl_signage.inputs.rows import make_laureate
from tnl_signage.products.snippets import alt_text
from tnl_signage.publishing.site import SiteResult, build_site

BASE = "https://tnl.example.org"
HOSTILE = [
    "<script>alert(1)</script>",
    "Ville \"d'Ici\" '><img src=x onerror=alert(1)>",
    "</title><script>alert(2)</script> Bourg",
    "</textarea><b>gras</b> & [x](javascript:alert(3)) {{ 7*7 }}",
    "=HYPERLINK(\"http://evil.example\",\"clic\")",
    "+33 Ville",
    "-Ville moins",
    "@SOMME(A1)",
]
REJECTED = [
    ("Ville Site", "javascript:alert(1)"),
    ("Ville Data", "data:text/html,<script>alert(1)</script>"),
    ("Ville \u202eLIAM", ""),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Palmares, SiteResult, Laureate]:
    tmp = tmp_path_factory.mktemp("hostile")
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    writer.writerow(["nom", "type", "niveau", "annee", "site"])
    for i, name in enumerate(HOSTILE):
        writer.writerow([name, "commune", "or" if i % 2 else "3", "2025" if i % 2 else "2023", ""])
    for name, site in REJECTED:
        writer.writerow([name, "commune", "2", "2022", site])
    path = tmp / "hostile.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    palmares = load_palmares(path)
    # A laureate whose site slipped past the model (built by hand): the page must still refuse the link.
    sneaky = replace(make_laureate(name="Ville Sournoise", level="2", year=2022),
                     website="javascript:alert(4)")
    palmares = replace(palmares, laureates=(*palmares.laureates, sneaky))
    out = tmp / "site"
    result = build_site(palmares, out, BASE)
    return out, palmares, result, sneaky


def test_model_rejects_script_urls_and_bidi_controls(built: tuple[Path, Palmares, SiteResult, Laureate]) -> None:
    _out, palmares, _result, _sneaky = built
    names = {lau.name for lau in palmares.laureates}
    assert {n for n, _ in REJECTED}.isdisjoint(names)
    fields = sorted(p.field or "" for p in palmares.errors)
    assert fields == ["nom", "site", "site"]


def _pages(out: Path) -> list[tuple[Path, Element]]:
    return [(p, parse_html(p.read_text("utf-8"))) for p in sorted(out.rglob("*.html"))]


def test_no_script_handler_or_script_url_in_any_page(built: tuple[Path, Palmares, SiteResult, Laureate]) -> None:
    out, _p, _r, _s = built
    pages = _pages(out)
    assert len(pages) > 2 * len(HOSTILE)
    for path, root in pages:
        assert not root.find_all("script"), path
        assert not root.find_all("b"), path
        assert event_handler_attributes(root) == [], path
        assert [el.tag for el in root.iter("img") if el.attrs.get("src") == "x"] == [], path
        for el in root.iter():
            for attr in ("href", "src", "action"):
                value = (el.attrs.get(attr) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (path, value)
    # CSV cells are data for a spreadsheet, which runs no HTML; Open Badges JSON is checked by its own tests.
    open_badges = {"assertion.json", "credential.json"}
    for path in out.rglob("*"):
        if path.suffix in (".html", ".svg", ".json", ".xml") and path.name not in open_badges:
            assert b"<script" not in path.read_bytes(), path


def test_names_are_shown_as_text(built: tuple[Path, Palmares, SiteResult, Laureate]) -> None:
    out, palmares, _r, _s = built
    for lau in palmares.laureates:
        folder = out / str(lau.year) / lau.slug
        page = parse_html((folder / "index.html").read_text("utf-8"))
        assert page.find_all("h1")[0].text() == lau.name
        assert lau.name in page.find_all("title")[0].text()
        code = parse_html(page.find_all("textarea")[0].text())
        assert not code.find_all("script") and event_handler_attributes(code) == []
        assert code.find_all("img")[0].attrs["alt"] == alt_text(lau)
        widget = parse_html((folder / "widget.html").read_text("utf-8"))
        assert widget.find_all("h1")[0].text() == lau.name
        svg = ET.parse(folder / "badge-seal-auto.svg").getroot()
        title = svg.find("{http://www.w3.org/2000/svg}title")
        assert title is not None and title.text == alt_text(lau)
        year = parse_html((out / str(lau.year) / "index.html").read_text("utf-8"))
        assert lau.name in [a.text() for a in year.find_all("a")]


def test_site_outside_http_never_becomes_a_link(built: tuple[Path, Palmares, SiteResult, Laureate]) -> None:
    out, _p, result, sneaky = built
    page = parse_html((out / "2022" / sneaky.slug / "index.html").read_text("utf-8"))
    assert all(not (a.attrs.get("href") or "").startswith("javascript") for a in page.find_all("a"))
    assert "Site" not in [dt.text() for dt in page.find_all("dt")]
    assert any("adresse de site ignorée" in n for n in result.notes)


def test_open_data_defuses_formulas_and_keeps_names(built: tuple[Path, Palmares, SiteResult, Laureate]) -> None:
    out, palmares, _r, _s = built
    cells = {row[0] for row in csv.reader(io.StringIO((out / "palmares-2025.csv").read_text("utf-8-sig")),
                                          delimiter=";")}
    cells |= {row[0] for row in csv.reader(io.StringIO((out / "palmares-2023.csv").read_text("utf-8-sig")),
                                           delimiter=";")}
    for name in HOSTILE:
        expected = "'" + name if name[0] in "=+-@" else name
        assert expected in cells, name
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    names = {e["nom"] for y in (2023, 2025) for e in json.loads((out / f"palmares-{y}.json").read_text())["laureats"]}
    assert set(HOSTILE) <= names
