"""`-o -` writes the file itself on standard output (for a pipe), as pybadges, segno or qrcode do; what the
command says goes to standard error, so the bytes stay exactly the file's."""

from __future__ import annotations

import io
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

CASES = {
    "badge SVG": (["badge", "--level", "or", "--year", "2025", "--name", "Ville de Boé"], "svg"),
    "badge PNG": (["badge", "--level", "or", "--year", "2025", "--kind", "png", "--size", "120"], "png"),
    "panel PDF/X": (["panel", "--level", "3", "--year", "2021"], "pdf"),
    "plaque proof": (["plaque", "--level", "or", "--year", "2025", "--name", "Ville de Boé", "--kind", "png"], "png"),
    "certificate PDF/A": (["certificate", "--level", "or", "--year", "2025", "--name", "Ville de Boé"], "pdf"),
}


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "tnl_signage", *args], capture_output=True, cwd=cwd, check=False)


@pytest.mark.parametrize("case", sorted(CASES))
def test_dash_writes_the_file_to_standard_output(case: str, tmp_path: Path) -> None:
    args, kind = CASES[case]
    done = run([*args, "-o", "-"], tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert not list(tmp_path.iterdir()), "nothing written to the folder"
    data = done.stdout
    if kind == "svg":
        assert ET.fromstring(data).get("role") == "img"
    elif kind == "png":
        assert Image.open(io.BytesIO(data)).format == "PNG"
    else:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            assert len(pdf.pages) >= 1
    same = run([*args, "-o", str(tmp_path / f"x.{kind}")], tmp_path)
    assert same.returncode == 0 and (tmp_path / f"x.{kind}").read_bytes() == data


def test_spec_sheet_path_is_said_on_stderr_when_the_file_is_on_stdout(tmp_path: Path) -> None:
    done = run(["panel", "--level", "or", "--year", "2025", "-o", "-", "--spec-sheet", "fiche.pdf"], tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.startswith(b"%PDF-") and b"fiche.pdf" not in done.stdout[-200:]
    assert "fiche.pdf" in done.stderr.decode() and (tmp_path / "fiche.pdf").is_file()


def test_a_pdf_size_and_a_missing_suffix_are_french_errors(tmp_path: Path) -> None:
    for args, said in ((["-o", "x.pdf", "--size", "3"], "--size ne concerne"), (["-o", "x"], "--kind")):
        done = run(["badge", "--level", "or", "--year", "2025", *args], tmp_path)
        assert done.returncode == 1 and said in done.stderr.decode() and b"Traceback" not in done.stderr
