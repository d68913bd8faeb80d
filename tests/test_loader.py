"""Loading a palmarès as spreadsheets and people actually write it: what users see for each mistake."""

import json
import tempfile
import types
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tnl_signage.domain.model import Laureate, LaureateType, Problem
from tnl_signage.errors import InputError
from tnl_signage.inputs.palmares import iter_laureates, load_palmares

TODAY = date(2025, 12, 1)
ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
HEADER = "nom;type;departement;code;niveau;mentions;annee;site;nom_court"
BOE = "Ville de Boé;commune;47;47031;or;;2025;https://www.ville-boe.fr;Boé"
LYON = "Ville de Lyon;commune;69;69123;3;;2021;;"


def write(folder: Path, text: str, name: str = "palmares.csv", encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def load_text(folder: Path, *lines: str, name: str = "palmares.csv"):
    return load_palmares(write(folder, "\n".join(lines) + "\n", name), today=TODAY)


def only_error(palmares) -> Problem:
    assert len(palmares.errors) == 1, [str(p) for p in palmares.problems]
    return palmares.errors[0]


# --- reading the file ------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_each_delimiter_is_recognised(tmp_path, delimiter):
    rows = [HEADER, BOE.replace("Boé", "Boé"), LYON]
    text = "\n".join(row.replace(";", delimiter) for row in rows) + "\n"
    pal = load_palmares(write(tmp_path, text), today=TODAY)
    assert pal.problems == ()
    assert [(lau.name, lau.year) for lau in pal.laureates] == [
        ("Ville de Boé", 2025),
        ("Ville de Lyon", 2021),
    ]


def test_sniffing_copes_with_commas_inside_quoted_names(tmp_path):
    pal = load_text(tmp_path, "nom,type,niveau,annee", '"Ville de Boé, Lot-et-Garonne",commune,or,2025')
    assert pal.problems == () and pal.laureates[0].name == "Ville de Boé, Lot-et-Garonne"


def test_utf8_bom_and_crlf_as_excel_saves_them(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + f"{HEADER}\r\n{BOE}\r\n{LYON}\r\n".encode())
    pal = load_palmares(path, today=TODAY)
    assert pal.problems == ()
    assert pal.laureates[0].name == "Ville de Boé" and pal.laureates[0].short_name == "Boé"
    assert [lau.line for lau in pal.laureates] == [2, 3]


def test_windows_1252_file(tmp_path):
    path = write(
        tmp_path, f"{HEADER}\r\n{BOE}\r\nVille d’Échirolles;commune;38;;5;;2024;;\r\n", encoding="cp1252"
    )
    assert b"\xe9" in path.read_bytes()  # really not UTF-8
    pal = load_palmares(path, today=TODAY)
    assert pal.problems == ()
    assert [lau.name for lau in pal.laureates] == ["Ville de Boé", "Ville d’Échirolles"]


def test_utf16_unicode_text_export(tmp_path):
    path = write(tmp_path, f"{HEADER}\r\n{BOE}\r\n".replace(";", "\t"), name="unicode.txt", encoding="utf-16")
    assert load_palmares(path, today=TODAY).laureates[0].name == "Ville de Boé"


def test_decomposed_accents_equal_composed_ones(tmp_path):
    decomposed = "Ville d'E\u0301chirolles"
    pal = load_text(
        tmp_path,
        HEADER,
        f"{decomposed};commune;38;38151;or;;2025;;",
        "Ville d'\u00c9chirolles;commune;38;38151;or;;2025;;",
    )
    assert pal.laureates[0].name == "Ville d'\u00c9chirolles"
    assert pal.laureates[0].slug == "ville-d-echirolles"
    assert "doublon" in only_error(pal).message


def test_cells_are_trimmed_and_blank_lines_skipped_keeping_physical_line_numbers(tmp_path):
    pal = load_text(
        tmp_path, "", HEADER, "", "  Ville de Boé ; Commune ; 47 ;  ; Or ;  ; 2025 ;  ; ", ";;;;;;;;", LYON
    )
    assert pal.problems == ()
    boe, lyon = pal.laureates
    assert (boe.name, boe.type, boe.department, boe.distinction.id, boe.line) == (
        "Ville de Boé",
        LaureateType.COMMUNE,
        "47",
        "or",
        4,
    )
    assert lyon.line == 6
    assert pal.rows == 2


def test_english_headers_and_unknown_columns(tmp_path):
    pal = load_text(
        tmp_path,
        "Name;Type;Department;Level;Year;Website;Short name;source;commentaire",
        "Ville de Boé;commune;47;gold;2025;https://www.ville-boe.fr;Boé;https://x.org/a;rien",
    )
    assert pal.problems == ()
    lau = pal.laureates[0]
    assert (lau.department, lau.distinction.id, lau.website, lau.short_name) == (
        "47",
        "or",
        "https://www.ville-boe.fr",
        "Boé",
    )


def test_french_headers_with_accents_and_capitals(tmp_path):
    pal = load_text(
        tmp_path,
        "Nom;Type;Département;Niveau;Mentions spéciales;Année;Nom court",
        "Parc national des Écrins;autre;;Bronze;Mutualisation;2025;Écrins",
    )
    assert pal.problems == ()
    assert [m.id for m in pal.laureates[0].mentions] == ["mutualisation"]


def test_missing_required_column_is_one_error_and_no_rows(tmp_path):
    pal = load_text(tmp_path, "nom;type;annee", "Ville de Boé;commune;2025")
    error = only_error(pal)
    assert (error.file, error.line, error.field) == ("palmares.csv", 1, "niveau")
    assert str(error) == "palmares.csv, ligne 1, champ « niveau » : colonne obligatoire absente"
    assert pal.laureates == ()


def test_a_column_given_twice_is_an_error(tmp_path):
    pal = load_text(tmp_path, "nom;type;niveau;annee;name", "Ville de Boé;commune;or;2025;Boé")
    assert "deux fois (colonnes 1 et 5)" in only_error(pal).message and pal.laureates == ()


def test_header_only_gives_an_empty_palmares_with_a_warning(tmp_path):
    pal = load_palmares(DATA / "entete-seule.csv", today=TODAY)
    assert pal.laureates == () and pal.errors == () and pal.rows == 0
    assert [str(p) for p in pal.warnings] == [
        "entete-seule.csv : aucun lauréat dans ce fichier (avertissement)"
    ]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "le fichier est vide"),
        (b"\xef\xbb\xbf\r\n  \r\n", "le fichier est vide"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "contenu binaire"),
        (b"\x81\x8d\x8f\x90\x9d\xff\xfe", "encodage illisible"),
        (b"Bonjour, ceci est une lettre.\nCordialement\n", "aucune colonne reconnue"),
    ],
)
def test_unreadable_csv_is_one_clear_input_error(tmp_path, content, fragment):
    path = tmp_path / "palmares.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match=fragment) as info:
        load_palmares(path, today=TODAY)
    assert "palmares.csv" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("palmares.xlsx", "enregistrez le tableur en CSV"),
        ("palmares.pdf", "extension « .pdf » inconnue"),
        ("palmares", "(aucune)"),
    ],
)
def test_unknown_extension(tmp_path, name, fragment):
    with pytest.raises(InputError, match=fragment):
        load_palmares(write(tmp_path, "nom;type\n", name))


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="lecture impossible"):
        load_palmares(tmp_path / "absent.csv")


