"""PDF finishing shared by the PDF/X (print) and PDF/A (archive) writers.

What every finished PDF carries, written in one place so the two can never drift apart: the output intent
with its ICC profile, the XMP packet (through pikepdf's metadata API), a matching Info dictionary, the
language, the dates and a /ID derived from the content. A writer only states how it differs (its
`Finish`: intent subtype and profile, identification keys, extra Info keys). No clock: the dates are the
award's (or the certificate's issue date) instant, so the same scene gives the same bytes.
"""

from __future__ import annotations

import hashlib
import uuid
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import lru_cache
from typing import IO, BinaryIO, cast
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name

from .. import __version__
from ..errors import InputError
from ..resources import data_file

PRODUCER = f"tnl-signage {__version__} (reportlab, pikepdf)"
CREATOR_TOOL = f"tnl-signage {__version__}"
STAMP_TIME = time(12, 0, tzinfo=UTC)  # noon UTC, as domain.editions.AWARD_TIME: the same day everywhere in France


@dataclass(frozen=True)
class OutputIntent:
    """The output condition a file is made for, and the ICC profile that describes it."""

    subtype: str            # GTS_PDFX or GTS_PDFA1
    icc_file: tuple[str, ...]  # under tnl_signage/data/
    components: int         # 3 (RGB) or 4 (CMYK)
    condition_id: str
    info: str
    condition: str | None = None
    registry: str = "http://www.color.org"


@dataclass(frozen=True)
class Finish:
    """How one flavour (PDF/X-4, PDF/X-1a, PDF/A-2…) differs: intent, XMP identification, extra Info keys."""

    intent: OutputIntent
    pdf_version: str
    xmp_ids: tuple[tuple[str, str], ...] = ()   # e.g. (("pdfaid:part", "2"),)
    info_ids: tuple[tuple[str, str], ...] = ()  # e.g. (("GTS_PDFXVersion", "PDF/X-4"),)
    trapped: bool | None = None
    document_id: bool = False  # xmpMM identifiers (PDF/X asks for them)
    display_title: bool = False  # viewers show the title, not the file name (PDF/UA)


@dataclass(frozen=True)
class DocumentText:
    """The describing metadata of one file."""

    title: str
    subject: str = ""
    author: str = ""
    keywords: str = ""
    lang: str = "fr-FR"


def stamp(day: str | date) -> datetime:
    """A day (ISO text or date) as the file's instant, noon UTC; InputError on a malformed value."""
    if isinstance(day, str):
        try:
            day = date.fromisoformat(day)
        except ValueError:
            raise InputError(f"PDF : date invalide dans les métadonnées : « {day} »") from None
    return datetime.combine(day, STAMP_TIME)


def pdf_date(when: datetime) -> str:
    """`D:20251119120000Z` (UTC)."""
    return when.astimezone(UTC).strftime("D:%Y%m%d%H%M%SZ")


def xmp_date(when: datetime) -> str:
    """`2025-11-19T12:00:00Z` (UTC)."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@lru_cache(maxsize=4)
def _icc(parts: tuple[str, ...]) -> bytes:
    """A shipped ICC profile, Flate-compressed once per process."""
    return zlib.compress(data_file(*parts).read_bytes(), 9)


def _output_intent(pdf: pikepdf.Pdf, intent: OutputIntent) -> Dictionary:
    icc = pikepdf.Stream(pdf, b"")
    icc.write(_icc(intent.icc_file), filter=Name.FlateDecode)
    icc.N = intent.components
    entries = Dictionary(Type=Name.OutputIntent, S=Name(f"/{intent.subtype}"),
                         OutputConditionIdentifier=pikepdf.String(intent.condition_id),
                         Info=pikepdf.String(intent.info), RegistryName=pikepdf.String(intent.registry),
                         DestOutputProfile=pdf.make_indirect(icc))
    if intent.condition:
        entries.OutputCondition = pikepdf.String(intent.condition)
    return pdf.make_indirect(entries)


def _document_uuid(pdf: pikepdf.Pdf, flavour: Finish) -> str:
    """A UUID derived from the page content and the flavour: the same file gives the same identifier."""
    digest = hashlib.sha256(repr(flavour.xmp_ids).encode())
    for page in pdf.pages:
        contents = page.obj.get("/Contents")
        for stream in contents if isinstance(contents, Array) else [contents]:
            if stream is not None:
                digest.update(stream.read_raw_bytes())
    return str(uuid.UUID(bytes=digest.digest()[:16]))


def _slot(name: str) -> str:
    """A placeholder in the XMP template, replaced by the file's (escaped) value."""
    return f"@@tnl-{name}@@"


