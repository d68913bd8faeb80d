"""Deterministic zip of a kit: sorted entries, fixed timestamps and permissions, so two runs give the same bytes."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path


def write_zip(folder: Path, target: Path, *, prefix: str, year: int) -> Path:
    """Zip `folder` as `prefix/...` into `target` (through a temporary file, renamed when complete)."""
    stamp = (max(1980, year), 12, 1, 0, 0, 0)
    tmp = target.with_name(f".{target.name}.partial")
    with zipfile.ZipFile(tmp, "w") as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{prefix}/{path.relative_to(folder).as_posix()}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, path.read_bytes(), compresslevel=6)
    os.replace(tmp, target)
    return target
