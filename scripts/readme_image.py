"""Draw the picture of the family shown at the top of the README: seal, banner, a road panel of each scale and
the certificate, side by side (`docs/famille.png`, a palette PNG kept under 150 KB).

    python scripts/readme_image.py
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tnl_signage.domain.formats import load_formats  # noqa: E402
from tnl_signage.domain.theme import load_theme  # noqa: E402
from tnl_signage.inputs.rows import make_laureate  # noqa: E402
from tnl_signage.layout.certificate import certificate_scene  # noqa: E402
from tnl_signage.layout.print_layout import print_scene  # noqa: E402
from tnl_signage.products.badges import badge, badge_content  # noqa: E402
from tnl_signage.writers import render  # noqa: E402
from tnl_signage.writers.proof import proof_image  # noqa: E402

TARGET = ROOT / "docs" / "famille.png"
HEIGHT = 300  # pixels of the tallest row
GAP = 16


def _png(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGB")


def pictures() -> list[Image.Image]:
    theme = load_theme("light")
    boe = make_laureate(name="Ville de Boé", level="or", year=2025, mentions=["mutualisation"])
    lyon = make_laureate(name="Ville de Lyon", level="4", year=2021)
    panel = load_formats().get("800x400", "panel")
    seal = _png(render(badge(boe, variant="seal", theme=theme).scene, "png", size=HEIGHT * 2 // 3))
    banner = _png(render(badge(boe, variant="banner", theme=theme).scene, "png", size=HEIGHT * 4 // 3))
    panels = [proof_image(print_scene("panel", badge_content(who, theme), panel, theme).scene, size=HEIGHT * 2)
              for who in (boe, lyon)]
    cert = _png(render(certificate_scene(boe, theme).scene, "png", size=HEIGHT))
    return [seal, banner, *panels, cert]


def compose(images: list[Image.Image]) -> Image.Image:
    """Two rows: the web badges and the certificate, then the two road panels."""
    seal, banner, panel_2025, panel_2016, cert = images
    top = [seal, banner, cert]
    bottom = [panel_2025, panel_2016]
    width = max(sum(i.width for i in row) + GAP * (len(row) + 1) for row in (top, bottom))
    height = max(i.height for i in top) + max(i.height for i in bottom) + 3 * GAP
    sheet = Image.new("RGB", (width, height), "#e8ebef")
    y = GAP
    for row in (top, bottom):
        x = (width - sum(i.width for i in row) - GAP * (len(row) - 1)) // 2
        for image in row:
            sheet.paste(image, (x, y + (max(i.height for i in row) - image.height) // 2))
            x += image.width + GAP
        y += max(i.height for i in row) + GAP
    return sheet


def main() -> None:
    sheet = compose(pictures()).quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    TARGET.parent.mkdir(exist_ok=True)
    sheet.save(TARGET, optimize=True)
    print(f"{TARGET} : {sheet.width} × {sheet.height} px, {TARGET.stat().st_size // 1024} Ko")


if __name__ == "__main__":
    main()
