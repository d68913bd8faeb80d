"""The options each file kind of a product accepts, checked before drawing.

`badge.save("y.png", sizee=3)` or `panel.to_bytes("pdf", show_safe=True)` must not succeed silently, and
`size="big"` must not end in a `TypeError` from deep inside a writer: the caller gets one French
`InputError` (a `ValueError`) naming the option, the value and what is accepted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..errors import InputError

Check = Callable[[str, Any], Any]
Accepts = Mapping[str, Mapping[str, Check]]

MAX_PIXELS = 20000  # a longest side above this is a typo (and hundreds of MB of memory)


def _whole(value: Any, low: int, high: int) -> bool:
    """A real whole number (not True, not 2.0, not « 2 ») from `low` to `high`."""
    return not isinstance(value, bool) and isinstance(value, int) and low <= value <= high


def pixels(name: str, value: Any) -> int | None:
    """A size in pixels: a whole number from 1 to MAX_PIXELS (None: the natural size)."""
    if value is None:
        return None
    if not _whole(value, 1, MAX_PIXELS):
        raise InputError(f"option « {name} » : « {value} » n'est pas un nombre entier de pixels "
                         f"de 1 à {MAX_PIXELS}")
    return value


def multiple(name: str, value: Any) -> int:
    """A whole multiple of the natural size (1 or 2 for the kit's @2x)."""
    if not _whole(value, 1, 8):
        raise InputError(f"option « {name} » : « {value} » n'est pas un multiple entier de 1 à 8")
    return value


def flag(name: str, value: Any) -> bool:
    """True or False, nothing that only looks like it (« non » is a true string)."""
    if not isinstance(value, bool):
        raise InputError(f"option « {name} » : « {value} » n'est ni True ni False")
    return value


def checked(kind: str, options: Mapping[str, Any], accepted: Mapping[str, Check]) -> dict[str, Any]:
    """`options` checked against what a `kind` file accepts, or one French error naming the first fault."""
    for name in options:
        if name not in accepted:
            possible = ", ".join(sorted(accepted)) or "aucune"
            raise InputError(f"option inconnue pour un fichier {kind} de ce visuel : « {name} » "
                             f"(options possibles : {possible})")
    return {name: accepted[name](name, value) for name, value in options.items()}


def default_accepts(kinds: tuple[str, ...]) -> dict[str, dict[str, Check]]:
    """What a plain drawing accepts: a pixel size for its SVG and PNG, nothing for anything else."""
    return {kind: ({"size": pixels} if kind in ("svg", "png") else {}) for kind in kinds}


def one_of(name: str, value: Any, choices: tuple[str, ...]) -> str:
    """`value` if it is one of `choices`, else a French error listing them (never a KeyError)."""
    if not isinstance(value, str) or value not in choices:
        raise InputError(f"{name} : valeur inconnue « {value} » (possibles : {', '.join(choices)})")
    return value


def processes(value: Any) -> int | None:
    """A number of worker processes (`jobs`): None for one per core, else a whole number from 1 to 256."""
    if value is None:
        return None
    if not _whole(value, 1, 256):
        raise InputError(f"jobs : « {value} » n'est pas un nombre de processus de 1 à 256")
    return value
