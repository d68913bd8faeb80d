"""Helpers shared by CLI commands: user errors become one clear line, never a traceback."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, ParamSpec, TypeVar

import click

from ..errors import InputWarning, TnlError, os_error_text

P = ParamSpec("P")
R = TypeVar("R")


class UserError(click.ClickException):
    """A user's mistake, shown in French on one line: « Erreur : … »."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"Erreur : {self.format_message()}", err=True, file=file)


def run_safely(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a TnlError (bad file, option, theme) into click's one-line error and exit code 1, and the
    library's InputWarnings into « attention : … » lines (once each, in order)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", InputWarning)
            try:
                return func(*args, **kwargs)
            except TnlError as exc:
                raise UserError(str(exc)) from None
            except OSError as exc:
                raise UserError(os_error_text(exc)) from None
            finally:
                said: list[str] = []
                for warning in caught:
                    text = str(warning.message)
                    if issubclass(warning.category, InputWarning) and text not in said:
                        said.append(text)
                        click.echo(f"attention : {text}", err=True)

    return wrapper


THEME_HELP = "Thème : light (clair), dark (sombre) ou chemin d'un fichier .toml."


def size_options(kind: str, size: int | None) -> dict[str, Any]:
    """`--size` for `.to_bytes`: only given when asked, and refused for a PDF (its size is its format's)."""
    if size is None:
        return {}
    if kind == "pdf":
        raise TnlError("--size ne concerne que les fichiers png et svg, pas un pdf")
    return {"size": size}


STDOUT = Path("-")
KINDS = ("svg", "png", "pdf")
KIND_HELP = "Type de fichier quand -o - (sortie standard) ou pour forcer : svg, png ou pdf."


def output_kind(output: Path, kind: str | None, default: str) -> str:
    """The file kind: `--kind`, else the suffix, else `default` for `-o -` (as pybadges or segno do)."""
    if kind:
        return kind
    if output == STDOUT:
        return default
    suffix = output.suffix.lower().lstrip(".")
    if not suffix:
        raise TnlError(f"{output} : extension manquante (.svg, .png ou .pdf), ou --kind")
    return suffix


def emit(output: Path, data: bytes) -> None:
    """The file written atomically and its path said, or the bytes on standard output (`-o -`, for a pipe)."""
    if output == STDOUT:
        stream = click.get_binary_stream("stdout")
        stream.write(data)
        stream.flush()
        return
    if not output.parent.is_dir():
        raise TnlError(f"{output} : le dossier « {output.parent} » n'existe pas")
    from ..atomic import write_atomic

    write_atomic(output, data)
    click.echo(str(output))
