"""Laureates, problems and palmarès: validated values and the French lines users read."""

import re
from datetime import date

import pytest

from tnl_signage.domain.model import Finding, LaureateType, Palmares, Problem
from tnl_signage.domain.scales import load_scales
from tnl_signage.errors import InputError
from tnl_signage.inputs.rows import check_row, make_laureate

TODAY = date(2025, 12, 1)
BOOK = load_scales()


def make(**kwargs):
    values = {"name": "Ville de Boé", "level": "or", "year": 2025, "today": TODAY} | kwargs
    return make_laureate(**values)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("commune", LaureateType.COMMUNE),
        ("Commune", LaureateType.COMMUNE),
        ("ville", LaureateType.COMMUNE),
        ("intercommunalite", LaureateType.INTERCOMMUNALITE),
        ("Intercommunalité", LaureateType.INTERCOMMUNALITE),
        ("EPCI", LaureateType.INTERCOMMUNALITE),
        ("Métropole", LaureateType.INTERCOMMUNALITE),
        ("SYNDICAT", LaureateType.SYNDICAT),
        ("département", LaureateType.DEPARTEMENT),
        ("Departement", LaureateType.DEPARTEMENT),
        ("Région", LaureateType.REGION),
        ("region", LaureateType.REGION),
        ("autre", LaureateType.AUTRE),
    ],
)
def test_type_is_read_whatever_its_case_and_accents(text, expected):
    assert LaureateType.parse(text) is expected


def test_unknown_type_is_refused():
    with pytest.raises(ValueError):
        LaureateType.parse("royaume")


def test_type_labels_are_french():
    assert [t.label_fr for t in LaureateType] == [
        "Commune",
        "Intercommunalité",
        "Syndicat",
        "Département",
        "Région",
        "Autre",
    ]
    assert str(LaureateType.REGION) == "région"


def test_create_gives_a_complete_laureate():
    lau = make(
        type="Commune",
        department="47",
        code="47031",
        website="https://www.ville-boe.fr",
        mentions=["Sobriété numérique", "mutualisation"],
        short_name="Boé",
    )
    book = load_scales()
    assert lau.slug == "ville-de-boe"
    assert lau.distinction == book.distinction("or")
    assert lau.distinction_words == "Label Or"
    assert lau.display_name == "Ville de Boé"
    assert lau.type is LaureateType.COMMUNE
    assert [m.id for m in lau.mentions] == ["mutualisation", "sobriete"]  # order of the scales file
    assert (lau.department, lau.code, lau.website, lau.short_name, lau.line) == (
        "47",
        "47031",
        "https://www.ville-boe.fr",
        "Boé",
        None,
    )


def test_create_accepts_numbers_and_strings_alike():
    assert make(level=3, year="2021") == make(level="niveau 3", year=2021)


@pytest.mark.parametrize(
    ("kwargs", "field", "value", "fragment"),
    [
        ({"name": "   "}, "nom", None, "obligatoire"),
        ({"name": "x" * 201}, "nom", "x" * 79 + "…", "dépasse 200 caractères"),
        ({"name": "Ville\u202ede Boé"}, "nom", "Ville<U+202E>de Boé", "bidirectionnel"),
        ({"name": "Ville\u2067 de Boé"}, "nom", "Ville<U+2067> de Boé", "bidirectionnel"),
        ({"name": "Ville\x07 de Boé"}, "nom", "Ville<U+0007> de Boé", "caractère de contrôle"),
        ({"type": "royaume"}, "type", "royaume", "commune, intercommunalité, syndicat"),
        ({"level": "7"}, "niveau", "7", "1 à 5, badge, bronze, argent ou or"),
        ({"level": "platine"}, "niveau", "platine", "1 à 5, badge"),
        ({"year": 2015}, "annee", "2015", "2016 ou après"),
        ({"year": 2026}, "annee", "2026", "futur"),
        ({"year": "deux mille"}, "annee", "deux mille", "4 chiffres"),
        ({"department": "96"}, "departement", "96", "01 à 95, 2A, 2B"),
        ({"department": "20"}, "departement", "20", "2A"),
        ({"department": "977"}, "departement", "977", "971 à 976"),
        ({"code": "1234"}, "code", "1234", "code INSEE"),
        ({"code": "2C004"}, "code", "2C004", "code INSEE"),
        ({"code": "21310001900016"}, "code", "21310001900016", "SIRET"),
        ({"mentions": "courage"}, "mentions", "courage", "mention spéciale inconnue"),
        ({"mentions": "mutualisation, sobriete"}, "mentions", "mutualisation, sobriete", "séparez"),
        ({"mentions": "Mutualisation|mutualisation"}, "mentions", "mutualisation", "deux fois"),
        ({"website": "javascript:alert(1)"}, "site", "javascript:alert(1)", "https://"),
        ({"website": "www.ville-boe.fr"}, "site", "www.ville-boe.fr", "ajoutez https://"),
        ({"website": "https://"}, "site", "https://", "complète"),
        ({"website": "https://intranet"}, "site", "https://intranet", "complète"),
        ({"website": "https://user@ville.fr"}, "site", "https://user@ville.fr", "complète"),
        ({"website": "https://ville.fr/a b"}, "site", "https://ville.fr/a b", "espace"),
        ({"website": "ftp://ville.fr"}, "site", "ftp://ville.fr", "https://"),
        ({"short_name": "x" * 41}, "nom_court", "x" * 41, "40 caractères"),
    ],
)
def test_create_refuses_bad_values_naming_field_and_value(kwargs, field, value, fragment):
    with pytest.raises(InputError) as info:
        make(**kwargs)
    message = str(info.value)
    assert f"champ « {field} »" in message
    if value is not None:
        assert f"valeur « {value} »" in message
    assert fragment in message


