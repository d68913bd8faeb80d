"""The marks as a reader sees them: the right count, a C open to the left, never colour alone."""

from __future__ import annotations

import pytest
from PIL import Image

from tests.conftest import png_image
from tnl_signage.drawing.marks import copyleft_symbol, marks_group
from tnl_signage.drawing.scene import Group, Rect, Scene
from tnl_signage.layout.badges import BadgeContent, badge_scene
from tnl_signage.writers import render


def mark_only_png(distinction, theme, size: int = 400) -> Image.Image:  # type: ignore[no-untyped-def]
    group = marks_group(distinction, theme, 0, 0, 100, 20)
    scene = Scene(100, 20, Group((Rect(0, 0, 100, 20, fill=theme.color("background")), group)), "t", "d",
                  px_size=(size, size // 5))
    return png_image(render(scene, "png"))


def count_blobs_along_middle(image: Image.Image, background: tuple[int, int, int]) -> int:
    """Number of separate runs of non-background columns: one per mark."""
    w, h = image.size
    px = image.convert("RGB").load()
    inked = [any(sum(abs(a - b) for a, b in zip(px[x, y], background, strict=True)) > 120 for y in range(h))
             for x in range(w)]
    return sum(1 for x in range(w) if inked[x] and (x == 0 or not inked[x - 1]))


@pytest.mark.parametrize("level", ["1", "2", "3", "4", "5"])
def test_level_n_shows_n_copyleft_marks(scales, light, level: str) -> None:  # type: ignore[no-untyped-def]
    image = mark_only_png(scales.find_distinction(level), light)
    assert count_blobs_along_middle(image, light.color("background").rgb) == int(level)


def test_copyleft_c_opens_to_the_left(light) -> None:  # type: ignore[no-untyped-def]
    from tnl_signage.drawing.scene import Use

    scene = Scene(10, 10, Group((Rect(0, 0, 10, 10, fill=light.color("background")),
                                 Use(copyleft_symbol(), 5, 5, 0.01, fill=light.color("ink")))), "t", "d",
                  px_size=(200, 200))
    px = png_image(render(scene, "png")).convert("RGB").load()
    ink, paper = light.color("ink").rgb, light.color("background").rgb
    c_radius_px = 47  # between the C's inner (38 px) and outer (57 px) radii: the mark is 200 px wide
    assert px[100 - c_radius_px, 100] == paper, "the C must be open on the left"
    assert px[100 + c_radius_px, 100] == ink, "the C must be closed on the right"
    assert px[100, 100 - c_radius_px] == ink and px[100, 100 + c_radius_px] == ink
    assert px[100 - 92, 100] == ink and px[100 + 92, 100] == ink, "outer ring (84 to 100 px)"
    assert px[100 - 70, 100] == paper, "gap between ring and C"


def test_2025_medals_differ_by_shape_not_only_colour(scales, light) -> None:  # type: ignore[no-untyped-def]
    grey = {}
    for level in ("badge", "bronze", "argent", "or"):
        image = mark_only_png(scales.find_distinction(level), light).convert("L")
        # Threshold to a silhouette: colour removed, shape remains.
        grey[level] = image.point(lambda v: 255 if v > 250 else 0).tobytes()
    assert len(set(grey.values())) == 4, "each 2025 distinction must have its own silhouette"


def test_distinction_is_always_said_in_words(scales, light) -> None:  # type: ignore[no-untyped-def]
    for level in ("1", "3", "5", "badge", "bronze", "argent", "or"):
        distinction = scales.find_distinction(level)
        for variant in ("seal", "banner", "button", "mark"):
            scene = badge_scene(variant, BadgeContent(distinction, 2025 if not level.isdigit() else 2020), light).scene
            spans = " ".join(s.text for n in scene.walk() for s in getattr(n, "spans", ()))
            assert distinction.words in spans, (variant, level, spans)
            assert distinction.words in scene.title
