"""CLI: success and error paths as a user meets them (click's runner), French help on every command."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import click
from click.testing import CliRunner

from tests.conftest import png_image
from tnl_signage.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_badge_svg_from_options(tmp_path: Path) -> None:
    out = tmp_path / "seal.svg"
    code, stdout, _ = run("badge", "--level", "Argent", "--year", "2025", "--name", "Ville de Lyon",
                          "--mention", "mutualisation", "-o", str(out))
    assert code == 0, stdout
    title = ET.parse(out).getroot().find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text == "Label Territoire Numérique Libre 2025 : Label Argent, Ville de Lyon"


def test_badge_png_size_and_variant(tmp_path: Path) -> None:
    out = tmp_path / "b.png"
    code, _, _ = run("badge", "-l", "3", "-y", "2021", "--variant", "banner", "--theme", "dark", "--size", "800",
                     "-o", str(out))
    assert code == 0
    assert png_image(out.read_bytes()).size == (800, 200)


def test_badge_errors_are_one_clear_line(tmp_path: Path) -> None:
    code, _, stderr = run("badge", "--level", "7", "--year", "2021", "-o", str(tmp_path / "x.svg"))
    assert code == 1
    assert "niveau" in stderr and "« 7 »" in stderr and "Traceback" not in stderr
    code, _, stderr = run("badge", "--level", "3", "--year", "2021", "-o", str(tmp_path / "x.gif"))
    assert code == 1 and "format de fichier inconnu : « gif »" in stderr
    code, _, stderr = run("badge", "--level", "3", "--year", "2021", "--theme", "nope", "-o", str(tmp_path / "x.svg"))
    assert code == 1 and "thème introuvable" in stderr
    assert not (tmp_path / "x.svg").exists() and not (tmp_path / "x.gif").exists()


def test_badges_for_a_palmares_keeps_good_rows(tmp_path: Path) -> None:
    palmares = tmp_path / "p.csv"
    palmares.write_text(
        "nom;type;niveau;annee\nVille de Boé;commune;or;2025\nVille de Nulle-Part;commune;9;2025\n"
        "Ville d'Échirolles;commune;5;2022\n", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, stderr = run("badges", str(palmares), "-o", str(out), "--variant", "seal", "--no-retina")
    assert code == 1
    assert "ligne 3" in stderr and "« 9 »" in stderr
    assert sorted(p.name for p in (out / "2025" / "ville-de-boe").iterdir()) == [
        "badge-seal-dark.png", "badge-seal-dark.svg", "badge-seal-light.png", "badge-seal-light.svg"]
    assert (out / "2022" / "ville-d-echirolles" / "badge-seal-light.svg").exists()
    assert not (out / "2025" / "ville-de-nulle-part").exists()
    assert "2 distinctions à 2 collectivités : 8 fichiers" in stdout


def test_every_command_has_french_help() -> None:
    names = cli.list_commands(click.Context(cli))
    assert len(names) >= 15
    for name in names:
        command = cli.get_command(click.Context(cli), name)
        assert command is not None, name
        code, stdout, _ = run(name, "--help")
        assert code == 0, name
        assert command.help and command.help.strip(), name
        assert stdout.startswith("Utilisation : ") and "Usage" not in stdout
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [name for name in names if f"tnl-signage {name}" not in readme]
    assert not missing, f"commandes absentes du README : {missing}"


def test_badge_as_pdf_is_vector_rgb_without_fonts(tmp_path: Path) -> None:
    """`-o x.pdf`: the badge's own page (60 mm for the seal), outlines only, sRGB colours, no font to embed."""
    import pikepdf

    out = tmp_path / "sceau.pdf"
    code, _, _ = run("badge", "--level", "or", "--year", "2025", "--name", "Ville de Boé", "-o", str(out))
    assert code == 0
    with pikepdf.open(out) as pdf:
        page = pdf.pages[0]
        assert [round(float(v) / 72 * 25.4) for v in page.MediaBox] == [0, 0, 60, 60]
        assert "/Font" not in page.Resources or len(page.Resources.Font.keys()) == 0
        operators = {str(item.operator) for item in pikepdf.parse_content_stream(page)}
        assert "rg" in operators and "k" not in operators and "Tj" not in operators
        assert "Ville de Boé" in str(pdf.docinfo.Title)