# --- bad rows --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "field", "value", "fragment"),
    [
        (";commune;47;;or;;2025;;", "nom", None, "valeur obligatoire absente"),
        ("Ville\u202e de X;commune;47;;or;;2025;;", "nom", "Ville\u202e de X", "bidirectionnel"),
        ("Ville de X;village;47;;or;;2025;;", "type", "village", "le type doit être"),
        ("Ville de X;commune;;;or;;2025;;", None, None, None),
        ("Ville de X;commune;100;;or;;2025;;", "departement", "100", "le département doit être"),
        ("Ville de X;commune;47;ABCDE;or;;2025;;", "code", "ABCDE", "code INSEE"),
        (
            "Ville de X;commune;47;;7;;2025;;",
            "niveau",
            "7",
            "le niveau doit être 1 à 5, badge, bronze, argent ou or",
        ),
        ("Ville de X;commune;47;;;;2025;;", "niveau", None, "valeur obligatoire absente"),
        ("Ville de X;commune;47;;or;Courage;2025;;", "mentions", "Courage", "mention spéciale inconnue"),
        ("Ville de X;commune;47;;or;;2030;;", "annee", "2030", "futur"),
        ("Ville de X;commune;47;;or;;25;;", "annee", "25", "4 chiffres"),
        ("Ville de X;commune;47;;or;;2025;javascript:alert(1);", "site", "javascript:alert(1)", "https://"),
        ("Ville de X;commune;47;;or;;2025;;" + "X" * 41, "nom_court", "X" * 41, "40 caractères"),
    ],
)
def test_each_bad_field_is_reported_with_file_line_field_and_value_and_good_rows_are_kept(
    tmp_path, row, field, value, fragment
):
    pal = load_text(tmp_path, HEADER, BOE, row, LYON)
    names = [lau.name for lau in pal.laureates]
    if field is None:  # control row: the same row without the mistake is accepted
        assert pal.problems == () and names == ["Ville de Boé", "Ville de X", "Ville de Lyon"]
        return
    assert names == ["Ville de Boé", "Ville de Lyon"]
    error = only_error(pal)
    where = (error.file, error.line, error.field, error.value, error.severity)
    assert where == ("palmares.csv", 3, field, value, "erreur")
    assert fragment in error.message
    assert str(error).startswith(f"palmares.csv, ligne 3, champ « {field} »")
    assert pal.rows == 3


