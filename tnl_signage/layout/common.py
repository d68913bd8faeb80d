"""Boxes and text placement shared by every layout (badges, panels, certificates)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..domain.colors import Color
from ..domain.theme import Theme
from ..drawing.scene import Group
from ..drawing.text import FittedText, FontFace, fit_text, get_face, text_group


@dataclass(frozen=True)
class Box:
    """A rectangle in mm (x, y = top-left)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def inset(self, d: float) -> Box:
        return Box(self.x + d, self.y + d, self.w - 2 * d, self.h - 2 * d)


@dataclass(frozen=True)
class Placed:
    """A text placed in a box, with the size actually used (mm per em)."""

    group: Group
    fitted: FittedText


def face(theme: Theme, bold: bool = False) -> FontFace:
    return get_face(theme.font_bold if bold else theme.font_regular)


def place_text(
    theme: Theme,
    text: str,
    box: Box,
    *,
    fill: Color,
    bold: bool = False,
    max_size: float,
    min_size: float = 0.3,
    max_lines: int = 1,
    align: str = "center",
    valign: str = "middle",
) -> Placed | None:
    """Fit `text` in `box` (shrinking down to `min_size`) and place it; None if it cannot fit."""
    fitted = fit_text(
        face(theme, bold), text, box.w, box.h,
        max_size=max_size, min_size=min_size, max_lines=max_lines, line_height=theme.line_height,
    )
    if fitted is None:
        return None
    group = text_group(fitted, box.x, box.y, box.w, box.h, fill=fill, align=align, valign=valign)
    return Placed(group, fitted)


def place_free(theme: Theme, text: str, box: Box, *, what: str, fill: Color, max_size: float, min_size: float,
               bold: bool = False, max_lines: int = 1, align: str = "center") -> tuple[Group, list[str]]:
    """Place a user's free text (signatory, place): shrunk down to `min_size`, below it drawn smaller with a
    note, like a name that does not fit."""
    placed = place_text(theme, text, box, fill=fill, bold=bold, max_size=max_size, min_size=min_size,
                        max_lines=max_lines, align=align)
    if placed is not None:
        return placed.group, []
    placed = place_text(theme, text, box, fill=fill, bold=bold, max_size=max_size, min_size=0.05,
                        max_lines=max_lines, align=align)
    used = placed.fitted.size if placed else 0.0
    note = f"{what} trop long : dessiné à {used:.2f} mm au lieu de {min_size:g} mm minimum"
    return (placed.group if placed else Group(())), [note]


@lru_cache(maxsize=2048)
def place_fixed(
    theme: Theme,
    text: str,
    box: Box,
    *,
    fill: Color,
    bold: bool = False,
    max_size: float,
    max_lines: int = 1,
    align: str = "center",
) -> Group:
    """Place a short fixed wording (label, year, distinction): always fits by shrinking.

    Memoised: the same wording in the same box recurs on every laureate's badge.
    """
    placed = place_text(theme, text, box, fill=fill, bold=bold, max_size=max_size, min_size=0.05,
                        max_lines=max_lines, align=align)
    if placed is None:
        return Group(())
    return placed.group


def place_name(
    theme: Theme,
    name: str,
    short_name: str | None,
    box: Box,
    *,
    family: str,
    fill: Color,
    max_size: float,
    max_lines: int = 3,
    align: str = "center",
    bold: bool = True,
    minimum: float | None = None,
) -> tuple[Group, list[str]]:
    """Fit the laureate's name at or above the theme's minimum size for `family` (or `minimum`, mm per em,
    when the asset's reading distance asks for more).

    If it cannot, the short name is tried; failing that the name is drawn smaller than the minimum
    (never clipped, never overflowing) and a note says so, for the tool to report by laureate.
    """
    minimum = max(theme.min_name_size(family), minimum or 0.0)
    notes: list[str] = []

    def attempt(text: str, min_size: float) -> Placed | None:
        return place_text(theme, text, box, fill=fill, bold=bold, max_size=max(max_size, minimum),
                          min_size=min_size, max_lines=max_lines, align=align)

    placed = attempt(name, minimum)
    if placed is not None:
        return placed.group, notes
    if short_name:
        placed = attempt(short_name, minimum)
        if placed is not None:
            notes.append(
                f"nom trop long pour « {family} » à {minimum:g} mm : nom court « {short_name} » utilisé"
            )
            return placed.group, notes
    placed = attempt(short_name or name, 0.05)
    used = placed.fitted.size if placed else 0.0
    notes.append(
        f"nom trop long pour « {family} » : dessiné à {used:.2f} mm au lieu de {minimum:g} mm minimum"
        + ("" if short_name else " ; ajoutez un nom_court")
    )
    return (placed.group if placed else Group(())), notes


# The one short-name rule: a laureate appears under one name on every asset. The full name is used when it
# fits the tightest boxes of a kit at the theme's minimum sizes (the seal's name box, three lines; the road
# panel's name row, two lines across the 800 x 400 panel); otherwise its `nom_court`, everywhere alike.
NAME_RULE_BOXES = (("seal", 51.0, 15.6, 3), ("panel", 722.0, 120.0, 2))  # family, width, height (mm), lines


@lru_cache(maxsize=4096)
def shown_name(name: str, short_name: str | None, theme: Theme) -> str:
    """The name every asset of a laureate shows (see NAME_RULE_BOXES)."""
    if not short_name:
        return name
    bold = face(theme, True)
    for family, width, height, lines in NAME_RULE_BOXES:
        minimum = theme.min_name_size(family)
        fitted = fit_text(bold, name, width, height, max_size=minimum, min_size=minimum * 0.999,
                          max_lines=lines, line_height=theme.line_height)
        if fitted is None:
            return short_name
    return name
