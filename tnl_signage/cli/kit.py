"""`kit`: every laureate's complete kit from the palmarès in one command (the main job)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .. import DEFAULT_BASE_URL, make_kits
from ..publishing.kit.builder import FAILED, KitOutcome
from .common import THEME_HELP, run_safely


@click.command("kit")
@click.argument("palmares", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--output", "-o", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Dossier des kits : ANNÉE/SLUG/ et ANNÉE/SLUG.zip par lauréat.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Processus en parallèle (par défaut : le nombre de cœurs).")
@click.option("--base-url", default=DEFAULT_BASE_URL, show_default=True,
              help="Adresse du site de vérification (code QR, liens, Open Badges).")
@click.option("--signing-key", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Clé Ed25519 de l'organisateur pour signer les Open Badges 3.0.")
@click.option("--theme", default="light", show_default=True, help=THEME_HELP)
@click.option("--force", is_flag=True, help="Refaire aussi les kits déjà complets.")
@click.option("--quiet", "-q", is_flag=True, help="Sans barre de progression ni détail.")
@run_safely
def kit(palmares: Path, output: Path, jobs: int | None, base_url: str, signing_key: str | None, theme: str,
        force: bool, quiet: bool) -> None:
    """Produit le kit complet de chaque lauréat d'un palmarès (CSV ou JSON).

    Les kits déjà complets sont conservés (relancer après une interruption termine le travail) ;
    les lignes en erreur sont signalées et sautées, les autres lauréats ont leur kit. Pour une distinction
    retirée (retraits.csv à côté du palmarès, voir « tnl-signage revoke »), le kit ne contient que
    LISEZMOI.html et l'avis de retrait (PDF/A) : ni badge, ni panneau, ni communiqué.
    """
    from ..domain.urls import check_base_url

    check_base_url(base_url)  # a wrong address is said before anything else
    options: dict[str, Any] = {"jobs": jobs, "base_url": base_url, "theme": theme, "force": force,
                               "signing_key": signing_key}
    if signing_key is None and not quiet:
        click.echo("Open Badges 3.0 non signés : pas de --signing-key (les Open Badges 2.0 sont produits).", err=True)
    show_bar = not quiet and sys.stderr.isatty()
    if show_bar:
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("Kits", total=None)

            def advance(_: KitOutcome | None) -> None:
                bar.advance(task)

            summary = make_kits(palmares, output, progress=advance, **options)
    else:
        summary = make_kits(palmares, output, **options)
    if not quiet:
        for outcome in summary.outcomes:
            for note in outcome.notes if outcome.status != FAILED else ():
                click.echo(f"{outcome.laureate.name} ({outcome.laureate.year}) : {note}", err=True)
    for laureate, message in summary.failures:
        click.echo(f"{laureate.name} ({laureate.year}) : en échec : {message}", err=True)
    for message in summary.index_failures:
        click.echo(f"index non écrit : {message}", err=True)
    for problem in sorted(summary.problems, key=lambda p: (not p.is_error, p.line or 0)):
        click.echo(str(problem), err=True)
    withdrawn = sum(1 for o in summary.outcomes if o.withdrawn)
    click.echo(f"{summary.made} kits faits, {summary.kept} déjà à jour, {len(summary.failures)} en échec, "
               f"{len(summary.errors)} lignes en erreur — {output}")
    if withdrawn:
        plural = "s" if withdrawn > 1 else ""
        click.echo(f"dont {withdrawn} distinction{plural} retirée{plural} : kit réduit à l'avis de retrait")
    if not quiet and (output / "index.html").is_file():
        click.echo(f"Relecture avant envoi : {output / 'index.html'} (une galerie par année)", err=True)
    if summary.errors or summary.failures or summary.index_failures:
        raise SystemExit(1)
