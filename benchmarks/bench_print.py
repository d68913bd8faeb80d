"""Print file speed, measured in one run on one machine (not a test).

    python benchmarks/bench_print.py

One 800x400 panel PDF/X-4 and one A2 poster PDF/X-4, each from content to bytes (layout + reportlab
drawing + pikepdf finishing), warm (fonts, glyph outlines and ICC profile already loaded), best of N.
Target: under 50 ms each. Also shown: the split between layout, drawing and finishing, and the
other files of a print set (SVG, PNG proof) for comparison.
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tnl_signage.domain.formats import get_format  # noqa: E402
from tnl_signage.domain.scales import load_scales  # noqa: E402
from tnl_signage.domain.theme import load_theme  # noqa: E402
from tnl_signage.layout.badges import BadgeContent  # noqa: E402
from tnl_signage.layout.print_layout import print_scene  # noqa: E402
from tnl_signage.writers import pdf_finish, pdfx, render  # noqa: E402
from tnl_signage.writers.proof import DEFAULT_SIZE as PROOF_SIZE  # noqa: E402
from tnl_signage.writers.proof import write as write_proof  # noqa: E402

TARGET_MS = 50.0


def best_ms(fn: Callable[[], object], repeat: int = 15) -> float:
    """Best of `repeat` single calls, in milliseconds, after one warm-up call."""
    fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return min(runs) * 1000


def main() -> None:
    book, theme = load_scales(), load_theme("light")
    cases = [
        ("panneau 800x400", "panel", get_format("800x400", "panel"),
         BadgeContent(book.find_distinction("3"), 2021, "Saint-Martin-d'Hères")),
        ("affiche A2", "poster", get_format("A2", "poster"),
         BadgeContent(book.find_distinction("or"), 2025, "Communauté d'agglomération du Grand Annecy",
                      mentions=(book.mentions[1], book.mentions[3]))),
    ]
    worst = 0.0
    icc = len(pdf_finish._icc(pdfx.ICC_FILE))  # as embedded: deflated
    for label, family, fmt, content in cases:
        scene = print_scene(family, content, fmt, theme).scene
        total = best_ms(lambda f=family, c=content, fm=fmt: render(print_scene(f, c, fm, theme).scene, "pdf"))
        layout = best_ms(lambda f=family, c=content, fm=fmt: print_scene(f, c, fm, theme))
        drawn = pdfx.draw(scene, marks=True)
        draw = best_ms(lambda s=scene: pdfx.draw(s, marks=True))
        geometry = pdfx.page_geometry(scene, True)
        finish = best_ms(lambda d=drawn, s=scene, g=geometry: pdfx.finish(d, s, g, pdfx.FLAVOURS["pdfx-4"],
                                                                          io.BytesIO()))
        size = len(render(scene, "pdf"))
        svg = best_ms(lambda s=scene: render(s, "svg"))
        png = best_ms(lambda s=scene: write_proof(s, io.BytesIO()), repeat=3)
        worst = max(worst, total)
        print(f"{label:16s} PDF/X-4 {total:6.1f} ms (mise en page {layout:.1f} + dessin {draw:.1f} "
              f"+ finition pikepdf {finish:.1f}), {size / 1024:.0f} Ko dont {icc / 1024:.0f} Ko de profil ICC")
        print(f"{'':16s} SVG {svg:6.1f} ms, épreuve PNG {PROOF_SIZE} px {png:6.0f} ms")
    verdict = "atteint" if worst < TARGET_MS else "MANQUÉ"
    print(f"objectif < {TARGET_MS:.0f} ms par PDF : {verdict} (pire cas {worst:.1f} ms)")


if __name__ == "__main__":
    main()
