"""The « attestation de labellisation »: an A4 page (portrait or landscape) a collectivité archives.

Same text engine, marks and theme as the badges; a QR code leads to the verification page. Everything
the PDF/A writer needs for its metadata (title, author, date from the award, language) travels in
`scene.meta`, so the writer never looks at the model.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from ..domain.colors import Color
from ..domain.model import Laureate
from ..domain.slug import strip_accents
from ..domain.theme import Theme
from ..domain.urls import check_base_url, laureate_path, page_url
from ..domain.wording import MONTHS, award_description, french_date, marks_phrase, mentions_phrase
from ..drawing.marks import marks_group
from ..drawing.qr import qr_group
from ..drawing.scene import Group, Node, Rect, Scene, walk
from ..errors import InputError
from ..inputs.editions import load_editions
from ..resources import data_file
from .badges import LayoutResult
from .common import Box, place_fixed, place_free, place_name, place_text, shown_name

FREE_TEXT_MIN_MM = 2.4  # the smallest text of the certificate that still reads on paper at arm's length

PDF_PROFILE = "pdfa-2b"


@dataclass(frozen=True)
class Ceremony:
    """When and where a year's distinctions were handed over; either may be unknown (never invented)."""

    date: date | None = None
    place: str | None = None


@dataclass(frozen=True)
class CertificateData:
    """Wording of `data/certificate.toml`; defaults (site, signatory) come from the editions file."""

    base_url: str
    signatory: str
    wording: dict[str, str]


@lru_cache(maxsize=1)
def _wording() -> dict[str, str]:
    raw: dict[str, Any] = tomllib.loads(data_file("certificate.toml").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in raw.get("wording", {}).items()}


def certificate_data() -> CertificateData:
    """The shipped certificate wording and the editions' defaults."""
    editions = load_editions()
    return CertificateData(base_url=editions.base_url, signatory=editions.signatory, wording=_wording())


_FRENCH_DATE = re.compile(r"(\d{1,2})(?:er)?\s+(\w+)\s+(\d{4})", re.IGNORECASE)


def parse_date(text: str) -> date:
    """A date typed by a user: ISO (2025-11-19) or French (19 novembre 2025); InputError otherwise."""
    value = " ".join(text.split())
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    match = _FRENCH_DATE.fullmatch(value)
    months = {strip_accents(name): number for number, name in enumerate(MONTHS, 1)}
    month = months.get(strip_accents(match.group(2).lower())) if match else None
    if match and month:
        try:
            return date(int(match.group(3)), month, int(match.group(1)))
        except ValueError:
            pass
    raise InputError(f"date non reconnue : « {text} » (par exemple 2025-11-19 ou 19 novembre 2025)")


def verification_url(laureate: Laureate, base_url: str | None = None) -> str:
    """`{base_url}/{year}/{slug}/`: the site's verification page (same URL as `weburls.page_url`); by default
    the edition's address in editions.toml."""
    default = load_editions().edition_for(laureate.year).base_url or certificate_data().base_url
    return page_url(check_base_url(base_url or default), laureate)


def short_url(url: str) -> str:
    """The address as printed under the QR code: without the scheme."""
    return url.split("://", 1)[-1]


def _words(theme: Theme) -> Callable[..., str]:
    """Wording lookup: the theme's [wording] wins over certificate.toml, then fields are filled in."""
    defaults = certificate_data().wording

    def word(key: str, **fields: object) -> str:
        template = theme.wording.get(key, defaults.get(key, ""))
        values = {"label": theme.word("label"), "organiser": theme.word("organiser"), **fields}
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError) as exc:
            raise InputError(f"{theme.source} : texte « {key} » invalide : « {template} » ({exc})") from None

    return word


def _awarded_line(word: Callable[..., str], year: int, ceremony: Ceremony) -> str:
    """« Décerné le 19 novembre 2025 — Congrès des Maires, Paris », or « Décerné en 2019 »."""
    if ceremony.date is not None:
        key = "certificate_awarded_on_at" if ceremony.place else "certificate_awarded_on"
        return word(key, date=french_date(ceremony.date), place=ceremony.place, year=year)
    key = "certificate_awarded_in_at" if ceremony.place else "certificate_awarded_in"
    return word(key, year=year, place=ceremony.place)


