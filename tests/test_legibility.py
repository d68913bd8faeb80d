"""Signs read at their real distance: OCR at 1 px per arcminute, distinctions apart in greyscale, a plain zero,
every character drawn, and any W x H laid out without overlap with the year and distinction at their minimum."""

from __future__ import annotations

import io
import itertools
import math
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops

from tnl_signage.cli import cli
from tnl_signage.domain.scales import ScaleBook
from tnl_signage.domain.theme import Theme
from tnl_signage.drawing.marks import marks_group, medal_size
from tnl_signage.drawing.scene import Group, Scene, Use
from tnl_signage.drawing.text import get_face
from tnl_signage.drawing.text.fonts import FALLBACK_BASE
from tnl_signage.inputs.rows import make_laureate
from tnl_signage.layout.badges import BadgeContent, badge_scene
from tnl_signage.layout.certificate import certificate_scene
from tnl_signage.layout.legibility import cap_ratio, glance_mm, minimums, threshold_mm
from tnl_signage.layout.print_layout import print_scene
from tnl_signage.writers import render
from tnl_signage.writers.proof import proof_image

from .print_helpers import content, get_format, group_by_id, inside, node_bounds, overlaps, safe_box
from .test_print_layout import _check_placement

LEVELS = [("1", 2020), ("2", 2020), ("3", 2020), ("4", 2020), ("5", 2020),
          ("badge", 2025), ("bronze", 2025), ("argent", 2025), ("or", 2025)]
WORD = {"badge": "Badge", "bronze": "Bronze", "argent": "Argent", "or": "Or"}
PANEL = get_format("800x400", "panel")
needs_tesseract = pytest.mark.tool("tesseract")


def at_distance(scene: Scene, distance_m: float = 20.0) -> Image.Image:
    """The proof in greyscale as an eye resolves it from `distance_m`: one pixel per arcminute."""
    mm_per_px = distance_m * 1000 * math.tan(math.radians(1 / 60))
    image = proof_image(scene, size=800).convert("L")
    return image.resize((round(scene.width / mm_per_px), round(scene.height / mm_per_px)), Image.LANCZOS)


def ocr(image: Image.Image, psm: str = "3") -> str:
    """Tesseract (French) on the image enlarged four times (enlarging adds no detail, it only suits the OCR)."""
    big = image.resize((image.width * 4, image.height * 4), Image.BICUBIC)
    buf = io.BytesIO()
    big.save(buf, "PNG")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # one thread: faster on a shared machine
    out = subprocess.run(["tesseract", "stdin", "stdout", "-l", "fra", "--psm", psm], input=buf.getvalue(),
                         capture_output=True, check=True, env=env).stdout
    return " ".join(out.decode().split())


def panel(scales: ScaleBook, theme: Theme, level: str, year: int, name: str | None = "Ville de Boé") -> Scene:
    return print_scene("panel", content(scales, level, year, name=name), PANEL, theme).scene


# --- The rule ----------------------------------------------------------------------------------------------

def test_reading_distance_is_data_and_gives_the_letter_heights() -> None:
    assert (PANEL.reading_distance, get_format("300x200", "plaque").reading_distance,
            get_format("A2", "poster").reading_distance) == (20.0, 2.0, 4.0)
    assert get_format("900x450", "panel").reading_distance == 20.0  # a custom size takes its family's
    assert threshold_mm(20) == pytest.approx(29.09, abs=0.01)  # 5 arcminutes at 20 m
    assert glance_mm(20) == pytest.approx(55.56, abs=0.01)  # 1 inch per 30 feet


@pytest.mark.parametrize(("name", "level", "year"),
                         [("800x400", level, year) for level, year in LEVELS]
                         + [(name, level, year) for name in ("700x350", "1000x500", "1200x600")
                            for level, year in (("5", 2020), ("argent", 2025))])
def test_shipped_panels_keep_year_and_distinction_at_the_glance_size(scales: ScaleBook, light: Theme, name: str,
                                                                     level: str, year: int) -> None:
    fmt = get_format(name, "panel")
    mentions = ("premiere-candidature", "sobriete") if year == 2025 else ()
    result = print_scene("panel", content(scales, level, year, name="Commune de Saint-Étienne-du-Rouvray",
                                          mentions=mentions), fmt, light)
    assert not [n for n in result.notes if "trop petit" in n], result.notes
    short = print_scene("panel", content(scales, level, year, name="Ville de Boé"), fmt, light)
    _check_placement(short.scene, fmt)  # room to spare: the marks grow, never into the text
    _check_placement(result.scene, fmt)
    caps = _caps(result.scene)
    assert _caps(short.scene)["year"] == pytest.approx(caps["year"], rel=1e-3)  # one year size per format
    assert caps["year"] >= glance_mm(20) * 0.999 and caps["distinction"] >= glance_mm(20) * 0.999, caps
    assert caps["year"] == max(caps.values()), caps  # the year is the largest text
    # What was earned reads at least as well as the boilerplate.
    assert caps.get("mentions", caps["footer"]) >= caps["footer"], caps


