"""Library entry points for certificates: a laureate to the bytes or file of its attestation.

Sits above layout and writers (like `badges.py`), so the CLI and the kit builder share one path:
layout -> PDF/A writer (or any registered format, for previews) -> optional PAdES signature.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..domain.model import Laureate
from ..domain.theme import Theme, load_theme
from ..errors import InputError
from ..inputs.rows import check_text
from ..layout.certificate import certificate_scene
from ..writers import render
from ..writers.signing import sign_pdf

CERTIFICATE_FILENAME = "attestation.pdf"
# Free text a user types (option, API argument): checked like a name, with a length that still reads.
FREE_TEXT = {"signatory": (80, "le signataire"), "signatory_role": (120, "la qualité du signataire"),
             "place": (80, "le lieu"), "date": (40, "la date")}


def certificate_bytes(laureate: Laureate, theme: Theme | str = "light", *, kind: str = "pdf",
                      base_url: str | None = None, signer: object = None, size: int | None = None,
                      **layout: Any) -> tuple[bytes, tuple[str, ...]]:
    """The certificate as `kind` (pdf = PDF/A-2b, png/svg for a preview) and the layout's notes.

    `signer` (see `signing.load_signer`) signs the PDF; `size` is a PNG's longest side; `layout` goes
    to `certificate_scene` (orientation, date, place, signatory, signatory_role).
    """
    if signer is not None and kind.lower().lstrip(".") != "pdf":
        raise InputError(f"seul un PDF peut être signé, pas un fichier .{kind.lstrip('.')}")
    for key, (limit, what) in FREE_TEXT.items():
        if isinstance(layout.get(key), str):
            layout[key] = check_text(layout[key], limit, what)
    chosen = load_theme(theme) if isinstance(theme, str) else theme
    result = certificate_scene(laureate, chosen, base_url=base_url, **layout)
    data = render(result.scene, kind, **({"size": size} if size else {}))
    if signer is not None:
        data = sign_pdf(data, signer=signer)
    return data, result.notes


def write_certificate(laureate: Laureate, path: str | os.PathLike[str], theme: Theme | str = "light",
                      base_url: str | None = None, signer: object = None, size: int | None = None,
                      **layout: Any) -> tuple[str, ...]:
    """Write the certificate to `path` (format from its suffix), atomically; returns the layout's notes."""
    target = Path(path)
    kind = target.suffix.lstrip(".")
    if not kind:
        raise InputError(f"{target} : extension manquante (.pdf, .png ou .svg)")
    if not target.parent.is_dir():
        raise InputError(f"dossier de sortie introuvable : « {target.parent} »")
    data, notes = certificate_bytes(laureate, theme, kind=kind, base_url=base_url, signer=signer,
                                     size=size, **layout)
    write_atomic(target, data)
    return notes
