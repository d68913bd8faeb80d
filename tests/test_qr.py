"""QR codes as vector modules: quiet zone, error-correction level, merged runs, and a real decoder round trip."""

from __future__ import annotations

import subprocess

import pytest

from tnl_signage.domain.colors import Color
from tnl_signage.drawing.qr import QUIET_ZONE, module_count, qr_group, qr_matrix, row_runs
from tnl_signage.drawing.scene import Group, Rect, Scene, Use
from tnl_signage.errors import InputError
from tnl_signage.writers import render

URL = "https://territoire-numerique-libre.org/verification/2025/ville-d-echirolles/"
LONG = ("https://territoire-numerique-libre.org/verification/2021/"
        "communaute-d-agglomeration-du-grand-besancon-metropole-et-des-communes-associees/")
DARK = Color("ink", (27, 42, 74), (95, 80, 35, 35))
LIGHT = Color("background", (255, 255, 255), (0, 0, 0, 0))
# 2-bit error-correction indicator of the format information (ISO/IEC 18004, table 12).
EC_BITS = {0b01: "L", 0b00: "M", 0b11: "Q", 0b10: "H"}
FORMAT_MASK = 0b101010000010010


def format_level(matrix: tuple[tuple[bool, ...], ...]) -> str:
    """Error-correction level read back from the format information next to the top-left finder."""
    q = QUIET_ZONE

    def bit(r: int, c: int) -> int:
        return int(matrix[q + r][q + c])

    cells = [(8, 0), (8, 1), (8, 2), (8, 3), (8, 4), (8, 5), (8, 7), (8, 8), (7, 8),
             (5, 8), (4, 8), (3, 8), (2, 8), (1, 8), (0, 8)]
    value = 0
    for r, c in cells:
        value = (value << 1) | bit(r, c)
    return EC_BITS[(value ^ FORMAT_MASK) >> 13]


def test_quiet_zone_of_four_light_modules_on_every_side() -> None:
    m = qr_matrix(URL)
    n = len(m)
    assert all(len(row) == n for row in m)
    assert (n - 2 * QUIET_ZONE - 17) % 4 == 0, "côté = 17 + 4 × version, hors zone de silence"
    for i in range(QUIET_ZONE):
        assert not any(m[i]) and not any(m[n - 1 - i])
        assert not any(row[i] for row in m) and not any(row[n - 1 - i] for row in m)
    # The finder pattern's dark corner starts right after the quiet zone.
    assert m[QUIET_ZONE][QUIET_ZONE] and not m[QUIET_ZONE - 1][QUIET_ZONE]


@pytest.mark.parametrize("level", ["M", "Q", "H"])
def test_symbol_declares_the_requested_error_correction(level: str) -> None:
    assert format_level(qr_matrix(URL, level)) == level


def test_default_error_correction_is_m() -> None:
    assert format_level(qr_matrix(URL)) == "M"
    assert module_count(URL) == len(qr_matrix(URL))


@pytest.mark.parametrize("level", ["M", "Q", "H"])
def test_same_symbol_as_qrcode_own_mask_choice(level: str) -> None:
    """The one-placement mask search picks qrcode's mask: same modules, versions below and above 7."""
    import qrcode

    levels = {"M": qrcode.constants.ERROR_CORRECT_M, "Q": qrcode.constants.ERROR_CORRECT_Q,
              "H": qrcode.constants.ERROR_CORRECT_H}
    sizes = set()
    for i, tail in enumerate(["x/", "ville-de-boe/", "saint-martin-d-heres/" * 3, "a-b-c-d-e-f-g-h/" * 9]):
        data = f"https://territoire-numerique-libre.org/verification/{2016 + i}/{tail}"
        code = qrcode.QRCode(error_correction=levels[level], border=QUIET_ZONE)
        code.add_data(data.encode())
        code.make(fit=True)
        expected = tuple(tuple(bool(v) for v in row) for row in code.get_matrix())
        assert qr_matrix(data, level) == expected
        sizes.add(len(expected))
    assert max(sizes) > 2 * QUIET_ZONE + 17 + 4 * 7, "une version >= 7 (bloc de version) doit être couverte"


