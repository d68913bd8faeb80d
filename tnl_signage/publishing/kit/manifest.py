"""manifest.json: every file of a kit with its size and SHA-256, the laureate's data, the tool's mark and the
fingerprint of what the kit was made from.

It is how a rerun knows a kit is ours (the tool's name and schema), complete (its files match) and fresh (its
fingerprint matches the palmarès row and the options of this run).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any

from ... import __version__
from ...atomic import refuse_link
from ...domain.model import Laureate
from ...errors import InputError
from .options import REASONS

MANIFEST = "manifest.json"
TOOL = "tnl-signage"
SCHEMA = 2  # 1: no fingerprint; 2: "empreinte" added
PARTIAL_MARK = ".tnl-signage-partial"


def read_files(folder: Path) -> list[tuple[str, bytes]]:
    """Every regular file under `folder` but the manifest and our partial mark: (POSIX path, bytes), sorted.

    Read once per kit, for both the manifest and the zip. Links are never followed.
    """
    found = []
    for top, _dirs, names in os.walk(folder):
        rel_top = os.path.relpath(top, folder).replace(os.sep, "/")
        for name in names:
            path = os.path.join(top, name)
            if not stat.S_ISREG(os.lstat(path).st_mode):
                continue
            rel = name if rel_top == "." else f"{rel_top}/{name}"
            if rel not in (MANIFEST, PARTIAL_MARK):
                with open(path, "rb") as handle:
                    found.append((rel, handle.read()))
    return sorted(found, key=lambda item: item[0].split("/"))


def file_entries(files: list[tuple[str, bytes]]) -> list[dict[str, Any]]:
    """The manifest's list: path, size and SHA-256 of each file."""
    return [{"path": rel, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()} for rel, data in files]


def laureate_data(laureate: Laureate) -> dict[str, Any]:
    """The laureate as the kit describes it (plain JSON types, stable keys): every field of its row."""
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


def fingerprint(laureate: Laureate, run: dict[str, object]) -> dict[str, object]:
    """What this kit is made from: the laureate's row (every field) and the run's options, fonts and data."""
    return {"laureat": laureate_data(laureate), **run}


def dumps(data: object) -> str:
    """Deterministic JSON text (sorted keys, UTF-8, final newline)."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def manifest_bytes(laureate: Laureate, options: dict[str, Any], files: list[tuple[str, bytes]],
                   made_from: dict[str, object]) -> bytes:
    """manifest.json for `files` (as read by `read_files`)."""
    manifest = {
        "outil": {"nom": TOOL, "version": __version__, "schema": SCHEMA},
        "laureat": laureate_data(laureate),
        "options": options,
        "empreinte": made_from,
        "fichiers": file_entries(files),
    }
    return dumps(manifest).encode("utf-8")


def write_manifest(folder: Path, data: bytes) -> None:
    """Turn the partial mark of a folder we just made into its manifest.json (never over an existing file,
    never through a link): the mark's own file is rewritten, then renamed.

    The folder is marked ours at every instant, by the mark and then by the manifest, and a kit neither
    creates nor deletes a file for it: on ext4 without a journal, each file creation steps one by one
    over the inodes freed in the last minutes, so a run that deletes a file per kit slows as it goes.
    """
    mark, final = folder / PARTIAL_MARK, folder / MANIFEST
    refuse_link(mark)
    fd = os.open(mark, os.O_WRONLY | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    if refuse_link(final) is not None:
        raise InputError(f"{final} existe déjà dans un dossier que tnl-signage vient de créer : laissé intact")
    os.rename(mark, final)


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The folder's manifest if it is ours (our tool's name and a schema number), else None."""
    path = folder / MANIFEST
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            manifest = json.loads(handle.read(1 << 22).decode("utf-8"))
        tool = manifest["outil"]
        if tool["nom"] != TOOL or not isinstance(tool.get("schema", 1), int):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return manifest if isinstance(manifest, dict) else None


def is_ours(folder: Path) -> bool:
    """A folder we may replace: one of our kits, our partial folder (mark or manifest), or an empty folder."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return True
    if not stat.S_ISDIR(info.st_mode):
        return False
    if read_manifest(folder) is not None:
        return True
    try:
        mark = os.lstat(folder / PARTIAL_MARK)
    except FileNotFoundError:
        return not os.listdir(folder)
    return stat.S_ISREG(mark.st_mode)


def stale_reasons(manifest: dict[str, Any] | None, made_from: dict[str, object]) -> list[str]:
    """Why a kit with this manifest is not the one this run would make (empty list: it is)."""
    if manifest is None:
        return ["kit incomplet"]
    recorded = manifest.get("empreinte")
    if not isinstance(recorded, dict):
        return ["kit d'une version sans empreinte"]
    return [REASONS.get(key, f"{key} modifié") for key, value in made_from.items() if recorded.get(key) != value]


def manifest_matches(folder: Path, manifest: dict[str, Any] | None = None) -> bool:
    """True when the folder holds exactly the files its (our) manifest lists, byte for byte."""
    manifest = manifest if manifest is not None else read_manifest(folder)
    if manifest is None:
        return False
    try:
        return bool(file_entries(read_files(folder)) == manifest.get("fichiers"))
    except OSError:
        return False
