"""Kits for 1,000 generated laureates with 2 processes: wall time and peak memory (not a test).

    python benchmarks/bench_kits.py [--count 1000] [--jobs 2]

Target: <= 2 minutes for 1,000 laureates with --jobs 2 (so ~35,000 communes in about an hour).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tnl_signage.publishing.kit import make_kits  # noqa: E402

LEVELS_OLD = ["1", "2", "3", "4", "5"]
LEVELS_NEW = ["badge", "bronze", "argent", "or"]
PREFIXES = ["Ville de", "Commune de", "Communauté de communes du", "Syndicat intercommunal de", "Ville d'"]
PLACES = ["Saint-Étienne-de-Tinée", "L'Haÿ-les-Roses", "Châteauneuf-du-Pape", "Aÿ-Champagne", "Lyon",
          "Sainte-Marie-aux-Mines", "Val-de-Reuil", "Échirolles", "Boé", "Œuilly"]


def generate(path: Path, count: int) -> None:
    rows = ["nom;type;niveau;annee"]
    for i in range(count):
        year = 2016 + i % 10
        level = LEVELS_NEW[i % 4] if year >= 2025 else LEVELS_OLD[i % 5]
        name = f"{PREFIXES[i % len(PREFIXES)]} {PLACES[i % len(PLACES)]} {i}"
        rows.append(f"{name};commune;{level};{year}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        palmares = Path(tmp) / "palmares.csv"
        generate(palmares, args.count)
        start = time.perf_counter()
        summary = make_kits(palmares, Path(tmp) / "kits", jobs=args.jobs)
        elapsed = time.perf_counter() - start
        # peaks taken before walking the output tree (the walk itself would raise this process's)
        peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size = sum(p.stat().st_size for p in (Path(tmp) / "kits").rglob("*") if p.is_file())
    print(f"{summary.made} kits en {elapsed:.1f} s avec {args.jobs} processus "
          f"({elapsed / max(1, summary.made) * 1000:.0f} ms par kit), {size / 1e6:.0f} Mo écrits")
    print(f"mémoire max : processus principal {peak_self:.0f} Mo, plus gros processus de travail {peak_child:.0f} Mo")
    print(f"extrapolation à 35 000 communes : {elapsed / max(1, summary.made) * 35000 / 3600:.1f} h")


if __name__ == "__main__":
    main()
