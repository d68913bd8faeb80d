"""PNGs assembled from rows compressed apart (writers/png.py, used by the social images): every file is a valid PNG
(pngcheck, zlib's own checksum check) whose pixels are exactly the array's, the same bytes every time."""

from __future__ import annotations

import io
import subprocess
import zlib
from pathlib import Path

import numpy
import pytest
from PIL import Image

from tests.conftest import has_tool
from tnl_signage.writers.png import deflate_rows, encode_pixels, png_from_rows


def _idat(data: bytes) -> bytes:
    """The concatenated IDAT payload, read chunk by chunk."""
    pos, out = 8, b""
    while pos < len(data):
        size = int.from_bytes(data[pos:pos + 4], "big")
        if data[pos + 4:pos + 8] == b"IDAT":
            out += data[pos + 8:pos + 8 + size]
        pos += 12 + size
    return out


def _picture(h: int, w: int, channels: int) -> numpy.ndarray:
    """Flat areas and a gradient with text-like noise: rows that repeat and rows that do not."""
    rng = numpy.random.default_rng(h * w + channels)
    pixels = numpy.full((h, w, channels), 240, numpy.uint8)
    pixels[h // 3:, :, 0] = numpy.arange(w, dtype=numpy.uint8)[None, :]
    pixels[h // 2: h // 2 + 7] = rng.integers(0, 256, (min(7, h - h // 2), w, channels), dtype=numpy.uint8)
    return pixels


@pytest.mark.parametrize(("h", "w", "channels", "cuts"), [
    (97, 131, 3, (20, 61)),   # shared above, own rows, shared below
    (40, 33, 3, (0, 40)),     # no shared row at all: empty first and last pieces
    (50, 64, 4, (13, 14)),    # one own row, RGBA
    (64, 7, 3, (5, 9, 33, 60)),
])
def test_pieces_make_a_valid_png_of_exactly_the_pixels(tmp_path: Path, h: int, w: int, channels: int,
                                                       cuts: tuple[int, ...]) -> None:
    pixels = _picture(h, w, channels)
    bounds = (0, *cuts, h)
    pieces = [deflate_rows(pixels[a:b], last=b == h and i == len(bounds) - 2)
              for i, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False))]
    data = png_from_rows(w, h, channels, pieces)
    assert data == png_from_rows(w, h, channels, pieces)
    with Image.open(io.BytesIO(data)) as image:
        assert image.mode == ("RGB" if channels == 3 else "RGBA") and image.size == (w, h)
        assert numpy.array_equal(numpy.asarray(image), pixels)
    # zlib checks the stream's Adler-32 (combined from the pieces'), which an image decoder may not read
    raw = zlib.decompress(_idat(data))
    assert raw == b"".join(b"\0" + row.tobytes() for row in pixels)
    if has_tool("pngcheck"):
        path = tmp_path / "pieces.png"
        path.write_bytes(data)
        checked = subprocess.run(["pngcheck", "-v", str(path)], capture_output=True, text=True)
        assert checked.returncode == 0 and "No errors detected" in checked.stdout, checked.stdout


def test_pieces_weigh_about_what_libpng_makes() -> None:
    pixels = _picture(300, 400, 3)
    whole = io.BytesIO()
    encode_pixels(pixels, whole)
    pieces = [deflate_rows(pixels[:100], last=False), deflate_rows(pixels[100:180], last=False),
              deflate_rows(pixels[180:], last=True)]
    assert len(png_from_rows(400, 300, 3, pieces)) <= len(whole.getvalue()) * 1.03
