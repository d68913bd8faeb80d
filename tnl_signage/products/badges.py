"""Web badges: a laureate to a badge `Drawing` (SVG, PNG), or every badge of a laureate to `Files`."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image

from ..atomic import write_atomic
from ..domain.model import Laureate
from ..domain.records import AwardRecord
from ..domain.theme import Theme, load_theme
from ..domain.urls import badge_name
from ..drawing.scene import Scene
from ..layout.badges import VARIANTS, BadgeContent, LayoutResult, badge_scene
from ..layout.common import shown_name
from ..layout.withdrawn import withdrawn_badge_scene
from ..writers import render
from ..writers.png import encode, pixel_size, rasterize_premultiplied
from .options import multiple, one_of, pixels
from .result import Drawing, Files, scene_rendition

THEMES = ("light", "dark")
BADGE_ACCEPTS = {"svg": {"size": pixels}, "png": {"size": pixels, "scale": multiple}, "pdf": {}}


def badge_content(laureate: Laureate, theme: Theme | None = None, *, name_shown: bool = True) -> BadgeContent:
    """What a laureate's badge (panel, plaque, poster) says, under the one name all its assets show
    (`name_shown=False`: the distinction and year only)."""
    if not name_shown:
        return BadgeContent(laureate.distinction, laureate.year, mentions=laureate.mentions)
    return BadgeContent(
        distinction=laureate.distinction,
        year=laureate.year,
        name=shown_name(laureate.display_name, laureate.short_name, theme or load_theme("light")),
        short_name=None,
        mentions=laureate.mentions,
        type_label=laureate.type.value,
    )


@lru_cache(maxsize=64)
def _layout(laureate: Laureate, variant: str, theme: Theme, name_shown: bool) -> LayoutResult:
    """Kept for the last few calls: a kit asks for the same badge for its files, its snippets and its
    Open Badges (scenes are immutable, so sharing them is safe); a site asks for each laureate's four
    variants twice (64 entries: a palmarès edition of a few dozen laureates stays in)."""
    return badge_scene(variant, badge_content(laureate, theme, name_shown=name_shown), theme)


def badge(laureate: Laureate, *, variant: str = "seal", theme: Theme | str = "light",
          name_shown: bool = True) -> Drawing:
    """One badge of a laureate: `.save("seal.svg")`, `.to_bytes("png", size=480)`, `.notes` (e.g. the
    name had to be shortened); `pdf` is a plain vector PDF in sRGB (for a document, not for a printer).
    `variant`: seal, banner, button, mark; `theme`: light, dark or a .toml.

    The PNG at the natural size (or `scale=2`) is the kit's: drawn once at twice the size and reduced.
    """
    one_of("variant", variant, VARIANTS)
    chosen = load_theme(theme) if isinstance(theme, str) else theme
    result = _layout(laureate, variant, chosen, name_shown)
    scene = result.scene

    def svg(**options: Any) -> bytes:
        return render(scene, "svg", **options) if options else _file_bytes(laureate, variant, chosen, "svg", 1)

    def png(*, size: int | None = None, scale: int = 1, **options: Any) -> bytes:
        if size is None and not options and name_shown:
            return _file_bytes(laureate, variant, chosen, "png", scale)
        if size is None and scale != 1:
            size = _natural_size(scene) * scale
        return render(scene, "png", size=size, **options)

    pdf = scene_rendition(scene, "pdf", profile="pdf-rgb")
    return Drawing(scene, result.notes, {"svg": svg, "png": png, "pdf": pdf}, BADGE_ACCEPTS)


def award_badge(record: AwardRecord, *, variant: str = "seal", theme: Theme | str = "light") -> Drawing:
    """The badge an award shows today: its distinction, or once withdrawn « retiré le … » in the same frame
    and size (so an embed code keeps its layout but stops claiming the award)."""
    if record.withdrawal is None:
        return badge(record.laureate, variant=variant, theme=theme)
    chosen = load_theme(theme) if isinstance(theme, str) else theme
    current = _layout(record.laureate, variant, chosen, True).scene
    scene = withdrawn_badge_scene(current, record.laureate, record.withdrawal.day, chosen).scene

    def png(*, size: int | None = None, scale: int = 1, **options: Any) -> bytes:
        return render(scene, "png", size=size or _natural_size(scene) * scale, **options)

    return Drawing(scene, (), {"svg": scene_rendition(scene, "svg"), "png": png,
                               "pdf": scene_rendition(scene, "pdf", profile="pdf-rgb")}, BADGE_ACCEPTS)


@lru_cache(maxsize=32)
def _file_bytes(laureate: Laureate, variant: str, theme: Theme, suffix: str, scale: int = 1) -> bytes:
    """A badge file's bytes (`svg`, or `png` at `scale` times its natural size), made once for a kit's
    badges folder and its Open Badges images."""
    scene = _layout(laureate, variant, theme, True).scene
    if suffix == "svg":
        return render(scene, "svg")
    return _png_bytes(scene, scale)


def _png_bytes(scene: Scene, scale: int) -> bytes:
    """The PNG of a badge's drawing: a PNG carries no title or text, so it is kept per drawing (the scene
    without its words), and two laureates whose badge draws the same (the button and the mark show no
    name) share its bytes: a run of kits draws each distinction's once (8 of a kit's 16 badge PNGs)."""
    return _drawing_png(replace(scene, title="", desc=""), scale)


@lru_cache(maxsize=1024)  # the last 1,024 drawings: some 15 MB
def _drawing_png(scene: Scene, scale: int) -> bytes:
    natural = _natural_size(scene)
    if scale not in (1, 2):
        return render(scene, "png", size=natural * scale)
    double = _double(scene)
    image = double if scale == 2 else double.reduce(2)
    if image.size != pixel_size(scene, natural * scale):  # an odd pixel size: draw it directly
        return render(scene, "png", size=natural * scale)
    out = io.BytesIO()
    encode(image.convert("RGBA"), out)
    return out.getvalue()


@lru_cache(maxsize=4)
def _double(scene: Scene) -> Image.Image:
    """The badge at twice its size, premultiplied. The 1x PNG is this reduced by 2x2 averaging: the
    exact area of each pixel covered, as cairo computes it, with no seam where two shapes meet."""
    return rasterize_premultiplied(scene, _natural_size(scene) * 2)


def _natural_size(scene: Scene) -> int:
    """The longest side, in pixels, of a badge shown at its natural size."""
    return max(scene.px_size) if scene.px_size else 1200


def write_badges(
    laureate: Laureate | AwardRecord,
    out_dir: Path,
    *,
    variants: Iterable[str] = VARIANTS,
    themes: Iterable[str] = THEMES,
    png_scales: Iterable[int] = (1,),
) -> Files:
    """Write every variant in every theme as SVG and PNG (`badge-seal-dark@2x.png`…) into `out_dir`.

    Given an award's record, a withdrawn award's files all say « retiré le … » (`award_badge`)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    notes: list[str] = []
    scales = tuple(png_scales)
    for theme_name in themes:
        for variant in variants:
            drawn = (award_badge(laureate, variant=variant, theme=theme_name) if isinstance(laureate, AwardRecord)
                     else badge(laureate, variant=variant, theme=theme_name))
            notes.extend(note for note in drawn.notes if note not in notes)
            for suffix, scale in (("svg", 1), *(("png", scale) for scale in scales)):
                path = out_dir / badge_name(variant, theme_name, suffix, scale)
                options = {"scale": scale} if suffix == "png" else {}
                files.append(write_atomic(path, drawn.to_bytes(suffix, **options)))
    return Files(tuple(files), tuple(notes))


def clear_caches() -> None:
    """Forget the badge layouts kept so far: a benchmark can time a laureate's first badge."""
    _layout.cache_clear()
