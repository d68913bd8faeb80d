"""The command reference (docs/commandes.md): each command's French help, as `--help` prints it."""

from __future__ import annotations

import click
from click.testing import CliRunner

HEADER = """# Référence des commandes

*Générée par `python scripts/command_reference.py` à partir de l'aide des commandes (`tnl-signage COMMANDE --help`) :
ne pas modifier à la main. English: every command's help, generated.*

**Complétion** des commandes, options et valeurs dans le terminal (celle de click) : ajouter à `~/.bashrc`

```sh
eval "$(_TNL_SIGNAGE_COMPLETE=bash_source tnl-signage)"
```

(zsh : `zsh_source` dans `~/.zshrc` ; fish : `_TNL_SIGNAGE_COMPLETE=fish_source tnl-signage | source`). `-o -` écrit
le fichier sur la sortie standard (`--kind svg|png|pdf` dit lequel) ; `python -m tnl_signage` est la même commande.
"""


def _help(args: list[str]) -> str:
    from .app import cli

    result = CliRunner().invoke(cli, [*args, "--help"], prog_name="tnl-signage", terminal_width=100)
    return result.output.rstrip()


def _names(group: click.Group, prefix: list[str]) -> list[list[str]]:
    """Every command path under `group`, sub-groups' commands included (`keys init`)."""
    paths = []
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if command is None or command.hidden:
            continue
        paths.append([*prefix, name])
        if isinstance(command, click.Group):
            paths += _names(command, [*prefix, name])
    return paths


def command_reference() -> str:
    """The whole reference as Markdown, the same bytes for the same commands."""
    from .app import cli

    parts = [HEADER, "```text", _help([]), "```", ""]
    for path in _names(cli, []):
        parts += [f"## tnl-signage {' '.join(path)}", "", "```text", _help(path), "```", ""]
    return "\n".join(parts)
