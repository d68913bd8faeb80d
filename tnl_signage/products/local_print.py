"""A laureate's print files for local communication: bulletin inserts, round sticker, window sticker.

PDF/X-4 through the same writer as the signs (CMYK, bleed, crop marks, FOGRA39 intent, outlined text);
the stickers carry their `CutContour` die line in the PDF, since they are always cut to shape.
"""

from __future__ import annotations

from pathlib import Path

from ..atomic import write_atomic
from ..domain.formats import PrintFormat
from ..domain.model import Laureate
from ..domain.theme import Theme, load_theme
from ..layout.badges import LayoutResult
from ..layout.local_print import local_formats, local_scene
from ..writers import render
from .badges import badge_content

FILE_WORDS = {"insert": "encart-bulletin", "sticker": "autocollant-rond", "window": "vitrophanie-miroir"}


def local_file_name(laureate: Laureate, fmt: PrintFormat) -> str:
    """« encart-bulletin-90x60-2025-slug.pdf », « autocollant-rond-100mm-… », « vitrophanie-miroir-200x200-… »."""
    size = f"{fmt.width:g}mm" if fmt.family == "sticker" else f"{fmt.width:g}x{fmt.height:g}"
    return f"{FILE_WORDS[fmt.family]}-{size}-{laureate.year}-{laureate.slug}.pdf"


def local_result(laureate: Laureate, fmt: PrintFormat, theme: Theme) -> LayoutResult:
    return local_scene(fmt, badge_content(laureate), theme)


def write_local_print(laureate: Laureate, folder: Path, theme: Theme | str = "light") -> tuple[list[Path], list[str]]:
    """Every local-print format as PDF/X-4 into `folder`; returns (files, notes)."""
    chosen = load_theme(theme) if isinstance(theme, str) else theme
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    notes: list[str] = []
    for fmt in local_formats().formats:
        result = local_result(laureate, fmt, chosen)
        notes.extend(n for n in result.notes if n not in notes)
        files.append(write_atomic(folder / local_file_name(laureate, fmt), render(result.scene, "pdf")))
    return files, notes
