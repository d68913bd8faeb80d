"""French sentences said about an award: SVG title/desc, HTML alt text, certificate lines.

One place, so a badge, its <img alt> and its verification page say exactly the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .scales import Distinction, Mention
from .theme import Theme

_NUMBERS = {1: "une", 2: "deux", 3: "trois", 4: "quatre", 5: "cinq"}  # « une marque »
_FEMININE = {1: "une", 2: "deux", 3: "trois"}  # « une étoile »


def marks_phrase(distinction: Distinction) -> str:
    """How the drawing itself is described (for people who cannot see it)."""
    if distinction.drawing == "medal":
        if distinction.metal in (None, "badge"):
            return "une médaille ronde portant le symbole copyleft"
        stars = max(0, min(3, distinction.rank - 1))
        return (
            f"une médaille dentelée couleur {distinction.metal} portant le symbole copyleft, "
            f"{_FEMININE.get(stars, str(stars))} étoile{'s' if stars > 1 else ''} dessous"
        )
    n = distinction.marks
    return f"{_NUMBERS.get(n, str(n))} marque{'s' if n > 1 else ''} copyleft"


def mentions_phrase(mentions: Sequence[Mention], *, short: bool = False) -> str:
    """« Mention spéciale « Sobriété numérique : durabilité des équipements » »: the names in guillemets, so a
    name with its own colon never makes two; « et » before the last. `short` for the smallest badges."""
    if not mentions:
        return ""
    label = "Mention spéciale" if len(mentions) == 1 else "Mentions spéciales"
    # No-break spaces inside the guillemets and before a colon: a line never starts with « : ».
    nbsp = "\u00a0"
    names = [f"«{nbsp}{(m.short if short else m.name).replace(' :', nbsp + ':')}{nbsp}»" for m in mentions]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " et " + names[-1]
    return f"{label} {listed}"


def award_title(theme: Theme, distinction: Distinction, year: int, name: str | None) -> str:
    """Short accessible name: label, year, distinction in words, laureate."""
    head = f"Label {theme.word('label')} {year} : {distinction.words}"
    return f"{head}, {name}" if name else head


def award_description(
    theme: Theme,
    distinction: Distinction,
    year: int,
    name: str | None,
    mentions: Sequence[Mention] = (),
    type_label: str | None = None,
) -> str:
    """Longer description: who awarded what to whom, and what the drawing shows."""
    who = f" à {name}" + (f" ({type_label})" if type_label else "") if name else ""
    text = (
        f"Label {theme.word('label')} décerné par {theme.word('organiser')}{who} en {year} : "
        f"{distinction.words}, représenté par {marks_phrase(distinction)}."
    )
    if mentions:
        text += f" {mentions_phrase(mentions)}."
    return text


MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")


def french_date(day: date) -> str:
    """« 19 novembre 2025 », « 1er décembre 2025 »."""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS[day.month - 1]} {day.year}"