def test_a_row_with_several_bad_fields_reports_each_of_them(tmp_path):
    pal = load_text(tmp_path, HEADER, "Ville de X;village;100;;7;;1990;;", BOE)
    assert [(p.line, p.field) for p in pal.errors] == [
        (2, "type"),
        (2, "departement"),
        (2, "niveau"),
        (2, "annee"),
    ]
    assert [lau.name for lau in pal.laureates] == ["Ville de Boé"]


def test_duplicate_is_an_error_naming_both_lines_and_the_first_is_kept(tmp_path):
    pal = load_text(
        tmp_path, HEADER, BOE, LYON, BOE.replace("Ville de Boé", "VILLE DE BOE").replace(";or;", ";3;")
    )
    error = only_error(pal)
    assert str(error) == (
        "palmares.csv, ligne 4, champ « nom » : valeur « VILLE DE BOE » : "
        "doublon : figure déjà en ligne 2 pour 2025"
    )
    assert [(lau.name, lau.distinction.id) for lau in pal.laureates] == [
        ("Ville de Boé", "or"),
        ("Ville de Lyon", "3"),
    ]


def test_homonyms_of_different_departements_are_not_duplicates(tmp_path):
    pal = load_text(
        tmp_path,
        "nom;type;departement;niveau;annee",
        "Saint-Denis;commune;93;badge;2025",
        "Saint-Denis;commune;974;badge;2025",
    )
    assert pal.errors == ()
    assert [lau.slug for lau in pal.laureates] == ["saint-denis-93", "saint-denis-974"]
    assert [p.line for p in pal.warnings] == [2, 3]
    assert "saint-denis-93" in pal.warnings[0].message and "slug" in pal.warnings[0].message


