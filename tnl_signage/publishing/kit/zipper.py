"""Deterministic zip of a kit: sorted entries, fixed timestamps and permissions, so two runs give the same bytes."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from ...inputs.editions import edition_for

# Already deflated inside (PNG, PDF streams): stored as they are, the zip is about 4 % bigger than with
# everything deflated again, and a kit spares compressing a megabyte a second time.
STORED_SUFFIXES = frozenset({".png", ".pdf", ".zip"})


def write_zip(files: list[tuple[str, bytes]], target: Path, *, prefix: str, year: int) -> Path:
    """Zip `files` (relative path, bytes) as `prefix/...` into `target`, in the order given
    (through a temporary file, renamed when complete)."""
    instant = edition_for(year).award_instant  # the award's one instant (data/editions.toml), as PDFs and badges
    stamp = (max(1980, instant.year), instant.month, instant.day, instant.hour, instant.minute, instant.second)
    tmp = target.with_name(f".{target.name}.partial")
    with zipfile.ZipFile(tmp, "w") as archive:
        for rel, data in files:
            info = zipfile.ZipInfo(f"{prefix}/{rel}", date_time=stamp)
            stored = os.path.splitext(rel)[1].lower() in STORED_SUFFIXES
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data, compresslevel=None if stored else 6)
    os.replace(tmp, target)
    return target