def _caps(scene: Scene) -> dict[str, float]:
    """Cap height (mm) of each text layer, from the size its lines were set at."""
    out = {}
    for gid in ("label", "distinction", "year", "name", "mentions", "footer", "awarded"):
        group = group_by_id(scene, gid)
        spans = [s for node in ([group] if group else []) for s in _spans(node)]
        if spans:
            out[gid] = min(s.size * cap_ratio(Path(s.font_path)) for s in spans)
    return out


def _spans(node: Group) -> list:  # type: ignore[type-arg]
    found = list(node.spans)
    for child in node.children:
        if isinstance(child, Group):
            found += _spans(child)
    return found


def test_label_name_once_and_name_optional_on_a_road_panel(scales: ScaleBook, light: Theme) -> None:
    scene = panel(scales, light, "or", 2025, name=None)
    words = " ".join(s.text for n in scene.walk() if isinstance(n, Group) for s in n.spans)
    assert words.count(light.word("label")) == 1, words
    assert group_by_id(scene, "name") is None and "2025" in words and "Label Or" in words


# --- Seen from 20 m --------------------------------------------------------------------------------------------

@needs_tesseract
@pytest.mark.parametrize(("level", "year"), LEVELS)
def test_ocr_reads_year_and_distinction_at_20_m(scales: ScaleBook, light: Theme, level: str, year: int) -> None:
    seen = at_distance(panel(scales, light, level, year))
    expected = (str(year), WORD.get(level, f"Niveau {level} sur 5").replace(" ", ""))
    text = ocr(seen)  # automatic page segmentation, then sparse text: either reading counts
    if not all(word in text.replace(" ", "") for word in expected):
        text += " | " + ocr(seen, psm="11")
    assert all(word in text.replace(" ", "") for word in expected), text


@pytest.mark.parametrize("theme_name", ["light", "dark"])
def test_2025_distinctions_differ_in_greyscale_at_20_m(scales: ScaleBook, theme_name: str, request) -> None:  # type: ignore[no-untyped-def]
    theme = request.getfixturevalue(theme_name)
    seen = {level: at_distance(panel(scales, theme, level, 2025)) for level in WORD}
    for a, b in itertools.combinations(seen, 2):
        diff = ImageChops.difference(seen[a], seen[b])
        share = sum(1 for v in diff.tobytes() if v > 32) / (diff.width * diff.height)
        assert share > 0.05, (a, b, share)  # the old medals differed by 0.8 to 1.5 %, now by 6.5 to 23 %


def test_medal_parts_never_touch(scales: ScaleBook, light: Theme) -> None:
    """Medal, copyleft ring and stars are apart: no ♀ (a dot on a ring), no face."""
    for level in WORD:
        group = marks_group(scales.find_distinction(level), light, 0, 0, 128, 146)
        d = medal_size(128, 146)
        medal, _mark, *stars = group.children
        assert isinstance(medal, Use)
        medal_bottom = medal.y + d / 2
        for star in stars:
            b = node_bounds(Group((star,)))
            assert b is not None and b[1] > medal_bottom + d * 0.05, (level, b, medal_bottom)
        xs = sorted(node_bounds(Group((s,))) for s in stars)  # type: ignore[type-var]
        for left, right in itertools.pairwise(xs):
            assert right[0] - left[2] > d * 0.05, (level, xs)
        assert len(stars) == {"badge": 0, "bronze": 1, "argent": 2, "or": 3}[level]


def test_copyleft_marks_have_one_size_per_box(scales: ScaleBook, light: Theme) -> None:
    sizes = {marks_group(scales.find_distinction(str(n)), light, 0, 0, 300, 150).children[0].scale  # type: ignore[union-attr]
             for n in range(1, 6)}
    assert len(sizes) == 1, sizes


# --- The zero and every character --------------------------------------------------------------------------------

def _zero_centres(scene: Scene, font: Path) -> list[tuple[float, float]]:
    """Centre (mm) of every zero glyph drawn with `font`."""
    face = get_face(font)
    gid = face.shape("0")[0].gid
    x0, y0, x1, y1 = face.glyph_bounds(gid)  # type: ignore[misc]
    symbol = face.symbol(gid)
    return [(u.x + u.scale * (x0 + x1) / 2, u.y - u.scale * (y0 + y1) / 2)
            for u in scene.walk() if isinstance(u, Use) and u.symbol is symbol]


def _background_at(image: Image.Image, scene: Scene, points: list[tuple[float, float]],
                   ground: tuple[int, ...]) -> None:
    k = image.width / scene.width
    for x, y in points:
        pixel = image.getpixel((round(x * k), round(y * k)))
        assert sum(abs(a - b) for a, b in zip(pixel, ground, strict=False)) < 40, (x, y, pixel)  # type: ignore[arg-type]