def _qr_colours(theme: Theme) -> tuple[Color, Color]:
    """Dark modules on a light ground whatever the theme: inverted codes defeat many phone readers."""
    ink, ground = theme.color("ink"), theme.color("background")
    return (ink, ground) if ink.luminance < ground.luminance else (ground, ink)


@dataclass(frozen=True)
class _Grid:
    """Page geometry for one orientation (mm)."""

    width: float
    height: float
    column: Box          # the centred text column
    flow_top: float
    flow_bottom: float
    heights: dict[str, float]
    gaps: dict[str, float]  # relative share of the free space placed above each block
    sizes: dict[str, float]
    bottom: float         # top of the signature / QR band
    qr: float             # QR side, quiet zone included
    left_width: float     # signature block width


_PORTRAIT = _Grid(
    210.0, 297.0, Box(25.0, 0, 160.0, 0), 22.0, 220.0,
    heights={"label": 10, "title": 12, "intro": 10, "name": 36, "type": 6, "awarded": 6, "marks": 34,
             "distinction": 11, "mentions": 10, "date": 6},
    gaps={"label": 0, "title": 1.6, "intro": 1.2, "name": 0.8, "type": 0.2, "awarded": 1.4, "marks": 0.6,
          "distinction": 0.5, "mentions": 0.6, "date": 1.0},
    sizes={"label": 8.0, "title": 11.0, "intro": 4.6, "name": 13.0, "type": 5.0, "awarded": 4.8,
           "distinction": 10.0, "mentions": 4.4, "date": 4.8, "small": 4.2},
    bottom=232.0, qr=36.0, left_width=75.0,
)
_LANDSCAPE = _Grid(
    297.0, 210.0, Box(30.0, 0, 237.0, 0), 19.0, 146.0,
    heights={"label": 9, "title": 11, "intro": 6, "name": 24, "type": 5, "awarded": 5, "marks": 25,
             "distinction": 10, "mentions": 9, "date": 5},
    gaps={"label": 0, "title": 1.0, "intro": 0.8, "name": 0.6, "type": 0.2, "awarded": 1.0, "marks": 0.5,
          "distinction": 0.4, "mentions": 0.4, "date": 0.8},
    sizes={"label": 7.5, "title": 10.0, "intro": 4.6, "name": 12.0, "type": 4.6, "awarded": 4.6,
           "distinction": 9.0, "mentions": 4.2, "date": 4.6, "small": 4.0},
    bottom=152.0, qr=32.0, left_width=100.0,
)


def _stack(grid: _Grid, keys: list[str]) -> dict[str, Box]:
    """Stack the blocks in the flow area, sharing the free height between gaps by weight."""
    col = grid.column
    free = grid.flow_bottom - grid.flow_top - sum(grid.heights[k] for k in keys)
    weight = sum(grid.gaps[k] for k in keys) or 1.0
    y = grid.flow_top
    boxes = {}
    for k in keys:
        y += free * grid.gaps[k] / weight
        boxes[k] = Box(col.x, y, col.w, grid.heights[k])
        y += grid.heights[k]
    return boxes


def _frame(theme: Theme, w: float, h: float) -> list[Node]:
    """White (theme) page, a bold outer rule and a hairline inside it: the look of a diploma, flat colours."""
    accent = theme.color("frame")
    return [
        Rect(0, 0, w, h, fill=theme.color("background")),
        Rect(10, 10, w - 20, h - 20, stroke=accent, stroke_width=1.2, rx=3.0),
        Rect(13, 13, w - 26, h - 26, stroke=accent, stroke_width=0.3, rx=1.5),
    ]


