"""manifest.json: every file of a kit with its size and SHA-256, the laureate's data and the tool's version.

It is also how a rerun knows a kit is complete: a kit whose manifest matches its files is skipped.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from .. import __version__
from ..model import Laureate

MANIFEST = "manifest.json"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_entries(folder: Path) -> list[dict[str, Any]]:
    """Every regular file under `folder` but the manifest, sorted by its POSIX relative path."""
    entries = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if rel == MANIFEST:
            continue
        entries.append({"path": rel, "size": path.stat().st_size, "sha256": sha256_file(path)})
    return entries


def laureate_data(laureate: Laureate) -> dict[str, Any]:
    """The laureate as the kit describes it (plain JSON types, stable keys)."""
    return {
        "nom": laureate.nom,
        "nom_court": laureate.nom_court,
        "type": laureate.type.value,
        "departement": laureate.departement,
        "code": laureate.code,
        "annee": laureate.annee,
        "distinction": {"id": laureate.distinction.id, "nom": laureate.distinction.name,
                        "en_mots": laureate.distinction.words, "bareme": laureate.distinction.scale_id},
        "mentions": [{"id": m.id, "nom": m.name} for m in laureate.mentions],
        "site": laureate.site,
        "slug": laureate.slug,
        "numero_attestation": laureate.certificate_number,
    }


def dumps(data: object) -> str:
    """Deterministic JSON text (sorted keys, UTF-8, final newline)."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_manifest(folder: Path, laureate: Laureate, options: dict[str, Any]) -> Path:
    manifest = {
        "outil": {"nom": "tnl-signage", "version": __version__},
        "laureat": laureate_data(laureate),
        "options": options,
        "fichiers": file_entries(folder),
    }
    path = folder / MANIFEST
    path.write_text(dumps(manifest), encoding="utf-8")
    return path


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
        return bool(file_entries(folder) == listed)
    except OSError:
        return False
