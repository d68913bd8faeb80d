"""Deterministic zip of a kit: sorted entries, fixed timestamps and permissions, so two runs give the same bytes.

Its comment marks it ours and records the fingerprint it was made from, so a rerun knows whether it may
replace it and whether it must.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import zipfile
from pathlib import Path

from ...atomic import clear_temporary, discard, open_new, refuse_link, replace_into
from ...errors import InputError
from ...inputs.editions import edition_for

# Already deflated inside (PNG, PDF streams): stored as they are, the zip is about 4 % bigger than with
# everything deflated again, and a kit spares compressing a megabyte a second time.
STORED_SUFFIXES = frozenset({".png", ".pdf", ".zip"})
COMMENT_PREFIX = b"tnl-signage kit "
_TAIL = 22 + 128  # end-of-central-directory record and our comment


def zip_comment(made_from: dict[str, object]) -> bytes:
    """« tnl-signage kit » and the SHA-256 of what the kit was made from."""
    text = json.dumps(made_from, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return COMMENT_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest().encode("ascii")


def zip_state(path: Path, made_from: dict[str, object] | None = None) -> str:
    """"absent", "foreign" (not a zip of ours: never touched), "ours", or "fresh" (ours, same fingerprint)."""
    info = refuse_link(path)
    if info is None:
        return "absent"
    if not stat.S_ISREG(info.st_mode):
        return "foreign"
    with open(path, "rb") as handle:
        handle.seek(max(0, info.st_size - _TAIL))
        tail = handle.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return "foreign"
    comment = tail[at + 22:]
    if not comment.startswith(COMMENT_PREFIX):
        return "foreign"
    return "fresh" if made_from is not None and comment == zip_comment(made_from) else "ours"


def write_zip(files: list[tuple[str, bytes]], target: Path, *, prefix: str, year: int,
              made_from: dict[str, object]) -> Path:
    """Zip `files` (relative path, bytes) as `prefix/...` into `target`, in the order given
    (through a temporary file opened without following links, renamed when complete)."""
    if zip_state(target) == "foreign":
        raise InputError(f"{target} existe et n'est pas un kit tnl-signage : laissé intact")
    instant = edition_for(year).award_instant  # the award's one instant (data/editions.toml), as PDFs and badges
    stamp = (max(1980, instant.year), instant.month, instant.day, instant.hour, instant.minute, instant.second)
    tmp = target.with_name(f".{target.name}.partial")
    clear_temporary(tmp)
    fd = open_new(tmp)
    try:
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w") as archive:
            for rel, data in files:
                info = zipfile.ZipInfo(f"{prefix}/{rel}", date_time=stamp)
                stored = os.path.splitext(rel)[1].lower() in STORED_SUFFIXES
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                info.create_system = 3
                archive.writestr(info, data, compresslevel=None if stored else 6)
            archive.comment = zip_comment(made_from)
    except BaseException:
        discard(tmp)
        raise
    replace_into(tmp, target)
    return target
