"""The printer's A4 spec sheet (« fiche technique ») as a scene: all its geometry and wording, in French.

Everything needed to produce the sign without calling anyone: format, bleed, safe margin, holes, colours
(a CMYK and an RGB swatch each), recommended material, PDF standard, and the files with their SHA-256.
Text goes through the text engine (outlined glyphs, with the words as `TextSpan`s a PDF writer makes
selectable); the thumbnail is the print PDF's own page (`Embed`), framed and captioned. What depends on
the PDF writer (its standard, output intent, crop marks) arrives as facts: layouts import no writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..domain.colors import Color
from ..domain.formats import Family, PrintFormat
from ..domain.numbers import decimal_fr as _fr
from ..drawing.scene import Embed, Group, Node, Rect, Scene, TextSpan, Use
from ..drawing.scene import Path as PathNode
from ..drawing.text import get_face
from ..drawing.text.fitting import measure_line, wrap_paragraph
from ..drawing.text.fonts import FontFace
from ..resources import resource_dir

PT = 25.4 / 72  # mm per point: sizes below are in points, as a typographer gives them
A4_W, A4_H = 210.0, 297.0
MARGIN = 16.0
WIDTH = A4_W - 2 * MARGIN
FOOTER_BASELINE = A4_H - 9.0
THUMBNAIL = "TnlPrintPage"
THUMB_HEIGHTS = (60.0, 45.0, 32.0, 20.0)  # mm, tried in turn until the text ends above the footer


def _cmyk_color(name: str, c: float, m: float, y: float, k: float) -> Color:
    """A sheet colour from its CMYK (percent), with a plain conversion for screen previews."""
    rgb = tuple(round(255 * (1 - v / 100) * (1 - k / 100)) for v in (c, m, y))
    return Color(name, (rgb[0], rgb[1], rgb[2]), (c, m, y, k))


INK = _cmyk_color("sheet_ink", 95, 80, 35, 35)
GREY = _cmyk_color("sheet_grey", 0, 0, 0, 60)
RULE = _cmyk_color("sheet_rule", 0, 0, 0, 25)
COLOR_NAMES = {
    "background": "fond", "ink": "texte principal", "muted": "texte secondaire",
    "accent": "marques, année", "on_accent": "sur accent", "frame": "cadre",
    "metal_badge": "médaille Badge", "metal_bronze": "médaille Bronze", "metal_argent": "médaille Argent",
    "metal_or": "médaille Or", "on_metal": "symbole sur médaille",
}


@dataclass(frozen=True)
class SheetFacts:
    """What the sheet states: the print scene, its format, files (name, size, SHA-256), colours as listed by
    the writer (label, colour), and the print PDF's facts (standard, output intent, crop marks as
    (line width pt, distance from the trim mm), None without marks)."""

    scene: Scene
    fmt: PrintFormat
    family: Family
    files: tuple[tuple[str, int, str], ...]
    colors: tuple[tuple[str, Color], ...]
    standard: str
    output_intent: str
    marks: tuple[float, float] | None
    cut_contour_in: str | None
    cut_radius: float
    print_pdf: bytes


def color_label(colors: list[Color]) -> str:
    """« fond (background), symbole sur médaille (on_metal) »: the roles sharing one printed value."""
    return ", ".join(f"{COLOR_NAMES.get(c.name, c.name)} ({c.name})" for c in colors)


def _faces() -> tuple[FontFace, FontFace]:
    folder = resource_dir("fonts")
    return (get_face(Path(folder / "AtkinsonHyperlegible-Regular.ttf")),
            get_face(Path(folder / "AtkinsonHyperlegible-Bold.ttf")))


@lru_cache(maxsize=2048)
def text_line(face: FontFace, text: str, x: float, baseline: float, size: float, fill: Color,
              align: str = "left") -> Group:
    """One line of outlined glyphs, its pen origin at x (left) or its ink centred on x, with its words.

    Memoised: most lines recur at the same place on every sheet of a format (and the PDF backend then
    recognises the very same glyph run).
    """
    line = measure_line(face, text)
    s = size / face.units_per_em
    ink = line.ink_width * s
    origin = x if align == "left" else x - line.ink_left * s - ink / 2
    uses = tuple(Use(face.symbol(g.gid), origin + g.x * s, baseline - g.y * s, s)
                 for g in line.glyphs if face.glyph_bounds(g.gid) is not None)
    span = TextSpan(text, str(face.path), size, origin, baseline, ink)
    return Group(uses, fill=fill, spans=(span,))


class _Cursor:
    """A top-down cursor over the page (mm, y down) collecting nodes."""

    def __init__(self) -> None:
        self.regular, self.bold = _faces()
        self.y = MARGIN
        self.nodes: list[Node] = []

    def text(self, text: str, *, size: float = 9, bold: bool = False, color: Color = INK,
             x: float = MARGIN, width: float | None = None, lead: float = 1.28) -> None:
        face = self.bold if bold else self.regular
        mm_size = size * PT
        for line in wrap_paragraph(face, text, mm_size, width or WIDTH - (x - MARGIN)):
            self.y += mm_size * lead
            self.nodes.append(text_line(face, line, x, self.y, mm_size, color))

    def heading(self, text: str) -> None:
        self.y += 6 * PT
        self.text(text, size=11, bold=True)
        self.y += 3 * PT
        self.nodes.append(PathNode((("moveTo", ((MARGIN, self.y),)), ("lineTo", ((MARGIN + WIDTH, self.y),))),
                                   stroke=RULE, stroke_width=0.5 * PT))
        self.y += 1 * PT

    def pair(self, label: str, value: str) -> None:
        top = self.y
        self.text(label, bold=True, width=46)
        low, self.y = self.y, top
        self.text(value, x=MARGIN + 48)
        self.y = max(low, self.y) + 1.5 * PT


def _thumbnail(s: _Cursor, d: SheetFacts, box_w: float, box_h: float) -> None:
    """The print page scaled into the box, framed, its finished sizes written below and beside it."""
    scene = d.scene
    k = min(box_w / scene.width, box_h / scene.height)
    tw, th = scene.width * k, scene.height * k
    x, y = MARGIN, s.y
    s.nodes.append(Embed(x, y, tw, th, THUMBNAIL, d.print_pdf))
    s.nodes.append(Rect(x, y, tw, th, stroke=GREY, stroke_width=0.4 * PT))
    size = 8 * PT
    s.nodes.append(text_line(s.regular, f"{_fr(scene.width)} mm (format fini)", x + tw / 2, y + th + 10 * PT,
                             size, GREY, align="center"))
    s.nodes.append(text_line(s.regular, f"{_fr(scene.height)} mm", x + tw + 8 * PT, y + th / 2 + size * 0.35,
                             size, GREY))
    s.y += th + 14 * PT


def _holes_text(fmt: PrintFormat) -> str:
    if fmt.holes is None:
        return "aucun"
    h = fmt.holes
    centres = "; ".join(f"({_fr(round(x, 2))} ; {_fr(round(y, 2))})" for x, y in h.centres(fmt.width, fmt.height))
    return (f"{h.count} perçages Ø {_fr(h.diameter)} mm, centres à {_fr(h.inset)} mm des bords — "
            f"positions (x ; y) en mm depuis le coin haut gauche du format fini : {centres}. "
            "Repérés sur l'impression par un cercle fin et une croix.")


def _format_section(s: _Cursor, d: SheetFacts) -> None:
    fmt, b = d.fmt, d.scene.bleed
    s.heading("Format")
    s.pair("Format fini (coupe)", f"{_fr(fmt.width)} × {_fr(fmt.height)} mm, {d.family.label}, "
           "échelle 1:1 (fichier à imprimer à 100 %)")
    s.pair("Fond perdu", f"{_fr(b)} mm sur chaque bord (zone imprimée {_fr(fmt.width + 2 * b)} × "
           f"{_fr(fmt.height + 2 * b)} mm, BleedBox du PDF) ; le fond couvre tout le fond perdu")
    s.pair("Marge de sécurité", f"{_fr(fmt.safe)} mm depuis le bord fini : tout texte et toute marque "
           "sont à l'intérieur")
    s.pair("Perçages", _holes_text(fmt))
    if d.marks:
        width, gap = d.marks
        s.pair("Traits de coupe", f"{width:g} pt, couleur de repérage C100 M100 J100 N100, "
               f"à {_fr(b + gap)} mm du bord fini (hors fond perdu)")
    if d.cut_contour_in:
        s.pair("Contour de découpe", f"{d.cut_contour_in} : ton direct « CutContour » (alternative 100 % "
               "magenta), filet 0,25 pt en surimpression, à ne pas imprimer ; tracé sur le bord fini, "
               + (f"coins arrondis R {_fr(d.cut_radius)} mm" if d.cut_radius > 0 else "coins droits"))


def _pdf_section(s: _Cursor, d: SheetFacts) -> None:
    s.heading("Fichier PDF")
    s.pair("Norme", d.standard)
    s.pair("Intention de sortie", f"{d.output_intent}, profil ICC CMJN embarqué")
    s.pair("Contenu", "quadrichromie CMJN uniquement, aplats sans dégradé ni transparence, textes "
           "vectorisés (aucune police), valeurs CMJN exactes du thème (aucune conversion)")


def _colour_section(s: _Cursor, d: SheetFacts) -> None:
    """Per colour: the CMYK patch as printed, then the same colour in sRGB, as screens show it."""
    s.heading("Couleurs (nuancier : aplat CMJN à imprimer, puis son équivalent RVB écran)")
    w, h = 14 * PT, 11 * PT
    for label, color in d.colors:
        top = s.y
        for dx, space in ((0.0, "cmyk"), (16 * PT, "rgb")):
            s.nodes.append(Rect(MARGIN + dx, top + 2 * PT, w, h, fill=color, space=space))
            s.nodes.append(Rect(MARGIN + dx, top + 2 * PT, w, h, stroke=RULE, stroke_width=0.4 * PT))
        values = " ".join(f"{letter}{_fr(v)}" for letter, v in zip("CMJN", color.cmyk, strict=True))
        s.text(label, bold=True, x=MARGIN + 36 * PT, size=8.5, width=92 - 36 * PT)
        low, s.y = s.y, top
        s.text(f"CMJN {values}  ·  RVB {color.hex} ({', '.join(str(v) for v in color.rgb)})", size=8.5,
               x=MARGIN + 94)
        s.y = max(s.y, low, top + 14 * PT)


def _files_section(s: _Cursor, d: SheetFacts) -> None:
    s.heading("Fichiers livrés (empreintes SHA-256)")
    for name, size, digest in d.files:
        s.text(f"{name} — {size:,} octets".replace(",", " "), bold=True, size=8.5, lead=1.25)
        s.text(digest, size=8, color=GREY, lead=1.25)
    s.text("Vérification : sha256sum FICHIER, à comparer à l'empreinte ci-dessus.", size=8, color=GREY)


def _sheet(d: SheetFacts, thumb_height: float, version: str) -> tuple[Scene, float]:
    """The sheet with a thumbnail at most `thumb_height` mm high, and where its text ends (mm from the top)."""
    s = _Cursor()
    s.text("Fiche technique d'impression", size=17, bold=True)
    s.text(f"{d.family.title} {d.fmt.size_label} — {d.scene.title}", size=10, color=GREY)
    s.y += 6 * PT
    _thumbnail(s, d, WIDTH * 0.7, thumb_height)
    _format_section(s, d)
    _pdf_section(s, d)
    _colour_section(s, d)
    s.heading("Support et pose")
    s.pair("Support recommandé", d.family.material)
    s.pair("Pose", d.family.mounting)
    _files_section(s, d)
    lowest = s.y
    s.nodes.append(text_line(s.regular, "Label Territoire Numérique Libre — fiche produite par tnl-signage "
                             f"{version} à partir de la même scène que les fichiers d'impression.",
                             MARGIN, FOOTER_BASELINE, 7.5 * PT, GREY))
    scene = Scene(A4_W, A4_H, Group(tuple(s.nodes)), f"Fiche technique d'impression — {d.scene.title}",
                  d.scene.desc, meta={"year": d.scene.meta.get("year", ""), "lang": "fr"})
    return scene, lowest


def spec_sheet_scene(facts: SheetFacts, *, version: str) -> Scene:
    """The one-page sheet: if its text would run into the footer, the thumbnail is made smaller."""
    for height in THUMB_HEIGHTS:
        scene, lowest = _sheet(facts, height, version)
        if lowest < FOOTER_BASELINE - 10 * PT:
            break
    return scene