def test_swapping_two_homonyms_keeps_their_slugs_and_certificate_numbers(tmp_path):
    boe47 = "Ville de Boé;commune;47;47031;or;;2025;;"
    boe24 = "Ville de Boé;commune;24;;3;;2025;;"
    one = load_text(tmp_path, HEADER, boe47, boe24, LYON, name="a.csv")
    two = load_text(tmp_path, HEADER, LYON, boe24, boe47, name="b.csv")

    def identities(pal):
        return {lau.department: (lau.slug, lau.certificate_number) for lau in pal.laureates}

    assert identities(one) == identities(two)
    assert identities(one)["47"][0] == "ville-de-boe-47" and identities(one)["24"][0] == "ville-de-boe-24"


def test_a_slug_column_pins_the_address_and_is_checked(tmp_path):
    pal = load_text(tmp_path, "nom;type;departement;niveau;annee;slug",
                    "Ville de Boé;commune;47;or;2025;boe", "Ville de Boé;commune;24;or;2025;",
                    "Ville de Lyon;commune;69;or;2025;Pas Un Slug", "Ville de X;commune;69;or;2025;boe")
    assert [lau.slug for lau in pal.laureates] == ["boe", "ville-de-boe"]
    assert [(p.line, p.field) for p in pal.errors] == [(4, "slug"), (5, "slug")]


def test_same_collectivite_in_several_years_keeps_its_slug(tmp_path):
    lines = [
        f"Ville de Boé;commune;47;;{lvl};;{year};;"
        for year, lvl in ((2022, 4), (2023, 5), (2024, 5), (2025, "or"))
    ]
    pal = load_text(tmp_path, HEADER, *lines)
    assert pal.problems == ()
    assert {lau.slug for lau in pal.laureates} == {"ville-de-boe"}
    assert len({lau.certificate_number for lau in pal.laureates}) == 4


@pytest.mark.parametrize(("niveau", "annee"), [("Or", 2019), ("3", 2025), ("badge", 2024)])
def test_distinction_outside_the_official_scale_is_a_warning_and_the_row_is_kept(tmp_path, niveau, annee):
    pal = load_text(tmp_path, "nom;type;niveau;annee", f"Ville de Boé;commune;{niveau};{annee}")
    assert pal.errors == () and len(pal.laureates) == 1
    (warning,) = pal.warnings
    assert (warning.line, warning.field, warning.value, warning.severity) == (
        2,
        "niveau",
        niveau,
        "avertissement",
    )
    assert str(warning).endswith("(avertissement)")


def test_mentions_on_a_2016_level_are_a_warning(tmp_path):
    pal = load_text(tmp_path, "nom;type;niveau;mentions;annee", "Ville;commune;4;Mutualisation;2023")
    assert pal.errors == () and [w.field for w in pal.warnings] == ["mentions"]


def test_mentions_by_name_or_id_separated_by_bars(tmp_path):
    pal = load_text(
        tmp_path,
        "nom;type;niveau;mentions;annee",
        "Parc national des Écrins;autre;bronze; MEILLEURE PREMIERE CANDIDATURE | mutualisation ;2025",
    )
    assert [m.name for m in pal.laureates[0].mentions] == ["Meilleure première candidature", "Mutualisation"]


def test_hostile_names_are_kept_verbatim_as_data(tmp_path):
    pal = load_text(
        tmp_path,
        "nom,type,niveau,annee",
        '"<script>alert(""x"")</script>",commune,or,2025',
        '"Ville ""libre"" & fière",commune,or,2025',
        '=HYPERLINK("x"),commune,or,2025',
    )
    assert pal.problems == ()
    assert [lau.name for lau in pal.laureates] == [
        '<script>alert("x")</script>',
        'Ville "libre" & fière',
        '=HYPERLINK("x")',
    ]


def test_bidi_isolates_are_rejected(tmp_path):
    pal = load_text(tmp_path, "nom;type;niveau;annee", "Ville\u2066 de Boé;commune;or;2025")
    assert "U+2066" in only_error(pal).message and pal.laureates == ()


