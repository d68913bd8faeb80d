"""Link previews and icons of the site: what a shared link shows (Open Graph, Twitter Card) and the favicon.

Each page names one 1200 x 630 image by its absolute URL (networks fetch it from the published site);
the image sits beside the page, drawn from the same scenes as the kit's social images.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...domain.model import Laureate
from ...domain.records import Counts
from ...domain.theme import Theme
from ...domain.urls import laureate_path, social_image_name
from ...drawing.scene import Scene
from ...layout.social import LINK_PREVIEW, edition_scene, favicon_scene
from ...writers import render

Write = Callable[[str, bytes], None]
FAVICONS = {"favicon.svg": ("svg", None), "favicon-32.png": ("png", 32), "apple-touch-icon.png": ("png", 180)}


@dataclass(frozen=True)
class Preview:
    """The Open Graph image of a page: absolute URL, pixel size, alt text."""

    image: str
    width: int
    height: int
    alt: str


def laureate_preview(base: str, laureate: Laureate, scene: Scene) -> Preview:
    """The preview of a verification page: the laureate's 1200 x 630 image beside it."""
    return Preview(f"{base}/{laureate_path(laureate)}/{social_image_name()}", LINK_PREVIEW.width,
                   LINK_PREVIEW.height, scene.desc)


def _edition(write: Write, folder: str, base: str, scene: Scene) -> Preview:
    relative = f"{folder}/{social_image_name()}" if folder else social_image_name()
    write(relative, render(scene, "png"))
    url = f"{base}/{relative}"
    return Preview(url, LINK_PREVIEW.width, LINK_PREVIEW.height, scene.desc)


def year_preview(write: Write, base: str, theme: Theme, year: int, counts: Counts) -> Preview:
    """Write the image of an edition page (`{year}/partage-1200x630.png`) and describe it."""
    scene = edition_scene(f"Palmarès {year}", counts.phrase(), theme)
    return _edition(write, str(year), base, scene)


def home_preview(write: Write, base: str, theme: Theme, counts: Counts, years: list[int]) -> Preview:
    """Write the home page's image and describe it (« 36 distinctions à 25 collectivités, éditions … »)."""
    span = f"{min(years)}-{max(years)}" if len(years) > 1 else str(years[0])
    scene = edition_scene("Palmarès", f"{counts.phrase()}, éditions {span}", theme)
    return _edition(write, "", base, scene)


def favicons(theme: Theme) -> dict[str, bytes]:
    """favicon.svg, favicon-32.png and apple-touch-icon.png (180 px), all from the copyleft mark."""
    scene = favicon_scene(theme)
    return {name: render(scene, kind, **({"size": size} if size else {})) for name, (kind, size) in FAVICONS.items()}
