"""A laureate's print files for local communication: bulletin inserts, round sticker, window sticker.

PDF/X-4 through the same writer as the signs (CMYK, bleed, crop marks, FOGRA39 intent, outlined text);
the stickers carry their `CutContour` die line in the PDF, since they are always cut to shape.

They are the collectivité's own supports (its bulletin, its doors, its vehicles), so they carry the label,
year, distinction and mentions but not the name: the same file serves every laureate of a distinction,
and a batch makes it once per process (a PDF/X costs about 6 ms; four per kit would be the kit's largest
new cost).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..atomic import write_atomic
from ..domain.formats import PrintFormat
from ..domain.model import Laureate
from ..domain.theme import Theme, load_theme
from ..layout.badges import BadgeContent
from ..layout.local_print import local_formats, local_scene
from ..writers import render

FILE_WORDS = {"insert": "encart-bulletin", "sticker": "autocollant-rond", "window": "vitrophanie-miroir"}


def local_file_name(laureate: Laureate, fmt: PrintFormat) -> str:
    """« encart-bulletin-90x60-2025-slug.pdf », « autocollant-rond-100mm-… », « vitrophanie-miroir-200x200-… »."""
    size = f"{fmt.width:g}mm" if fmt.family == "sticker" else f"{fmt.width:g}x{fmt.height:g}"
    return f"{FILE_WORDS[fmt.family]}-{size}-{laureate.year}-{laureate.slug}.pdf"


def local_content(laureate: Laureate) -> BadgeContent:
    """What the local supports say: the award without the name (see the module's note)."""
    return BadgeContent(distinction=laureate.distinction, year=laureate.year, mentions=laureate.mentions)


@lru_cache(maxsize=256)
def _pdf(content: BadgeContent, fmt: PrintFormat, theme: Theme) -> bytes:
    return render(local_scene(fmt, content, theme).scene, "pdf")


def write_local_print(laureate: Laureate, folder: Path, theme: Theme | str = "light") -> tuple[list[Path], list[str]]:
    """Every local-print format as PDF/X-4 into `folder`; returns (files, notes)."""
    chosen = load_theme(theme) if isinstance(theme, str) else theme
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    notes: list[str] = []
    content = local_content(laureate)
    for fmt in local_formats().formats:
        files.append(write_atomic(folder / local_file_name(laureate, fmt), _pdf(content, fmt, chosen)))
    return files, notes
