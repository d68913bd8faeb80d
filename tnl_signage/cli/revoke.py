"""`tnl-signage revoke`: record that an award was withdrawn (one line in retraits.csv beside the palmarès)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..errors import InputError
from ..inputs.palmares import load_palmares
from ..inputs.revocations import add_revocation, revocations_path
from .common import run_safely


@click.command("revoke")
@click.argument("palmares", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--year", "-y", type=int, required=True, help="Édition de la distinction retirée.")
@click.option("--slug", "-s", "who", required=True,
              help="Identifiant du lauréat : son slug (ville-de-boe, celui de sa page) ou son code INSEE / SIREN.")
@click.option("--reason", "-r", required=True, help="Motif du retrait, publié sur la page de vérification.")
@click.option("--date", "day", default=None, help="Date du retrait, AAAA-MM-JJ (par défaut : aujourd'hui).")
@run_safely
def revoke(palmares: Path, year: int, who: str, reason: str, day: str | None) -> None:
    """Retire une distinction : ajoute une ligne à retraits.csv, à côté du palmarès.

    Ensuite, « tnl-signage site », « kit », « badges » et « openbadges » la disent retirée partout : tous
    les badges (« retiré le … »), images cuites, page de vérification et vignette, pages de l'édition et
    d'accueil (listée à part, non comptée), données ouvertes (statut), assertion Open Badges 2.0 « revoked »,
    bit de la liste de statuts Open Badges 3.0 ; son kit se réduit à un avis de retrait (docs/retrait.md).
    Republiez le site pour que les vérificateurs le voient.
    """
    try:
        when = date.fromisoformat(day) if day else date.today()
    except ValueError:
        raise InputError(f"--date « {day} » : date AAAA-MM-JJ attendue") from None
    loaded = load_palmares(palmares)
    found = [lau for lau in loaded.laureates if lau.year == year and who in (lau.slug, lau.code)]
    if not found:
        raise InputError(f"{palmares.name} : aucun lauréat « {who} » en {year} (slug ou code attendu)")
    if len(found) > 1:
        raise InputError(f"{palmares.name} : « {who} » désigne {len(found)} lauréats en {year} ; donnez le slug")
    target = revocations_path(palmares)
    add_revocation(target, found[0], when, reason)
    click.echo(f"{found[0].name} ({year}) : distinction retirée le {when.isoformat()}, noté dans {target}. "
               "Régénérez et republiez le site.")


__all__ = ["revoke"]
