"""Shared fixtures: example palmarès, scales, themes; image comparison that keeps both images on failure."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from tnl_signage.domain.scales import ScaleBook, load_scales
from tnl_signage.domain.theme import Theme, load_theme

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FAILURES = ROOT / "tests" / "_failures"
# Open Badges 3.0 proofs carry their signing time: fixed here (reproducible-builds.org's variable) so that two
# runs of a test give the same bytes. 2025-12-01T12:00:00Z, after every example award.
SIGNING_EPOCH = "1764590400"
os.environ.setdefault("SOURCE_DATE_EPOCH", SIGNING_EPOCH)


@pytest.fixture(scope="session")
def scales() -> ScaleBook:
    return load_scales()


@pytest.fixture(scope="session")
def light() -> Theme:
    return load_theme("light")


@pytest.fixture(scope="session")
def dark() -> Theme:
    return load_theme("dark")


@pytest.fixture(scope="session")
def example_csv() -> Path:
    return EXAMPLES / "palmares-exemple.csv"


def png_image(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data)).convert("RGBA")


def differing_fraction(a: Image.Image, b: Image.Image, threshold: int = 64) -> float:
    """Share of pixels whose largest channel difference exceeds `threshold` (antialiasing tolerated)."""
    assert a.size == b.size, f"tailles différentes : {a.size} != {b.size}"
    diff = ImageChops.difference(a.convert("RGBA"), b.convert("RGBA"))
    bands = diff.split()
    worst = bands[0]
    for band in bands[1:]:
        worst = ImageChops.lighter(worst, band)
    hist = worst.histogram()
    return sum(hist[threshold + 1:]) / (a.size[0] * a.size[1])


def keep_on_failure(name: str, **images: Image.Image) -> Path:
    """Save the images of a failed comparison side by side for a human to look at."""
    folder = FAILURES / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for label, image in images.items():
        image.save(folder / f"{label}.png")
    return folder
