"""The certificate of a laureate (« attestation de labellisation ») as a `Drawing`.

Sits above layout and writers (like `badges.py`), so the CLI, the kit and the public API share one path:
layout -> PDF/A writer (or SVG/PNG for previews) -> optional PAdES signature.
"""

from __future__ import annotations

import os
from typing import Any

from ..domain.model import Laureate
from ..domain.theme import Theme, load_theme
from ..errors import InputError
from ..inputs.rows import check_text
from ..layout.certificate import certificate_scene
from ..writers import render
from ..writers.signing import sign_pdf
from .options import pixels
from .result import Drawing, scene_rendition

# Free text a user types (option, API argument): checked like a name, with a length that still reads.
FREE_TEXT = {"signatory": (80, "le signataire"), "signatory_role": (120, "la qualité du signataire"),
             "place": (80, "le lieu"), "date": (40, "la date")}


def certificate(laureate: Laureate, *, theme: Theme | str = "light", base_url: str | None = None,
                signer: object = None, **layout: Any) -> Drawing:
    """The certificate: `pdf` is PDF/A-2b (signed with `signer`, see `writers.signing.load_signer`),
    `png` and `svg` are previews. `layout` goes to `certificate_scene` (orientation, date, place,
    signatory, signatory_role); the QR code leads to the verification page under `base_url`.
    Free text (signatory, place, date) is checked like a name: InputError in French if unfit."""
    if isinstance(signer, str | os.PathLike | bytes):
        raise InputError("signer : un signataire chargé (writers.signing.load_signer(key=…, cert=…) ou "
                         f"pkcs12=…), pas un chemin de fichier (« {os.fsdecode(signer)} »)")
    for key, (limit, what) in FREE_TEXT.items():
        if isinstance(layout.get(key), str):
            layout[key] = check_text(layout[key], limit, what)
    chosen = load_theme(theme) if isinstance(theme, str) else theme
    result = certificate_scene(laureate, chosen, base_url=base_url, **layout)
    scene = result.scene

    def pdf(**options: Any) -> bytes:
        data = render(scene, "pdf", **options)
        return sign_pdf(data, signer=signer) if signer is not None else data

    def preview(kind: str) -> Any:
        if signer is None:
            return scene_rendition(scene, kind)

        def refuse(**_: Any) -> bytes:
            raise InputError(f"seul un PDF peut être signé, pas un fichier .{kind}")
        return refuse

    return Drawing(scene, result.notes, {"pdf": pdf, "png": preview("png"), "svg": preview("svg")},
                   {"pdf": {}, "png": {"size": pixels}, "svg": {"size": pixels}})
