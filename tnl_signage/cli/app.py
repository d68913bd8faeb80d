"""The `tnl-signage` click group: every command, its help and its errors in French.

Commands are imported when they are run (or when the full help lists them), so `tnl-signage --version`
and `tnl-signage check` never pay for cairo, reportlab or pyhanko.
"""

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


class LazyGroup(FrenchGroup):
    """The group of `COMMANDS`: a command's module is imported the first time that command is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({name for _, name in COMMANDS} | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            module = next((module for module, name in COMMANDS if name == cmd_name), None)
            if module is None:
                return None
            command = getattr(importlib.import_module(f"{__package__}.{module}"), cmd_name)
            self.add_command(french_help(command), cmd_name)
        return self.commands[cmd_name]


@click.group(cls=LazyGroup, subcommand_metavar="COMMANDE [ARGUMENTS]...", context_settings={"max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="tnl-signage", message="%(prog)s %(version)s",
                      help="Affiche la version et quitte.")
def cli() -> None:
    """Signalétique du label Territoire Numérique Libre.

    Produit, à partir du palmarès, les badges web, panneaux, affiches, attestations,
    Open Badges et kits des lauréats. Chaque commande a son aide : tnl-signage COMMANDE --help.
    """


french_help(cli)