def _verification(theme: Theme, grid: _Grid, url: str, year_path: str, word: Callable[..., str]) -> list[Node]:
    """QR code at the right of the bottom band, the address under it on two lines (site / year and slug)."""
    col = grid.column
    right = col.x + col.w
    dark, light = _qr_colours(theme)
    code = qr_group(url, right - grid.qr, grid.bottom, grid.qr, dark=dark, light=light, ecc="M")
    muted, ink = theme.color("muted"), theme.color("ink")
    width = col.w - grid.left_width - 5.0
    label = Box(right - width, grid.bottom - 6.0, width, 4.4)
    nodes: list[Node] = [place_fixed(theme, word("certificate_verify"), label, fill=muted, max_size=3.6, align="right")]
    nodes.append(replace(code, tag="Figure", alt=f"Code QR menant à la page de vérification {url}"))
    short = short_url(url)
    head = short[: len(short) - len(year_path)]
    y = grid.bottom + grid.qr + 0.8
    nodes.append(place_fixed(theme, head, Box(right - width, y, width, 3.6), fill=ink, max_size=3.3, align="right"))
    # A long slug may wrap once at its hyphens rather than shrink out of legibility.
    tail = Box(right - width, y + 4.2, width, 7.8)
    placed = place_text(theme, year_path, tail, fill=ink, max_size=3.3, min_size=2.4, max_lines=2,
                        align="right", valign="top")
    nodes.append(placed.group if placed else place_fixed(theme, year_path, Box(tail.x, tail.y, tail.w, 3.6),
                                                         fill=ink, max_size=3.3, align="right"))
    return nodes


def _signature(theme: Theme, grid: _Grid, role: str, name: str, number: str, issued: str,
               notes: list[str]) -> list[Node]:
    """Who signs (role, name), a rule for a handwritten signature, the certificate number under it and
    the date the certificate was made out under that."""
    col = grid.column
    ink, muted = theme.color("ink"), theme.color("muted")
    w = grid.left_width
    y = grid.bottom
    small = grid.sizes["small"]
    nodes: list[Node] = []
    if role:
        group, said = place_free(theme, role, Box(col.x, y, w, small + 1), what="la qualité du signataire",
                                 fill=ink, max_size=small, min_size=FREE_TEXT_MIN_MM, align="left", max_lines=2)
        nodes.append(group)
        notes += said
    if name:
        group, said = place_free(theme, name, Box(col.x, y + small + 2.2, w, small + 1), what="le signataire",
                                 fill=ink, bold=True, max_size=small, min_size=FREE_TEXT_MIN_MM, align="left")
        nodes.append(group)
        notes += said
    bottom = y + grid.qr
    nodes.append(Rect(col.x, bottom - 11.0, min(w, 70.0), 0.25, fill=muted))
    nodes.append(place_fixed(theme, number, Box(col.x, bottom - 4.4, w, 4.4), fill=ink, bold=True,
                             max_size=3.8, align="left"))
    nodes.append(place_fixed(theme, issued, Box(col.x, bottom + 0.8, w, 3.6), fill=ink, max_size=3.3,
                             align="left"))
    return nodes


