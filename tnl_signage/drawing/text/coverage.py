"""Which characters of a palmarès no font can draw: `check` warns about them instead of drawing nothing.

The text engine leaves such a character out (never an empty box); this says so before anything is made,
with the file, line, field and character, so the organiser can fix the spelling.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ...domain.model import WARNING, Palmares, Problem
from ...domain.theme import Theme
from .fonts import get_face

FIELDS = (("nom", "name"), ("nom_court", "short_name"))  # palmarès column, Laureate attribute


def unknown_characters(text: str, theme: Theme) -> list[str]:
    """Characters of `text` that neither the theme's regular nor its bold font (nor their fallback) has."""
    out: list[str] = []
    for path in (theme.font_regular, theme.font_bold):
        for ch in get_face(path).missing(text):
            if ch not in out:
                out.append(ch)
    return out


def describe(ch: str) -> str:
    """« ꙮ » (U+A66E, CYRILLIC LETTER MULTIOCULAR O)."""
    return f"« {ch} » (U+{ord(ch):04X}, {unicodedata.name(ch, 'sans nom')})"


def glyph_problems(palmares: Palmares, theme: Theme) -> list[Problem]:
    """One warning per laureate field holding characters no font has."""
    problems: list[Problem] = []
    source = Path(palmares.source).name
    label = "entrée" if Path(palmares.source).suffix.lower() == ".json" else "ligne"
    for laureate in palmares.laureates:
        for column, attribute in FIELDS:
            value = getattr(laureate, attribute)
            missing = unknown_characters(value, theme) if value else []
            if missing:
                chars = ", ".join(describe(ch) for ch in missing)
                problems.append(Problem(source, laureate.line, column, value,
                                        f"caractère absent de toutes les polices : {chars} ; il ne sera pas "
                                        "dessiné (vérifiez l'orthographe)", WARNING, label))
    return problems
