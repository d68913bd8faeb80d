"""PDF/A-2 writer (archival documents): 2a and PDF/UA-1 when the scene is tagged (the certificate), 2b
otherwise; sRGB output intent, embedded fonts, XMP, reproducible bytes.

reportlab draws the scene (outlined glyphs, through the paint walk's PDF backend) and, over each outlined
line, the same words as invisible text (render mode 3) in the embedded, subset TrueType font,
stretched to the outlines' width: the page looks exactly like the SVG and PNG, and a reader can still
search and copy the name. pikepdf then writes what reportlab cannot: the outlines as form XObjects
(cached per process), the output intent, the XMP packet, a matching Info dictionary and a /ID
derived from the content (all through `pdf_finish`, shared with PDF/X). No clock is read anywhere:
dates come from `scene.meta["date"]` (the issue date), so the same scene gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, cast

import pikepdf
from fontTools.ttLib import TTFont as FTFont
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas

from ..domain.colors import Color
from ..drawing.scene import Group, Scene, TextSpan, Use
from ..drawing.text.fonts import fallback_path, split_runs
from ..errors import InputError
from ..resources import data_file, resource_dir
from .paint import Run, Shape
from .pdf_draw import PdfBackend, rgb
from .pdf_finish import DocumentText, Finish, OutputIntent, finish_document, save, stamp
from .pdf_outline import Outline, outline
from .pdf_tags import Tagged, add_structure, add_ua_extension_schema

PROFILE = "pdfa-2b"
ICC_FILE = ("icc", "sRGB-icc-profiles-free.icc")
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
FORM_MIN_USES = 3  # an outline drawn this often becomes a form XObject; fewer: written inline
PAGE_ZLIB_LEVEL = 3
INTENT = OutputIntent("GTS_PDFA1", ICC_FILE, 3, OUTPUT_CONDITION, OUTPUT_CONDITION)
# PDF/A-2b: only the identification differs from the print files' finishing.
FINISH = Finish(INTENT, "1.7", (("pdfaid:part", "2"), ("pdfaid:conformance", "B")), display_title=True)
# A scene that carries structure roles is written tagged: PDF/A-2a (accessible) and PDF/UA-1 together.
FINISH_TAGGED = Finish(INTENT, "1.7", (("pdfaid:part", "2"), ("pdfaid:conformance", "A"), ("pdfuaid:part", "1")),
                       display_title=True)


@dataclass(frozen=True)
class _FontMetrics:
    """What is needed to stretch invisible text over outlined glyphs: advances and ink edges."""

    name: str
    upem: int
    cmap: dict[int, str]
    advance: dict[str, int]
    ink: dict[str, tuple[int, int] | None]


def _ink_extent(runs: list[tuple[_FontMetrics, str]], upem: int) -> tuple[float, float] | None:
    """Left and right ink edges (in units of an em of `upem`) of runs set one after the other without
    kerning, each in its font at the same size, as reportlab sets them."""
    pen = 0.0
    left: float | None = None
    right = 0.0
    for font, text in runs:
        k = 1 if font.upem == upem else upem / font.upem
        for ch in text:
            glyph = font.cmap.get(ord(ch), ".notdef")
            ink = font.ink.get(glyph)
            if ink is not None:
                left = pen + ink[0] * k if left is None else left
                right = pen + ink[1] * k
            pen += font.advance.get(glyph, 0) * k
    return None if left is None else (left, right)


def _text_runs(text: str, font: _FontMetrics, font_path: str) -> list[tuple[_FontMetrics, str]]:
    """`text` split into runs of the span's font and of the fallback font the text engine drew the other
    characters with (U+2011, ʻ, Greek…), so the invisible text carries every character the page shows, each in
    an embedded font that has its glyph. A character neither font has is left out (.notdef is forbidden)."""
    if all(ord(ch) in font.cmap for ch in text):
        return [(font, text)] if text else []
    path = fallback_path(font_path)
    other = _font(str(path), fallback=True) if path is not None else None
    return [(font if main else cast(_FontMetrics, other), run)
            for main, run in split_runs(text, font.cmap, other.cmap if other is not None else None)]


@lru_cache(maxsize=8192)
def _settable(text: str, font_path: str) -> tuple[list[tuple[_FontMetrics, str]], tuple[float, float] | None]:
    """A line's runs and their ink extent, remembered per text and font: a sheet or a certificate sets
    the same lines for every laureate. Callers only read the list."""
    font = _font(font_path)
    runs = _text_runs(text, font, font_path)
    return runs, _ink_extent(runs, font.upem)


@lru_cache(maxsize=16)
def _font(path: str, *, fallback: bool = False) -> _FontMetrics:
    """Register the TTF with reportlab (once per process) and read its metrics.

    A fallback font's subset holds only the glyphs used (reportlab otherwise puts all of ASCII in the first
    subset: 15 KB of DejaVu glyphs for one hyphen); the main fonts' subsets are kept as they were.
    """
    digest = hashlib.sha1(path.encode()).hexdigest()[:8]
    name = f"tnl-{digest}-f" if fallback else f"tnl-{digest}"
    try:
        pdfmetrics.registerFont(TTFont(name, path, asciiReadable=not fallback))
    except TTFError as exc:  # CFF outlines (.otf) or a font whose licence forbids embedding
        raise InputError(f"police « {Path(path).name} » inutilisable dans un PDF/A : {exc} "
                         "(il faut une police TrueType dont la licence permet l'incorporation)") from None
    tt = FTFont(path, lazy=True)
    glyf = tt.get("glyf")
    ink: dict[str, tuple[int, int] | None] = {}
    advance = {}
    for glyph, (adv, _lsb) in tt["hmtx"].metrics.items():
        advance[glyph] = adv
        if glyf is None:
            ink[glyph] = (0, adv)
            continue
        g = glyf[glyph]
        ink[glyph] = (g.xMin, g.xMax) if getattr(g, "numberOfContours", 0) != 0 and hasattr(g, "xMin") else None
    return _FontMetrics(name, tt["head"].unitsPerEm, dict(tt.getBestCmap()), advance, ink)


def _num(v: float) -> str:
    """Shortest PDF number to 3 decimals (colour components: finer than an 8-bit step)."""
    if v == int(v):
        return str(int(v))
    text = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


class ArchiveBackend(PdfBackend):
    """The PDF backend with fast outlined glyphs, and invisible, searchable text over them.

    A certificate places ~430 glyphs drawn from ~80 outlines. An outline drawn several times becomes a
    form XObject (`q cm /T3 Do Q`), added by `finish` from a per-process cache; one drawn once
    is written inline. Consecutive glyphs go to reportlab as one literal. (reportlab's own forms cost
    as much time as the rest of the page; inlining every glyph triples the page stream and its
    compression time.) Same drawing as `PdfBackend.place`, only faster.
    """

    _depth = 0  # group nesting (the root is 1); class defaults, for subclasses that skip this __init__
    _tagging = False

    def __init__(self, canvas: Canvas, scene: Scene, **kw: Any) -> None:
        super().__init__(canvas, scene, **kw)
        self.forms: dict[str, tuple[str, Outline]] = {}
        self.tagged: list[Tagged] = []
        self._tagging = any(isinstance(child, Group) and child.tag for child in scene.root.children)
        self._colours: dict[Color, str] = {}
        self._uses = Counter(n.symbol.id for n in scene.walk() if isinstance(n, Use))

    def _colour(self, fill: Color) -> str:
        colour = self._colours.get(fill)
        if colour is None:
            c = self.color(fill)
            colour = self._colours[fill] = f"{_num(c.red)} {_num(c.green)} {_num(c.blue)} rg"
        return colour

    def place(self, run: Run) -> None:
        if self._depth == 1 and self._tagging:  # symbols right under the root: decoration
            self.canvas.addLiteral("/Artifact BMC")
            self._place(run)
            self.canvas.addLiteral("EMC")
        else:
            self._place(run)

    def _place(self, run: Run) -> None:
        """Consecutive symbols in their own q/Q, so reportlab's colour state holds.

        The colour is set only when it changes; each symbol is `q cm /Tn Do Q` (form) or its
        operators inline (drawn fewer than FORM_MIN_USES times in the page).
        """
        ops = ["q"]
        current = None
        for placed in run:
            fill, node = placed.fill, placed.use
            if fill is None:
                continue
            if fill is not current:
                ops.append(self._colour(fill))
                current = fill
            x, y = self.pt(node.x, node.y)
            k = node.scale * mm
            head = f"q {k:.6f} 0 0 {-k:.6f} {x:.2f} {y:.2f} cm"  # 0.01 pt: 3.5 µm
            shape = outline(node.symbol)
            if self._uses[node.symbol.id] < FORM_MIN_USES:
                ops.append(f"{head}\n{shape.ops}\nQ")
                continue
            form = self.forms.get(node.symbol.id)
            if form is None:
                form = self.forms[node.symbol.id] = (f"T{len(self.forms)}", shape)
            ops.append(f"{head} /{form[0]} Do Q")
        ops.append("Q")
        self.canvas.addLiteral("\n".join(ops))

    # Tagging (PDF/UA): each child of the root is one marked-content sequence, a structure element when
    # the layout gave it a `tag` (its MCID recorded for `finish`), an artifact otherwise (frames, rules).
    # A scene without any tag is drawn without marks.

    def begin_group(self, group: Group, fill: Color | None) -> None:
        self._depth += 1
        if self._depth == 2 and self._tagging:
            if group.tag:
                item = Tagged(group.tag, len(self.tagged), group.alt)
                self.tagged.append(item)
                self.canvas.addLiteral(f"/{item.tag} <</MCID {item.mcid}>> BDC")
            else:
                self.canvas.addLiteral("/Artifact BMC")

    def end_group(self, group: Group, fill: Color | None) -> None:
        for span in group.spans:
            self.span(span)
        if self._depth == 2 and self._tagging:
            self.canvas.addLiteral("EMC")
        self._depth -= 1

    def shape(self, node: Shape) -> None:
        artifact = self._depth == 1 and self._tagging  # a shape right under the root: decoration
        if artifact:
            self.canvas.addLiteral("/Artifact BMC")
        super().shape(node)
        if artifact:
            self.canvas.addLiteral("EMC")

    def span(self, span: TextSpan, *, mode: int = 3) -> None:
        """Invisible text (Tr 3) on the span's baseline, horizontally scaled to the outlines' ink width;
        `mode=0` sets it visible instead of the outlines (in the current fill colour)."""
        font = _font(span.font_path)
        runs, extent = _settable(span.text, span.font_path)
        if extent is None:
            return
        k = span.size / font.upem  # mm per font unit
        natural = (extent[1] - extent[0]) * k
        scale = span.width / natural if natural > 0 and span.width > 0 else 1.0
        x = span.x + extent[0] * k * (1.0 - scale)
        # The operators reportlab's text object writes for this (BT, Tr, Tz, Tm, then Tf and Tj per font
        # subset, ET), written in one string: a line costs a fifth of going through the text object. The
        # subsets come from reportlab's font, which records the glyphs used and embeds them on saving.
        doc = self.canvas._doc
        size = fp_str(span.size * mm)
        ops = ["BT", f"{mode} Tr", f"{fp_str(100.0 * scale)} Tz", f"1 0 0 1 {fp_str(*self.pt(x, span.baseline))} Tm"]
        for face, words in runs:
            embedded = pdfmetrics.getFont(face.name)
            for subset, chunk in embedded.splitString(words, doc):
                ops.append(f"{embedded.getSubsetInternalName(subset, doc)} {size} Tf ({escapePDF(chunk)}) Tj")
        ops.append("ET")
        self.canvas.addLiteral(" ".join(ops))


def _initial_font(scene: Scene) -> str:
    """A TrueType font as reportlab's initial font: with it, reportlab declares no (unembedded) Helvetica.

    The scene's first text font; with no text, any shipped font, never drawn and so never embedded.
    """
    first = next((s for node in scene.walk() if isinstance(node, Group) for s in node.spans), None)
    path = first.font_path if first else str(sorted(resource_dir("fonts").glob("*.ttf"))[0])
    return _font(path).name


@dataclass(frozen=True)
class Drawn:
    """reportlab's page (fixed dates and ID: invariant) and the forms its content calls by name."""

    pdf: bytes
    forms: tuple[tuple[str, Outline], ...]
    tagged: tuple[Tagged, ...] = ()


