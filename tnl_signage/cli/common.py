"""Helpers shared by CLI commands: user errors become one clear line, never a traceback."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import click

from ..errors import TnlError

P = ParamSpec("P")
R = TypeVar("R")


def run_safely(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a TnlError (bad file, option, theme) into click's one-line error and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except TnlError as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:
            name = exc.filename if exc.filename else ""
            raise click.ClickException(f"{name} : {exc.strerror or exc}".strip(" :")) from None

    return wrapper


THEME_HELP = "Thème : light (clair), dark (sombre) ou chemin d'un fichier .toml."
