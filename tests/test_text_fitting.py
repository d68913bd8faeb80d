"""The text engine: names always inside their box, at or above the minimum size, or reported."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.print_helpers import node_bounds
from tnl_signage.domain.theme import load_theme
from tnl_signage.drawing.text import fit_text, get_face, text_group
from tnl_signage.layout.common import Box, place_name

THEME = load_theme("light")
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZàâäçéèêëîïôöùûüÿœæÀÂÉÈÊËÎÏÔÖÙÛÜŸŒÆ'’-  "
EPS = 1e-6

names = st.text(alphabet=LATIN, min_size=1, max_size=120).filter(lambda s: s.strip() != "")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=names, width=st.floats(20, 120), height=st.floats(6, 30))
def test_fitted_name_lies_inside_its_box_at_min_size_or_is_reported(name: str, width: float, height: float) -> None:
    box = Box(3.0, 7.0, width, height)
    group, notes = place_name(THEME, name, None, box, family="seal", fill=THEME.color("ink"), max_size=8.0)
    bounds = node_bounds(group)
    assert bounds is not None
    x0, y0, x1, y1 = bounds
    assert box.x - EPS <= x0 and x1 <= box.x + box.w + EPS, (bounds, box)
    assert box.y - EPS <= y0 and y1 <= box.y + box.h + EPS, (bounds, box)
    sizes = {span.size for span in group.spans}
    assert len(group.spans) <= 3
    if min(sizes) < THEME.min_name_size("seal"):
        assert notes and "nom trop long" in notes[0]
    else:
        assert notes == []


def test_long_name_wraps_before_shrinking() -> None:
    face = get_face(THEME.font_bold)
    name = "Communauté de Communes du Pays Réuni d'Orange"
    fitted = fit_text(face, name, 50, 16, max_size=5.0, min_size=2.4)
    assert fitted is not None
    assert 2 <= len(fitted.lines) <= 3
    assert " ".join(line.text for line in fitted.lines) == name
    one_line = fit_text(face, name, 50, 16, max_size=5.0, min_size=0.5, max_lines=1)
    assert one_line is not None and fitted.size > one_line.size


def test_hyphen_is_a_break_point_and_stays_at_line_end() -> None:
    face = get_face(THEME.font_bold)
    fitted = fit_text(face, "Saint-Rémy-de-Provence-sur-Mer", 22, 20, max_size=6.0, min_size=1.0)
    assert fitted is not None and len(fitted.lines) > 1
    assert all(line.text.endswith("-") for line in fitted.lines[:-1])


def test_short_name_used_when_name_cannot_fit_at_minimum() -> None:
    long_name = "Syndicat Intercommunal " * 8
    box = Box(0, 0, 40, 8)
    group, notes = place_name(THEME, long_name, "SITIV", box, family="seal", fill=THEME.color("ink"), max_size=5.0)
    assert [s.text for s in group.spans] == ["SITIV"]
    assert "nom court « SITIV » utilisé" in notes[0]


def test_kerning_is_applied() -> None:
    face = get_face(THEME.font_bold)
    pair = face.shape("AV")
    unkerned = face.shape("A")[0].advance + face.shape("V")[0].advance
    assert pair[1].x < unkerned, "HarfBuzz kerning should pull V towards A"


def test_glyph_outlines_are_cached() -> None:
    face = get_face(THEME.font_bold)
    gid = face.shape("Q")[0].gid
    assert face.symbol(gid) is face.symbol(gid)


def test_text_group_carries_the_words_for_pdf_text() -> None:
    face = get_face(THEME.font_regular)
    fitted = fit_text(face, "Ville de Lyon", 60, 10, max_size=5.0, min_size=1.0)
    assert fitted is not None
    group = text_group(fitted, 0, 0, 60, 10, fill=THEME.color("ink"))
    assert [s.text for s in group.spans] == ["Ville de Lyon"]
