"""PDF writer dispatcher: a scene's `meta["pdf_profile"]` (or `profile=`) picks PDF/X (print), PDF/A (archive)
or a plain sRGB PDF (`pdf-rgb`, a web badge in a document).

Both profiles draw the same scene through the paint walk's PDF backend (`pdf_draw.PdfBackend`); only the
colour space, the output intent and the metadata differ.
"""

from __future__ import annotations

import importlib
from typing import IO, Any

from ..drawing.scene import Scene
from ..errors import InputError

PROFILES = {
    "pdfx-4": "pdfx",
    "pdfx-1a": "pdfx",
    "pdfa-2b": "pdfa",
    "pdf-rgb": "pdf_rgb",
}


def write(scene: Scene, out: IO[bytes], *, profile: str | None = None, **options: Any) -> None:
    chosen = profile or scene.meta.get("pdf_profile", "pdfx-4")
    module = PROFILES.get(chosen)
    if module is None:
        raise InputError(f"profil PDF inconnu : « {chosen} » (connus : {', '.join(PROFILES)})")
    importlib.import_module(f"{__package__}.{module}").write(scene, out, profile=chosen, **options)
