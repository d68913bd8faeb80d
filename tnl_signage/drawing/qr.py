"""QR codes as vector scene nodes: the matrix from `qrcode`, dark modules merged into one outline.

Vector modules stay sharp at any print size and cost a few hundred bytes. Each row's run of dark
modules becomes one rectangle, all of them in a single outline: a rasteriser fills the union at once,
so no hairline seams appear between touching modules (which zbar could misread). The outline is a
`Symbol` in module units (whole numbers, quick to write and exact), placed by a `Use` scaled to mm.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from functools import lru_cache

import qrcode
import qrcode.constants
import qrcode.exceptions
import qrcode.util

from ..domain.colors import Color
from ..errors import InputError
from .scene import Group, Node, PenCommand, Rect, Symbol, Use

QUIET_ZONE = 4  # modules of light margin required around the symbol (ISO/IEC 18004)
_LEVELS = {
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}
Matrix = tuple[tuple[bool, ...], ...]


_RUN = re.compile("0{5,}|1{5,}")
_FINDER_LIKE = re.compile("(?=10111010000|00001011101)")


@lru_cache(maxsize=64)
def _data_rows(version: int) -> tuple[int, ...]:
    """Rows (as bit masks, column 0 = most significant bit) of the modules that carry data for `version`.

    Taken from qrcode itself: every module its function patterns leave unset.
    """
    code = qrcode.QRCode(version=version)
    n = code.modules_count = version * 4 + 17
    code.modules = [[None] * n for _ in range(n)]
    for r, c in ((0, 0), (n - 7, 0), (0, n - 7)):
        code.setup_position_probe_pattern(r, c)
    code.setup_position_adjust_pattern()
    code.setup_timing_pattern()
    code.setup_type_info(True, 0)
    if version >= 7:
        code.setup_type_number(True)
    return tuple(int("".join("1" if cell is None else "0" for cell in row), 2) for row in code.modules)


@lru_cache(maxsize=512)
def _mask_rows(n: int, pattern: int) -> tuple[int, ...]:
    flip = qrcode.util.mask_func(pattern)
    return tuple(int("".join("1" if flip(i, j) else "0" for j in range(n)), 2) for i in range(n))


def _penalty(rows: list[int], n: int) -> int:
    """ISO/IEC 18004 mask penalty (N1 runs, N2 blocks, N3 finder-like, N4 balance), as qrcode scores it."""
    text = [format(r, f"0{n}b") for r in rows]
    # rows and columns in one string: the separator ends every run and pattern, one regex pass each
    lines = " ".join(text + ["".join(col) for col in zip(*text, strict=True)])
    score = sum(len(run) - 2 for run in _RUN.findall(lines))
    pairs = (1 << (n - 1)) - 1
    for a, b in itertools.pairwise(rows):
        same = ~(a ^ b)
        score += 3 * (same & (same >> 1) & ~(a ^ (a >> 1)) & pairs).bit_count()
    score += 40 * len(_FINDER_LIKE.findall(lines))
    dark = sum(r.bit_count() for r in rows)
    return score + int(abs(float(dark) / (n**2) * 100 - 50) / 5) * 10


def _apply_best_mask(code: qrcode.QRCode) -> None:
    """Leave in `code.modules` the symbol qrcode's own `make()` would build, from one data placement.

    qrcode tries its eight masks by placing the data eight times (~5 ms a code); the candidates differ
    from mask 0 only on data modules, by the XOR of two mask grids, so each is a few integer XORs. The
    format (and version) information of the chosen mask is then written by qrcode itself.
    """
    code.makeImpl(True, 0)
    n = code.modules_count
    base = [int("".join("1" if cell else "0" for cell in row), 2) for row in code.modules]
    data = _data_rows(code.version)
    zero = _mask_rows(n, 0)
    best: tuple[int, list[int]] | None = None
    best_score = 0
    for pattern in range(8):
        flip = _mask_rows(n, pattern)
        rows = [r ^ (d & (z ^ f)) for r, d, z, f in zip(base, data, zero, flip, strict=True)]
        score = _penalty(rows, n)
        if best is None or score < best_score:
            best, best_score = (pattern, rows), score
    assert best is not None
    pattern, rows = best
    code.modules = [[r >> (n - 1 - c) & 1 == 1 for c in range(n)] for r in rows]
    code.setup_type_info(False, pattern)
    if code.version >= 7:
        code.setup_type_number(False)


@lru_cache(maxsize=16)  # one QR per laureate: a large cache would only hold memory in a batch
def _matrix(data: str, ecc: str) -> Matrix:
    level = _LEVELS.get(ecc.upper())
    if level is None:
        raise InputError(f"niveau de correction d'erreur QR inconnu : « {ecc} » (M, Q ou H)")
    code = qrcode.QRCode(version=None, error_correction=level, border=QUIET_ZONE)
    code.add_data(data.encode("utf-8"))
    try:
        code.best_fit()
    except (qrcode.exceptions.DataOverflowError, ValueError):  # ValueError: would need version > 40
        raise InputError(f"adresse trop longue pour un QR code : « {data[:80]} »") from None
    _apply_best_mask(code)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def qr_matrix(data: str, ecc: str = "M") -> Matrix:
    """Dark (True) / light modules of the smallest QR code for `data`, quiet zone included.

    Error correction M (15 %) or better: a printed certificate gets folded, stamped and photocopied.
    """
    return _matrix(data, ecc.upper())


_DARK_RUN = re.compile("1+")


def row_runs(matrix: Matrix) -> list[tuple[int, int, int]]:
    """Runs of dark modules as (row, first column, length), row by row."""
    return [(r, m.start(), m.end() - m.start())
            for r, row in enumerate(matrix)
            for m in _DARK_RUN.finditer("".join("1" if v else "0" for v in row))]


@lru_cache(maxsize=16)  # one QR per laureate: a large cache would only hold memory in a batch
def qr_symbol(data: str, ecc: str = "M") -> Symbol:
    """The dark modules as one outline in module units, (0, 0) being the quiet zone's top-left corner."""
    commands: list[PenCommand] = []
    close: PenCommand = ("closePath", ())
    for r, c, length in row_runs(qr_matrix(data, ecc)):
        end = c + length
        commands.extend((("moveTo", ((c, r),)), ("lineTo", ((end, r),)), ("lineTo", ((end, r + 1),)),
                         ("lineTo", ((c, r + 1),)), close))
    digest = hashlib.sha256(f"{ecc}:{data}".encode()).hexdigest()[:12]
    return Symbol(f"qr-{digest}", tuple(commands))


def qr_group(data: str, x: float, y: float, size: float, *, dark: Color, light: Color,
             ecc: str = "M") -> Group:
    """A QR code of `size` x `size` mm at (x, y), quiet zone included in `size` and painted `light`."""
    module = size / module_count(data, ecc)
    nodes: list[Node] = [Rect(x, y, size, size, fill=light), Use(qr_symbol(data, ecc), x, y, module, fill=dark)]
    return Group(tuple(nodes), id="qr-code", role="qr")


def module_count(data: str, ecc: str = "M") -> int:
    """Modules per side, quiet zone included: lets a layout pick a size giving printable modules."""
    return len(qr_matrix(data, ecc))


def clear_caches() -> None:
    """Forget the QR codes made so far: a benchmark can then time every page paying for its own code."""
    _matrix.cache_clear()
    qr_symbol.cache_clear()
