"""The two grading scales and the mentions spéciales, as read from data/scales.toml."""

from pathlib import Path

import pytest

from tnl_signage.domain.scales import load_scales
from tnl_signage.errors import InputError


@pytest.fixture(scope="module")
def book():
    return load_scales()


def test_shipped_scales_have_the_official_years_and_sizes(book):
    assert [(s.id, s.first_year, s.last_year, len(s.distinctions)) for s in book.scales] == [
        ("niveaux-2016", 2016, 2024, 5),
        ("label-2025", 2025, None, 4),
    ]
    assert [m.id for m in book.mentions] == ["premiere-candidature", "mutualisation", "promotion", "sobriete"]


def test_levels_are_drawn_as_copyleft_marks_and_said_in_words(book):
    three = book.distinction("3")
    assert (
        three.name,
        three.words,
        three.rank,
        three.drawing,
        three.marks,
        three.metal,
        three.scale_size,
    ) == ("Niveau 3", "Niveau 3 sur 5", 3, "copyleft", 3, None, 5)
    assert [book.distinction(str(n)).marks for n in range(1, 6)] == [1, 2, 3, 4, 5]


def test_2025_distinctions_are_medals_with_a_metal(book):
    got = [
        (d.id, d.name, d.words, d.rank, d.drawing, d.marks, d.metal, d.scale_size)
        for d in book.scale("label-2025").distinctions
    ]
    assert got == [
        ("badge", "Badge", "Badge", 1, "medal", 1, "badge", 4),
        ("bronze", "Label Bronze", "Label Bronze", 2, "medal", 1, "bronze", 4),
        ("argent", "Label Argent", "Label Argent", 3, "medal", 1, "argent", 4),
        ("or", "Label Or", "Label Or", 4, "medal", 1, "or", 4),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", "3"),
        (" 3 ", "3"),
        ("niveau 3", "3"),
        ("Niveau 3 sur 5", "3"),
        ("NIVEAU 5", "5"),
        ("level 2", "2"),
        ("Or", "or"),
        ("OR", "or"),
        ("or", "or"),
        ("label or", "or"),
        ("Label  Or", "or"),
        ("médaille d'or", "or"),
        ("Argent", "argent"),
        ("label argent", "argent"),
        ("BRONZE", "bronze"),
        ("Badge", "badge"),
    ],
)
def test_find_distinction_ignores_case_accents_and_spaces(book, value, expected):
    found = book.find_distinction(value)
    assert found is not None and found.id == expected


@pytest.mark.parametrize("value", ["", "0", "6", "15", "niveau 6", "platine", "diamant", "3.5"])
def test_find_distinction_refuses_unknown_values(book, value):
    assert book.find_distinction(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("sobriete", "sobriete"),
        ("Sobriété numérique", "sobriete"),
        ("SOBRIETE NUMERIQUE : DURABILITE DES EQUIPEMENTS", "sobriete"),
        ("Meilleure première candidature", "premiere-candidature"),
        ("premiere candidature", "premiere-candidature"),
        ("Promotion & sensibilisation au libre", "promotion"),
        ("promotion du libre", "promotion"),
        ("mutualisation", "mutualisation"),
    ],
)
def test_find_mention_by_id_name_or_short_name(book, value, expected):
    found = book.find_mention(value)
    assert found is not None and found.id == expected


def test_mentions_have_a_short_name(book):
    assert [m.short for m in book.mentions] == [
        "Meilleure 1re candidature",
        "Mutualisation",
        "Promotion du libre",
        "Sobriété numérique",
    ]
    assert book.find_mention("meilleure mutualisation") is None


@pytest.mark.parametrize(
    ("year", "scale_id"),
    [
        (2016, "niveaux-2016"),
        (2019, "niveaux-2016"),
        (2024, "niveaux-2016"),
        (2025, "label-2025"),
        (2031, "label-2025"),
    ],
)
def test_official_scale_by_year(book, year, scale_id):
    assert book.official_scale(year).id == scale_id


def test_no_official_scale_before_the_first_edition(book):
    with pytest.raises(KeyError):
        book.official_scale(2015)


def test_distinction_by_exact_id_only(book):
    assert book.distinction("or").name == "Label Or"
    with pytest.raises(KeyError):
        book.distinction("Or")


def test_default_scales_are_read_once(book):
    assert load_scales() is book


def test_accepted_values_described_in_french(book):
    assert book.describe_values() == "1 à 5, badge, bronze, argent ou or"


def test_a_custom_scales_file_is_read(tmp_path: Path):
    path = tmp_path / "echelle.toml"
    path.write_text(
        """
[[scales]]
id = "etoiles"
name = "Étoiles"
first_year = 2030
allows_mentions = false
[[scales.distinctions]]
id = "etoile"
name = "Une étoile"
words = "une étoile"
rank = 1
drawing = "copyleft"
marks = 1
aliases = ["*"]
""",
        encoding="utf-8",
    )
    custom = load_scales(path)
    assert custom.official_scale(2040).id == "etoiles"
    assert custom.find_distinction("UNE ETOILE") == custom.distinction("etoile")
    assert custom.mentions == ()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[[scales]\n", "TOML invalide"),
        ('[[scales]]\nid = "x"\n', "distinctions"),
        ("mentions = []\n", "scales"),
    ],
)
def test_a_broken_scales_file_is_an_input_error_naming_it(tmp_path: Path, text, fragment):
    path = tmp_path / "casse.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=fragment) as info:
        load_scales(path)
    assert "casse.toml" in str(info.value)
