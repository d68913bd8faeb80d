"""`tnl-signage site PALMARES -o public/ --base-url …` and `tnl-signage serve public/`."""

from __future__ import annotations

from pathlib import Path

import click

from .. import build_site, load_palmares
from ..domain.model import Problem
from ..errors import InputError
from ..publishing.site.serve import HOST, make_server
from .common import run_safely


def _echo_problems(problems: tuple[Problem, ...]) -> None:
    for problem in sorted(problems, key=lambda p: (not p.is_error, p.line or 0)):
        click.echo(str(problem), err=True)


@click.command("site")
@click.argument("palmares", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("public"), show_default=True, help="Dossier où écrire le site.")
@click.option("--base-url", required=True,
              help="Adresse publique du site, sans / final (ex. https://palmares.exemple.org) : elle figure "
                   "dans les codes à copier, le plan du site et les Open Badges.")
@click.option("--signing-key", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Clé privée Ed25519 (PEM) pour signer les attestations Open Badges 3.0.")
@click.option("--theme", type=click.Choice(["light", "dark"]), default="light", show_default=True,
              help="Badge proposé dans les codes à copier et les Open Badges : light (clair) ou dark (sombre).")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Nombre de processus pour dessiner les badges (même résultat, plus vite).")
@click.option("--prune", is_flag=True,
              help="Retirer les fichiers d'une génération précédente que le site n'écrit plus (seulement ceux "
                   "que tnl-signage a écrits).")
@run_safely
def site(palmares: Path, out_dir: Path, base_url: str, signing_key: Path | None, theme: str, jobs: int,
         prune: bool) -> None:
    """Génère le site statique du palmarès : accueil, une page par édition, une page de vérification et
    une vignette par lauréat, badges, codes à copier, Open Badges, données ouvertes (CSV, JSON),
    robots.txt et sitemap.xml.

    Le site n'a ni script ni ressource extérieure ; ses liens internes sont relatifs : il s'ouvre aussi
    depuis le disque. Le palmarès ne doit contenir aucune erreur (voir « tnl-signage check »). Les
    distinctions retirées (retraits.csv à côté du palmarès) sont dites « retirées » partout.
    """
    loaded = load_palmares(palmares)
    _echo_problems(loaded.problems)
    if loaded.errors:
        raise InputError(f"{palmares.name} : {len(loaded.errors)} erreur(s), site non généré ; "
                         "corrigez le palmarès (tnl-signage check)")
    result = build_site(loaded, out_dir, base_url=base_url, theme=theme, signing_key=signing_key, jobs=jobs,
                        prune=prune)
    for note in result.notes:
        click.echo(f"note : {note}", err=True)
    said = result.counts.summary() if result.counts else f"{len(loaded.laureates)} distinctions"
    click.echo(f"{len(result.files)} fichiers écrits dans {out_dir} ({said})")


@click.command("serve")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port local (0 : un port libre au hasard).")
@run_safely
def serve(folder: Path, port: int) -> None:
    """Sert un site généré sur http://127.0.0.1:PORT/ pour le regarder avant publication.

    N'écoute que sur cette machine (127.0.0.1). Ctrl+C pour arrêter.
    """
    server = make_server(folder, port)
    click.echo(f"Site servi sur http://{HOST}:{server.server_address[1]}/ (Ctrl+C pour arrêter)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Arrêt du serveur.")
    finally:
        server.server_close()


__all__ = ["serve", "site"]
