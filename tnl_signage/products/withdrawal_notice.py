"""A withdrawn award's notice (« avis de retrait »), PDF/A: the one document its kit holds besides LISEZMOI."""

from __future__ import annotations

from pathlib import Path

from ..atomic import write_atomic
from ..domain.records import AwardRecord
from ..domain.theme import Theme, load_theme
from ..domain.urls import page_url
from ..layout.withdrawal_notice import withdrawal_notice_scene
from .result import Drawing, scene_rendition


def notice_name(record: AwardRecord) -> str:
    """« avis-de-retrait-2025-ville-de-boe.pdf »."""
    return f"avis-de-retrait-{record.laureate.year}-{record.laureate.slug}.pdf"


def withdrawal_notice(record: AwardRecord, base_url: str, theme: Theme | str = "light") -> Drawing:
    """The notice: `.save("x.pdf")` (PDF/A-2b), `.png` a preview; ValueError for an award in force."""
    chosen = load_theme(theme) if isinstance(theme, str) else theme
    scene = withdrawal_notice_scene(record, chosen, page_url(base_url, record.laureate))
    return Drawing(scene, (), {kind: scene_rendition(scene, kind) for kind in ("pdf", "png")})


def write_withdrawal_notice(record: AwardRecord, folder: Path, base_url: str, theme: Theme | str = "light") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return write_atomic(folder / notice_name(record), withdrawal_notice(record, base_url, theme).to_bytes("pdf"))
