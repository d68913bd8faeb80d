"""Snippets and the auto badge: what a webmaster pastes, parsed; hostile names stay inert text."""

from __future__ import annotations

import io

import pytest
from markdown_it import MarkdownIt
from PIL import Image, ImageChops

from tests.web_harness import event_handler_attributes, parse_html
from tnl_signage.domain.model import Laureate
from tnl_signage.domain.theme import load_theme
from tnl_signage.domain.urls import check_base_url, safe_http_url
from tnl_signage.errors import InputError
from tnl_signage.inputs.rows import make_laureate
from tnl_signage.layout.badges import VARIANTS
from tnl_signage.products.auto_badge import auto_badge, color_names, palette_css
from tnl_signage.products.badges import badge
from tnl_signage.products.snippets import alt_text, markdown_text, snippets
from tnl_signage.writers.svg import to_svg

BASE = "https://palmares.example.org/tnl"
HOSTILE_NAMES = [
    "<script>alert(1)</script>",
    "Ville \"d'Ici\" ' \"><img src=x onerror=alert(1)>",
    "</title><script>alert(2)</script>",
    "</textarea><b>gras</b> & [lien](javascript:alert(3)) *x* _y_ `z` \\",
    "{{ 7*7 }} {% raw %} ${7*7}",
]


@pytest.fixture(scope="module")
def lyon() -> Laureate:
    return make_laureate(name="Ville de Lyon", level="3", year=2021, department="69",
                           website="https://www.lyon.fr")


@pytest.fixture(scope="module")
def ecrins() -> Laureate:
    return make_laureate(name="Parc national des Écrins", level="bronze", year=2025, type="autre",
                           mentions="premiere-candidature|mutualisation")


def _only(root, tag):  # type: ignore[no-untyped-def]
    found = root.find_all(tag)
    assert len(found) == 1, f"{len(found)} <{tag}>"
    return found[0]


@pytest.mark.parametrize("variant", VARIANTS)
def test_html_snippet_is_a_linked_image_with_french_alt(lyon: Laureate, variant: str) -> None:
    code = snippets(lyon, BASE, variant, "light")
    root = parse_html(code["html"])
    link, img = _only(root, "a"), _only(root, "img")
    assert link.attrs["href"] == f"{BASE}/2021/ville-de-lyon/"
    assert img.attrs["src"] == f"{BASE}/2021/ville-de-lyon/badge-{variant}-light.svg"
    assert img.attrs["alt"] == "Label Territoire Numérique Libre 2021 : Niveau 3 sur 5, Ville de Lyon"
    w, h = badge(lyon, variant=variant).scene.px_size  # type: ignore[misc]
    assert (img.attrs["width"], img.attrs["height"]) == (str(w), str(h))


def test_markdown_snippet_renders_to_the_same_link(ecrins: Laureate) -> None:
    code = snippets(ecrins, BASE, "banner", "dark")
    root = parse_html(MarkdownIt("commonmark").render(code["markdown"]))
    assert _only(root, "a").attrs["href"] == f"{BASE}/2025/parc-national-des-ecrins/"
    img = _only(root, "img")
    assert img.attrs["src"] == f"{BASE}/2025/parc-national-des-ecrins/badge-banner-dark.svg"
    assert img.attrs["alt"] == "Label Territoire Numérique Libre 2025 : Label Bronze, Parc national des Écrins"


def test_svg_snippet_is_the_inline_badge_in_a_link(lyon: Laureate) -> None:
    code = snippets(lyon, BASE, "button", "auto")
    root = parse_html(code["svg"])
    assert _only(root, "a").attrs["href"] == f"{BASE}/2021/ville-de-lyon/"
    svg = _only(root, "svg")
    assert svg.attrs["role"] == "img" and svg.attrs["width"] == "88"
    assert _only(root, "title").text() == alt_text(lyon)
    assert "prefers-color-scheme:dark" in _only(root, "style").text()


