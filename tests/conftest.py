"""Shared fixtures: example palmarès, scales, themes; image comparison that keeps both images on failure; the rule
for a missing checker (skipped on a developer's machine, failed under CI)."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path
from typing import NoReturn

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


# --- Checkers (validators, renderers, decoders): skipped when missing here, never under CI -------------------------

def in_ci() -> bool:
    """CI sets CI=true (so do GitHub, GitLab and most others): there scripts/install.sh has installed every checker."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(why: str) -> NoReturn:
    """A checker this test needs is absent: under CI the test FAILS (a skipped validator would let a red product go
    green); on a developer's machine it is skipped, with the reason."""
    if in_ci():
        pytest.fail(f"{why} ; en CI, ce vérificateur est obligatoire (scripts/install.sh l'installe)", pytrace=False)
    pytest.skip(why)


# What each checker is for and the Debian package that brings it (scripts/install.sh installs them all).
TOOLS = {
    "gs": "ghostscript, lit et rend les PDF",
    "pdffonts": "poppler-utils, liste les polices d'un PDF",
    "pdfinfo": "poppler-utils, lit les boîtes et propriétés d'un PDF",
    "pdftoppm": "poppler-utils, rend un PDF en image",
    "pdftotext": "poppler-utils, extrait le texte d'un PDF",
    "pngcheck": "pngcheck, vérifie la structure d'un PNG",
    "qpdf": "qpdf, vérifie la syntaxe d'un PDF",
    "rsvg-convert": "librsvg2-bin, rend un SVG en image",
    "soffice": "libreoffice-writer-nogui, ouvre les ODT",
    "tesseract": "tesseract-ocr et tesseract-ocr-fra, lit le texte d'une image",
    "zbarimg": "zbar-tools, décode les codes QR",
}


def require_tool(name: str, why: str | None = None) -> str:
    """The path of command `name`; if absent, `missing` (`why`: what it checks and which package brings it)."""
    path = shutil.which(name)
    if path is None:
        missing(f"{name} absent ({why or TOOLS[name]})")
    return path


def has_tool(name: str, why: str | None = None) -> bool:
    """For an extra check inside a test: whether command `name` is there. Under CI its absence fails the test;
    on a developer's machine only that check is left out and the rest of the test runs."""
    if shutil.which(name) is not None:
        return True
    if in_ci():
        missing(f"{name} absent ({why or TOOLS[name]})")
    return False


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "tool(name): the test needs command `name` (see require_tool)")


def pytest_runtest_setup(item: pytest.Item) -> None:
    """`@pytest.mark.tool("qpdf")`: require_tool for each marked command before the test runs."""
    for mark in item.iter_markers("tool"):
        require_tool(*mark.args)


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
