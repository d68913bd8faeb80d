"""Print layouts: everything readable inside the safe area and out of the holes, background into the bleed,
the layout adapting to the ratio, and any name (1-120 characters) kept in the safe area or reported."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tnl_signage.domain.formats import PrintFormat, load_formats
from tnl_signage.domain.scales import ScaleBook
from tnl_signage.domain.theme import Theme, load_theme
from tnl_signage.drawing.scene import Circle, Use
from tnl_signage.layout.print_layout import FAMILIES, print_scene

from .print_helpers import Bounds, content, get_format, group_by_id, inside, node_bounds, overlaps, safe_box

CONTENT_GROUPS = ("label", "year", "distinction", "marks", "awarded", "name", "mentions", "footer")
SHIPPED = [(f.family, f.name) for f in load_formats().formats]
CUSTOM = [("panel", "900x450"), ("panel", "2000x300"), ("panel", "400x800"), ("plaque", "150x100"),
          ("plaque", "500x500"), ("poster", "300x1200"), ("poster", "1189x841"), ("poster", "50x50")]


def _hole_zones(fmt: PrintFormat) -> list[Bounds]:
    if fmt.holes is None:
        return []
    r = fmt.holes.diameter / 2
    return [(x - r, y - r, x + r, y + r) for x, y in fmt.holes.centres(fmt.width, fmt.height)]


def _check_placement(scene, fmt: PrintFormat) -> dict[str, Bounds]:  # type: ignore[no-untyped-def]
    """Every content group inside the safe area, clear of the holes, and not overlapping another."""
    found: dict[str, Bounds] = {}
    for gid in CONTENT_GROUPS:
        group = group_by_id(scene, gid)
        if group is None:
            continue
        b = node_bounds(group)
        if b is None:
            continue
        assert inside(b, safe_box(fmt)), (gid, b, safe_box(fmt))
        for zone in _hole_zones(fmt):
            assert not overlaps(b, zone), (gid, b, zone)
        found[gid] = b
    names = sorted(found)
    for i, first in enumerate(names):
        for second in names[i + 1:]:
            assert not overlaps(found[first], found[second]), (first, found[first], second, found[second])
    return found


@pytest.mark.parametrize(("family", "name"), SHIPPED + CUSTOM)
@pytest.mark.parametrize("level", ["1", "5", "badge", "or"])
def test_everything_inside_the_safe_area(scales: ScaleBook, light: Theme, family: str, name: str,
                                         level: str) -> None:
    fmt = get_format(name, family)
    year = 2025 if level in ("badge", "or") else 2020
    mentions = ("premiere-candidature", "sobriete") if year == 2025 else ()
    result = print_scene(family, content(scales, level, year, mentions=mentions), fmt, light)
    found = _check_placement(result.scene, fmt)
    assert {"label", "year", "distinction", "marks", "name", "footer"} <= set(found)
    assert ("mentions" in found) == bool(mentions)


@pytest.mark.parametrize(("family", "name"), SHIPPED)
def test_background_fills_the_bleed_and_the_frame_the_safe_line(scales: ScaleBook, dark: Theme, family: str,
                                                                 name: str) -> None:
    fmt = get_format(name, family)
    scene = print_scene(family, content(scales, "3", 2021), fmt, dark).scene
    assert scene.bleed == fmt.bleed and (scene.width, scene.height) == (fmt.width, fmt.height)
    assert scene.meta["pdf_profile"] == "pdfx-4" and scene.meta["safe_mm"] == f"{fmt.safe:g}"
    background = group_by_id(scene, "background")
    assert background is not None
    b = fmt.bleed
    assert node_bounds(background) == (-b, -b, fmt.width + b, fmt.height + b)
    assert background.children[0].fill == dark.color("background")
    frame = node_bounds(group_by_id(scene, "frame"))  # type: ignore[arg-type]
    assert frame is not None and all(abs(f - s) < 1e-6 for f, s in zip(frame, safe_box(fmt), strict=True))


@pytest.mark.parametrize("name", ["300x200", "400x300"])
def test_plaques_carry_hole_marks_where_the_format_says(scales: ScaleBook, light: Theme, name: str) -> None:
    fmt = get_format(name, "plaque")
    scene = print_scene("plaque", content(scales, "2", 2018), fmt, light).scene
    holes = group_by_id(scene, "holes")
    assert holes is not None and holes.role == "holes"
    circles = [c for c in holes.children if isinstance(c, Circle)]
    assert fmt.holes is not None
    assert [(c.cx, c.cy) for c in circles] == list(fmt.holes.centres(fmt.width, fmt.height))
    assert all(c.r == fmt.holes.diameter / 2 and c.fill is None and c.stroke is not None for c in circles)
    poster = print_scene("poster", content(scales, "2", 2018), get_format("A3", "poster"), light).scene
    assert group_by_id(poster, "holes") is None


def test_layout_adapts_to_the_ratio(scales: ScaleBook, light: Theme) -> None:
    c = content(scales, "4", 2022)
    wide = _check_placement(print_scene("panel", c, get_format("800x400", "panel"), light).scene,
                            get_format("800x400", "panel"))
    # landscape: marks beside the words, the name below both
    assert wide["marks"][2] < wide["label"][0] and wide["marks"][2] < wide["year"][0]
    assert wide["name"][1] > max(wide["marks"][3], wide["year"][3])
    tall = _check_placement(print_scene("poster", c, get_format("A2", "poster"), light).scene,
                            get_format("A2", "poster"))
    # portrait: label, year, marks, distinction, name stacked from top to bottom
    order = [tall[g][1] for g in ("label", "year", "marks", "distinction", "name", "footer")]
    assert order == sorted(order)


def test_the_year_is_printed_large_on_panels(scales: ScaleBook, light: Theme) -> None:
    fmt = get_format("800x400", "panel")
    found = _check_placement(print_scene("panel", content(scales, "3", 2021), fmt, light).scene, fmt)
    year_height = found["year"][3] - found["year"][1]
    assert year_height > 0.2 * fmt.height  # digits over 80 mm high: readable from a car
    assert year_height > found["label"][3] - found["label"][1]  # larger than the label's own line


def test_cut_contour_follows_the_trim_with_rounded_corners(scales: ScaleBook, light: Theme) -> None:
    fmt = get_format("1200x600", "panel")
    scene = print_scene("panel", content(scales, "1", 2016), fmt, light, cut_contour=True).scene
    cut = group_by_id(scene, "cut-contour")
    assert cut is not None and cut.role == "cut" and scene.root.children[-1] is cut
    path = cut.children[0]
    assert path.stroke is not None and path.stroke.spot == "CutContour"  # type: ignore[union-attr]
    assert path.stroke.cmyk == (0, 100, 0, 0) and path.fill is None  # type: ignore[union-attr]
    b = node_bounds(cut)
    assert b is not None and all(abs(v - e) < 0.1 for v, e in zip(b, (0, 0, 1200, 600), strict=True))
    assert any(op == "curveTo" for op, _ in path.commands)  # type: ignore[union-attr]  # rounded corners


def test_family_must_be_known(scales: ScaleBook, light: Theme) -> None:
    assert FAMILIES == ("panel", "plaque", "poster")
    with pytest.raises(ValueError):
        print_scene("flyer", content(scales, "1", 2016), get_format("A3", "poster"), light)


# --- Any name: inside the safe area, or reported ------------------------------------------------------------

NAME_ALPHABET = st.sampled_from(list("abcdefghijklmnopqrstuvwxyzéèêëàâçôöûüîïÉÈÀÇŒœ'’-  ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
FORMATS = [get_format(n, f) for f, n in SHIPPED + CUSTOM[:3]]
_THEME = load_theme("light")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.text(NAME_ALPHABET, min_size=1, max_size=120).filter(lambda s: s.strip(" -'’")),
    fmt=st.sampled_from(FORMATS),
    level=st.sampled_from(["1", "3", "5", "bronze", "or"]),
    short=st.one_of(st.none(), st.text(NAME_ALPHABET, min_size=1, max_size=20).filter(lambda s: s.strip(" -'’"))),
)
def test_any_name_stays_in_the_safe_area_or_is_reported(name: str, fmt: PrintFormat, level: str,
                                                        short: str | None) -> None:
    from tnl_signage.domain.scales import load_scales
    from tnl_signage.layout.badges import BadgeContent

    book = load_scales()
    distinction = book.find_distinction(level)
    assert distinction is not None
    c = BadgeContent(distinction, 2025 if not level.isdigit() else 2020, name, short_name=short)
    result = print_scene(fmt.family, c, fmt, _THEME)
    _check_placement(result.scene, fmt)
    group = group_by_id(result.scene, "name")
    assert group is not None
    uses = _walk_uses(group)
    minimum = _THEME.min_name_size(fmt.family)
    if not uses or min(u.scale for u in uses) * 1000 < minimum - 1e-6:
        assert any("nom trop long" in note for note in result.notes), result.notes


def _walk_uses(node):  # type: ignore[no-untyped-def]
    from tnl_signage.drawing.scene import walk

    return [n for n in walk(node) if isinstance(n, Use)]
