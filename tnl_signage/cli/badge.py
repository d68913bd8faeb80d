"""`badge` (one badge from options) and `badges` (every laureate's badges from a palmarès)."""

from __future__ import annotations

from pathlib import Path

import click

from .. import badge as make_badge
from .. import laureate as make_laureate
from .. import load_palmares
from ..layout.badges import VARIANTS
from ..products.badges import THEMES, write_badges
from .common import KIND_HELP, KINDS, THEME_HELP, emit, output_kind, run_safely, size_options


@click.command("badge")
@click.option("--level", "-l", "level", required=True,
              help="Distinction : 1 à 5 (barème 2016-2024), badge, bronze, argent ou or (depuis 2025).")
@click.option("--year", "-y", "year", required=True, help="Année d'attribution (2016 ou après).")
@click.option("--name", "-n", "name", default=None, help="Nom de la collectivité (facultatif).")
@click.option("--short-name", default=None, help="Nom court, utilisé si le nom ne tient pas.")
@click.option("--mention", "mentions", multiple=True, help="Mention spéciale (identifiant ou nom), répétable.")
@click.option("--type", "kind", default="commune", show_default=True, help="Type de collectivité.")
@click.option("--variant", type=click.Choice(VARIANTS), default="seal", show_default=True,
              help="seal (carré), banner (bandeau), button (bouton 88x31), mark (marques seules).")
@click.option("--theme", default="light", show_default=True, help=THEME_HELP)
@click.option("--size", type=int, default=None, help="PNG : pixels sur le plus grand côté.")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Fichier de sortie : .svg, .png, ou .pdf (vectoriel RVB, pour un document) ; - pour la sortie "
                   "standard.")
@click.option("--kind", "file_kind", type=click.Choice(KINDS), default=None, help=KIND_HELP)
@run_safely
def badge(level: str, year: str, name: str | None, short_name: str | None, mentions: tuple[str, ...],
          kind: str, variant: str, theme: str, size: int | None, output: Path, file_kind: str | None) -> None:
    """Dessine un badge web (SVG, PNG ou PDF)."""
    # No name: the same checks as a row, with a placeholder name that is not drawn.
    laureate = make_laureate(name=name or "collectivité", level=level, year=year, type=kind if name else "commune",
                             mentions=mentions, short_name=short_name if name else None)
    drawn = make_badge(laureate, variant=variant, theme=theme, name_shown=bool(name))
    for note in drawn.notes:
        click.echo(f"attention : {note}", err=True)
    chosen = output_kind(output, file_kind, "svg")
    emit(output, drawn.to_bytes(chosen, **size_options(chosen, size)))


@click.command("badges")
@click.argument("palmares", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Dossier de sortie : un sous-dossier ANNÉE/SLUG par lauréat.")
@click.option("--variant", "variants", multiple=True, type=click.Choice(VARIANTS),
              help="Variantes à produire (toutes par défaut).")
@click.option("--theme", "themes", multiple=True, type=click.Choice(THEMES), help="Thèmes (light et dark par défaut).")
@click.option("--retina/--no-retina", default=True, show_default=True, help="Ajouter les PNG @2x.")
@run_safely
def badges(palmares: Path, output: Path, variants: tuple[str, ...], themes: tuple[str, ...],
           retina: bool) -> None:
    """Produit les badges de chaque lauréat d'un palmarès (CSV ou JSON).

    Les badges d'une distinction retirée (retraits.csv à côté du palmarès) disent « retiré le … ».
    """
    from ..domain.records import Counts
    from ..inputs.records import records_of
    from ..inputs.revocations import revocations_for

    loaded = load_palmares(palmares)
    records = records_of(loaded.laureates, revocations_for(palmares, loaded.laureates))
    made = 0
    for record in records:
        laureate = record.laureate
        folder = output / str(laureate.year) / laureate.slug
        done = write_badges(record, folder, variants=variants or VARIANTS, themes=themes or THEMES,
                            png_scales=(1, 2) if retina else (1,))
        made += len(done.files)
        for note in done.notes:
            click.echo(f"{laureate.name} ({laureate.year}) : {note}", err=True)
    for problem in sorted(loaded.problems, key=lambda p: (not p.is_error, p.line or 0)):
        click.echo(str(problem), err=True)
    click.echo(f"{Counts.of(records).summary()} : {made} fichiers dans {output}")
    if loaded.errors:
        raise SystemExit(1)
