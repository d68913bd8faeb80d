"""`tnl-signage verify FILE…`: is this badge, credential or certificate genuine, intact and still valid?"""

from __future__ import annotations

from pathlib import Path

import click

from ..publishing.verify import SiteCopy, verify_file
from .common import run_safely


@click.command("verify")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--site", "site", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Copie locale du site publié (clé de l'émetteur, assertions 2.0, listes de révocation) ; "
                   "par défaut, le site dans lequel se trouve le fichier.")
@run_safely
def verify(files: tuple[Path, ...], site: Path | None) -> None:
    """Vérifie, sans réseau, des fichiers produits par tnl-signage.

    Images « cuites » PNG ou SVG (Open Badges 2.0 ou 3.0), assertion ou attestation JSON, attestation
    PDF (signature, numéro, cible du code QR). Dit pour chacun ce qu'il est, pour qui, s'il est intact et
    si la distinction a été retirée. Code de sortie 0 seulement si tous sont valides et non retirés.
    """
    failed = 0
    shared = SiteCopy(site) if site is not None else None  # read once for every file
    for path in files:
        verdict = verify_file(path, shared)
        for line in verdict.lines():
            click.echo(line)
        failed += not verdict.ok
    if failed:
        click.echo(f"{failed} fichier(s) sur {len(files)} non valide(s).", err=True)
        raise SystemExit(1)


__all__ = ["verify"]