@lru_cache(maxsize=16)
def _xmp_template(flavour: Finish, subject: bool, author: bool, keywords: bool) -> str:
    """The XMP packet of a flavour, written by pikepdf's metadata API once per process, with placeholders.

    Setting a property through the API costs ~0.1 ms (the tree is searched each time); a PDF sets about
    fifteen, so the packet is built once and each file only fills in its title, description, dates, ID.
    """
    pdf = pikepdf.new()
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:format"] = "application/pdf"
        meta["dc:title"] = _slot("title")
        if subject:
            meta["dc:description"] = _slot("subject")
        if author:
            meta["dc:creator"] = [_slot("author")]
        meta["dc:language"] = {_slot("lang")}
        if keywords:
            meta["pdf:Keywords"] = _slot("keywords")
        meta["pdf:Producer"] = PRODUCER
        meta["pdf:PDFVersion"] = flavour.pdf_version
        meta["xmp:CreatorTool"] = CREATOR_TOOL
        for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
            meta[key] = _slot("when")
        if flavour.trapped is not None:
            meta["pdf:Trapped"] = str(flavour.trapped)
        if flavour.document_id:
            meta["xmpMM:DocumentID"] = _slot("doc")
            meta["xmpMM:InstanceID"] = _slot("doc")
            meta["xmpMM:VersionID"] = "1"
            meta["xmpMM:RenditionClass"] = "default"
        for key, value in flavour.xmp_ids:
            meta[key] = value
    packet: str = pdf.Root.Metadata.read_bytes().decode("utf-8")
    return packet


def finish_document(pdf: pikepdf.Pdf, flavour: Finish, text: DocumentText, when: datetime) -> None:
    """Write output intent, XMP, Info, language and dates into `pdf` (saved later by `save`), and give
    each embedded font subset its own tag."""
    subset_tags(pdf)
    root = pdf.Root
    root.OutputIntents = Array([_output_intent(pdf, flavour.intent)])
    root.Lang = pikepdf.String(text.lang)
    if flavour.display_title:
        root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    stamp_xmp, stamp_pdf = xmp_date(when), pdf_date(when)
    template = _xmp_template(flavour, bool(text.subject), bool(text.author), bool(text.keywords))
    values = {"title": text.title, "subject": text.subject, "author": text.author, "keywords": text.keywords,
              "lang": text.lang, "when": stamp_xmp,
              "doc": f"uuid:{_document_uuid(pdf, flavour)}" if flavour.document_id else ""}
    for name, value in values.items():
        template = template.replace(_slot(name), escape(value))
    metadata = pikepdf.Stream(pdf, template.encode("utf-8"))
    metadata.Type = Name.Metadata
    metadata.Subtype = Name.XML
    root.Metadata = pdf.make_indirect(metadata)
    info = Dictionary({"/Title": pikepdf.String(text.title), "/Creator": pikepdf.String(CREATOR_TOOL),
                       "/Producer": pikepdf.String(PRODUCER), "/CreationDate": pikepdf.String(stamp_pdf),
                       "/ModDate": pikepdf.String(stamp_pdf)})
    for key, value in (("/Subject", text.subject), ("/Author", text.author), ("/Keywords", text.keywords)):
        if value:
            info[key] = pikepdf.String(value)
    if flavour.trapped is not None:
        info.Trapped = Name("/True" if flavour.trapped else "/False")
    for key, value in flavour.info_ids:
        info[f"/{key}"] = pikepdf.String(value)
    pdf.trailer.Info = pdf.make_indirect(info)
    if "/ID" in pdf.trailer:  # reportlab's invariant /ID is the same for every file: qpdf derives a new one
        del pdf.trailer["/ID"]


def save(pdf: pikepdf.Pdf, out: IO[bytes], flavour: Finish, *, object_streams: bool, compress: bool) -> None:
    """Save with a /ID derived from the content (deterministic), keeping already compressed streams as they are.

    The packet already states pdf:PDFVersion: pikepdf is not asked to parse it again to write it.
    """
    pdf.save(cast(BinaryIO, out), deterministic_id=True, force_version=flavour.pdf_version,
             fix_metadata_version=False,
             object_stream_mode=pikepdf.ObjectStreamMode.generate if object_streams
             else pikepdf.ObjectStreamMode.disable,
             stream_decode_level=pikepdf.StreamDecodeLevel.none, compress_streams=compress)


def subset_tags(pdf: pikepdf.Pdf) -> None:
    """Give each font subset its own tag: reportlab starts every font's first subset at `AAAAAA+`.

    ISO 32000 (9.6.4) wants the tag to differ between subsets; two fonts sharing one confuse font
    managers and some checkers. The tag is derived from the subset's font program, so it is deterministic.
    The fonts of the page's forms are retagged too (a placed drawing brings its own subsets).
    """
    for font in _fonts(pdf.pages[0].obj.Resources):
        name = str(font.get("/BaseFont", ""))
        if len(name) < 8 or name[7] != "+":
            continue
        descriptor = font.get("/FontDescriptor")
        program = descriptor.get("/FontFile2") if descriptor is not None else None
        digest = hashlib.sha256(name.encode() + (program.read_raw_bytes() if program is not None else b"")).digest()
        tag = "".join(chr(ord("A") + b % 26) for b in digest[:6])
        font.BaseFont = pikepdf.Name(f"/{tag}{name[7:]}")
        if descriptor is not None:
            descriptor.FontName = pikepdf.Name(f"/{tag}{name[7:]}")


def _fonts(resources: pikepdf.Object, depth: int = 0) -> Iterator[pikepdf.Object]:
    """The fonts of `resources` and of the forms it names (a few levels down)."""
    yield from resources.get("/Font", pikepdf.Dictionary()).values()
    if depth < 3:
        for xobject in resources.get("/XObject", pikepdf.Dictionary()).values():
            if "/Resources" in xobject:
                yield from _fonts(xobject.Resources, depth + 1)
