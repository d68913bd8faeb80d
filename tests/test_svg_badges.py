"""Badges as users and their tools see them: parsed SVG structure, accessible names, weight, determinism."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET

import pytest

from tnl_signage.domain.model import Laureate
from tnl_signage.inputs.palmares import load_palmares
from tnl_signage.inputs.rows import make_laureate
from tnl_signage.layout.badges import VARIANTS, BadgeContent, badge_scene
from tnl_signage.products.badges import badge
from tnl_signage.writers import render

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def parse(data: bytes) -> ET.Element:
    return ET.fromstring(data)


@pytest.fixture(scope="module")
def echirolles() -> Laureate:
    return make_laureate(name="Ville d'Échirolles", level="5", year=2022, type="commune")


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("theme_name", ["light", "dark"])
def test_svg_is_outlined_accessible_and_self_contained(echirolles: Laureate, variant: str, theme_name: str) -> None:
    data = render(badge(echirolles, variant=variant, theme=theme_name).scene, "svg")
    root = parse(data)
    assert root.get("role") == "img"
    assert root.get("lang") == "fr"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == "Label Territoire Numérique Libre 2022 : Niveau 5 sur 5, Ville d'Échirolles"
    assert "cinq marques copyleft" in (desc.text or "")
    assert "ADULLACT" in (desc.text or "")
    tags = {el.tag.replace(SVG, "") for el in root.iter()}
    assert "text" not in tags and "script" not in tags and "image" not in tags
    assert "foreignObject" not in tags
    for el in root.iter():
        for key, value in el.attrib.items():
            if key in (XLINK, "href"):
                assert value.startswith("#"), f"référence externe : {value}"
            assert not key.startswith("on"), f"attribut d'événement : {key}"
            assert "url(" not in value or "url(#" in value


def test_glyphs_and_marks_are_defined_once_and_reused(echirolles: Laureate) -> None:
    root = parse(render(badge(echirolles, variant="seal").scene, "svg"))
    defs = root.find(f"{SVG}defs")
    assert defs is not None
    ids = [p.get("id") for p in defs]
    assert len(ids) == len(set(ids))
    uses = [u.get(XLINK) for u in root.iter(f"{SVG}use")]
    # « Ville d'Échirolles » repeats l, e, i; five marks share one symbol
    assert sum(1 for u in uses if u.startswith("#copyleft")) == 5
    assert len(uses) > len(ids)
    assert all(u[1:] in ids for u in uses)


def test_same_input_same_bytes(echirolles: Laureate) -> None:
    first = [render(badge(echirolles, variant=v, theme=t).scene, k) for v in VARIANTS for t in ("light", "dark")
             for k in ("svg", "png")]
    again = [render(badge(echirolles, variant=v, theme=t).scene, k) for v in VARIANTS for t in ("light", "dark")
             for k in ("svg", "png")]
    assert first == again


def test_every_example_seal_weighs_at_most_5_kb_gzipped(example_csv) -> None:  # type: ignore[no-untyped-def]
    palmares = load_palmares(example_csv)
    sizes = {}
    for laureate in palmares.laureates:
        data = render(badge(laureate, variant="seal").scene, "svg")
        sizes[laureate.name] = len(gzip.compress(data, 9))
    heaviest = max(sizes.items(), key=lambda item: item[1])
    assert heaviest[1] <= 5 * 1024, heaviest


def test_mentions_are_written_on_seal_and_banner(scales) -> None:  # type: ignore[no-untyped-def]
    mention = scales.find_mention("mutualisation")
    content = BadgeContent(scales.find_distinction("or"), 2025, "Parc national des Écrins", mentions=(mention,))
    from tnl_signage.domain.theme import load_theme

    for variant in ("seal", "banner"):
        scene = badge_scene(variant, content, load_theme("light")).scene
        spans = [s.text for node in scene.walk() for s in getattr(node, "spans", ())]
        assert any("Mutualisation" in text for text in spans), spans
        assert "Mention spéciale «\u00a0Mutualisation\u00a0»" in scene.desc


def test_generic_badge_without_name_says_distinction(scales, light) -> None:  # type: ignore[no-untyped-def]
    scene = badge_scene("seal", BadgeContent(scales.find_distinction("badge"), 2025), light).scene
    assert scene.title == "Label Territoire Numérique Libre 2025 : Badge"
    spans = [s.text for node in scene.walk() for s in getattr(node, "spans", ())]
    assert "Badge" in spans and "2025" in spans


def test_png_has_exact_requested_size(echirolles: Laureate) -> None:
    from tests.conftest import png_image

    banner = badge(echirolles, variant="banner").scene
    assert png_image(render(banner, "png")).size == (400, 100)
    assert png_image(render(banner, "png", size=1000)).size == (1000, 250)
    button = badge(echirolles, variant="button").scene
    assert png_image(render(button, "png")).size == (88, 31)
    assert png_image(render(button, "png", size=176)).size == (176, 62)


@pytest.mark.parametrize("value", ['Ville d\'<script>alert(1)</script> & "Cie"\n\t\r', "Saint-Martin-d'Hères"])
def test_svg_text_and_attributes_are_escaped(value: str) -> None:
    """The SVG is assembled from text fragments: hostile text in a title, a description and a layer name
    must come back unchanged once parsed (a carriage return in text becomes a line feed, as XML says)."""
    import xml.etree.ElementTree as ET

    from tnl_signage.drawing.scene import Group, Rect, Scene
    from tnl_signage.writers.svg import to_svg

    svg = to_svg(Scene(10, 10, Group((Group((Rect(0, 0, 1, 1),), id=value),)), value, value))
    root = ET.fromstring(svg)
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert root.findtext("s:title", namespaces=ns) == value.replace("\r", "\n")
    assert root.findtext("s:desc", namespaces=ns) == value.replace("\r", "\n")
    layer = root.find("s:g", ns)
    assert layer is not None and layer.get("id") == value