def test_a_row_with_more_cells_than_columns_is_an_error(tmp_path):
    pal = load_text(
        tmp_path, "nom;type;niveau;annee", "Ville de Boé;commune;or;2025", "Ville de A;B;commune;or;2025"
    )
    error = only_error(pal)
    assert (error.line, error.field) == (3, None)
    assert "5 cellules pour 4 colonnes" in error.message and "entre guillemets" in error.message


def test_an_unclosed_quote_is_reported_where_it_starts(tmp_path):
    pal = load_text(
        tmp_path,
        "nom;type;niveau;annee",
        "Ville de Boé;commune;or;2025",
        '"Ville de Lyon;commune;3;2021',
        "Ville de Nancy;commune;5;2019",
    )
    error = only_error(pal)
    assert error.line == 3 and "guillemet" in error.message and "jusqu'à la ligne 4" in error.message
    assert [lau.name for lau in pal.laureates] == ["Ville de Boé"]


def test_line_numbers_are_physical_even_after_a_multiline_cell(tmp_path):
    pal = load_text(
        tmp_path,
        "nom;type;niveau;annee;commentaire",
        'Ville de Boé;commune;or;2025;"deux\nlignes"',
        "Ville de Lyon;commune;9;2021;",
    )
    assert only_error(pal).line == 4
    assert pal.warnings == () and [lau.name for lau in pal.laureates] == ["Ville de Boé"]


def test_an_unclosed_quote_in_an_ignored_column_is_a_warning(tmp_path):
    pal = load_text(
        tmp_path,
        "nom;type;niveau;annee;source",
        'Ville de Boé;commune;or;2025;"https://a.org',
        "Ville de Lyon;commune;3;2021;",
    )
    assert pal.errors == () and [lau.name for lau in pal.laureates] == ["Ville de Boé"]
    (warning,) = pal.warnings
    assert warning.line == 2 and "jusqu'à la ligne 3" in warning.message and "guillemet" in warning.message


def test_the_errors_fixture_file(tmp_path):
    pal = load_palmares(DATA / "palmares-erreurs.csv", today=TODAY)
    assert [str(p) for p in pal.problems] == [
        "palmares-erreurs.csv, ligne 3, champ « niveau » : valeur « 7 » : "
        "le niveau doit être 1 à 5, badge, bronze, argent ou or",
        "palmares-erreurs.csv, ligne 5, champ « nom » : valeur « Ville de Boé » : "
        "doublon : figure déjà en ligne 2 pour 2025",
        "palmares-erreurs.csv, ligne 6, champ « niveau » : valeur « 3 » : « Niveau 3 » n'appartient pas à "
        "l'échelle officielle de 2025 (Badge, Label Bronze, Argent, Or) ; "
        "cette distinction sera dessinée telle quelle (avertissement)",
        "palmares-erreurs.csv, ligne 7, champ « nom » : valeur obligatoire absente",
    ]
    assert [lau.name for lau in pal.laureates] == ["Ville de Boé", "Ville d'Échirolles"]
    assert pal.rows == 5


# --- JSON ------------------------------------------------------------------------------------------


def test_json_list_or_object_with_numbers(tmp_path):
    entries = [
        {"nom": "Ville de Nancy", "type": "commune", "niveau": 5, "annee": 2019},
        {
            "name": "Ville de Boé",
            "type": "Commune",
            "level": "Or",
            "year": 2025.0,
            "mentions": ["sobriete"],
            "source": "ignored",
        },
    ]
    as_list = load_palmares(write(tmp_path, json.dumps(entries), "a.json"), today=TODAY)
    as_object = load_palmares(write(tmp_path, json.dumps({"laureats": entries}), "b.json"), today=TODAY)
    assert as_list.problems == () and as_object.problems == ()
    assert as_list.laureates == as_object.laureates
    assert [(lau.name, lau.distinction.id, lau.year, lau.line) for lau in as_list.laureates] == [
        ("Ville de Nancy", "5", 2019, 1),
        ("Ville de Boé", "or", 2025, 2),
    ]


