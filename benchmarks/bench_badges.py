"""Badge speed, measured in one run on one machine (not a test).

    python benchmarks/bench_badges.py

1. seal SVG with outlined text (layout + SVG), over the example laureates, against pybadges making
   its own (much simpler) badge: first drawing of each badge (glyph outlines cached, lines of text
   not yet), and drawn again (a kit writes the same lines in its light, dark and auto badges);
2. our PNG (scene drawn by cairo directly) against cairosvg alone rasterising the published SVG and
   the inline-outline SVG (same geometry, faster to parse).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import cairosvg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tnl_signage.inputs.palmares import load_palmares  # noqa: E402
from tnl_signage.products.badges import _layout, badge  # noqa: E402
from tnl_signage.writers import render  # noqa: E402
from tnl_signage.writers.svg import _line, _shape, _single, to_svg  # noqa: E402


def per_call(fn: Callable[[], object], repeat: int = 5, number: int = 20) -> float:
    """Best-of-`repeat` mean time of one call, in seconds."""
    fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - start) / number)
    return min(runs)


def main() -> None:
    laureates = load_palmares(ROOT / "examples" / "palmares-exemple.csv").laureates
    for laureate in laureates:  # warm the glyph cache
        badge(laureate, variant="seal")

    def all_seals() -> None:
        for laureate in laureates:
            to_svg(badge(laureate, variant="seal").scene)

    def all_seals_first_time() -> None:
        _layout.cache_clear()
        for cache in (_line, _single, _shape):  # every written fragment; glyph outlines stay cached
            cache.cache_clear()
        all_seals()

    def layouts_only() -> None:
        _layout.cache_clear()
        for laureate in laureates:
            badge(laureate, variant="seal")

    first = per_call(all_seals_first_time, number=2) / len(laureates)
    seal = per_call(all_seals, number=2) / len(laureates)
    layout = per_call(layouts_only, number=2) / len(laureates)
    print(f"seal SVG (mise en page + SVG, texte vectorisé), 1re fois : {first * 1e6:8.0f} µs par badge")
    print(f"seal SVG, lignes de texte déjà écrites (même lauréat)   : {seal * 1e6:8.0f} µs par badge")
    print(f"  dont mise en page seule (1re fois)                    : {layout * 1e6:8.0f} µs par badge")
    try:
        import pybadges

        def one_pybadge() -> None:
            for laureate in laureates:
                pybadges.badge(left_text=f"TNL {laureate.year}", right_text=laureate.distinction.words,
                               right_color="#0b6e4f")

        pyb = per_call(one_pybadge, number=2) / len(laureates)
        print(f"pybadges (texte non vectorisé, 2 mots)                  : {pyb * 1e6:8.0f} µs par badge "
              f"(rapport {first / pyb:.2f} puis {seal / pyb:.2f})")
    except ImportError:
        print("pybadges absent : pip install -e '.[bench]'")

    scene = badge(laureates[0], variant="seal").scene
    published = to_svg(scene).encode("utf-8")
    inline = to_svg(scene, inline=True, grid=1).encode("utf-8")
    ours = per_call(lambda: render(scene, "png"), number=5)
    alone = per_call(lambda: cairosvg.svg2png(bytestring=published, output_width=240, output_height=240), number=5)
    raster = per_call(lambda: cairosvg.svg2png(bytestring=inline, output_width=240, output_height=240), number=5)
    print(f"PNG 240 px : tnl-signage {ours * 1e3:6.1f} ms ; cairosvg seul sur le SVG publié {alone * 1e3:6.1f} ms "
          f"(rapport {ours / alone:.2f}) ; cairosvg seul sur le SVG à contours en ligne {raster * 1e3:6.1f} ms "
          f"(rapport {ours / raster:.2f})")
    print(f"({len(laureates)} lauréats du palmarès d'exemple, meilleur de 5 séries)")


if __name__ == "__main__":
    main()
