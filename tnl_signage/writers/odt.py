"""OpenDocument Text writer (odfdo): a `Document` of headings, paragraphs and lists as an .odt file.

odfdo builds the package once per document *shape* (the sequence of blocks and run styles), with a
numbered token in place of each piece of text; that package is kept, and each document of the same shape
is its XML with the tokens replaced by the XML-escaped texts. A press release for a thousand laureates
is then a thousand string substitutions, not a thousand odfdo documents (about 8 ms each).
Dates and the zip entries' times come from the caller (`when`), never from the clock.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

import odfdo

from ..domain.document import Block, Document, Heading, Paragraph, Run

STRONG = "TnlStrong"
PLACEHOLDER = "TnlPlaceholder"
BODY = "Text_20_body"
# Tokens are private-use characters around a number: no user text can contain them once filled in.
_TOKEN = re.compile("\ue000([0-9]+)\ue001")
_SENTINEL_DATE = datetime(1901, 2, 3, 4, 5, 6)
Shape = tuple[tuple[object, ...], ...]


def _blank() -> odfdo.Document:
    """A fresh empty text document with the run styles and unnumbered headings.

    The template numbers its headings (« 1.1. ») through its outline style: a press release is not a
    report, so the numbering is switched off.
    """
    doc = odfdo.Document("text")
    doc.body.clear()
    for level in doc.styles.get_elements("//text:outline-level-style"):
        for attribute in ("style:num-format", "style:num-suffix", "loext:num-list-format"):
            level.set_attribute(attribute, "")
    doc.insert_style(odfdo.Style("text", name=STRONG, bold=True), automatic=True)
    doc.insert_style(odfdo.Style("text", name=PLACEHOLDER, bold=True, background_color="#ffe680"),
                     automatic=True)
    return doc


def _run_shape(run: Run) -> tuple[object, ...]:
    """What the XML of a run depends on besides its words: its style and its outer spaces."""
    return (run.placeholder, run.strong, run.text[:1].isspace(), run.text[-1:].isspace())


def shape_of(document: Document) -> Shape:
    shape: list[tuple[object, ...]] = []
    for block in document.blocks:
        if isinstance(block, Heading):
            shape.append(("h", block.level))
        elif isinstance(block, Paragraph):
            shape.append(("p", *(_run_shape(r) for r in block.runs)))
        else:
            shape.append(("ul", *(tuple(_run_shape(r) for r in item) for item in block.items)))
    return tuple(shape)


def texts_of(document: Document) -> list[str]:
    """Every piece of text, in the order the tokens are numbered: title, then the blocks' runs."""
    texts = [document.title]
    for block in document.blocks:
        if isinstance(block, Heading):
            texts.append(block.text)
        elif isinstance(block, Paragraph):
            texts += [r.text for r in block.runs]
        else:
            texts += [r.text for item in block.items for r in item]
    return texts


def _token(i: int, text: str) -> str:
    """Token `i`, keeping the text's outer spaces so odfdo writes them as it would the text's."""
    lead = " " if text[:1].isspace() else ""
    tail = " " if text[-1:].isspace() else ""
    return f"{lead}\ue000{i}\ue001{tail}"


def _append_runs(paragraph: odfdo.Paragraph, runs: tuple[Run, ...], tokens: list[str]) -> None:
    for run in runs:
        text = tokens.pop(0)
        if run.placeholder or run.strong:
            paragraph.append(odfdo.Span(text, style=PLACEHOLDER if run.placeholder else STRONG))
        else:
            paragraph.append(text)


def _build(blocks: tuple[Block, ...], title: str, tokens: list[str], language: str) -> odfdo.Document:
    doc = _blank()
    body = doc.body
    for block in blocks:
        if isinstance(block, Heading):
            body.append(odfdo.Header(block.level, tokens.pop(0), style=f"Heading_20_{block.level}"))
        elif isinstance(block, Paragraph):
            paragraph = odfdo.Paragraph("", style=BODY)
            _append_runs(paragraph, block.runs, tokens)
            body.append(paragraph)
        else:
            listing = odfdo.List()
            for runs in block.items:
                paragraph = odfdo.Paragraph("", style=BODY)
                _append_runs(paragraph, runs, tokens)
                item = odfdo.ListItem()
                item.append(paragraph)
                listing.append(item)
            body.append(listing)
    meta = doc.meta
    meta.title = title
    meta.language = language
    meta.creation_date = _SENTINEL_DATE
    meta.date = _SENTINEL_DATE
    meta.generator = "tnl-signage (odfdo)"
    return doc


@dataclass(frozen=True)
class _Package:
    """A saved document of one shape: its parts, content and meta still holding tokens."""

    parts: tuple[tuple[str, bytes], ...]


_PACKAGES: dict[tuple[Shape, str], _Package] = {}


def _package(document: Document, language: str) -> _Package:
    """odfdo's package for the document's shape, made by the first document of that shape and kept."""
    key = (shape_of(document), language)
    if key not in _PACKAGES:
        _PACKAGES[key] = _build_package(document, language)
    return _PACKAGES[key]


def _build_package(document: Document, language: str) -> _Package:
    texts = texts_of(document)
    tokens = [_token(i, t) for i, t in enumerate(texts)]
    doc = _build(document.blocks, tokens.pop(0), tokens, language)
    buf = io.BytesIO()
    doc.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src:
        names = sorted(src.namelist(), key=lambda n: (n != "mimetype", n))
        return _Package(tuple((name, src.read(name)) for name in names))


def _fill(xml: bytes, texts: list[str], when: datetime) -> bytes:
    text = xml.decode("utf-8").replace(_SENTINEL_DATE.isoformat(), when.isoformat())
    return _TOKEN.sub(lambda m: escape(" ".join(texts[int(m.group(1))].split())), text).encode("utf-8")


def odt_bytes(document: Document, *, when: datetime, language: str = "fr-FR") -> bytes:
    """The document as ODT bytes; `when` is its creation date (metadata and zip entries)."""
    package = _package(document, language)
    texts = texts_of(document)
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name, data in package.parts:
            if name in ("content.xml", "meta.xml"):
                data = _fill(data, texts, when)
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            dst.writestr(info, data, compresslevel=1)
    return out.getvalue()
