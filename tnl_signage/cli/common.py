"""Helpers shared by CLI commands: user errors become one clear line, never a traceback."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import IO, Any, ParamSpec, TypeVar

import click

from ..errors import TnlError, os_error_text

P = ParamSpec("P")
R = TypeVar("R")


class UserError(click.ClickException):
    """A user's mistake, shown in French on one line: « Erreur : … »."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"Erreur : {self.format_message()}", err=True, file=file)


def run_safely(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a TnlError (bad file, option, theme) into click's one-line error and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except TnlError as exc:
            raise UserError(str(exc)) from None
        except OSError as exc:
            raise UserError(os_error_text(exc)) from None

    return wrapper


THEME_HELP = "Thème : light (clair), dark (sombre) ou chemin d'un fichier .toml."
