"""The `tnl-signage` command: a thin click layer over the library (options -> model -> layout -> writer)."""

from __future__ import annotations

import importlib

import click

from .. import __version__

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


HELP_TEXT = "Affiche cette aide et quitte."


def french_help(command: click.Command) -> click.Command:
    """Replace click's English « Show this message and exit. » by the French line, in every sub-command too."""
    command.add_help_option = False
    click.help_option("-h", "--help", help=HELP_TEXT)(command)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            french_help(sub)
    return command


@click.group(context_settings={"max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="tnl-signage", message="%(prog)s %(version)s",
                      help="Affiche la version et quitte.")
def cli() -> None:
    """Signalétique du label Territoire Numérique Libre.

    Produit, à partir du palmarès, les badges web, panneaux, affiches, attestations,
    Open Badges et kits des lauréats. Chaque commande a son aide : tnl-signage COMMANDE --help.
    """


for _module, _name in COMMANDS:
    cli.add_command(getattr(importlib.import_module(f"{__name__}.{_module}"), _name))
french_help(cli)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="tnl-signage")
