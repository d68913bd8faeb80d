"""`tnl-signage check PALMARES`: validate a palmarès before generating anything from it."""

from __future__ import annotations

from pathlib import Path

import click

from .. import load_palmares
from ..domain.model import Palmares, Problem
from ..domain.theme import load_theme
from ..drawing.text.coverage import glyph_problems
from ..inputs.palmares import JSON_SUFFIXES
from .common import run_safely


def _plural(count: int, word: str) -> str:
    """« 1 lauréat », « 2 lauréats »."""
    return f"{count} {word}{'s' if count > 1 else ''}"


def summary(palmares: Palmares) -> str:
    """« N lauréats valides sur M lignes » (« entrées » for JSON)."""
    unit = "entrée" if Path(palmares.source).suffix.lower() in JSON_SUFFIXES else "ligne"
    count = len(palmares.laureates)
    valid = "valides" if count > 1 else "valide"
    return f"{_plural(count, 'lauréat')} {valid} sur {_plural(palmares.rows, unit)}"


def ordered(problems: tuple[Problem, ...]) -> list[Problem]:
    """Errors first, then warnings, each in file order (file-level problems first)."""
    return sorted(problems, key=lambda p: (not p.is_error, p.line if p.line is not None else 0))


@click.command("check")
@click.argument("palmares", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@run_safely
def check(palmares: Path) -> None:
    """Vérifie un palmarès (CSV ou JSON) sans rien générer.

    Affiche le nombre de lauréats valides, puis chaque erreur et avertissement avec son fichier, sa ligne,
    son champ et sa valeur (dont tout caractère qu'aucune police ne sait dessiner).
    Code de sortie 1 s'il y a au moins une erreur, 0 sinon (avertissements seuls).
    """
    result = load_palmares(palmares)
    click.echo(summary(result))
    problems = result.problems + tuple(glyph_problems(result, load_theme("light")))
    for problem in ordered(problems):
        click.echo(str(problem), err=True)
    if result.errors:
        raise SystemExit(1)


__all__ = ["check"]
