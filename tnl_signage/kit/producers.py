"""The parts of a kit, one producer each: a function that writes its files into the kit folder.

Producers run in order; `lisezmoi` comes last because it describes the files the others wrote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..badges import write_laureate_badges
from ..model import Laureate

if TYPE_CHECKING:
    from .builder import KitOptions


@dataclass(frozen=True)
class KitContext:
    laureate: Laureate
    folder: Path
    options: KitOptions


Producer = Callable[[KitContext], list[str]]


def badges(ctx: KitContext) -> list[str]:
    """Every badge variant, light and dark, SVG and PNG at 1x and 2x."""
    _, notes = write_laureate_badges(ctx.laureate, ctx.folder / "badges", png_scales=(1, 2))
    return notes


def openbadges(ctx: KitContext) -> list[str]:
    """Open Badges 2.0 (always) and 3.0 (signed, when the organiser's key is given)."""
    from ..openbadges.publish import NO_KEY_NOTE, openbadges_for_laureate

    result = openbadges_for_laureate(ctx.laureate, ctx.folder / "openbadges", ctx.options.base_url,
                                     theme=ctx.options.theme, signing_key=ctx.options.signing_key)
    # The missing key is said once per run by the CLI, not once per laureate.
    return [note for note in result.notes if note != NO_KEY_NOTE]


def lisezmoi(ctx: KitContext) -> list[str]:
    """LISEZMOI.html: what each file is for and who receives it (French, accessible, no script)."""
    from .readme import write_readme

    write_readme(ctx.laureate, ctx.folder, ctx.options)
    return []


PRODUCERS: tuple[Producer, ...] = (badges, openbadges, lisezmoi)
