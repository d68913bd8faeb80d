"""ASCII slugs and comparison keys for names typed by people.

Slugs become folder names (`{year}/{slug}/`) and URLs, so they must be ASCII, stable from one run to the next
and unique within a year of the palmarès.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable

MAX_SLUG_LENGTH = 80
DEFAULT_SLUG = "collectivite"

# Letters that NFKD does not decompose into ASCII + accents.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ẞ": "SS",
                            "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def strip_accents(text: str) -> str:
    """Remove accents and expand ligatures (é -> e, ÿ -> y, œ -> oe), keeping everything else."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Comparison key for user input: case, accents, spaces, punctuation ignored ("Label Or" -> "labelor")."""
    return "".join(ch for ch in strip_accents(text).casefold() if ch.isalnum())


def _cap(slug: str, limit: int) -> str:
    """Cut `slug` to at most `limit` characters, at a "-" boundary when there is one."""
    if len(slug) <= limit:
        return slug
    head = slug[: limit + 1]
    cut = head.rfind("-")
    return (head[:cut] if cut > 0 else slug[:limit]).strip("-")


def slugify(text: str) -> str:
    """Stable ASCII slug: `L'Haÿ-les-Roses` -> `l-hay-les-roses`; "collectivite" if nothing is left."""
    slug = _cap(_NON_ALNUM.sub("-", strip_accents(text).lower()).strip("-"), MAX_SLUG_LENGTH)
    return slug or DEFAULT_SLUG


class SlugAllocator:
    """Give each (identity, year) a slug unique within its year, reusing the identity's slug of other years.

    `identity` is whatever tells two collectivités apart (the loader uses the folded name and département).
    A second call with the same identity and year returns the same slug: that is a duplicate, for the caller
    to report.
    """

    def __init__(self) -> None:
        self._taken: dict[int, dict[str, Hashable]] = {}
        self._given: dict[tuple[Hashable, int], str] = {}
        self._usual: dict[Hashable, str] = {}

    def slug_for(self, name: str, year: int, identity: Hashable | None = None) -> str:
        """Slug of `name` for `year`; other names colliding in that year get "-2", "-3"... in call order."""
        key = identity if identity is not None else fold(name)
        if (key, year) in self._given:
            return self._given[(key, year)]
        taken = self._taken.setdefault(year, {})
        base = slugify(name)
        candidates = [self._usual[key]] if key in self._usual else []
        candidates.append(base)
        slug = next((c for c in candidates if c not in taken), None)
        number = 2
        while slug is None:
            suffix = f"-{number}"
            candidate = _cap(base, MAX_SLUG_LENGTH - len(suffix)) + suffix
            slug = candidate if candidate not in taken else None
            number += 1
        taken[slug] = key
        self._given[(key, year)] = slug
        self._usual.setdefault(key, slug)
        return slug

