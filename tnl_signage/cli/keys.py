"""`tnl-signage keys init DIR`: create the organiser's Open Badges 3.0 signing key (Ed25519)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..atomic import write_atomic
from ..errors import InputError
from ..ownership import LOCK_NAME, RECORD_NAME
from ..products.openbadges.keys import (
    KEY_FILENAME,
    controller_document,
    generate_key,
    public_multibase,
    save_private_key,
)
from ..products.openbadges.paths import SiteUrls
from ..products.openbadges.publish import json_bytes
from .common import run_safely


def _folder_around(directory: Path, markers: tuple[str, ...]) -> Path | None:
    """`directory` itself or the nearest folder above it that holds one of `markers` (existing or not)."""
    for candidate in (directory.resolve(), *directory.resolve().parents):
        if any(os.path.lexists(candidate / marker) for marker in markers):
            return candidate
    return None


def git_work_tree(directory: Path) -> Path | None:
    """The git work tree containing `directory` (existing or not), if any: a key must never be committed."""
    return _folder_around(directory, (".git",))


def output_folder_around(directory: Path) -> Path | None:
    """The site or kit folder holding `directory` (itself included), if any: a key there would be published.

    Recognised by what only our outputs carry: the ownership record, the run lock or a kit's manifest.
    """
    return _folder_around(directory, (RECORD_NAME, LOCK_NAME, "manifest.json"))


@click.group("keys")
def keys() -> None:
    """Clé de signature des Open Badges 3.0 de l'organisateur."""


@keys.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--base-url", default=None, metavar="URL",
              help="Adresse publique du site (ex. https://territoire-numerique-libre.org/palmares) : écrit aussi "
                   "issuer-v3.json, le document public qui déclare la clé.")
@run_safely
def init(directory: Path, base_url: str | None) -> None:
    """Crée une clé Ed25519 dans DIRECTORY/openbadges-ed25519.pem (lisible par vous seul, mode 0600).

    Refuse de remplacer une clé existante et d'écrire dans un dépôt git. Gardez ce fichier hors de tout
    dépôt et de tout kit : quiconque le possède peut signer des badges au nom de l'organisateur. Seule sa
    moitié publique est publiée, dans
    openbadges/issuer-v3.json (écrit ici avec --base-url, ou par la génération du site).
    """
    urls = SiteUrls.of(base_url) if base_url else None
    repo = git_work_tree(directory)
    if repo is not None:
        raise InputError(f"{directory} est dans le dépôt git {repo} : une clé privée ne doit jamais y être "
                         "enregistrée ; choisissez un dossier hors de tout dépôt")
    output = output_folder_around(directory)
    if output is not None:
        raise InputError(f"{directory} est dans le dossier de sortie {output} (site ou kit) : la clé privée y "
                         "serait publiée ; choisissez un dossier à part")
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = generate_key()
    path = save_private_key(key, directory / KEY_FILENAME)
    click.echo(f"Clé privée créée : {path} (mode 0600 ; ne la versionnez pas, ne la diffusez pas)")
    click.echo(f"Clé publique (Multikey) : {public_multibase(key)}")
    if urls is not None:
        doc_path = directory / "issuer-v3.json"
        write_atomic(doc_path, json_bytes(controller_document(key, urls)))
        click.echo(f"Document public de l'émetteur : {doc_path} (à publier à {urls.issuer_v3})")


__all__ = ["keys"]
