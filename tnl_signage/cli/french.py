"""click's own words in French: help headings, usage line, error prefix, its most common error messages,
and Ctrl-C (« Interrompu », exit 130 instead of « Aborted! », exit 1).

click has no translation catalogue, so the group and its commands format their help themselves and the
group's `main` shows errors itself; the commands keep their plain click declarations.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import IO, Any

import click

HELP_TEXT = "Affiche cette aide et quitte."

Rules = tuple[tuple[re.Pattern[str], str], ...]


def _rules(*pairs: tuple[str, str]) -> Rules:
    """(pattern, French replacement) pairs, compiled once."""
    return tuple((re.compile(pattern), french) for pattern, french in pairs)


# click's messages (click 8.1-8.x) -> French, first match wins; groups are reused in the French text.
_ERRORS: Rules = _rules(
    (r"^Missing option (.+?)\.( .*)?$", r"option obligatoire absente : \1\2"),
    (r"^Missing argument (.+)\.$", r"argument obligatoire absent : \1"),
    (r"^Missing parameter '(.+)'\.$", r"paramètre obligatoire absent : \1"),
    (r"^No such option:? '?([^' ]+?)'?\.?( Did you mean .*)?$", r"option inconnue : \1\2"),
    (r"^No such command '(.+?)'\.( Did you mean .*)?$", r"commande inconnue : « \1 »\2"),
    (r"^Got unexpected extra arguments? \((.+)\)$", r"argument(s) en trop : \1"),
    (r"^Option '(.+)' requires an argument\.$", r"l'option \1 demande une valeur"),
    (r"^Option '(.+)' does not take a value\.$", r"l'option \1 ne prend pas de valeur"),
    (r"^Invalid value for (.+?): (.*)$", r"valeur invalide pour \1 : \2"),
    (r"^Invalid value: (.*)$", r"valeur invalide : \1"),
)
_VALUES: Rules = _rules(
    (r" Did you mean '?([^'?]+)'?\?", r" (vouliez-vous dire « \1 » ?)"),
    (r"\(Possible options: (.*)\)", r"(options possibles : \1)"),
    (r"'([^']*)' is not a valid integer( range)?\.", r"« \1 » n'est pas un nombre entier"),
    (r"'([^']*)' is not a valid float( range)?\.", r"« \1 » n'est pas un nombre"),
    (r"(\S+) is not in the range (\S+)\.", r"\1 n'est pas dans l'intervalle \2"),
    (r"'([^']*)' is not one of (.*)\.", r"« \1 » n'est pas l'une des valeurs possibles : \2"),
    (r"(File|Directory|Path) '(.*)' does not exist\.", r"« \2 » n'existe pas"),
    (r"(File|Path) '(.*)' is a directory\.", r"« \2 » est un dossier"),
    (r"(Directory|Path) '(.*)' is a file\.", r"« \2 » est un fichier"),
    (r"(File|Directory|Path) '(.*)' is not readable\.", r"« \2 » n'est pas lisible"),
    (r"(File|Directory|Path) '(.*)' is not writable\.", r"« \2 » n'est pas accessible en écriture"),
    (r"'(-[^']*|[A-Z_]+)'", r"\1"),
)
_HELP_EXTRAS = (("[default: ", "[par défaut : "), ("default: ", "par défaut : "), ("[required]", "[obligatoire]"),
                ("; required]", " ; obligatoire]"))


def french_message(text: str) -> str:
    """One of click's error messages in French (an unknown one is kept as it is)."""
    for pattern, french in _ERRORS:
        if pattern.match(text):
            text = pattern.sub(french, text)
            break
    for pattern, french in _VALUES:
        text = pattern.sub(french, text)
    return text


def _french_record(record: tuple[str, str]) -> tuple[str, str]:
    name, help_text = record
    for english, french in _HELP_EXTRAS:
        help_text = help_text.replace(english, french)
    return name, help_text


def show_usage_error(error: click.UsageError, file: IO[Any] | None = None) -> None:
    """« Utilisation : … », the hint to --help, and « Erreur : … », in French."""
    ctx = error.ctx
    if ctx is not None:
        click.echo(ctx.get_usage(), err=True, file=file)
        click.echo(f"Essayez « {ctx.command_path} --help » pour l'aide.", err=True, file=file)
    click.echo(f"Erreur : {french_message(error.format_message())}", err=True, file=file)


class FrenchCommand(click.Command):
    """A command whose help speaks French (« Utilisation », « Options », « par défaut »)."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="Utilisation : ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [_french_record(r) for p in self.get_params(ctx) if (r := p.get_help_record(ctx))]
        if records:
            with formatter.section("Options"):
                formatter.write_dl(records)


class FrenchGroup(FrenchCommand, click.Group):
    """The group: French help and sub-command list, and click's errors and Ctrl-C shown in French."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        FrenchCommand.format_options(self, ctx, formatter)
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Commandes"):
                formatter.write_dl(rows)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        try:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as error:
            show_usage_error(error)
            code = error.exit_code
        except click.ClickException as error:
            error.show()
            code = error.exit_code
        except (click.Abort, KeyboardInterrupt):
            click.echo("\nInterrompu", err=True)
            code = 130
        if not standalone_mode:
            raise SystemExit(code)
        sys.exit(code)


def french_help(command: click.Command) -> click.Command:
    """French help option and formatting for `command` and every sub-command (declared with plain click)."""
    if isinstance(command, click.Group):
        if not isinstance(command, FrenchGroup):
            command.__class__ = type("French" + type(command).__name__, (FrenchGroup, type(command)), {})
        for sub in command.commands.values():
            french_help(sub)
    elif not isinstance(command, FrenchCommand):
        command.__class__ = type("French" + type(command).__name__, (FrenchCommand, type(command)), {})
    command.add_help_option = False
    click.help_option("-h", "--help", help=HELP_TEXT)(command)
    return command
