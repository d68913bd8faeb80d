"""The golden badge cases (tests/badge_cases.json), shared by the tests and scripts/rebuild_goldens.py."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from tnl_signage.domain.model import Laureate
from tnl_signage.drawing.scene import Scene
from tnl_signage.inputs.rows import make_laureate
from tnl_signage.layout.badges import VARIANTS
from tnl_signage.products.badges import badge

HERE = Path(__file__).resolve().parent
GOLDENS = HERE / "goldens"
THEMES = ("light", "dark")


def cases() -> list[dict[str, object]]:
    return json.loads((HERE / "badge_cases.json").read_text(encoding="utf-8"))["cases"]  # type: ignore[no-any-return]


def laureate(case: dict[str, object]) -> Laureate:
    return make_laureate(
        name=str(case["nom"]), level=str(case["niveau"]), year=int(case["annee"]),  # type: ignore[call-overload]
        type=str(case.get("type", "commune")), mentions=case.get("mentions", ()),  # type: ignore[arg-type]
        short_name=case.get("nom_court"),  # type: ignore[arg-type]
    )


def golden_scenes() -> Iterator[tuple[str, Scene]]:
    """(name, scene) for every case x variant x theme, in a stable order."""
    for case in cases():
        who = laureate(case)
        for variant in VARIANTS:
            for theme in THEMES:
                yield f"{case['id']}-{variant}-{theme}", badge(who, variant=variant, theme=theme).scene
