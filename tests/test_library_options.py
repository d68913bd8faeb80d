"""The library refuses a wrong argument with one French `InputError` (a `ValueError`) naming it, never a
KeyError, TypeError or AttributeError from inside, and never accepts an option it would ignore."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import tnl_signage as tnl
from tests.conftest import EXAMPLES
from tnl_signage.errors import InputWarning

BOE = tnl.laureate(name="Ville de Boé", level="or", year=2025)

CASES: dict[str, tuple[Callable[[], Any], str]] = {
    "misspelt PNG option": (lambda: tnl.badge(BOE).save(".unused.png", sizee=3), "« sizee »"),
    "proof option given to the PDF": (lambda: tnl.panel(BOE).to_bytes("pdf", show_safe=True), "« show_safe »"),
    "size not a number": (lambda: tnl.badge(BOE).to_bytes("png", size="big"), "« big »"),
    "size zero": (lambda: tnl.badge(BOE).to_bytes("svg", size=0), "« 0 »"),
    "flag as text": (lambda: tnl.panel(BOE).to_bytes("png", show_safe="non"), "« non »"),
    "certificate PDF takes no size": (lambda: tnl.certificate(BOE).to_bytes("pdf", size=100), "« size »"),
    "unknown variant": (lambda: tnl.badge(BOE, variant="sealx"), "« sealx »"),
    "unknown PDF/X": (lambda: tnl.panel(BOE, pdfx="3"), "« 3 »"),
    "signer given as a path": (lambda: tnl.certificate(BOE, signer="key.pem"), "« key.pem »"),
    "jobs as text": (lambda: tnl.make_kits(EXAMPLES / "palmares-exemple.csv", ".unused", jobs="two"), "« two »"),
    "site from a missing path": (lambda: tnl.build_site("nulle-part.csv", ".unused", base_url="https://a.org"),
                                 "nulle-part.csv"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_wrong_argument_is_one_french_value_error(case: str, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    call, named = CASES[case]
    with pytest.raises(ValueError) as raised:
        call()
    assert isinstance(raised.value, tnl.InputError)
    assert named in str(raised.value) and "\n" not in str(raised.value)
    assert not list(tmp_path.iterdir()), "nothing written before the refusal"


def test_accepted_options_still_work() -> None:
    assert tnl.badge(BOE).to_bytes("png", size=100)[:8] == b"\x89PNG\r\n\x1a\n"
    assert tnl.badge(BOE).to_bytes("png", scale=2)[:8] == b"\x89PNG\r\n\x1a\n"
    assert tnl.panel(BOE).to_bytes("png", show_safe=True, size=200)[:4] == b"\x89PNG"
    assert tnl.panel(BOE).to_bytes("pdf", marks=False)[:5] == b"%PDF-"


def test_a_value_off_its_years_scale_is_a_python_warning() -> None:
    """« Or » in 2019 is drawn as asked, and the caller is told, as the palmarès check would tell."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        made = tnl.laureate(name="Ville de Nancy", level="or", year=2019)
    assert made.distinction.name == "Label Or"
    said = [w for w in caught if issubclass(w.category, InputWarning)]
    assert len(said) == 1 and "2019" in str(said[0].message) and said[0].filename == __file__


def test_the_cli_prints_the_warning_as_attention(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tnl_signage.cli import cli

    result = CliRunner().invoke(cli, ["badge", "--level", "or", "--year", "2019", "--name", "Ville de Nancy",
                                      "-o", str(tmp_path / "b.svg")])
    assert result.exit_code == 0
    lines = [line for line in result.stderr.splitlines() if line.startswith("attention : ")]
    assert len(lines) == 1 and "2019" in lines[0]
