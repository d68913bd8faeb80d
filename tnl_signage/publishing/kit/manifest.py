"""manifest.json: every file of a kit with its size and SHA-256, the laureate's data and the tool's version.

It is also how a rerun knows a kit is complete: a kit whose manifest matches its files is skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from ... import __version__
from ...domain.model import Laureate

MANIFEST = "manifest.json"


def read_files(folder: Path) -> list[tuple[str, bytes]]:
    """Every regular file under `folder` but the manifest: (POSIX relative path, bytes), sorted by path.

    Read once per kit, for both the manifest and the zip.
    """
    found = []
    for top, _dirs, names in os.walk(folder):
        rel_top = os.path.relpath(top, folder).replace(os.sep, "/")
        for name in names:
            path = os.path.join(top, name)
            if not os.path.isfile(path) or os.path.islink(path):
                continue
            rel = name if rel_top == "." else f"{rel_top}/{name}"
            if rel != MANIFEST:
                with open(path, "rb") as handle:
                    found.append((rel, handle.read()))
    return sorted(found, key=lambda item: item[0].split("/"))


def file_entries(files: list[tuple[str, bytes]]) -> list[dict[str, Any]]:
    """The manifest's list: path, size and SHA-256 of each file."""
    return [{"path": rel, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()} for rel, data in files]


def laureate_data(laureate: Laureate) -> dict[str, Any]:
    """The laureate as the kit describes it (plain JSON types, stable keys)."""
    return {
        "nom": laureate.name,
        "nom_court": laureate.short_name,
        "type": laureate.type.value,
        "departement": laureate.department,
        "code": laureate.code,
        "annee": laureate.year,
        "distinction": {"id": laureate.distinction.id, "nom": laureate.distinction.name,
                        "en_mots": laureate.distinction.words, "bareme": laureate.distinction.scale_id},
        "mentions": [{"id": m.id, "nom": m.name} for m in laureate.mentions],
        "site": laureate.website,
        "slug": laureate.slug,
        "numero_attestation": laureate.certificate_number,
    }


def dumps(data: object) -> str:
    """Deterministic JSON text (sorted keys, UTF-8, final newline)."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_manifest(folder: Path, laureate: Laureate, options: dict[str, Any],
                   files: list[tuple[str, bytes]]) -> bytes:
    """Write manifest.json for `files` (as read by `read_files`); returns its bytes."""
    manifest = {
        "outil": {"nom": "tnl-signage", "version": __version__},
        "laureat": laureate_data(laureate),
        "options": options,
        "fichiers": file_entries(files),
    }
    data = dumps(manifest).encode("utf-8")
    (folder / MANIFEST).write_bytes(data)
    return data


def manifest_matches(folder: Path) -> bool:
    """True when the folder holds exactly the files its manifest lists, byte for byte."""
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        listed = manifest["fichiers"]
        version = manifest["outil"]["version"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    if version != __version__:
        return False
    try:
        return bool(file_entries(read_files(folder)) == listed)
    except OSError:
        return False
