"""Themes: contrast computed from the file itself, every failure named with its pair and ratio."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tnl_signage.domain.colors import Color, contrast_ratio
from tnl_signage.domain.theme import load_theme
from tnl_signage.errors import InputError
from tnl_signage.resources import data_file


def test_wcag_reference_values() -> None:
    black = Color("k", (0, 0, 0), (0, 0, 0, 100))
    white = Color("w", (255, 255, 255), (0, 0, 0, 0))
    grey = Color("g", (0x76, 0x76, 0x76), (0, 0, 0, 54))
    assert contrast_ratio(black, white) == pytest.approx(21.0)
    assert contrast_ratio(grey, white) == pytest.approx(4.54, abs=0.01)  # WebAIM's classic #767676


@pytest.mark.parametrize("name", ["light", "dark", "clair", "sombre"])
def test_shipped_themes_meet_wcag(name: str) -> None:
    theme = load_theme(name)
    for fg, bg, minimum in theme.contrast_pairs:
        assert contrast_ratio(theme.color(fg), theme.color(bg)) >= minimum
    kinds = {minimum for _, _, minimum in theme.contrast_pairs}
    assert kinds == {4.5, 3.0}
    assert ("ink", "background", 4.5) in theme.contrast_pairs


def _copy_theme(tmp_path: Path, replace: tuple[str, str]) -> Path:
    text = data_file("themes", "light.toml").read_text(encoding="utf-8")
    assert replace[0] in text
    target = tmp_path / "mon-theme.toml"
    target.write_text(text.replace(*replace), encoding="utf-8")
    shutil.copy(Path(load_theme("light").font_bold), tmp_path / "AtkinsonHyperlegible-Bold.ttf")
    return target


def test_low_contrast_theme_is_refused_naming_pair_and_ratio(tmp_path: Path) -> None:
    path = _copy_theme(tmp_path, ('[colors.muted]\nrgb = "#4a5568"', '[colors.muted]\nrgb = "#b0b0b0"'))
    with pytest.raises(InputError) as err:
        load_theme(path)
    message = str(err.value)
    assert "mon-theme.toml" in message and "« muted »" in message and "« background »" in message
    assert "2,17:1" in message and "4,5:1" in message  # French decimals


def test_mark_colour_below_3_to_1_is_refused(tmp_path: Path) -> None:
    path = _copy_theme(tmp_path, ('[colors.metal_or]\nrgb = "#b08500"', '[colors.metal_or]\nrgb = "#f0e0a0"'))
    with pytest.raises(InputError, match="metal_or.*3:1"):
        load_theme(path)


def test_custom_theme_changes_colours_without_code(tmp_path: Path) -> None:
    path = _copy_theme(tmp_path, ('[colors.ink]\nrgb = "#1b2a4a"', '[colors.ink]\nrgb = "#000000"'))
    theme = load_theme(path)
    assert theme.color("ink").hex == "#000000"
    assert theme.color("ink").cmyk == (95.0, 80.0, 35.0, 35.0)


@pytest.mark.parametrize(
    "replace, expected",
    [
        (('rgb = "#1b2a4a"', 'rgb = "bleu"'), "rgb « bleu »"),
        (("cmyk = [95, 80, 35, 35]", "cmyk = [95, 80, 35]"), "cmyk"),
        (("[colors.frame]", "[colors.cadre]"), "frame"),
        (('regular = "AtkinsonHyperlegible-Regular.ttf"', 'regular = "absente.ttf"'), "absente.ttf"),
        (("[meta]", "[meta"), "TOML invalide"),
    ],
)
def test_bad_theme_entries_get_one_clear_message(tmp_path: Path, replace: tuple[str, str], expected: str) -> None:
    with pytest.raises(InputError, match=expected):
        load_theme(_copy_theme(tmp_path, replace))


def test_unknown_theme_name() -> None:
    with pytest.raises(InputError, match="thème introuvable"):
        load_theme("fluo")


def _theme_text() -> str:
    return data_file("themes", "light.toml").read_text(encoding="utf-8")


def _load_text(tmp_path: Path, text: str) -> None:
    target = tmp_path / "mon-theme.toml"
    target.write_text(text, encoding="utf-8")
    load_theme(target)


def test_a_theme_without_contrast_section_is_still_checked_on_every_drawn_pair(tmp_path: Path) -> None:
    text = _theme_text()
    text = text[: text.index("[contrast]")] + text[text.index("# Tailles minimales"):]
    text = text.replace('[colors.ink]\nrgb = "#1b2a4a"', '[colors.ink]\nrgb = "#f4f4f4"')
    with pytest.raises(InputError, match=r"contraste insuffisant entre « ink » et « background » : 1,1"):
        _load_text(tmp_path, text)


def test_a_drawn_pair_the_theme_forgot_to_list_is_checked(tmp_path: Path) -> None:
    text = _theme_text().replace('[colors.accent]\nrgb = "#0b6e4f"', '[colors.accent]\nrgb = "#9be3c9"')
    text = text.replace('["accent", "background"], ', "")
    with pytest.raises(InputError, match="« accent » et « background »"):
        _load_text(tmp_path, text)


@pytest.mark.parametrize(("old", "new", "message"), [
    ('regular = "AtkinsonHyperlegible-Regular.ttf"', 'regular = "/etc/passwd"', "« regular » : « /etc/passwd » doit"),
    ('regular = "AtkinsonHyperlegible-Regular.ttf"', 'regular = "../../../../../../usr/share/fonts/x.ttf"',
     "« regular » : « ../"),
    ('regular = "AtkinsonHyperlegible-Regular.ttf"', 'regular = "faux.ttf"', "faux.ttf n'est pas une police"),
    ("line_height = 1.12", 'line_height = "abc"', "« line_height » : « abc » doit être un nombre de 0.8 à 2.5"),
    ("line_height = 1.12", "line_height = 40", "« line_height » : « 40 »"),
    ("seal = 2.4", "seal = -1", "name_min_mm « seal » : « -1 »"),
    ('label_short = "TNL"', 'label_short = "T\u202eNL"', r"\[wording\] « label_short » : le texte contient un"),
    ('label_short = "TNL"', "label_short = 3", "« label_short » doit être un texte"),
    ('[colors.ink]\nrgb = "#1b2a4a"', '[colors.ink]\nrgb = "bleu"', "couleur « ink » : rgb « bleu »"),
    ('cmyk = [95, 80, 35, 35]', 'cmyk = [95, 80, 35, 350]', "couleur « ink » : cmyk"),
    ('[wording]', '[wordings]', r"section \[wording\] manquante"),
])
def test_theme_schema_errors_name_the_key(tmp_path: Path, old: str, new: str, message: str) -> None:
    (tmp_path / "faux.ttf").write_bytes(b"ceci n'est pas une police")
    text = _theme_text()
    assert old in text
    with pytest.raises(InputError, match=message) as info:
        _load_text(tmp_path, text.replace(old, new, 1))
    assert str(info.value).startswith("mon-theme.toml : ")
