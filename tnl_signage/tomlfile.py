"""Read a TOML data file (theme, scales, formats, issuer): one clear French error naming the file."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .errors import InputError, os_reason


def read_toml(path: Path) -> dict[str, Any]:
    """The decoded file; InputError « nom.toml : … » if it cannot be read or is not valid TOML."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path.name} : lecture impossible ({os_reason(exc)})") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path.name} : fichier TOML invalide ({exc})") from None
