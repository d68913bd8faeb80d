"""A small PNG of the certificate's page, drawn from its scene (no PDF rasteriser): the picture LISEZMOI
and the organiser's review gallery show. Made right after the certificate, whose QR code is still cached;
its smallest lines are drawn as bars (« greeking »): at this size they are a smudge either way."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..atomic import write_atomic
from ..domain.model import Laureate
from ..domain.theme import load_theme
from ..drawing.scene import Group, Scene
from ..layout.certificate import certificate_scene
from ..layout.transform import greeked
from ..writers import render

PREVIEW_PX = 240  # longest side: a card thumbnail, sharp on a 2x screen at 120 px
GREEK_UNDER_MM = 3.5  # lines smaller than this are about 2 px high here: drawn as bars (half the time)


def preview_name(laureate: Laureate) -> str:
    return f"apercu-attestation-{laureate.year}-{laureate.slug}.png"


def preview_of(scene: Scene) -> bytes:
    """The preview PNG of a certificate scene already laid out (the kit's, made for its PDF)."""
    root = greeked(scene.root, GREEK_UNDER_MM)
    assert isinstance(root, Group)
    return render(dataclasses.replace(scene, root=root), "png", size=PREVIEW_PX)


def certificate_preview(laureate: Laureate, theme: str = "light", base_url: str | None = None) -> bytes:
    """The preview of a laureate's certificate laid out anew (for a kit made before it had one)."""
    return preview_of(certificate_scene(laureate, load_theme(theme), base_url=base_url).scene)


def write_certificate_preview(laureate: Laureate, scene: Scene, folder: Path) -> Path:
    """Write the preview of `scene` (the laureate's certificate) beside the certificate."""
    folder.mkdir(parents=True, exist_ok=True)
    return write_atomic(folder / preview_name(laureate), preview_of(scene))
