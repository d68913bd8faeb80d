"""`check`: what a user reads and the exit code a script tests."""

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tnl_signage.cli.check import check

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def run():
    group = click.Group("tnl-signage")
    group.add_command(check)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(group, ["check", *args])

    return invoke


def test_valid_example_exits_0_with_a_summary(run):
    result = run(str(ROOT / "examples" / "palmares-exemple.csv"))
    assert result.exit_code == 0, result.output
    assert result.stdout == "36 lauréats valides sur 36 lignes\n"
    assert result.stderr == ""


def test_json_rows_are_called_entries(run):
    result = run(str(ROOT / "examples" / "palmares-exemple.json"))
    assert result.exit_code == 0
    assert result.stdout == "36 lauréats valides sur 36 entrées\n"


def test_errors_exit_1_and_are_listed_first_in_line_order_then_warnings(run):
    result = run(str(DATA / "palmares-erreurs.csv"))
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert result.stdout == "2 lauréats valides sur 5 lignes\n"
    lines = result.stderr.splitlines()
    assert [line.split(",")[1].strip() for line in lines] == ["ligne 3", "ligne 5", "ligne 7", "ligne 6"]
    assert lines[0] == (
        "palmares-erreurs.csv, ligne 3, champ « niveau » : valeur « 7 » : "
        "le niveau doit être 1 à 5, badge, bronze, argent ou or"
    )
    assert lines[3].endswith("(avertissement)")


def test_warnings_alone_exit_0(run):
    result = run(str(DATA / "palmares-avertissements.csv"))
    assert result.exit_code == 0
    assert result.stdout == "2 lauréats valides sur 2 lignes\n"
    assert result.stderr.splitlines() == [
        "palmares-avertissements.csv, ligne 3, champ « niveau » : valeur « Or » : "
        "« Label Or » n'appartient pas à l'échelle officielle de 2019 (Niveaux 1 à 5) ; "
        "cette distinction sera dessinée telle quelle (avertissement)"
    ]


def test_header_only_is_not_an_error(run):
    result = run(str(DATA / "entete-seule.csv"))
    assert result.exit_code == 0
    assert result.stdout == "0 lauréat valide sur 0 ligne\n"
    assert "aucun lauréat" in result.stderr


def test_one_row(run, tmp_path):
    path = tmp_path / "un.csv"
    path.write_text("nom;type;niveau;annee\nVille de Boé;commune;or;2025\n", encoding="utf-8")
    assert run(str(path)).stdout == "1 lauréat valide sur 1 ligne\n"


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("junk.csv", bytes(range(256)) * 4, "contenu binaire"),
        ("vide.csv", b"", "le fichier est vide"),
        ("lettre.csv", "Madame, Monsieur,\nveuillez trouver…\n".encode(), "aucune colonne reconnue"),
        ("casse.json", b'[{"nom": "Boe",]', "JSON invalide"),
        ("tableur.xlsx", b"PK\x03\x04", "enregistrez le tableur en CSV"),
    ],
)
def test_unreadable_files_give_one_clear_line_and_no_traceback(run, tmp_path, name, content, fragment):
    path = tmp_path / name
    path.write_bytes(content)
    result = run(str(path))
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    assert name in line and fragment in line


def test_missing_file_is_a_usage_error(run, tmp_path):
    result = run(str(tmp_path / "absent.csv"))
    assert result.exit_code == 2
    assert "absent.csv" in result.stderr


def test_help_is_in_french(run):
    result = run("--help")
    assert result.exit_code == 0
    assert "Vérifie un palmarès" in result.stdout and "Code de sortie 1" in result.stdout
