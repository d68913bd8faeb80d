"""Rebuild the golden PNGs in tests/goldens/ after an intended visual change (then look at them!).

    python scripts/rebuild_goldens.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.golden_cases import GOLDENS, golden_scenes  # noqa: E402
from tnl_signage.writers import save  # noqa: E402


def main() -> None:
    GOLDENS.mkdir(exist_ok=True)
    for old in GOLDENS.glob("*.png"):
        old.unlink()
    count = 0
    for name, scene in golden_scenes():
        save(scene, GOLDENS / f"{name}.png")
        count += 1
    print(f"{count} images de référence écrites dans {GOLDENS}")


if __name__ == "__main__":
    main()
