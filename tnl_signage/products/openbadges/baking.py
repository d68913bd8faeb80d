"""Baking: hiding a badge's assertion (2.0) or signed credential (3.0) inside its PNG or SVG image.

PNG: one uncompressed `iTXt` chunk placed right after IHDR, keyword `openbadges` (2.0, value = the hosted
assertion URL) or `openbadgecredential` (3.0, value = the credential's compact JSON). Chunks are spliced into the
PNG as it is, without re-encoding the pixels, so baking is deterministic and lossless.
SVG: a first child of the root, `<openbadges:assertion verify="URL">` (namespace http://openbadges.org) or
`<openbadges:credential>` (namespace https://purl.imsglobal.org/ob/v3p0), holding the JSON in a CDATA section.
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from collections.abc import Iterator
from typing import Any
from xml.etree import ElementTree

OB2_KEYWORD = "openbadges"
OB3_KEYWORD = "openbadgecredential"
OB2_NAMESPACE = "http://openbadges.org"
OB3_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_KEYWORDS = {2: OB2_KEYWORD, 3: OB3_KEYWORD}
_SVG_ELEMENTS = {2: (OB2_NAMESPACE, "assertion"), 3: (OB3_NAMESPACE, "credential")}
_SVG_START = re.compile(r"<svg\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")


class BakingError(ValueError):
    """The image cannot be baked or holds no (or a malformed) badge."""


def compact_json(value: Any) -> str:
    """One-line JSON, keys sorted: the same credential always gives the same bytes."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# ------------------------------------------------------------------------------------------------------------
# PNG


def _chunks(data: bytes) -> Iterator[tuple[bytes, bytes, bytes]]:
    """(type, body, whole chunk bytes) for each chunk; BakingError if the PNG is truncated."""
    if not data.startswith(PNG_SIGNATURE):
        raise BakingError("ce n'est pas une image PNG")
    pos = len(PNG_SIGNATURE)
    while pos < len(data):
        if pos + 8 > len(data):
            raise BakingError("image PNG tronquée")
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        end = pos + 12 + length
        if end > len(data):
            raise BakingError("image PNG tronquée")
        yield data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length], data[pos:end]
        pos = end


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def _itxt_keyword(body: bytes) -> str:
    return body.split(b"\0", 1)[0].decode("latin-1")


def _itxt_text(body: bytes) -> str:
    """Text of an iTXt chunk (keyword, flags, language, translated keyword, text), inflated if compressed."""
    keyword, rest = body.split(b"\0", 1)
    compressed, method = rest[0], rest[1]
    _language, rest = rest[2:].split(b"\0", 1)
    _translated, text = rest.split(b"\0", 1)
    if compressed:
        if method != 0:
            raise BakingError("chunk iTXt compressé par une méthode inconnue")
        text = zlib.decompress(text)
    return text.decode("utf-8")


def bake_png(png: bytes, value: str, version: int = 2) -> bytes:
    """The PNG with `value` in an uncompressed iTXt chunk (any earlier badge of that version replaced)."""
    keyword = _KEYWORDS[version].encode("latin-1")
    itxt = _chunk(b"iTXt", keyword + b"\0\0\0\0\0" + value.encode("utf-8"))
    out = [PNG_SIGNATURE]
    for kind, body, whole in _chunks(png):
        if kind == b"iTXt" and _itxt_keyword(body) == _KEYWORDS[version]:
            continue
        out.append(whole)
        if kind == b"IHDR":
            out.append(itxt)
    return b"".join(out)


def unbake_png(png: bytes, version: int = 2) -> str:
    """The value baked in a PNG for this version; BakingError if there is none."""
    for kind, body, _whole in _chunks(png):
        if kind == b"iTXt" and _itxt_keyword(body) == _KEYWORDS[version]:
            return _itxt_text(body)
    raise BakingError(f"aucun badge Open Badges {version}.0 dans cette image PNG (chunk iTXt « {_KEYWORDS[version]} »)")


# ------------------------------------------------------------------------------------------------------------
# SVG


def _cdata_json(value: Any) -> str:
    """JSON safe inside CDATA and XML: '<', '>' and '&' written as \\u escapes (same JSON value)."""
    text = compact_json(value)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _xml_attr(value: str) -> str:
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))


def bake_svg(svg: bytes | str, payload: Any, version: int = 2, verify_url: str | None = None) -> bytes:
    """The SVG with the badge as first child of its root; `verify_url` (2.0) goes in the verify attribute."""
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    match = _SVG_START.search(text)
    if match is None:
        raise BakingError("ce n'est pas une image SVG (élément <svg> introuvable)")
    start = match.group(0)
    if "xmlns:openbadges=" in start:
        raise BakingError("cette image SVG contient déjà un badge Open Badges")
    namespace, element = _SVG_ELEMENTS[version]
    closing = "/>" if start.endswith("/>") else ">"
    new_start = start[: -len(closing)].rstrip() + f' xmlns:openbadges="{namespace}">'
    verify = f' verify="{_xml_attr(verify_url)}"' if verify_url else ""
    baked = f"<openbadges:{element}{verify}><![CDATA[{_cdata_json(payload)}]]></openbadges:{element}>"
    tail = text[match.end():] if closing == ">" else "</svg>" + text[match.end():]
    return (text[: match.start()] + new_start + baked + tail).encode("utf-8")


def unbake_svg(svg: bytes | str, version: int = 2) -> tuple[Any, str | None]:
    """(JSON value, verify URL or None) of the badge baked in an SVG; BakingError if there is none."""
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError as exc:
        raise BakingError(f"image SVG illisible ({exc})") from None
    namespace, element = _SVG_ELEMENTS[version]
    found = root.find(f"{{{namespace}}}{element}")
    if found is None:
        raise BakingError(f"aucun badge Open Badges {version}.0 dans cette image SVG (<openbadges:{element}>)")
    verify = found.get("verify")
    body = (found.text or "").strip()
    if not body:
        if verify is None:
            raise BakingError("badge SVG vide")
        return None, verify
    try:
        return json.loads(body), verify
    except json.JSONDecodeError as exc:
        raise BakingError(f"JSON du badge SVG illisible ({exc})") from None
