"""Write a file so that its final name never holds a truncated file (temporary name, then rename)."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to `.{name}.tmp` beside `path`, then rename it into place; returns `path`."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path