@pytest.mark.parametrize("theme_name", ["light", "dark"])
def test_year_zero_has_an_empty_counter_on_panels_and_certificates(scales: ScaleBook, theme_name: str,
                                                                   request) -> None:  # type: ignore[no-untyped-def]
    theme = request.getfixturevalue(theme_name)
    ground = theme.color("background").rgb
    scene = panel(scales, theme, "argent", 2025)
    scene20 = panel(scales, theme, "3", 2020)
    for s in (scene, scene20):
        zeros = _zero_centres(s, theme.font_bold)
        assert zeros, "the year has a zero"
        _background_at(proof_image(s, size=1600), s, zeros, ground)
    laureate = make_laureate(name="Ville de Boé", level="or", year=2025)
    cert = certificate_scene(laureate, theme).scene
    zeros = _zero_centres(cert, theme.font_regular) + _zero_centres(cert, theme.font_bold)
    assert zeros
    image = Image.open(io.BytesIO(render(cert, "png", size=2400))).convert("RGB")
    _background_at(image, cert, zeros, ground)


NAMES = ["Saint\u2011Denis\u202f2", "Faʻaʻā", "Ville de Saint\u2011Étienne"]


@pytest.mark.parametrize("name", NAMES)
def test_no_notdef_glyph_for_rare_characters(scales: ScaleBook, light: Theme, name: str) -> None:
    """U+2011, U+202F and ʻ come from the fallback font: drawn, never the empty box (glyph 0)."""
    laureate = make_laureate(name=name, level="or", year=2025)
    scenes = [badge_scene(v, BadgeContent(scales.find_distinction("or"), 2025, name), light).scene
              for v in ("seal", "banner")]
    scenes += [panel(scales, light, "or", 2025, name=name), certificate_scene(laureate, light).scene]
    for scene in scenes:
        ids = [u.symbol.id for u in scene.walk() if isinstance(u, Use)]
        assert not [i for i in ids if i.endswith("-0")], ids
        numbers = [int(i.rsplit("-", 1)[-1]) for i in ids if i.rsplit("-", 1)[-1].isdigit()]
        fallback = [n for n in numbers if n >= FALLBACK_BASE]
        assert fallback, "the rare characters are drawn by the fallback font"


def test_non_breaking_hyphen_never_breaks_and_spaces_win_over_hyphens(light: Theme) -> None:
    from tnl_signage.drawing.text import fit_text
    face = get_face(light.font_bold)
    fitted = fit_text(face, "Commune de Saint-Étienne-du-Rouvray", 60, 30, max_size=6, min_size=1, max_lines=3)
    assert fitted is not None
    assert [line.text for line in fitted.lines][-1].startswith("Saint-Étienne-du-Rouvray"), fitted.lines
    tight = fit_text(face, "Saint\u2011Étienne\u2011du\u2011Rouvray", 20, 30, max_size=6, min_size=0.1, max_lines=3)
    assert tight is not None and len(tight.lines) == 1


def test_check_warns_for_a_character_no_font_has(tmp_path: Path) -> None:
    palmares = tmp_path / "palmares.csv"
    palmares.write_text("nom;type;niveau;annee\nFaʻaʻā;commune;or;2025\nVille \u4e2d;commune;or;2025\n",
                        encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(palmares)])
    assert result.exit_code == 0, result.output
    assert "palmares.csv, ligne 3, champ « nom » : valeur « Ville \u4e2d »" in result.output
    assert "U+4E2D" in result.output and "avertissement" in result.output
    assert "ligne 2" not in result.output  # ʻ has a fallback glyph: no warning


# --- Any size ----------------------------------------------------------------------------------------------------

@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(w=st.floats(50, 5000), h=st.floats(50, 5000), level=st.sampled_from(["1", "5", "badge", "bronze", "or"]),
       family=st.sampled_from(["panel", "plaque", "poster"]), mentions=st.booleans())
def test_any_size_keeps_everything_apart_and_readable(scales: ScaleBook, light: Theme, w: float, h: float,
                                                      level: str, family: str, mentions: bool) -> None:
    fmt = get_format(f"{w:.0f}x{h:.0f}", family)
    year = 2020 if level.isdigit() else 2025
    chosen = ("premiere-candidature", "sobriete") if mentions and year == 2025 else ()
    url = "https://territoire-numerique-libre.org/2025/ville-de-boe/" if family != "panel" else None
    result = print_scene(family, content(scales, level, year, mentions=chosen), fmt, light, qr_url=url)
    found = {}
    for gid in ("label", "year", "distinction", "marks", "awarded", "name", "mentions", "footer", "qr"):
        group = group_by_id(result.scene, gid)
        b = node_bounds(group) if group is not None else None
        if b is None:
            continue
        assert inside(b, safe_box(fmt)), (gid, b, safe_box(fmt))
        found[gid] = b
    for a, b in itertools.combinations(found, 2):
        assert not overlaps(found[a], found[b]), (a, found[a], b, found[b])
    caps = _caps(result.scene)
    need = minimums(fmt.reading_distance).primary
    small = [n for n in result.notes if "trop petit" in n]
    for key in ("year", "distinction"):
        assert caps[key] >= need * 0.999 or small, (key, caps, result.notes)
    assert caps["year"] >= max(v for k, v in caps.items() if k != "distinction") * 0.999 or small, caps
    if "awarded" in caps and "name" in caps:
        assert caps["awarded"] <= caps["name"] * 1.001, caps