def test_more_than_four_mentions_is_an_error():
    with pytest.raises(InputError, match="au plus 4 mentions"):
        make(mentions="premiere-candidature|mutualisation|promotion|sobriete|mutualisation")


@pytest.mark.parametrize(
    ("given", "stored"), [("5", "05"), ("2a", "2A"), ("2B", "2B"), ("974", "974"), (" 38 ", "38")]
)
def test_departement_is_normalised(given, stored):
    assert make(department=given).department == stored


@pytest.mark.parametrize(
    ("given", "stored"),
    [("47031", "47031"), ("2a004", "2A004"), ("97411", "97411"), ("200 046 977", "200046977")],
)
def test_code_insee_or_siren(given, stored):
    assert make(code=given).code == stored


def test_hostile_looking_names_are_data_not_errors():
    for nom in ('<script>alert("x")</script>', 'Ville "libre" & fière', "Ville d'O'Brien; DROP TABLE"):
        assert make(name=nom).name == nom


def test_spaces_inside_a_name_are_collapsed():
    assert make(name="  Ville\u00a0de   Boé ").name == "Ville de Boé"


def test_certificate_number_is_stable_distinct_and_well_formed():
    boe = make()
    assert boe.certificate_number == "TNL-2025-G3N3ONXN"
    assert make().certificate_number == boe.certificate_number
    assert re.fullmatch(r"TNL-2025-[A-Z2-7]{8}", boe.certificate_number)
    others = {make(name=f"Commune {n}").certificate_number for n in range(200)}
    assert len(others) == 200 and boe.certificate_number not in others
    assert make(year=2024, level=5).certificate_number != boe.certificate_number


def test_laureates_compare_without_their_line():
    from dataclasses import replace

    assert replace(make(), line=12) == make()


def test_problem_reads_as_one_french_line():
    problem = Problem(
        "palmares.csv", 12, "niveau", "7", "le niveau doit être 1 à 5, badge, bronze, argent ou or", "erreur"
    )
    assert str(problem) == (
        "palmares.csv, ligne 12, champ « niveau » : valeur « 7 » : "
        "le niveau doit être 1 à 5, badge, bronze, argent ou or"
    )
    warning = Problem("p.json", 3, "niveau", "or", "hors échelle", "avertissement", "entrée")
    assert str(warning) == "p.json, entrée 3, champ « niveau » : valeur « or » : hors échelle (avertissement)"
    assert str(Problem("p.csv", None, None, None, "aucun lauréat", "avertissement")) == (
        "p.csv : aucun lauréat (avertissement)"
    )


def test_problem_never_prints_invisible_characters():
    line = str(Problem("p.csv", 2, "nom", "A\u202eB\nC", "interdit"))
    assert "\u202e" not in line and "\n" not in line and "A<U+202E>B<U+000A>C" in line


@pytest.mark.parametrize(("niveau", "annee", "field"), [("or", 2019, "niveau"), ("3", 2025, "niveau")])
def test_a_distinction_outside_the_years_scale_is_a_warning(niveau, annee, field):
    values, findings = check_row(
        {"nom": "Ville", "type": "commune", "niveau": niveau, "annee": str(annee)}, today=TODAY, book=BOOK
    )
    assert values is not None and values.distinction.id == niveau
    assert [(f.field, f.severity) for f in findings] == [(field, "avertissement")]
    assert "échelle officielle de" in findings[0].message


def test_mentions_with_a_2016_level_are_a_warning():
    values, findings = check_row(
        {"nom": "Ville", "type": "commune", "niveau": "4", "annee": "2023", "mentions": "mutualisation"},
        today=TODAY, book=BOOK,
    )
    assert values is not None and [m.id for m in values.mentions] == ["mutualisation"]
    assert [(f.field, f.severity) for f in findings] == [("mentions", "avertissement")]


def test_insee_code_of_another_departement_is_a_warning():
    _, findings = check_row(
        {
            "nom": "Ville",
            "type": "commune",
            "niveau": "or",
            "annee": "2025",
            "departement": "38",
            "code": "47031",
        },
        today=TODAY, book=BOOK,
    )
    assert findings == [
        Finding("code", "47031", "ce code INSEE ne commence pas par le département « 38 »", "avertissement")
    ]


def test_every_bad_field_of_a_row_is_reported():
    values, findings = check_row({"nom": "", "type": "x", "niveau": "9", "annee": "1999"}, today=TODAY, book=BOOK)
    assert values is None
    assert [f.field for f in findings] == ["nom", "type", "niveau", "annee"]


def test_palmares_views():
    a, b, c = make(year=2023, level=5), make(name="Ville de Lyon"), make()
    warn = Problem("p.csv", 3, "niveau", "or", "hors échelle", "avertissement")
    err = Problem("p.csv", 4, "nom", None, "valeur obligatoire absente")
    pal = Palmares("p.csv", (a, b, c), (warn, err), rows=4)
    assert pal.errors == (err,) and pal.warnings == (warn,)
    assert pal.years() == (2023, 2025)
    assert pal.by_year(2025) == (b, c)
    assert pal.get(2025, "ville-de-lyon") is b
    assert pal.get(2024, "ville-de-lyon") is None
