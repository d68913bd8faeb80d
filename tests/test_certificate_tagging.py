"""The certificate for screen readers and archives: tagged PDF (PDF/UA-1 and PDF/A-2a together).

Checked with the PyPI `pdfua` checker (the machine-checkable subset of PDF/UA-1), poppler (`pdfinfo`
Tagged, `pdftotext` reading order) and pikepdf (structure tree, marked content, catalogue keys).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import has_tool
from tnl_signage.domain.model import Laureate
from tnl_signage.domain.wording import marks_phrase
from tnl_signage.inputs.rows import make_laureate
from tnl_signage.products.certificates import certificate

PAINTING = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "Tj", "TJ", "'", '"', "sh", "BI"}


@dataclass(frozen=True)
class Made:
    laureate: Laureate
    path: Path


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Made]:
    folder = tmp_path_factory.mktemp("tagged")
    cases = {
        "boe": (make_laureate(name="Ville de Boé", level="or", year=2025, mentions=["mutualisation"],
                                today=date(2025, 12, 1)), "portrait"),
        "rennes": (make_laureate(name="Ville de Rennes", level="4", year=2017, today=date(2025, 12, 1)),
                   "landscape"),
    }
    out = {}
    for key, (laureate, orientation) in cases.items():
        path = folder / f"{key}.pdf"
        certificate(laureate, orientation=orientation).save(path)
        out[key] = Made(laureate, path)
    return out


@pytest.mark.parametrize("key", ["boe", "rennes"])
def test_pdfua_checker_passes(made: dict[str, Made], key: str) -> None:
    from pdfua import validate

    report = validate(str(made[key].path))
    assert [(f.rule_id, f.message) for f in report.findings] == []
    assert report.exit_code == 0


@pytest.mark.parametrize("key", ["boe", "rennes"])
def test_catalogue_declares_a_tagged_french_document(made: dict[str, Made], key: str) -> None:
    with pikepdf.open(made[key].path) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "fr-FR"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert pdf.pages[0].obj.Tabs == pikepdf.Name.S
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"], meta["pdfuaid:part"]) == ("2", "A", "1")
        packet = root.Metadata.read_bytes().decode()
        assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in packet  # declared, as PDF/A asks
    if has_tool("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(made[key].path)], capture_output=True, text=True, check=True).stdout
        assert "Tagged:          yes" in info


def _structure(pdf: pikepdf.Pdf) -> list[tuple[str, int, str | None]]:
    (document,) = pdf.Root.StructTreeRoot.K
    assert str(document.S) == "/Document"
    return [(str(e.S), int(e.K), str(e.Alt) if "/Alt" in e else None) for e in document.K]


def test_structure_headings_paragraphs_figures_in_reading_order(made: dict[str, Made]) -> None:
    with pikepdf.open(made["boe"].path) as pdf:
        elements = _structure(pdf)
        assert [mcid for _, mcid, _ in elements] == list(range(len(elements)))
        kinds = [kind for kind, _, _ in elements]
        assert kinds.count("/H1") == 1 and kinds.count("/H2") == 1 and kinds.index("/H1") < kinds.index("/H2")
        figures = [alt for kind, _, alt in elements if kind == "/Figure"]
        phrase = marks_phrase(made["boe"].laureate.distinction)  # the words the badges' alt texts use
        assert figures[0] == phrase[:1].upper() + phrase[1:] and "or" in phrase
        assert figures[1] == ("Code QR menant à la page de vérification "
                              "https://territoire-numerique-libre.org/verification/2025/ville-de-boe/")
        assert set(kinds) == {"/P", "/H1", "/H2", "/Figure"}
        tree = pdf.Root.StructTreeRoot
        parents = tree.ParentTree.Nums
        assert int(parents[0]) == int(pdf.pages[0].obj.StructParents) == 0
        assert [int(e.K) for e in parents[1]] == list(range(len(elements)))


def test_every_mark_is_tagged_or_an_artifact(made: dict[str, Made]) -> None:
    with pikepdf.open(made["boe"].path) as pdf:
        depth, outside, mcids = 0, [], []
        for operands, operator in pikepdf.parse_content_stream(pdf.pages[0]):
            op = str(operator)
            if op in ("BDC", "BMC"):
                depth += 1
                if op == "BDC":
                    mcids.append(int(operands[1].MCID))
            elif op == "EMC":
                depth -= 1
            elif op in PAINTING and depth == 0:
                outside.append(op)
        assert depth == 0 and outside == []
        assert mcids == [mcid for _, mcid, _ in _structure(pdf)]


@pytest.mark.tool("pdftotext")
def test_pdftotext_reads_in_order(made: dict[str, Made]) -> None:
    text = subprocess.run(["pdftotext", str(made["boe"].path), "-"], capture_output=True, text=True,
                          check=True).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    expected = ["Territoire Numérique Libre", "Attestation de labellisation", "Ville de Boé", "Commune",
                "Label Or", "Mention spéciale « Mutualisation »",
                "Décerné le 19 novembre 2025 — Congrès des Maires, Paris", "Pour l'association ADULLACT",
                "Attestation n° TNL-2025-G3N3ONXN", "Attestation établie le 19 novembre 2025",
                "territoire-numerique-libre.org/verification/", "2025/ville-de-boe/"]
    positions = [lines.index(line) for line in expected]
    assert positions == sorted(positions), lines