def draw(scene: Scene) -> Drawn:
    """The page drawn by reportlab, not yet PDF/A: `finish` adds the forms and the archival parts."""
    buf = io.BytesIO()
    w, h = scene.width + 2 * scene.bleed, scene.height + 2 * scene.bleed
    # pageCompression=0: `finish` deflates the page (binary, no ASCII85) at its own level
    canvas = Canvas(buf, pagesize=(w * mm, h * mm), invariant=1, pageCompression=0,
                    initialFontName=_initial_font(scene))
    backend = ArchiveBackend(canvas, scene, color=rgb)
    backend.draw()
    canvas.showPage()
    canvas.save()
    return Drawn(buf.getvalue(), tuple(backend.forms.values()), tuple(backend.tagged))


def _compressed(pdf: pikepdf.Pdf, data: bytes, **entries: Any) -> pikepdf.Stream:
    stream = pikepdf.Stream(pdf, b"")
    stream.write(data, filter=pikepdf.Name.FlateDecode)
    for key, value in entries.items():
        stream[f"/{key}"] = value
    return stream


def _add_forms(pdf: pikepdf.Pdf, forms: tuple[tuple[str, Outline], ...]) -> None:
    """The outlines the page calls (`/T0 Do`…) as form XObjects in its resources."""
    if not forms:
        return
    page = pdf.pages[0].obj
    resources = page.Resources
    if "/XObject" not in resources:
        resources.XObject = pikepdf.Dictionary()
    for name, shape in forms:
        resources.XObject[f"/{name}"] = pdf.make_indirect(_compressed(
            pdf, shape.data, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
            BBox=pikepdf.Array(shape.bbox), Resources=pikepdf.Dictionary()))


