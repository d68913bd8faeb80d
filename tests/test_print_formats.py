"""Print formats: the shipped data, custom W x H sizes, and one clear French message per bad value."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.print_helpers import get_format
from tnl_signage.domain.formats import Holes, check_bleed, load_formats, parse_formats
from tnl_signage.errors import InputError

SHIPPED = {
    # name: (family, width, height, bleed, holes?)
    "700x350": ("panel", 700, 350, 5, False), "800x400": ("panel", 800, 400, 5, False),
    "1000x500": ("panel", 1000, 500, 5, False), "1200x600": ("panel", 1200, 600, 5, False),
    "300x200": ("plaque", 300, 200, 3, True), "400x300": ("plaque", 400, 300, 3, True),
    "A3": ("poster", 297, 420, 3, False), "A2": ("poster", 420, 594, 3, False),
    "A1": ("poster", 594, 841, 3, False),
}


def test_shipped_formats_are_the_nine_announced() -> None:
    book = load_formats()
    got = {f.name: (f.family, f.width, f.height, f.bleed, f.holes is not None) for f in book.formats}
    assert got == SHIPPED


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_each_format_is_oriented_and_has_a_sane_safe_margin(name: str) -> None:
    f = get_format(name, SHIPPED[name][0])
    assert (f.width > f.height) == (f.family != "poster")
    assert 0.02 * min(f.width, f.height) <= f.safe <= 0.1 * min(f.width, f.height)
    if f.holes:
        assert f.holes.count == 4
        assert f.holes.inset - f.holes.diameter / 2 > 0  # the hole is inside the sign


def test_plaque_holes_sit_at_the_corners() -> None:
    f = get_format("400x300", "plaque")
    assert f.holes == Holes(4, 6.0, 12.0)
    assert f.holes.centres(f.width, f.height) == ((12, 12), (388, 12), (12, 288), (388, 288))


@pytest.mark.parametrize("typed", ["900x450", "900 x 450", "900×450", "900X450 mm", "900,0x450"])
def test_custom_size_any_spelling(typed: str) -> None:
    f = get_format(typed, "panel")
    assert (f.width, f.height, f.custom, f.name) == (900, 450, True, "900x450")
    assert f.bleed == 5
    assert f.safe == 22.5  # 5 % of the shorter side


def test_custom_size_borrows_the_family_defaults() -> None:
    plaque = get_format("500x250", "plaque")
    assert plaque.holes is not None and plaque.bleed == 3
    poster = get_format("500x700", "poster")
    assert poster.holes is None and poster.safe == 20  # 4 % of 500


def test_names_ignore_case_and_known_sizes_keep_their_data() -> None:
    assert get_format("a2", "poster").name == "A2"
    assert get_format("800 x 400", "panel").custom is False


@pytest.mark.parametrize(("typed", "family", "expected"), [
    ("0x400", "panel", "la largeur (0 mm) doit être comprise entre 50 et 5000 mm"),
    ("-800x400", "panel", "la largeur (-800 mm) doit être comprise entre 50 et 5000 mm"),
    ("800x6000", "panel", "la hauteur (6000 mm) doit être comprise entre 50 et 5000 mm"),
    ("40x400", "panel", "la largeur (40 mm) doit être comprise entre 50 et 5000 mm"),
    ("B5", "poster", "format « B5 » inconnu (affiche) : indiquez l'un des formats A3, A2, A1"),
    ("800 par 400", "panel", "format « 800 par 400 » inconnu"),
    ("", "plaque", "format «  » inconnu (plaque intérieure)"),
    ("A2", "panel", "c'est un format de la famille « affiche » (tnl-signage poster)"),
    ("300x200", "poster", "c'est un format de la famille « plaque intérieure » (tnl-signage plaque)"),
])
def test_bad_formats_get_one_clear_message(typed: str, family: str, expected: str) -> None:
    with pytest.raises(InputError) as err:
        get_format(typed, family)
    message = str(err.value)
    assert expected in message
    assert "\n" not in message and f"« {typed} »" in message


@pytest.mark.parametrize("value", [-1, 26, 100])
def test_bleed_out_of_range(value: float) -> None:
    with pytest.raises(InputError, match=r"fond perdu « .* » mm : il doit être compris entre 0 et 25 mm"):
        check_bleed(value)


def test_formats_file_errors_name_the_entry(tmp_path: Path) -> None:
    base = {"families": {"panel": {
        "label": "panneau", "title": "Panneau", "orientation": "paysage", "bleed_mm": 5, "safe_ratio": 0.05,
        "safe_min_mm": 10, "corner_radius_mm": 5, "material": "alu", "mounting": "rails",
        "reading_distance_m": 20}}}
    no_distance = {"families": {"panel": {k: v for k, v in base["families"]["panel"].items()
                                          if k != "reading_distance_m"}}}
    with pytest.raises(InputError, match="famille « panel » : « reading_distance_m » doit être un nombre"):
        parse_formats(no_distance, "formats.toml")
    bad_holes = dict(base, formats=[{"name": "X", "family": "panel", "width_mm": 300, "height_mm": 200,
                                     "bleed_mm": 3, "safe_mm": 10, "holes": {"count": 3, "diameter_mm": 5,
                                                                            "inset_mm": 10}}])
    with pytest.raises(InputError, match="formats.toml, format « X » : « holes.count » doit valoir 2 ou 4"):
        parse_formats(bad_holes, "formats.toml")
    too_wide = dict(base, formats=[{"name": "Y", "family": "panel", "width_mm": 300, "height_mm": 200,
                                    "bleed_mm": 3, "safe_mm": 100}])
    with pytest.raises(InputError, match="marge de sécurité « 100 » mm trop grande"):
        parse_formats(too_wide, "formats.toml")
    unknown = dict(base, formats=[{"name": "Z", "family": "sign", "width_mm": 300, "height_mm": 200,
                                   "bleed_mm": 3, "safe_mm": 10}])
    with pytest.raises(InputError, match="famille inconnue « sign »"):
        parse_formats(unknown, "formats.toml")
    broken = tmp_path / "f.toml"
    broken.write_text("[families\n", encoding="utf-8")
    with pytest.raises(InputError, match="f.toml : fichier TOML invalide"):
        load_formats(broken)
