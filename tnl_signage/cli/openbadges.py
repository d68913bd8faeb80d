"""`tnl-signage openbadges PALMARES -o DIR --base-url URL`: the Open Badges 2.0 and 3.0 files of a palmarès."""

from __future__ import annotations

from pathlib import Path

import click

from .. import load_palmares
from ..errors import InputError
from ..inputs.revocations import revocations_for
from ..products.openbadges.keys import key_file_too_open
from ..products.openbadges.publish import write_openbadges
from .common import THEME_HELP, run_safely


@click.command("openbadges")
@click.argument("palmares", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "output", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Dossier du site où écrire les fichiers (arborescence des URL publiées).")
@click.option("--base-url", required=True, metavar="URL",
              help="Adresse publique du site, sans / final (ex. https://territoire-numerique-libre.org/palmares).")
@click.option("--signing-key", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Clé privée Ed25519 (tnl-signage keys init) pour signer les Open Badges 3.0 ; "
                   "sans elle, seuls les Open Badges 2.0 sont produits.")
@click.option("--theme", default="light", show_default=True, help=THEME_HELP)
@run_safely
def openbadges(palmares: Path, output: Path, base_url: str, signing_key: Path | None, theme: str) -> None:
    """Produit les Open Badges d'un palmarès : 2.0 hébergés (émetteur, BadgeClass, assertions) et 3.0 signés.

    Chaque lauréat reçoit aussi ses images « cuites » (PNG et SVG contenant le badge). Les fichiers sont écrits
    sous le dossier de sortie aux chemins des URL publiées (voir docs/urls.md) ; la clé privée n'y est jamais
    copiée.
    """
    loaded = load_palmares(palmares)
    if loaded.errors:
        raise InputError(f"{palmares} : {len(loaded.errors)} erreur(s) dans le palmarès ; corrigez-les d'abord "
                         f"(tnl-signage check {palmares})")
    if signing_key is not None and key_file_too_open(signing_key):
        click.echo(f"Attention : {signing_key} est lisible par d'autres utilisateurs (chmod 600 conseillé).",
                   err=True)
    revocations = revocations_for(palmares, loaded.laureates)
    result = write_openbadges(loaded.laureates, output, base_url, theme=theme, signing_key=signing_key,
                              revocations=revocations)
    click.echo(f"{len(result.files)} fichiers Open Badges écrits dans {output} pour "
               f"{len(loaded.laureates)} lauréat(s).")
    for note in result.notes:
        click.echo(note, err=True)


__all__ = ["openbadges"]
