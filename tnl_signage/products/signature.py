"""E-mail signature: an HTML snippet that survives mail clients, and the same as plain text.

Mail clients drop stylesheets and scripts and many block images from unknown places: a one-row table
with inline styles, the banner badge hosted on the verification site at 2x (shown at 1x with its width
and height, so it stays sharp and the layout does not jump), an alt text that says it all, a link.
"""

from __future__ import annotations

from pathlib import Path

from ..atomic import write_atomic
from ..domain.model import Laureate
from ..domain.theme import load_theme
from ..domain.urls import badge_name, laureate_path, page_url
from ..domain.wording import award_title
from ..templating import render
from .badges import badge

VARIANT = "banner"


def signature_context(laureate: Laureate, base_url: str) -> dict[str, object]:
    theme = load_theme("light")
    scene = badge(laureate, variant=VARIANT, theme=theme).scene
    width, height = scene.px_size or (400, 100)
    return {
        "page": page_url(base_url, laureate),
        "image": f"{base_url}/{laureate_path(laureate)}/{badge_name(VARIANT, 'light', 'png', 2)}",
        "width": width, "height": height,
        "alt": award_title(theme, laureate.distinction, laureate.year, laureate.display_name),
        "laureate": laureate, "label": theme.word("label"),
        "ink": theme.color("ink").hex, "link": theme.color("accent").hex,
    }


def signature_text(laureate: Laureate, base_url: str) -> str:
    c = signature_context(laureate, base_url)
    return (f"{c['alt']}\nVérifier la distinction : {c['page']}\n")


def write_signature(laureate: Laureate, folder: Path, base_url: str) -> list[Path]:
    """`signature-courriel.html` (open it, select all, paste in the mail client's signature) and `.txt`."""
    folder.mkdir(parents=True, exist_ok=True)
    html = render("kit/signature-courriel.html", **signature_context(laureate, base_url))
    return [write_atomic(folder / "signature-courriel.html", html.encode("utf-8")),
            write_atomic(folder / "signature-courriel.txt", signature_text(laureate, base_url).encode("utf-8"))]