def finish(drawn: Drawn, scene: Scene) -> bytes:
    """Turn reportlab's PDF into PDF/A-2b: forms, then the shared finishing (intent, XMP, Info, /ID)."""
    meta = scene.meta
    if not meta.get("date"):
        raise InputError("PDF/A : scene.meta['date'] (date de l'attestation) manquante")
    with pikepdf.open(io.BytesIO(drawn.pdf)) as pdf:
        _add_forms(pdf, drawn.forms)
        page = pdf.pages[0].obj
        if "/Trans" in page:  # reportlab's empty page transition: nothing to archive
            del page["/Trans"]
        contents = page.Contents
        if isinstance(contents, pikepdf.Stream) and "/Filter" not in contents:
            # zlib level 3: a third of the time of qpdf's default level for ~4 % more bytes on the page
            contents.write(zlib.compress(contents.read_raw_bytes(), PAGE_ZLIB_LEVEL), filter=pikepdf.Name.FlateDecode)
        root = pdf.Root
        for key in ("/PageMode", "/OpenAction"):
            if key in root:
                del root[key]
        text = DocumentText(meta.get("title", scene.title), meta.get("subject", ""), meta.get("author", ""),
                            meta.get("keywords", ""), meta.get("lang", "fr-FR"))
        flavour = FINISH_TAGGED if drawn.tagged else FINISH
        finish_document(pdf, flavour, text, stamp(meta["date"]))
        if drawn.tagged:
            add_structure(pdf, list(drawn.tagged), text.title)
            add_ua_extension_schema(pdf)
        out = io.BytesIO()
        # Streams already compressed (fonts, forms, profile) are kept as they are; the page is deflated.
        save(pdf, out, flavour, object_streams=True, compress=True)
        return out.getvalue()


def render(scene: Scene) -> bytes:
    """The PDF/A-2b bytes of a scene."""
    return finish(draw(scene), scene)


def write(scene: Scene, out: IO[bytes], *, profile: str = PROFILE, **options: Any) -> None:
    """Registry entry point; `options` meant for other formats (e.g. PNG size) are ignored."""
    if profile != PROFILE:
        raise InputError(f"profil PDF/A non pris en charge : « {profile} » (seul {PROFILE} l'est)")
    out.write(render(scene))


def icc_profile_path() -> Path:
    """Where the shipped sRGB profile lives (for its README and tests)."""
    return data_file(*ICC_FILE)
