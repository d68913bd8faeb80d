"""ASCII slugs and comparison keys for names typed by people.

Slugs become folder names (`{year}/{slug}/`) and URLs, so they must be ASCII, stable from one run to the next
and unique within a year of the palmarès.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class SlugRequest:
    """One collectivité of one year asking for an address.

    `identity` tells two collectivités apart (the loader uses the folded name and département); `hints` are
    readable suffixes to try, in order, when names collide (département, code); `pinned` is an address the
    palmarès fixes itself (its `slug` column).
    """

    name: str
    year: int
    identity: Hashable
    hints: tuple[str, ...] = ()
    pinned: str | None = None


def _digest(identity: Hashable) -> str:
    return hashlib.sha256(repr(identity).encode("utf-8")).hexdigest()[:6]


def assign_slugs(requests: Iterable[SlugRequest]) -> dict[tuple[Hashable, int], str]:
    """Slugs unique within each year that never depend on the order of the requests.

    A name alone in its year gets its plain slug. Names that slug alike in one year all get a suffix: the first
    hint that tells every one of them apart (the département, then the code), else a short digest of the
    identity. Pinned slugs are kept as given; a computed slug that meets one gets the digest too.
    """
    by_year: dict[int, dict[Hashable, SlugRequest]] = {}
    for request in requests:
        by_year.setdefault(request.year, {}).setdefault(request.identity, request)
    given: dict[tuple[Hashable, int], str] = {}
    for year, members in by_year.items():
        pinned = {r.pinned for r in members.values() if r.pinned}
        groups: dict[str, list[SlugRequest]] = {}
        for request in members.values():
            if request.pinned:
                given[(request.identity, year)] = request.pinned
            else:
                groups.setdefault(slugify(request.name), []).append(request)
        for base, group in groups.items():
            if len(group) == 1 and base not in pinned:
                given[(group[0].identity, year)] = base
                continue
            for request in group:
                given[(request.identity, year)] = _suffixed(base, request, group, pinned)
        # A suffixed slug may meet another name's plain one ("Saint-Denis 93"): both take the digest.
        seen: dict[str, list[SlugRequest]] = {}
        for request in members.values():
            seen.setdefault(given[(request.identity, year)], []).append(request)
        for clash in seen.values():
            for request in clash if len(clash) > 1 else ():
                if not request.pinned:
                    given[(request.identity, year)] = _with_suffix(slugify(request.name), _digest(request.identity))
    return given


def _suffixed(base: str, request: SlugRequest, group: list[SlugRequest], pinned: set[str]) -> str:
    """`base-HINT` with the first hint position whose values are present and distinct across the group."""
    for position in range(max(len(r.hints) for r in group)):
        values = [slugify(r.hints[position]) if len(r.hints) > position and r.hints[position] else "" for r in group]
        if all(values) and len(set(values)) == len(values):
            candidate = _with_suffix(base, values[group.index(request)])
            if candidate not in pinned:
                return candidate
    return _with_suffix(base, _digest(request.identity))


def _with_suffix(base: str, suffix: str) -> str:
    return _cap(base, MAX_SLUG_LENGTH - len(suffix) - 1) + "-" + suffix