def test_json_problems_are_located_by_entry(tmp_path):
    entries = [
        {"nom": "Ville de Boé", "type": "commune", "niveau": "or", "annee": 2025},
        "Ville de Lyon",
        {"nom": "Ville de X", "type": "commune", "niveau": 7, "annee": 2025},
        {"nom": True, "type": "commune", "niveau": 5, "annee": 2025},
    ]
    pal = load_palmares(write(tmp_path, json.dumps({"laureats": entries}), "p.json"), today=TODAY)
    assert [str(p) for p in pal.errors] == [
        "p.json, entrée 2 : un objet {…} est attendu",
        "p.json, entrée 3, champ « niveau » : valeur « 7 » : "
        "le niveau doit être 1 à 5, badge, bronze, argent ou or",
        "p.json, entrée 4, champ « nom » : valeur « true » : un texte ou un nombre est attendu",
    ]
    assert [lau.name for lau in pal.laureates] == ["Ville de Boé"] and pal.rows == 4


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (
            '[\n  {"nom": "Ville de Boé",\n  "type" "commune"}\n]',
            "p.json, ligne 3, colonne 10 : JSON invalide",
        ),
        ('{"palmares": []}', "liste de lauréats"),
        ("42", "liste de lauréats"),
        ("", "vide"),
        ("[" * 100000, "JSON"),
    ],
)
def test_invalid_json_is_one_input_error(tmp_path, text, fragment):
    with pytest.raises(InputError, match=fragment.replace("(", r"\(")):
        load_palmares(write(tmp_path, text, "p.json"))


def test_json_must_be_utf8(tmp_path):
    with pytest.raises(InputError, match="UTF-8"):
        load_palmares(write(tmp_path, '[{"nom": "Boé"}]', "p.json", encoding="cp1252"))


# --- streaming and shipped examples ----------------------------------------------------------------


def test_iter_laureates_streams_laureates_and_problems_in_file_order(tmp_path):
    items = iter_laureates(write(tmp_path, f"{HEADER}\n{BOE}\nX;commune;;;9;;2025;;\n{LYON}\n"), today=TODAY)
    assert isinstance(items, types.GeneratorType)
    got = list(items)
    assert [type(item) for item in got] == [Laureate, Problem, Laureate]
    assert got[1].line == 3


EXAMPLES = ROOT / "examples"


def test_example_csv_is_saved_like_a_spreadsheet_and_loads_cleanly():
    raw = (EXAMPLES / "palmares-exemple.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") == raw.count(b"\n")
    assert raw[3:].split(b"\r\n")[0] == HEADER.encode()
    pal = load_palmares(EXAMPLES / "palmares-exemple.csv")
    assert pal.problems == ()
    assert len(pal.laureates) >= 28
    assert {lau.type for lau in pal.laureates} == set(LaureateType)
    assert {lau.distinction.scale_id for lau in pal.laureates} == {"niveaux-2016", "label-2025"}
    assert set(pal.years()) >= {2017, 2019, 2021, 2022, 2023, 2024, 2025}
    assert any(lau.mentions for lau in pal.laureates)
    assert {lau.slug for lau in pal.laureates if lau.name == "Ville de Boé"} == {"ville-de-boe"}


def test_example_json_holds_the_same_laureates_as_the_csv():
    csv_pal = load_palmares(EXAMPLES / "palmares-exemple.csv")
    json_pal = load_palmares(EXAMPLES / "palmares-exemple.json")
    assert json_pal.problems == ()
    assert json_pal.laureates == csv_pal.laureates


