"""The usage guide PDF (PDF/A-2b): made once per process for a theme and year, then the same bytes in
every kit of that year (it says nothing about one laureate, so a batch never lays it out twice)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..atomic import write_atomic
from ..domain.scales import load_scales
from ..domain.theme import load_theme
from ..layout.usage_guide import guide_scene
from ..writers import render


def guide_name(year: int) -> str:
    return f"guide-d-usage-{year}.pdf"


@lru_cache(maxsize=64)  # one per theme and year: a palmarès spans ten years or so
def guide_bytes(theme: str, year: int) -> bytes:
    """The guide for `year`, its figure showing the year's highest distinction."""
    scale = load_scales().official_scale(year)
    top = max(scale.distinctions, key=lambda d: d.rank)
    return render(guide_scene(load_theme(theme), top, year), "pdf")


def write_usage_guide(year: int, folder: Path, theme: str = "light") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return write_atomic(folder / guide_name(year), guide_bytes(theme, year))
