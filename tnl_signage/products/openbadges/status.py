"""Revocation of Open Badges 3.0 credentials: the W3C Bitstring Status List (recommended by OB 3.0 1.3).

Each credential carries a `BitstringStatusListEntry` pointing at one bit of its year's status list,
`openbadges/status/{year}.json`, a credential signed by the issuer whose bit is 1 when the award is
withdrawn. The bit of a laureate is derived from its year and slug (SHA-256), so a kit made alone finds the
same bit as the site; the rare collision within a year moves the later slug (alphabetical order) to the
next free bit. 131 072 bits (16 KB before compression): the minimum the specification sets for privacy.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
from collections.abc import Iterable, Mapping
from typing import Any

from ...domain.model import Laureate
from ...domain.revocations import Revocations
from .contexts import CREDENTIALS_V2
from .paths import SiteUrls

LIST_SIZE = 131_072
JsonDict = dict[str, Any]


def natural_index(laureate: Laureate) -> int:
    """The laureate's bit before any collision is resolved."""
    digest = hashlib.sha256(f"tnl-status/{laureate.year}/{laureate.slug}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % LIST_SIZE


def status_indices(laureates: Iterable[Laureate]) -> dict[tuple[int, str], int]:
    """(year, slug) -> bit for a whole palmarès: natural bits, collisions moved to the next free bit."""
    taken: dict[int, set[int]] = {}
    found: dict[tuple[int, str], int] = {}
    for lau in sorted(laureates, key=lambda lau: (lau.year, lau.slug)):
        used = taken.setdefault(lau.year, set())
        index = natural_index(lau)
        while index in used:
            index = (index + 1) % LIST_SIZE
        used.add(index)
        found[(lau.year, lau.slug)] = index
    return found


def moved_indices(laureates: Iterable[Laureate]) -> tuple[tuple[int, str, int], ...]:
    """Only the bits that differ from the natural one (usually none): what a lone kit must be told."""
    chosen = list(laureates)
    return tuple((year, slug, index) for (year, slug), index in sorted(status_indices(chosen).items())
                 if index != natural_index(next(lau for lau in chosen if (lau.year, lau.slug) == (year, slug))))


def status_entry(laureate: Laureate, urls: SiteUrls, index: int) -> JsonDict:
    """`credentialStatus` of a credential: its bit in the year's revocation list."""
    list_url = urls.status_list(laureate.year)
    return {"id": f"{list_url}#{index}", "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
            "statusListIndex": str(index), "statusListCredential": list_url}


def encode_list(bits: Iterable[int]) -> str:
    """Multibase base64url (no padding) of the GZIP-compressed bitstring, bit 0 the first byte's high bit."""
    raw = bytearray(LIST_SIZE // 8)
    for index in bits:
        raw[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(raw), compresslevel=9, mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def decode_list(encoded: str) -> bytes:
    """The raw bitstring of an `encodedList`; ValueError if malformed."""
    if not encoded.startswith("u"):
        raise ValueError("encodedList doit être en base64url multibase (préfixe « u »)")
    body = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def bit_is_set(encoded: str, index: int) -> bool:
    raw = decode_list(encoded)
    if not 0 <= index < len(raw) * 8:
        raise ValueError(f"statusListIndex {index} hors de la liste ({len(raw) * 8} bits)")
    return bool(raw[index // 8] & (0x80 >> (index % 8)))


def status_list_credential(year: int, laureates: Iterable[Laureate], revocations: Revocations,
                           indices: Mapping[tuple[int, str], int], urls: SiteUrls, valid_from: str) -> JsonDict:
    """The unsigned revocation list of one year (sign it with `ob3.sign_credential`)."""
    revoked = [indices[(lau.year, lau.slug)] for lau in laureates
               if lau.year == year and revocations.for_laureate(lau) is not None]
    url = urls.status_list(year)
    return {
        "@context": [CREDENTIALS_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": urls.issuer_v3,
        "validFrom": valid_from,
        "credentialSubject": {"id": f"{url}#list", "type": "BitstringStatusList", "statusPurpose": "revocation",
                              "encodedList": encode_list(revoked)},
    }
