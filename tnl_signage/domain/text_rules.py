"""What any text drawn on an asset must be (a name, a signatory, a theme's wording): no control or bidi
characters, no replacement character left by a wrong encoding, spaces collapsed, a bounded length.

One rule for every source, so a name from the palmarès and a signatory from the command line are held to
the same standard.
"""

from __future__ import annotations

import unicodedata

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


class TextRejected(ValueError):
    """The message is the end of the French line shown to the user."""


def clean_text(value: str, limit: int, what: str) -> str:
    """`value` with its spaces collapsed; TextRejected naming `what` ("le nom", "le signataire") if unfit."""
    for ch in value:
        if ch in BIDI_CONTROLS:
            raise TextRejected(f"{what} contient un caractère de contrôle bidirectionnel (U+{ord(ch):04X}), "
                               "interdit car il peut inverser l'affichage du texte")
        if unicodedata.category(ch) == "Cc":
            raise TextRejected(f"{what} contient un caractère de contrôle (U+{ord(ch):04X}), interdit")
    if "\ufffd" in value or any("\ud800" <= ch <= "\udfff" for ch in value):
        raise TextRejected(f"{what} contient « \ufffd » : le fichier a sans doute été enregistré "
                           "dans un autre encodage")
    text = " ".join(value.split())
    if len(text) > limit:
        raise TextRejected(f"{what} dépasse {limit} caractères ({len(text)})")
    return text
