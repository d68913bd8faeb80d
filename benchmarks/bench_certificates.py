"""Certificate speed, measured in one run on one machine (not a test).

    python benchmarks/bench_certificates.py [-n 200] [--jobs 2]

Makes N distinct, unsigned PDF/A-2b certificates (layout with its QR code, reportlab drawing, pikepdf
finishing; glyph and outline caches warm, QR codes never cached) over both scales and orientations,
and reports pages per second against the target of 20 ms a page, with the split per stage. With
`--jobs`, also the throughput of that many worker processes (the kit builder's way of using the cores).
Also says whether reportlab's C accelerator (`rl-accel`) is installed: without it the drawing takes
~1 ms more a page (the glyphs bypass reportlab's number formatting; the frame and fonts do not).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tnl_signage.domain.model import Laureate  # noqa: E402
from tnl_signage.domain.theme import load_theme  # noqa: E402
from tnl_signage.drawing.qr import _matrix, qr_symbol  # noqa: E402
from tnl_signage.inputs.rows import make_laureate  # noqa: E402
from tnl_signage.layout.certificate import certificate_scene  # noqa: E402
from tnl_signage.writers import pdfa  # noqa: E402

TARGET_MS = 20.0
NAMES = ("Ville d'Échirolles", "L'Haÿ-les-Roses", "Boé", "Syndicat Morbihan Énergies", "Parc national des Écrins",
         "Communauté d'agglomération du Grand Besançon Métropole", "Saint-Martin-d'Hères", "Nancy")
DEPARTEMENTS = ("38", "94", "47", "56", "05", "2A", "974")
LEVELS = ("1", "2", "3", "4", "5", "badge", "bronze", "argent", "or")


def laureates(count: int, offset: int = 0) -> list[tuple[Laureate, str]]:
    """`count` distinct laureates over both scales, every fifth one in landscape."""
    out = []
    for i in range(offset, offset + count):
        level = LEVELS[i % len(LEVELS)]
        year = 2025 if not level.isdigit() else 2016 + i % 9
        mentions = ["mutualisation"] if year == 2025 and i % 3 == 0 else []
        laureate = make_laureate(name=f"{NAMES[i % len(NAMES)]} {i}", level=level, year=year, mentions=mentions,
                                   department=DEPARTEMENTS[i % len(DEPARTEMENTS)], today=date(2025, 12, 1))
        out.append((laureate, "landscape" if i % 5 == 0 else "portrait"))
    return out


def warm() -> None:
    """Fonts, glyph outlines, forms and ICC profile loaded, as in any run after its first page."""
    theme = load_theme("light")
    for laureate, orientation in laureates(5, offset=10_000):
        pdfa.render(certificate_scene(laureate, theme, orientation=orientation).scene)


def one_pass(items: list[tuple[Laureate, str]]) -> tuple[float, float, float, int]:
    """Seconds spent in layout, drawing and finishing, and bytes written, for every item once."""
    theme = load_theme("light")
    _matrix.cache_clear()  # every page pays for its own QR code, as in a real run
    qr_symbol.cache_clear()
    layout = draw = finish = 0.0
    size = 0
    for laureate, orientation in items:
        t0 = time.perf_counter()
        scene = certificate_scene(laureate, theme, orientation=orientation).scene
        t1 = time.perf_counter()
        drawn = pdfa.draw(scene)
        t2 = time.perf_counter()
        data = pdfa.finish(drawn, scene)
        t3 = time.perf_counter()
        layout, draw, finish = layout + t1 - t0, draw + t2 - t1, finish + t3 - t2
        size += len(data)
    return layout, draw, finish, size


def _worker(chunk: tuple[int, int]) -> int:
    warm()
    return one_pass(laureates(*chunk))[3]


def parallel(count: int, jobs: int) -> float:
    """Wall-clock seconds for `count` pages split over `jobs` processes (each warms its own caches once)."""
    share = -(-count // jobs)
    chunks = [(min(share, count - i), i) for i in range(0, count, share)]
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        pool.map(_worker, [(1, 20_000 + j) for j in range(jobs)])  # start and warm the workers first
        start = time.perf_counter()
        pool.map(_worker, chunks)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="certificats à produire (200)")
    parser.add_argument("--repeat", type=int, default=3, help="passes ; la meilleure est retenue (3)")
    parser.add_argument("--jobs", type=int, default=0, help="mesurer aussi le débit avec N processus")
    args = parser.parse_args()
    warm()
    items = laureates(args.n)
    best = min((one_pass(items) for _ in range(args.repeat)), key=lambda r: r[0] + r[1] + r[2])
    layout, draw, finish, size = best
    total = layout + draw + finish
    per_page = total / args.n * 1000
    try:
        import _rl_accel  # noqa: F401
        accel = "oui"
    except ImportError:
        accel = "non (pip install rl-accel)"
    verdict = "OK" if per_page <= TARGET_MS else "au-dessus de l'objectif"
    print(f"{args.n} attestations PDF/A-2b non signées, 1 processus : {total:.2f} s, {args.n / total:.1f} pages/s, "
          f"{per_page:.1f} ms/page (objectif <= {TARGET_MS:g} ms : {verdict})")
    ms = [v / args.n * 1000 for v in (layout, draw, finish)]
    print(f"  mise en page (QR compris) {ms[0]:.1f} ms, dessin reportlab {ms[1]:.1f} ms, "
          f"finition pikepdf {ms[2]:.1f} ms ; taille moyenne {size / args.n / 1024:.0f} Kio")
    print(f"  accélérateur C de reportlab (_rl_accel) : {accel}")
    if args.jobs > 1:
        wall = parallel(args.n, args.jobs)
        print(f"  {args.jobs} processus : {wall:.2f} s, {args.n / wall:.1f} pages/s, "
              f"{wall / args.n * 1000:.1f} ms/page")


if __name__ == "__main__":
    main()