@settings(max_examples=150, deadline=None)
@given(
    content=st.binary(max_size=300)
    | st.text(alphabet=';,\t"\n\r ab1éÉ\u202e\x00nomtypeniveauannee', max_size=300).map(str.encode),
    suffix=st.sampled_from([".csv", ".json"]),
)
def test_any_file_gives_a_palmares_or_one_input_error(content, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"f{suffix}"
        path.write_bytes(content)
        try:
            pal = load_palmares(path, today=TODAY)
        except InputError as exc:
            assert str(exc) and "\n" not in str(exc).strip()
        else:
            assert all(isinstance(p, Problem) for p in pal.problems)


def test_one_oversized_field_rejects_its_row_only(tmp_path):
    huge = "x" * 140_000
    pal = load_text(tmp_path, "nom;type;niveau;annee;site", f"Ville de Boé;commune;or;2025;https://{huge}.fr",
                    "Ville de Lyon;commune;3;2021;")
    assert [lau.name for lau in pal.laureates] == ["Ville de Lyon"]
    error = only_error(pal)
    assert (error.line, error.field) == (2, "site") and "trop longue (140011 caractères" in error.message
    assert len(str(error)) < 300


def test_a_file_mixing_utf8_and_windows_1252_names_the_line(tmp_path):
    path = tmp_path / "palmares.csv"
    path.write_bytes("nom;type;niveau;annee\nVille de Boé;commune;or;2025\n".encode()
                     + "Brest;commune;or;2025\nVille d'Échirolles;commune;5;2022\n".encode("cp1252")
                     + "Ville de Brûlon;commune;3;2021\n".encode())
    pal = load_palmares(path, today=TODAY)
    assert [lau.name for lau in pal.laureates] == ["Ville de Boé", "Brest", "Ville de Brûlon"]
    error = only_error(pal)
    assert (error.line, error.field) == (4, "nom") and "mélange deux encodages" in error.message
    assert "<U+DCC9>" in str(error)


def test_a_windows_1252_file_is_read_as_such(tmp_path):
    path = tmp_path / "palmares.csv"
    path.write_bytes("nom;type;niveau;annee\nVille d'Échirolles;commune;5;2022\n".encode("cp1252"))
    assert load_palmares(path, today=TODAY).laureates[0].name == "Ville d'Échirolles"


def test_a_huge_json_number_is_a_line_error(tmp_path):
    path = tmp_path / "palmares.json"
    path.write_text('[{"nom": "Ville de Boé", "type": "commune", "niveau": "or", "annee": ' + "9" * 5000 + '},'
                    '{"nom": "Ville de Lyon", "type": "commune", "niveau": 3, "annee": 2021.0},'
                    '{"nom": "Ville de X", "type": "commune", "niveau": 1e999, "annee": 2021}]', encoding="utf-8")
    pal = load_palmares(path, today=TODAY)
    assert [lau.name for lau in pal.laureates] == ["Ville de Lyon"]
    assert [(p.line, p.field) for p in pal.errors] == [(1, "annee"), (3, "niveau")]


@pytest.mark.parametrize(("kind", "code", "kept"), [
    ("département", "38", "38"), ("département", "2a", "2A"), ("département", "971", "971"),
    ("département", "5", "05"), ("région", "93", "93"), ("région", "04", "04"), ("commune", "35238", "35238"),
    ("commune", "2A004", "2A004"), ("intercommunalité", "200066389", "200066389"),
    ("commune", "213 502 388", "213502388"),
])
def test_codes_are_checked_by_type(tmp_path, kind, code, kept):
    pal = load_text(tmp_path, "nom;type;code;niveau;annee", f"Collectivité;{kind};{code};or;2025")
    assert pal.errors == () and pal.laureates[0].code == kept


@pytest.mark.parametrize(("kind", "code", "words"), [
    ("département", "96", "01 à 95"), ("département", "20", "01 à 95"), ("région", "99", "2 chiffres"),
    ("région", "38000", "2 chiffres"), ("commune", "38", "INSEE (5 caractères"),
    ("intercommunalité", "38185", "SIREN"), ("commune", "213502389", "clé"),
])
def test_wrong_codes_for_their_type_are_line_errors(tmp_path, kind, code, words):
    pal = load_text(tmp_path, "nom;type;code;niveau;annee", f"Collectivité;{kind};{code};or;2025")
    error = only_error(pal)
    assert error.field == "code" and words in error.message