def test_row_runs_cover_exactly_the_dark_modules_and_are_maximal() -> None:
    m = qr_matrix(URL)
    covered = set()
    for r, c, length in row_runs(m):
        assert length >= 1
        cells = {(r, c + i) for i in range(length)}
        assert not covered & cells
        covered |= cells
        # maximal: the modules just before and after the run are light
        assert c == 0 or not m[r][c - 1]
        assert c + length == len(m) or not m[r][c + length]
    dark = {(r, c) for r, row in enumerate(m) for c, v in enumerate(row) if v}
    assert covered == dark
    assert len(row_runs(m)) < len(dark) / 1.5, "les modules d'une rangée doivent être fusionnés"


def test_group_is_one_light_square_and_one_dark_outline_inside_it() -> None:
    g = qr_group(URL, 10.0, 20.0, 30.0, dark=DARK, light=LIGHT)
    square, use = g.children
    assert isinstance(square, Rect) and (square.x, square.y, square.w, square.h) == (10.0, 20.0, 30.0, 30.0)
    assert square.fill == LIGHT
    assert isinstance(use, Use) and use.fill == DARK
    n = module_count(URL)
    assert (use.x, use.y) == (10.0, 20.0) and use.scale * n == pytest.approx(30.0)
    commands = use.symbol.commands
    assert len(commands) == 5 * len(row_runs(qr_matrix(URL)))
    coords = [v for _, pts in commands for p in pts for v in p]
    assert all(float(v).is_integer() for v in coords), "modules en unités entières"
    assert min(coords) >= QUIET_ZONE and max(coords) <= n - QUIET_ZONE
    assert qr_group(URL, 0, 0, 5, dark=DARK, light=LIGHT).children[1].symbol is use.symbol
    assert qr_group(LONG, 0, 0, 5, dark=DARK, light=LIGHT).children[1].symbol.id != use.symbol.id


def test_too_long_data_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="trop longue"):
        qr_matrix("https://x.org/" + "a" * 4000)
    with pytest.raises(InputError, match="correction"):
        qr_matrix(URL, "Z")


@pytest.mark.tool("zbarimg")
@pytest.mark.parametrize("data", [URL, LONG])
def test_decoder_reads_back_the_exact_url(tmp_path, data: str) -> None:
    scene = Scene(40, 40, Group((qr_group(data, 0, 0, 40, dark=DARK, light=LIGHT),)), "QR", "QR", px_size=(320, 320))
    png = tmp_path / "qr.png"
    png.write_bytes(render(scene, "png"))
    out = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True, check=False)
    assert out.stdout.strip() == data


def test_writers_draw_a_qr_code_as_rectangles_point_for_point() -> None:
    """A QR code's runs go to each writer's rectangle primitive; the SVG path data and PDF operators are
    what the pens write point by point, and anything but such rectangles still goes through the pens."""
    from tnl_signage.drawing.pens import SvgPathPen, axis_rectangles, replay, svg_path_data
    from tnl_signage.drawing.qr import qr_symbol
    from tnl_signage.writers.pdf_outline import OpsPen, symbol_ops

    symbol = qr_symbol("https://territoire-numerique-libre.org/verifier/2025/l-hay-les-roses-94")
    rects = axis_rectangles(symbol.commands)
    assert rects is not None and len(rects) == len(symbol.commands) // 5 > 100
    svg_pen, ops_pen = SvgPathPen(), OpsPen()
    replay(symbol.commands, svg_pen)
    replay(symbol.commands, ops_pen)
    ops_pen.flush()
    assert svg_path_data(symbol.commands) == svg_pen.d
    assert symbol_ops(symbol) == "\n".join([*ops_pen.ops, "f"])
    drawn_leftwards = (("moveTo", ((2.0, 0.0),)), ("lineTo", ((0.0, 0.0),)), ("lineTo", ((0.0, 1.0),)),
                       ("lineTo", ((2.0, 1.0),)), ("closePath", ()))
    assert axis_rectangles(drawn_leftwards) is None
    assert axis_rectangles((*symbol.commands, ("lineTo", ((0.0, 0.0),)))) is None
