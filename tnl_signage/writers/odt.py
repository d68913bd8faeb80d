"""OpenDocument Text writer (odfdo): a `Document` of headings, paragraphs and lists as an .odt file.

The empty document and its styles are made once per process and deep-copied for each text: odfdo's
template costs a few milliseconds to open, a copy a fraction of that. Dates and the zip entries' times
come from the caller (`when`), never from the clock, so the same text gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from functools import lru_cache

import odfdo

from ..domain.document import Bullets, Document, Heading, Paragraph, Run

STRONG = "TnlStrong"
PLACEHOLDER = "TnlPlaceholder"


BODY = "Text_20_body"
LIST = "List_20_Bullet"


@lru_cache(maxsize=1)
def _template() -> odfdo.Document:
    """odfdo's empty text document, opened once per process (each text starts from a copy)."""
    return odfdo.Document("text")


def _blank() -> odfdo.Document:
    """A fresh copy of the empty document, without its empty first paragraph, with the run styles.

    The template numbers its headings (« 1.1. ») through its outline style: a press release is not a
    report, so the numbering is switched off.
    """
    doc = _template().clone
    doc.body.clear()
    for level in doc.styles.get_elements("//text:outline-level-style"):
        for attribute in ("style:num-format", "style:num-suffix", "loext:num-list-format"):
            level.set_attribute(attribute, "")
    doc.insert_style(odfdo.Style("text", name=STRONG, bold=True), automatic=True)
    doc.insert_style(odfdo.Style("text", name=PLACEHOLDER, bold=True, background_color="#ffe680"),
                     automatic=True)
    return doc


def _fill(paragraph: odfdo.Paragraph, runs: tuple[Run, ...]) -> None:
    for run in runs:
        if run.placeholder or run.strong:
            paragraph.append(odfdo.Span(run.text, style=PLACEHOLDER if run.placeholder else STRONG))
        else:
            paragraph.append(run.text)


def _stable_zip(data: bytes, when: datetime) -> bytes:
    """The package rewritten with fixed entry times (mimetype first and stored, as ODF requires)."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = sorted(src.namelist(), key=lambda n: (n != "mimetype", n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(name), compresslevel=1)
    return out.getvalue()


def odt_bytes(document: Document, *, when: datetime, language: str = "fr-FR") -> bytes:
    """The document as ODT bytes; `when` is its creation date (metadata and zip entries)."""
    doc = _blank()
    body = doc.body
    for block in document.blocks:
        if isinstance(block, Heading):
            body.append(odfdo.Header(block.level, block.text, style=f"Heading_20_{block.level}"))
        elif isinstance(block, Paragraph):
            paragraph = odfdo.Paragraph("", style=BODY)
            _fill(paragraph, block.runs)
            body.append(paragraph)
        elif isinstance(block, Bullets):
            items = []
            for runs in block.items:
                paragraph = odfdo.Paragraph("", style=BODY)
                _fill(paragraph, runs)
                item = odfdo.ListItem()
                item.append(paragraph)
                items.append(item)
            listing = odfdo.List()
            for item in items:
                listing.append(item)
            body.append(listing)
    meta = doc.meta
    meta.title = document.title
    meta.language = language
    meta.creation_date = when
    meta.date = when
    meta.generator = "tnl-signage (odfdo)"
    buf = io.BytesIO()
    doc.save(buf)
    return _stable_zip(buf.getvalue(), when)
