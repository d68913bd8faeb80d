"""The `tnl-signage` click group: every command, its help and its errors in French."""

from __future__ import annotations

import importlib

import click

from .. import __version__
from .french import FrenchGroup, french_help

# (module under tnl_signage.cli, attribute): each command lives in its own small module.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("check", "check"),
    ("badge", "badge"),
    ("badge", "badges"),
    ("kit", "kit"),
    ("print_cmds", "panel"),
    ("print_cmds", "plaque"),
    ("print_cmds", "poster"),
    ("print_cmds", "formats"),
    ("certificate", "certificate"),
    ("keys", "keys"),
    ("openbadges", "openbadges"),
    ("site", "site"),
    ("site", "serve"),
    ("revoke", "revoke"),
    ("verify", "verify"),
)


@click.group(cls=FrenchGroup, subcommand_metavar="COMMANDE [ARGUMENTS]...", context_settings={"max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="tnl-signage", message="%(prog)s %(version)s",
                      help="Affiche la version et quitte.")
def cli() -> None:
    """Signalétique du label Territoire Numérique Libre.

    Produit, à partir du palmarès, les badges web, panneaux, affiches, attestations,
    Open Badges et kits des lauréats. Chaque commande a son aide : tnl-signage COMMANDE --help.
    """


for _module, _name in COMMANDS:
    cli.add_command(getattr(importlib.import_module(f"{__package__}.{_module}"), _name))
french_help(cli)

