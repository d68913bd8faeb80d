"""Pixels: our PNG (cairo, from the scene) matches librsvg drawing the published SVG, and its golden image."""

from __future__ import annotations

import subprocess

import pytest
from PIL import Image, ImageChops

from tests.conftest import differing_fraction, has_tool, keep_on_failure, png_image
from tests.golden_cases import GOLDENS, golden_scenes
from tnl_signage.writers import render
from tnl_signage.writers.png import pixel_size

SCENES = list(golden_scenes())


def rsvg_render(svg: bytes, width: int, height: int) -> Image.Image:
    done = subprocess.run(
        ["rsvg-convert", "-w", str(width), "-h", str(height), "-f", "png"],
        input=svg, capture_output=True, check=True,
    )
    return png_image(done.stdout)


@pytest.mark.tool("rsvg-convert")
@pytest.mark.parametrize("name,scene", SCENES[:24], ids=[n for n, _ in SCENES[:24]])
def test_png_and_librsvg_rendering_of_the_svg_agree(name: str, scene) -> None:  # type: ignore[no-untyped-def]
    w, h = pixel_size(scene, 480)
    ours = png_image(render(scene, "png", size=480))
    theirs = rsvg_render(render(scene, "svg"), w, h)
    fraction = differing_fraction(ours, theirs)
    if fraction >= 0.02:
        folder = keep_on_failure(f"engines-{name}", png=ours, librsvg=theirs)
        pytest.fail(f"{fraction:.2%} de pixels différents entre le PNG et le SVG rendu par librsvg (voir {folder})")


@pytest.mark.parametrize("name,scene", SCENES, ids=[n for n, _ in SCENES])
def test_badge_matches_golden(name: str, scene) -> None:  # type: ignore[no-untyped-def]
    golden_path = GOLDENS / f"{name}.png"
    assert golden_path.exists(), "image de référence absente : lancer python scripts/rebuild_goldens.py"
    golden = Image.open(golden_path).convert("RGBA")
    ours = png_image(render(scene, "png"))
    fraction = differing_fraction(ours, golden, threshold=48)
    if fraction > 0.005:
        diff = ImageChops.difference(ours, golden).convert("RGB")
        folder = keep_on_failure(f"golden-{name}", obtenu=ours, attendu=golden, difference=diff)
        pytest.fail(f"{fraction:.2%} de pixels différents de la référence (voir {folder})")


def test_first_drawing_of_new_glyphs_equals_a_later_one() -> None:
    """Outlines and lines of text are cached as native paths: making them mid-drawing loses nothing."""
    from tnl_signage.writers import cairo_draw

    name, scene = SCENES[0]
    cairo_draw.clear_caches()
    cold = png_image(render(scene, "png", size=480))
    warm = png_image(render(scene, "png", size=480))
    assert ImageChops.difference(cold, warm).getbbox() is None, name
    theirs = rsvg_render(render(scene, "svg"), *cold.size) if has_tool("rsvg-convert") else warm
    assert differing_fraction(cold, theirs) < 0.02


@pytest.mark.parametrize("variant", ["seal", "banner", "button", "mark"])
def test_kit_1x_png_is_the_2x_reduced_and_matches_a_direct_drawing(variant: str) -> None:
    """Kits derive the 1x PNG from the 2x one (2x2 averaging): same size, same picture as drawing at 1x."""
    from tests.conftest import EXAMPLES
    from tnl_signage.domain.theme import load_theme
    from tnl_signage.inputs.palmares import load_palmares
    from tnl_signage.products.badges import badge

    laureate = load_palmares(EXAMPLES / "palmares-exemple.csv").laureates[0]
    theme = load_theme("dark")
    drawn = badge(laureate, variant=variant, theme=theme)
    scene = drawn.scene
    kit = png_image(drawn.to_bytes("png"))
    direct = png_image(render(scene, "png"))
    double = png_image(drawn.to_bytes("png", scale=2))
    assert kit.size == direct.size == scene.px_size
    assert double.size == (2 * kit.width, 2 * kit.height)
    assert differing_fraction(kit, direct, threshold=64) < 0.005


THREADED = """
import sys
from concurrent.futures import ThreadPoolExecutor
from tests.golden_cases import golden_scenes
from tnl_signage.writers import cairo_draw, render
scenes = [scene for _, scene in golden_scenes()][:16]
reference = [render(scene, "png") for scene in scenes]
cairo_draw.clear_caches()
sys.setswitchinterval(1e-6)  # switch threads as often as possible
with ThreadPoolExecutor(8) as pool:
    drawn = list(pool.map(lambda scene: render(scene, "png"), scenes))
print(sum(a != b for a, b in zip(reference, drawn, strict=True)))
"""


def test_drawing_from_several_threads_gives_the_same_pixels() -> None:
    """Paths are built in a per-thread scratch context: a web server may draw badges from threads."""
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", THREADED], cwd=root, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]  # a shared context made cairo abort
    assert done.stdout.strip() == "0"
