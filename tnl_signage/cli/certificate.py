"""`tnl-signage certificate`: one « attestation de labellisation » (PDF/A-2a and PDF/UA-1, or PNG/SVG for a preview)."""

from __future__ import annotations

from pathlib import Path

import click

from .. import certificate as make_certificate
from .. import laureate as make_laureate
from ..errors import InputError
from .common import KIND_HELP, KINDS, THEME_HELP, emit, output_kind, run_safely, size_options

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command("certificate")
@click.option("--name", "-n", "name", required=True, help="Nom de la collectivité, tel qu'il doit figurer.")
@click.option("--level", "-l", "level", required=True,
              help="Distinction : 1 à 5 (barème 2016-2024), badge, bronze, argent ou or (depuis 2025).")
@click.option("--year", "-y", "year", required=True, help="Année d'attribution (2016 ou après).")
@click.option("--mention", "mentions", multiple=True, help="Mention spéciale (identifiant ou nom), répétable.")
@click.option("--type", "kind", default="commune", show_default=True,
              help="Type : commune, intercommunalité, syndicat, département, région ou autre.")
@click.option("--department", "--departement", "departement", default=None,
              help="Numéro du département (38, 2A, 974…), affiché après le type.")
@click.option("--short-name", default=None, help="Nom court, utilisé si le nom ne tient pas.")
@click.option("--landscape", is_flag=True, help="A4 paysage (A4 portrait par défaut).")
@click.option("--base-url", default=None,
              help="Adresse des pages de vérification ; le QR code mène à ADRESSE/ANNÉE/SLUG/ "
                   "(par défaut celle de data/editions.toml).")
@click.option("--date", "award_date", default=None,
              help="Date de remise (2025-11-19 ou « 19 novembre 2025 ») ; sinon celle connue pour l'année, "
                   "ou « Décerné en ANNÉE ».")
@click.option("--place", default=None, help="Lieu de remise (par défaut celui connu pour l'année).")
@click.option("--issued", default=None,
              help="Date d'établissement de l'attestation (« Attestation établie le … », dates du PDF) ; "
                   "par défaut celle de l'édition dans editions.toml, sinon la date de remise.")
@click.option("--signatory", default=None, help="Nom du ou de la signataire (aucun par défaut).")
@click.option("--signatory-role", default=None,
              help="Qualité du ou de la signataire (« Pour l'association ADULLACT » par défaut).")
@click.option("--theme", default="light", show_default=True, help=THEME_HELP)
@click.option("--sign", "key", type=_FILE, default=None, help="Signer le PDF (PAdES) avec cette clé privée (PEM/DER).")
@click.option("--cert", "cert", type=_FILE, default=None, help="Certificat du signataire (PEM/DER), avec --sign.")
@click.option("--pkcs12", type=_FILE, default=None, help="Signer avec un fichier PKCS#12 (.p12, .pfx) à la place.")
@click.option("--passphrase", default=None, envvar="TNL_SIGN_PASSPHRASE",
              help="Phrase de passe de la clé ou du PKCS#12 (ou variable TNL_SIGN_PASSPHRASE).")
@click.option("--size", type=int, default=None, help="PNG : pixels sur le plus grand côté (1200 par défaut).")
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Fichier de sortie : .pdf (PDF/A-2a et PDF/UA-1), ou .png / .svg pour un aperçu ; - pour la "
                   "sortie standard.")
@click.option("--kind", "file_kind", type=click.Choice(KINDS), default=None, help=KIND_HELP)
@run_safely
def certificate(name: str, level: str, year: str, mentions: tuple[str, ...], kind: str, departement: str | None,
                short_name: str | None, landscape: bool, base_url: str | None, award_date: str | None,
                place: str | None, issued: str | None, signatory: str | None, signatory_role: str | None, theme: str,
                key: Path | None, cert: Path | None, pkcs12: Path | None, passphrase: str | None,
                size: int | None, output: Path, file_kind: str | None) -> None:
    """Produit l'attestation de labellisation d'une collectivité (PDF/A-2a et PDF/UA-1, signature PAdES facultative).

    Le PDF est archivable (polices incorporées, texte sélectionnable, profil sRGB) et identique octet
    pour octet d'une exécution à l'autre, sauf s'il est signé (la signature porte son heure).
    """
    laureate = make_laureate(name=name, level=level, year=year, type=kind, mentions=mentions,
                             department=departement, short_name=short_name)
    signer = None
    chosen = output_kind(output, file_kind, "pdf")
    if key or cert or pkcs12:
        if chosen != "pdf":
            raise InputError(f"seul un PDF peut être signé, pas « {output.name} »")
        from ..writers.signing import load_signer

        signer = load_signer(key=key, cert=cert, pkcs12=pkcs12, passphrase=passphrase)
    drawn = make_certificate(laureate, theme=theme, base_url=base_url, signer=signer,
                             orientation="landscape" if landscape else "portrait", date=award_date, place=place,
                             issued=issued, signatory=signatory, signatory_role=signatory_role)
    data = drawn.to_bytes(chosen, **size_options(chosen, size))
    for note in drawn.notes:
        click.echo(f"attention : {note}", err=True)
    emit(output, data)


__all__ = ["certificate"]
