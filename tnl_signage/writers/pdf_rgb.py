"""A plain vector PDF in sRGB, for a web badge placed in a document or a slide (profile « pdf-rgb »).

A badge is sized in pixels, so it has no PDF/X (print) or PDF/A (archive) file; this one is the same
scene through the paint walk's PDF backend, on a page of the badge's size, with no font and no clock.
"""

from __future__ import annotations

import io
from typing import IO, Any

from reportlab.lib.units import mm

from .. import __version__
from ..drawing.scene import Scene
from .pdf_draw import PdfBackend, binary_canvas, no_text_font, rgb


def write(scene: Scene, out: IO[bytes], **_: Any) -> None:
    buf = io.BytesIO()
    size = ((scene.width + 2 * scene.bleed) * mm, (scene.height + 2 * scene.bleed) * mm)
    canvas = binary_canvas(buf, pagesize=size, invariant=1, initialFontName=no_text_font(), lang="fr")
    canvas.setTitle(scene.title)
    canvas.setSubject(scene.desc)
    canvas.setCreator(f"tnl-signage {__version__}")
    canvas.setAuthor("tnl-signage")
    canvas.setProducer(f"tnl-signage {__version__} (reportlab)")
    PdfBackend(canvas, scene, color=rgb).draw()
    canvas.showPage()
    canvas.save()
    out.write(buf.getvalue())
