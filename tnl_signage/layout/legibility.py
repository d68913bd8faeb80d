"""Letter heights from reading distance: the rule every print layout sizes its text by.

The rule (cap height = reading distance x tangent of the angle the letter must subtend at the eye):
- **threshold, 5 arcminutes**: a letter subtending 5′ is the smallest a normal eye (acuity 1.0, « 10/10 »)
  reads: the definition of the Snellen / Landolt optotype, ISO 8596:2017. About 1.45 mm of letter height per
  metre (29 mm at 20 m). Used for secondary text (label name, collectivité, mentions).
- **at a glance, 1 inch per 30 feet**: the legibility index of road signs for a driver reading on the move,
  US FHWA MUTCD (2009), section 2A.13, « Word Messages ». About 2.78 mm per metre (56 mm at 20 m, about
  9.6′). Used for what the sign is about: the year and the distinction.
Boilerplate (who awards, the website) is for someone walking up to the sign and has no minimum.
The distances themselves are data (`data/formats.toml`, `reading_distance_m`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..drawing.text import get_face

THRESHOLD_ARCMIN = 5.0  # ISO 8596 optotype: the limit of normal acuity
GLANCE_MM_PER_M = 25.4 / (30 * 0.3048)  # MUTCD 2A.13: 1 in of letter height per 30 ft of distance


def threshold_mm(distance_m: float) -> float:
    """Cap height (mm) at the threshold of normal acuity for `distance_m`."""
    return distance_m * 1000 * math.tan(math.radians(THRESHOLD_ARCMIN / 60))


def glance_mm(distance_m: float) -> float:
    """Cap height (mm) read at a glance, on the move, from `distance_m`."""
    return distance_m * GLANCE_MM_PER_M


@dataclass(frozen=True)
class Minimums:
    """Minimum cap heights (mm) for a reading distance: `primary` (year, distinction), `secondary` (others)."""

    distance_m: float
    primary: float
    secondary: float


def minimums(distance_m: float) -> Minimums:
    return Minimums(distance_m, glance_mm(distance_m), threshold_mm(distance_m))


@lru_cache(maxsize=8)
def cap_ratio(font: Path) -> float:
    """Cap height of a font in em (OS/2 sCapHeight, else the height of « H »): turns a cap height into a size."""
    face = get_face(font)
    os2 = face.tt.get("OS/2")
    cap = getattr(os2, "sCapHeight", 0) if os2 is not None else 0
    if not cap:
        bounds = face.glyph_bounds(face.shape("H")[0].gid)
        cap = bounds[3] if bounds else int(face.units_per_em * 0.7)
    return float(cap) / face.units_per_em
