"""The « attestation de labellisation »: an A4 page (portrait or landscape) a collectivité archives.

Same text engine, marks and theme as the badges; a QR code leads to the verification page. Everything
the PDF/A writer needs for its metadata (title, author, date from the award, language) travels in
`scene.meta`, so the writer never looks at the model.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from ..domain.colors import Color
from ..domain.model import Laureate
from ..domain.slug import strip_accents
from ..domain.theme import Theme
from ..domain.urls import check_base_url, laureate_path, page_url
from ..domain.wording import award_description, mentions_phrase
from ..drawing.marks import marks_group
from ..drawing.qr import qr_group
from ..drawing.scene import Group, Node, Rect, Scene
from ..errors import InputError
from ..resources import data_file
from .badges import LayoutResult
from .common import Box, place_fixed, place_free, place_name, place_text, shown_name

FREE_TEXT_MIN_MM = 2.4  # the smallest text of the certificate that still reads on paper at arm's length

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")
PDF_PROFILE = "pdfa-2b"


@dataclass(frozen=True)
class Ceremony:
    """When and where a year's distinctions were handed over; either may be unknown (never invented)."""

    date: date | None = None
    place: str | None = None


@dataclass(frozen=True)
class CertificateData:
    """Defaults and wording of `data/certificate.toml`."""

    base_url: str
    signatory: str
    wording: dict[str, str]
    ceremonies: dict[int, Ceremony]


@lru_cache(maxsize=1)
def certificate_data() -> CertificateData:
    """The shipped certificate defaults, read once per process."""
    raw: dict[str, Any] = tomllib.loads(data_file("certificate.toml").read_text(encoding="utf-8"))
    defaults = raw.get("defaults", {})
    ceremonies = {}
    for year, entry in raw.get("ceremonies", {}).items():
        when = entry.get("date")
        ceremonies[int(year)] = Ceremony(when if isinstance(when, date) else None, entry.get("place"))
    return CertificateData(
        base_url=str(defaults.get("base_url", "")),
        signatory=str(defaults.get("signatory", "")),
        wording={str(k): str(v) for k, v in raw.get("wording", {}).items()},
        ceremonies=ceremonies,
    )


def french_date(day: date) -> str:
    """« 19 novembre 2025 », « 1er décembre 2025 »."""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTHS[day.month - 1]} {day.year}"


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
    """`{base_url}/{year}/{slug}/`: the site's verification page (`urls.page_url`)."""
    return page_url(check_base_url(base_url or certificate_data().base_url), laureate)


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
    nodes: list[Node] = [qr_group(url, right - grid.qr, grid.bottom, grid.qr, dark=dark, light=light, ecc="M")]
    muted, ink = theme.color("muted"), theme.color("ink")
    width = col.w - grid.left_width - 5.0
    nodes.append(place_fixed(theme, word("certificate_verify"), Box(right - width, grid.bottom - 6.0, width, 4.4),
                             fill=muted, max_size=3.6, align="right"))
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


def _signature(theme: Theme, grid: _Grid, role: str, name: str, number: str,
               notes: list[str]) -> list[Node]:
    """Who signs (role, name), a rule for a handwritten signature, and the certificate number under it."""
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
) -> LayoutResult:
    """Lay out a laureate's certificate; notes say if the name had to be shrunk or shortened.

    `date` / `place` override the ceremony kept in certificate.toml; an unknown date prints
    « Décerné en {year} » rather than a guess.
    """
    grid = {"portrait": _PORTRAIT, "landscape": _LANDSCAPE}.get(orientation)
    if grid is None:
        raise InputError(f"orientation inconnue : « {orientation} » (portrait ou landscape)")
    data = certificate_data()
    word = _words(theme)
    known = data.ceremonies.get(laureate.year, Ceremony())
    when = parse_date(date) if isinstance(date, str) else date
    ceremony = Ceremony(when or known.date, place if place is not None else known.place)
    if ceremony.date is not None and ceremony.date.year != laureate.year:
        raise InputError(f"la date de remise « {french_date(ceremony.date)} » n'est pas en {laureate.year}")
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
    nodes.append(place_fixed(theme, word("certificate_title"), box["title"], fill=ink, bold=True,
                             max_size=sz["title"]))
    nodes.append(place_fixed(theme, word("certificate_intro"), box["intro"], fill=muted, max_size=sz["intro"],
                             max_lines=2))
    name_group, notes = place_name(theme, shown_name(laureate.display_name, laureate.short_name, theme), None,
                                   box["name"],
                                   family="certificate", fill=ink, max_size=sz["name"], max_lines=3)
    nodes.append(name_group)
    kind = laureate.type.label_fr + (f" ({laureate.department})" if laureate.department else "")
    nodes.append(place_fixed(theme, kind, box["type"], fill=muted, max_size=sz["type"]))
    nodes.append(place_fixed(theme, word("certificate_awarded", year=laureate.year), box["awarded"], fill=ink,
                             max_size=sz["awarded"]))
    m = box["marks"]
    nodes.append(marks_group(laureate.distinction, theme, m.x, m.y, m.w, m.h))
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
    nodes += _signature(theme, grid, role, signatory if signatory is not None else data.signatory, number, notes)
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
        "date": (ceremony.date or _year_start(laureate.year)).isoformat(),
        "lang": "fr-FR",
        "certificate_number": laureate.certificate_number,
        "verification_url": url,
    }
    scene = Scene(
        width=grid.width,
        height=grid.height,
        root=Group(tuple(nodes)),
        title=title,
        desc=award_description(theme, laureate.distinction, laureate.year, laureate.display_name,
                               laureate.mentions, laureate.type.value)
        + f" {number}. Vérification : {url}",
        meta=meta,
    )
    return LayoutResult(scene, tuple(notes))


def _year_start(year: int) -> date:
    """Metadata date when the ceremony date is unknown: the award year, never the clock."""
    return date(year, 1, 1)
