"""The rule for a missing checker: skipped on a developer's machine, FAILED under CI (a skipped validator would let a
red product go green), with the French reason, for tests marked `tool` and for the helpers alike."""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest

from tests import conftest
from tests.conftest import has_tool, missing, pytest_runtest_setup, require_tool


@pytest.fixture
def no_tools(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)


def _marked(*names: str) -> SimpleNamespace:
    """A test item carrying `@pytest.mark.tool(name)` for each name, as pytest hands it to the setup hook."""
    marks = [pytest.mark.tool(name).mark for name in names]
    return SimpleNamespace(iter_markers=lambda name: [m for m in marks if m.name == name])


@pytest.mark.parametrize("value", ["true", "True", "1", "yes"])
def test_under_ci_a_missing_tool_fails_with_its_reason(no_tools: None, monkeypatch: pytest.MonkeyPatch,
                                                       value: str) -> None:
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match=r"^qpdf absent \(qpdf, vérifie la syntaxe d'un PDF\) ; en CI, "
                                                    r"ce vérificateur est obligatoire \(scripts/install\.sh"):
        require_tool("qpdf")
    with pytest.raises(pytest.fail.Exception, match="zbarimg absent .*zbar-tools"):
        pytest_runtest_setup(_marked("zbarimg"))  # type: ignore[arg-type]
    with pytest.raises(pytest.fail.Exception, match="pngcheck absent"):
        has_tool("pngcheck")
    with pytest.raises(pytest.fail.Exception, match="^validateur absent ; en CI"):
        missing("validateur absent")


@pytest.mark.parametrize("value", [None, "", "false", "0"])
def test_on_a_developers_machine_a_missing_tool_skips(no_tools: None, monkeypatch: pytest.MonkeyPatch,
                                                      value: str | None) -> None:
    if value is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.skip.Exception, match=r"^rsvg-convert absent \(librsvg2-bin, rend un SVG en image\)$"):
        require_tool("rsvg-convert")
    with pytest.raises(pytest.skip.Exception, match="^pdftotext absent"):
        pytest_runtest_setup(_marked("pdftotext"))  # type: ignore[arg-type]
    assert has_tool("pngcheck") is False  # only that extra check is left out


def test_a_present_tool_is_found_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    assert require_tool("qpdf") == "/usr/bin/qpdf" and has_tool("gs") is True
    pytest_runtest_setup(_marked("qpdf", "gs"))  # type: ignore[arg-type]


def test_every_tool_a_test_names_has_its_package() -> None:
    """Each checker's reason names the Debian package scripts/install.sh installs for it."""
    script = (conftest.ROOT / "scripts" / "install.sh").read_text(encoding="utf-8")
    for name, why in conftest.TOOLS.items():
        package = why.split(",")[0].split(" et ")[0]
        assert f" {package}" in script, (name, package)