def test_iframe_snippet_points_to_the_widget(lyon: Laureate) -> None:
    frame = _only(parse_html(snippets(lyon, BASE, "seal")["iframe"]), "iframe")
    assert frame.attrs["src"] == f"{BASE}/2021/ville-de-lyon/widget.html"
    assert frame.attrs["title"].startswith(alt_text(lyon))


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_stay_text_in_every_snippet(name: str) -> None:
    lau = make_laureate(name=name, level="or", year=2025)
    code = snippets(lau, BASE, "seal", "light")
    for kind in ("html", "svg", "iframe"):
        root = parse_html(code[kind])
        assert not root.find_all("script"), kind
        assert not root.find_all("b"), kind
        assert event_handler_attributes(root) == [], kind
        assert [el.tag for el in root.iter() if el.tag in ("img", "a", "iframe")].count("img") <= 1
    assert _only(parse_html(code["html"]), "img").attrs["alt"] == alt_text(lau)
    assert _only(parse_html(code["svg"]), "title").text() == " ".join(alt_text(lau).split())
    rendered = parse_html(MarkdownIt("commonmark").render(code["markdown"]))
    assert not rendered.find_all("script") and not rendered.find_all("b")
    assert event_handler_attributes(rendered) == []
    assert [a.attrs["href"] for a in rendered.find_all("a")] == [f"{BASE}/2025/{lau.slug}/"]
    assert _only(rendered, "img").attrs["alt"] == " ".join(alt_text(lau).split())


def test_markdown_text_escapes_link_and_tag_syntax() -> None:
    assert markdown_text("a [b](c) <d> *e*") == r"a \[b\]\(c\) \<d\> \*e\*"


def test_unknown_variant_or_theme_is_a_french_error(lyon: Laureate) -> None:
    with pytest.raises(InputError, match="variante de badge inconnue : « rond »"):
        snippets(lyon, BASE, "rond")
    with pytest.raises(InputError, match="thème de badge inconnu : « rose »"):
        snippets(lyon, BASE, "seal", "rose")


def test_site_urls_are_only_http() -> None:
    with pytest.raises(InputError):
        make_laureate(name="X", level="1", year=2020, website="javascript:alert(1)")
    for bad in ("javascript:alert(1)", "data:text/html,x", "java\tscript:x", "//evil.org", "ftp://x.org", ""):
        assert safe_http_url(bad) is None, bad
    assert safe_http_url("https://www.lyon.fr/a?b=1") == "https://www.lyon.fr/a?b=1"
    assert check_base_url("https://x.org/tnl/") == "https://x.org/tnl"
    for bad in ("x.org", "javascript:x", "https://x.org/?q=1", "https://x .org"):
        with pytest.raises(InputError, match="--base-url"):
            check_base_url(bad)


# ------------------------------------------------------------------------------------------------------------
# The auto badge: light geometry + classes, recoloured by CSS.


@pytest.mark.parametrize("variant", VARIANTS)
def test_light_and_dark_badges_share_their_geometry(lyon: Laureate, ecrins: Laureate, variant: str) -> None:
    for lau in (lyon, ecrins):
        light = badge(lau, variant=variant, theme="light").scene
        dark = badge(lau, variant=variant, theme="dark").scene
        assert to_svg(light, color_classes=True) == to_svg(dark, color_classes=True)


def test_auto_css_gives_both_palettes_by_name(ecrins: Laureate) -> None:
    scene = auto_badge(ecrins, variant="seal").scene
    light, dark = load_theme("light"), load_theme("dark")
    css = palette_css(scene, light, dark)
    head, media = css.split("@media (prefers-color-scheme:dark)")
    fills, strokes = color_names(scene)
    assert "metal_bronze" in fills and "frame" in strokes
    for name in fills:
        assert f".f-{name}{{fill:{light.color(name).hex}}}" in head
        assert f".f-{name}{{fill:{dark.color(name).hex}}}" in media
    for name in strokes:
        assert f".s-{name}{{stroke:{dark.color(name).hex}}}" in media
    svg = auto_badge(ecrins, variant="seal").to_bytes("svg").decode()
    assert f"<![CDATA[{css}]]>" in svg
    assert "<script" not in svg and ' fill="#' not in svg


def _png(svg: str, size: tuple[int, int]) -> Image.Image:
    import cairosvg

    data = cairosvg.svg2png(bytestring=svg.encode(), output_width=size[0], output_height=size[1])
    return Image.open(io.BytesIO(data)).convert("RGBA")


def test_auto_badge_draws_like_the_light_badge_without_dark_preference(ecrins: Laureate) -> None:
    auto = auto_badge(ecrins, variant="seal")
    scene = auto.scene
    assert scene.px_size is not None
    # Both published SVGs through one SVG engine: the colours come from the stylesheet in one, from
    # attributes in the other, and nothing else differs.
    light_png = _png(to_svg(badge(ecrins, variant="seal", theme="light").scene), scene.px_size)
    auto_png = _png(auto.to_bytes("svg").decode(), scene.px_size)
    assert ImageChops.difference(light_png, auto_png).getbbox() is None
