"""The Python examples of the README and of docs/bibliotheque.md run as written, and make what they say."""

from __future__ import annotations

import contextlib
import io
import os
import re
import xml.etree.ElementTree as ET  # noqa: N817
from pathlib import Path

import pikepdf
from PIL import Image

from tests.conftest import EXAMPLES, ROOT

SVG = "{http://www.w3.org/2000/svg}"


def readme_example(document: str = "docs/bibliotheque.md") -> str:
    text = (ROOT / document).read_text(encoding="utf-8")
    section = text.split("## Bibliothèque Python", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, f"exemple Python absent de la section « Bibliothèque Python » de {document}"
    return match.group(1)


def test_readme_short_example_runs(tmp_path: Path) -> None:
    """The README's five lines: a palmarès read, a dark seal and a road panel made."""
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "palmares-exemple.csv").write_bytes((EXAMPLES / "palmares-exemple.csv").read_bytes())
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        exec(compile(readme_example("README.md"), "README.md", "exec"), {})  # noqa: S102 - our own README
    finally:
        os.chdir(cwd)
    seal = ET.parse(tmp_path / "sceau.svg").getroot()
    assert seal.get("role") == "img" and "Ville de Boé" in (seal.findtext(f"{SVG}title") or "")
    with pikepdf.open(tmp_path / "panneau.pdf") as pdf:
        assert str(pdf.trailer.Info.GTS_PDFXVersion) == "PDF/X-4"


def test_readme_library_example_runs(tmp_path: Path) -> None:
    # The example's own palmarès path, with its first two rows (a kit per laureate costs ~0.4 s)
    # and one broken row, so that the loop over problems prints something.
    lines = (EXAMPLES / "palmares-exemple.csv").read_text(encoding="utf-8-sig").splitlines()
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "palmares-exemple.csv").write_text(
        "\n".join([*lines[:3], "Ville fantôme;commune;;;7;;2021;;"]) + "\n", encoding="utf-8")
    printed = io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(printed):
            exec(compile(readme_example(), "docs/bibliotheque.md", "exec"), {})  # noqa: S102 - our own docs
    finally:
        os.chdir(cwd)

    assert "ligne 4" in printed.getvalue() and "« 7 »" in printed.getvalue()  # the broken row, located
    seal = ET.parse(tmp_path / "sceau.svg").getroot()
    assert seal.get("role") == "img" and "Ville de Boé" in (seal.findtext(f"{SVG}title") or "")
    assert Image.open(tmp_path / "sceau.png").size == (480, 480)
    with pikepdf.open(tmp_path / "panneau.pdf") as pdf:
        assert str(pdf.trailer.Info.GTS_PDFXVersion) == "PDF/X-4"
        trim = [float(v) for v in pdf.pages[0].TrimBox]
        assert round((trim[2] - trim[0]) / 72 * 25.4) == 800 and round((trim[3] - trim[1]) / 72 * 25.4) == 400
    cut = ET.parse(tmp_path / "panneau.svg").getroot()
    assert cut.get("width") == "810mm" and cut.find(f".//{SVG}g[@id='cut-contour']") is not None
    assert Image.open(tmp_path / "panneau.png").mode == "RGB"
    with pikepdf.open(tmp_path / "attestation.pdf") as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "2"
    kits = sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "kits").rglob("*.zip"))
    assert kits == ["kits/2017/ville-de-rennes.zip", "kits/2019/ville-de-nancy.zip"]
    assert (tmp_path / "public" / "2019" / "ville-de-nancy" / "index.html").is_file()
    assert (tmp_path / "public" / "sitemap.xml").read_text().count("<loc>") >= 2
