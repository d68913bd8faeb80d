"""Colours that know both their screen value (sRGB) and their print value (CMYK), and WCAG contrast."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import InputError

_HEX = re.compile(r"^#([0-9a-fA-F]{6})$")


@dataclass(frozen=True)
class Color:
    """A theme colour: the RGB drawn on screens and the exact CMYK (percent) sent to the press.

    `spot` names a separation (e.g. "CutContour" for a plotter's cut line); `cmyk` is then its alternate.
    """

    name: str
    rgb: tuple[int, int, int]
    cmyk: tuple[float, float, float, float]
    spot: str | None = None

    @property
    def hex(self) -> str:
        return "#{:02x}{:02x}{:02x}".format(*self.rgb)

    @property
    def luminance(self) -> float:
        """WCAG 2.x relative luminance."""

        def channel(c: int) -> float:
            s = c / 255.0
            return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(c) for c in self.rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    @classmethod
    def parse(cls, name: str, rgb: object, cmyk: object) -> Color:
        """Build from theme values; a bad value names the colour and the value."""
        if not isinstance(rgb, str) or not _HEX.match(rgb):
            raise InputError(f"couleur « {name} » : rgb « {rgb} » doit s'écrire #RRGGBB")
        if (
            not isinstance(cmyk, list)
            or len(cmyk) != 4
            or not all(isinstance(v, int | float) and 0 <= v <= 100 for v in cmyk)
        ):
            raise InputError(f"couleur « {name} » : cmyk « {cmyk} » doit être 4 valeurs de 0 à 100")
        value = int(rgb[1:], 16)
        return cls(
            name,
            ((value >> 16) & 255, (value >> 8) & 255, value & 255),
            (float(cmyk[0]), float(cmyk[1]), float(cmyk[2]), float(cmyk[3])),
        )


def contrast_ratio(a: Color, b: Color) -> float:
    """WCAG contrast ratio between two colours, from 1 to 21."""
    la, lb = sorted((a.luminance, b.luminance), reverse=True)
    return (la + 0.05) / (lb + 0.05)
