"""What a user reads when something goes wrong: one French line naming the file, « Interrompu » and exit 130
on Ctrl-C at any moment, click's own words in French, no temporary left behind, free text checked."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tnl_signage import atomic
from tnl_signage.cli import cli
from tnl_signage.errors import os_error_text

ROWS = "nom;type;niveau;annee\n" + "".join(f"Ville {i};commune;or;2025\n" for i in range(30))


@pytest.fixture(scope="module")
def startup() -> float:
    """Time for this machine's Python to reach our code (interpreter and site, not ours to shorten)."""
    begin = time.monotonic()
    subprocess.run([sys.executable, "-c", "import tnl_signage.cli"], check=True)
    return time.monotonic() - begin


@pytest.mark.parametrize("delay", [0.1, 1.0, 2.6])
def test_ctrl_c_at_any_moment_says_interrompu_and_exits_130(tmp_path: Path, startup: float, delay: float) -> None:
    """From the first instant our code runs: during the imports (about a second), the reading, the kits."""
    palmares = tmp_path / "palmares.csv"
    palmares.write_text(ROWS, encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "tnl_signage.cli", "kit", str(palmares), "-o", str(out),
                             "--jobs", "2", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    time.sleep(startup + delay)
    assert proc.poll() is None, "the run ended before Ctrl-C"
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal does: the whole process group, workers included
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == "Interrompu"
    assert "Traceback" not in stderr and "Aborted" not in stderr
    assert not [p for p in out.rglob("*.tmp")] if out.exists() else True


def test_click_texts_are_french() -> None:
    runner = CliRunner()
    help_text = runner.invoke(cli, ["kit", "--help"], prog_name="tnl-signage").output
    assert help_text.startswith("Utilisation : tnl-signage kit [OPTIONS] PALMARES")
    assert "Options:" in help_text and "[obligatoire]" in help_text and "[par défaut : light]" in help_text
    assert "Affiche cette aide et quitte." in help_text
    assert "Usage" not in help_text and "default:" not in help_text and "Show this message" not in help_text
    top = runner.invoke(cli, ["--help"], prog_name="tnl-signage").output
    assert "Commandes:" in top and "Commands" not in top
    cases = {
        ("kit",): "Erreur : argument obligatoire absent : PALMARES",
        ("kit", "--jobs", "abc", "x.csv"):
            "Erreur : valeur invalide pour --jobs / -j : « abc » n'est pas un nombre entier",
        ("kitt",): "Erreur : commande inconnue : « kitt » (vouliez-vous dire « kit » ?)",
        ("badge", "--varient", "seal"): "Erreur : option inconnue : --varient (vouliez-vous dire « --variant » ?)",
        ("kit", "nulle-part.csv", "-o", "x"):
            "Erreur : valeur invalide pour PALMARES : « nulle-part.csv » n'existe pas",
    }
    for args, line in cases.items():
        result = runner.invoke(cli, list(args), prog_name="tnl-signage")
        assert result.exit_code == 2, args
        lines = result.stderr.splitlines()
        assert lines[0].startswith("Utilisation : tnl-signage")
        assert lines[1].startswith("Essayez « tnl-signage") and lines[1].endswith("--help » pour l'aide.")
        assert lines[-1] == line


def test_system_errors_are_one_french_line_naming_the_file() -> None:
    full = OSError(errno.ENOSPC, "No space left on device", "/srv/kits/2025/.boe.zip.partial")
    assert os_error_text(full) == "/srv/kits/2025/.boe.zip.partial : plus de place sur le disque"
    exists = FileExistsError(errno.EEXIST, "File exists", "/srv/kits/a", None, "/srv/kits/b")
    assert os_error_text(exists) == "/srv/kits/a → /srv/kits/b : existe déjà"


def test_a_failed_write_leaves_no_temporary_and_says_so_in_french(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    real = atomic.os.fdopen

    class Full:
        def __init__(self, fd: int, *args: object) -> None:
            self.handle = real(fd, "wb")

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device", str(target))

    target = tmp_path / "badge.svg"
    monkeypatch.setattr(atomic.os, "fdopen", Full)
    result = CliRunner().invoke(cli, ["badge", "--level", "3", "--year", "2021", "--name", "Ville de Lyon",
                                      "-o", str(target)])
    monkeypatch.undo()
    assert result.exit_code == 1, result.exception
    assert result.stderr.strip() == f"Erreur : {target} : plus de place sur le disque"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("option", "value", "message"), [
    ("--signatory", "x" * 9900, "le signataire dépasse 80 caractères (9900)"),
    ("--signatory", "Jean\u202eDupont", "le signataire contient un caractère de contrôle bidirectionnel (U+202E)"),
    ("--place", "Paris\x07", "le lieu contient un caractère de contrôle (U+0007)"),
    ("--signatory-role", "Pour\u2066 ADULLACT", "la qualité du signataire contient un caractère de contrôle"),
])
def test_free_text_is_checked_like_names(tmp_path: Path, option: str, value: str, message: str) -> None:
    target = tmp_path / "attestation.pdf"
    result = CliRunner().invoke(cli, ["certificate", "--name", "Ville de Boé", "--level", "or", "--year", "2025",
                                      option, value, "-o", str(target)])
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr) < 400
    assert not target.exists()


def test_a_long_signatory_shrinks_with_the_same_warning_as_a_name(tmp_path: Path) -> None:
    target = tmp_path / "attestation.pdf"
    result = CliRunner().invoke(cli, ["certificate", "--name", "Ville de Boé", "--level", "or", "--year", "2025",
                                      "--signatory",
                                      "Jean-Christophe Marie-Amélie de la Fontaine-Rochefoucauld, présidente",
                                      "--signatory-role", "Pour l'association ADULLACT, par délégation du "
                                      "président et du conseil d'administration réunis", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert "trop long : dessiné à" in result.stderr and "2.4 mm minimum" in result.stderr
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "Fontaine-Rochefoucauld" in text


@pytest.mark.parametrize("args", [["--version"], ["revoke", "--help"], ["-m", "tnl_signage", "--version"]])
def test_start_up_loads_only_the_command_asked_for(args: list[str]) -> None:
    """`--version` and a light command never import the drawing and PDF stack (a second of start-up each time)."""
    if args[0] == "-m":
        code = "import runpy, sys; sys.argv = ['tnl-signage', *sys.argv[1:]]\n" \
               "try:\n    runpy.run_module('tnl_signage', run_name='__main__')\nexcept SystemExit: pass\n"
        argv = args[2:]
    else:
        code = "import sys; from tnl_signage.cli.app import cli\n" \
               "try:\n    cli.main(sys.argv[1:], prog_name='tnl-signage')\nexcept SystemExit: pass\n"
        argv = args
    code += "heavy = sorted(m for m in ('cairocffi', 'reportlab', 'pyhanko', 'fontTools', 'PIL', 'pikepdf') " \
            "if m in sys.modules)\nprint('LOADED', heavy)"
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True)
    assert "LOADED []" in done.stdout, done.stdout
    if "--version" in argv:
        assert done.stdout.startswith("tnl-signage 0.1.0")