def certificate_scene(
    laureate: Laureate,
    theme: Theme,
    *,
    base_url: str | None = None,
    orientation: str = "portrait",
    date: date | str | None = None,
    place: str | None = None,
    signatory: str | None = None,
    signatory_role: str | None = None,
    issued: date | str | None = None,
) -> LayoutResult:
    """Lay out a laureate's certificate; notes say if the name had to be shrunk or shortened.

    `date` / `place` override the ceremony kept in editions.toml; an unknown date prints
    « Décerné en {year} » rather than a guess. `issued` (else the edition's issue date, else the award
    date) is printed as « Attestation établie le … » and is the PDF's date.
    """
    grid = {"portrait": _PORTRAIT, "landscape": _LANDSCAPE}.get(orientation)
    if grid is None:
        raise InputError(f"orientation inconnue : « {orientation} » (portrait ou landscape)")
    data = certificate_data()
    word = _words(theme)
    edition = load_editions().edition_for(laureate.year)
    when = parse_date(date) if isinstance(date, str) else date
    ceremony = Ceremony(when or (edition.award_date if edition.date_known else None),
                        place if place is not None else edition.place)
    if ceremony.date is not None and ceremony.date.year != laureate.year:
        raise InputError(f"la date de remise « {french_date(ceremony.date)} » n'est pas en {laureate.year}")
    made_out = (parse_date(issued) if isinstance(issued, str) else issued) or (
        edition.issued or ceremony.date or edition.award_date)
    if made_out < (ceremony.date or edition.award_date.replace(month=1, day=1)):
        raise InputError(f"la date d'établissement « {french_date(made_out)} » précède l'attribution")
    url = verification_url(laureate, base_url)
    number = word("certificate_number", number=laureate.certificate_number)
    ink, accent, muted = theme.color("ink"), theme.color("accent"), theme.color("muted")
    sz = grid.sizes

    keys = ["label", "title", "intro", "name", "type", "awarded", "marks", "distinction"]
    keys += ["mentions"] if laureate.mentions else []
    keys += ["date"]
    box = _stack(grid, keys)
    nodes: list[Node] = _frame(theme, grid.width, grid.height)
    nodes.append(place_fixed(theme, theme.word("label"), box["label"], fill=accent, bold=True,
                             max_size=sz["label"]))
    nodes.append(replace(place_fixed(theme, word("certificate_title"), box["title"], fill=ink, bold=True,
                                     max_size=sz["title"]), tag="H1"))
    nodes.append(place_fixed(theme, word("certificate_intro"), box["intro"], fill=muted, max_size=sz["intro"],
                             max_lines=2))
    name_group, notes = place_name(theme, shown_name(laureate.display_name, laureate.short_name, theme), None,
                                   box["name"],
                                   family="certificate", fill=ink, max_size=sz["name"], max_lines=3)
    nodes.append(replace(name_group, tag="H2"))
    kind = laureate.type.label_fr + (f" ({laureate.department})" if laureate.department else "")
    nodes.append(place_fixed(theme, kind, box["type"], fill=muted, max_size=sz["type"]))
    nodes.append(place_fixed(theme, word("certificate_awarded", year=laureate.year), box["awarded"], fill=ink,
                             max_size=sz["awarded"]))
    m = box["marks"]
    nodes.append(replace(marks_group(laureate.distinction, theme, m.x, m.y, m.w, m.h), tag="Figure",
                         alt=_sentence(marks_phrase(laureate.distinction))))
    nodes.append(place_fixed(theme, laureate.distinction_words, box["distinction"], fill=accent,
                             bold=True, max_size=sz["distinction"]))
    if laureate.mentions:
        nodes.append(place_fixed(theme, mentions_phrase(laureate.mentions), box["mentions"], fill=ink,
                                 max_size=sz["mentions"], max_lines=2))
    group, said = place_free(theme, _awarded_line(word, laureate.year, ceremony), box["date"],
                             what="la ligne de date et de lieu", fill=ink, max_size=sz["date"],
                             min_size=FREE_TEXT_MIN_MM)
    nodes.append(group)
    notes += said
    role = signatory_role if signatory_role is not None else word("certificate_signatory_role")
    default_signatory = edition.signatory or data.signatory
    nodes += _signature(theme, grid, role, signatory if signatory is not None else default_signatory, number,
                        word("certificate_issued", date=french_date(made_out)), notes)
    nodes += _verification(theme, grid, url, f"{laureate_path(laureate)}/", word)

    fields = {"year": laureate.year, "name": laureate.display_name,
              "distinction": laureate.distinction_words}
    title = word("certificate_document_title", **fields)
    meta = {
        "pdf_profile": PDF_PROFILE,
        "title": title,
        "subject": word("certificate_subject", **fields),
        "author": theme.word("organiser"),
        "keywords": ", ".join([theme.word("label"), str(laureate.year), laureate.distinction_words,
                               laureate.certificate_number]),
        "date": made_out.isoformat(),
        "award_date": (ceremony.date or edition.award_date).isoformat(),
        "lang": "fr-FR",
        "certificate_number": laureate.certificate_number,
        "verification_url": url,
    }
    scene = Scene(
        width=grid.width,
        height=grid.height,
        root=Group(tuple(_paragraphs(nodes))),
        title=title,
        desc=award_description(theme, laureate.distinction, laureate.year, laureate.display_name,
                               laureate.mentions, laureate.type.value)
        + f" {number}. Vérification : {url}",
        meta=meta,
    )
    return LayoutResult(scene, tuple(notes))



def _paragraphs(nodes: list[Node]) -> list[Node]:
    """Structure for screen readers: every line of text not already a heading is a paragraph (P), in page
    order (the reading order); frames and rules stay untagged, i.e. decoration."""
    return [replace(n, tag="P") if isinstance(n, Group) and n.tag is None and _has_text(n) else n for n in nodes]


def _has_text(group: Group) -> bool:
    return any(isinstance(node, Group) and node.spans for node in walk(group))


def _sentence(text: str) -> str:
    """Alternative text as a sentence: capital first letter."""
    return text[:1].upper() + text[1:]
