"""The only clock of the package, read at the edge: signing times (Open Badges 3.0 proofs, status lists).

`SOURCE_DATE_EPOCH` (reproducible-builds.org) fixes it, so a build can be replayed byte for byte; without it
the real time is used, because a Data Integrity proof's `created` says when the proof was made.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from ..errors import InputError


def signing_time() -> datetime:
    """Now in UTC to the second, or the instant of SOURCE_DATE_EPOCH when it is set."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        if not raw.isdigit():
            raise InputError(f"SOURCE_DATE_EPOCH « {raw} » : un nombre de secondes depuis 1970 est attendu")
        return datetime.fromtimestamp(int(raw), UTC)
    return datetime.now(UTC).replace(microsecond=0)
