"""Issue 19's attacks on re-runs, as a user would meet them: foreign files in a site folder, eight `revoke` at
once, typos and impossible dates in `retraits.csv`. Each failed on 56e1970 (files overwritten or lost, exit 0)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tnl_signage.cli import cli
from tnl_signage.inputs.palmares import load_palmares

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "palmares-exemple.csv"
BASE = "https://label.example.org/"


def _one_laureate(tmp: Path) -> Path:
    path = tmp / "palmares.csv"
    path.write_text("nom;type;niveau;annee;site\nVille de Lyon;commune;3;2021;https://www.lyon.fr\n", encoding="utf-8")
    return path


def _site(palmares: Path, out: Path, *extra: str) -> tuple[int, str]:
    done = CliRunner().invoke(cli, ["site", str(palmares), "-o", str(out), "--base-url", BASE, *extra])
    return done.exit_code, done.output


@pytest.mark.parametrize("name", ["index.html", "robots.txt", "2021/index.html"])
def test_site_never_replaces_a_foreign_file(tmp_path: Path, name: str) -> None:
    out = tmp_path / "s"
    foreign = out / name
    foreign.parent.mkdir(parents=True)
    foreign.write_bytes(b"mes notes\n")
    code, output = _site(_one_laureate(tmp_path), out)
    assert foreign.read_bytes() == b"mes notes\n"
    assert code == 1 and "Traceback" not in output
    assert str(foreign) in output and "n'a pas écrit" in output


def test_site_leaves_a_foreign_temporary_name_alone_and_reports_only_its_own_orphans(tmp_path: Path) -> None:
    out = tmp_path / "s"
    out.mkdir()
    (out / ".index.html.tmp").write_bytes(b"a moi\n")
    (out / "vieux.html").write_bytes(b"a moi aussi\n")
    palmares = _one_laureate(tmp_path)
    code, output = _site(palmares, out)
    assert code == 0, output
    assert (out / ".index.html.tmp").read_bytes() == b"a moi\n"
    assert "vieux.html" not in output
    # the laureate leaves the palmarès: its pages are ours and become orphans; --prune removes only those
    palmares.write_text("nom;type;niveau;annee;site\nVille de Brest;commune;2;2021;\n", encoding="utf-8")
    code, output = _site(palmares, out)
    assert code == 0 and "--prune" in output and (out / "2021/ville-de-lyon/index.html").exists()
    code, output = _site(palmares, out, "--prune")
    assert code == 0, output
    assert not (out / "2021/ville-de-lyon/index.html").exists()
    assert (out / "vieux.html").read_bytes() == b"a moi aussi\n"
    assert (out / ".index.html.tmp").read_bytes() == b"a moi\n"


def test_eight_revokes_at_once_all_land(tmp_path: Path) -> None:
    palmares = tmp_path / "palmares.csv"
    shutil.copy(EXAMPLE, palmares)
    slugs = sorted({lau.slug for lau in load_palmares(palmares).laureates if lau.year == 2025})[:8]
    assert len(slugs) == 8
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [subprocess.Popen([sys.executable, "-m", "tnl_signage.cli", "revoke", str(palmares), "--year", "2025",
                              "--slug", slug, "--reason", "essai", "--date", "2026-03-02"],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for slug in slugs]
    outputs = [run.communicate(timeout=120)[0].decode() for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    lines = (tmp_path / "retraits.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "annee;laureat;date;motif"
    assert sorted(line.split(";")[1] for line in lines[1:]) == slugs
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".tmp", ".tnl-tmp"))]


@pytest.mark.parametrize(("row", "words"), [
    ("2025;ville-de-boee;2026-03-02;m", "ligne 2, champ « laureat » : valeur « ville-de-boee »"),
    ("2025;ville-de-boe;2999-01-01;m", "ligne 2, champ « date » : valeur « 2999-01-01 » : date dans le futur"),
    ("2025;ville-de-boe;2025-01-05;m", "ligne 2, champ « date » : valeur « 2025-01-05 » : antérieure à la remise"),
    ("²⁰²⁵;ville-de-boe;2026-03-02;m", "ligne 2, champ « annee » : valeur « ²⁰²⁵ »"),
])
def test_a_bad_withdrawal_line_stops_the_site_with_its_line(tmp_path: Path, row: str, words: str) -> None:
    palmares = tmp_path / "palmares.csv"
    shutil.copy(EXAMPLE, palmares)
    (tmp_path / "retraits.csv").write_text(f"annee;laureat;date;motif\n{row}\n", encoding="utf-8")
    code, output = _site(palmares, tmp_path / "s")
    assert code == 1 and "Traceback" not in output
    assert "retraits.csv" in output and words in output


def test_keys_init_never_writes_through_a_link_nor_inside_a_site(tmp_path: Path) -> None:
    keys = tmp_path / "cles"
    keys.mkdir()
    target = tmp_path / "victime.txt"
    target.write_bytes(b"a moi\n")
    os.symlink(target, keys / "issuer-v3.json")
    done = CliRunner().invoke(cli, ["keys", "init", str(keys), "--base-url", BASE])
    assert done.exit_code == 1 and "lien symbolique" in done.output and "Traceback" not in done.output
    assert target.read_bytes() == b"a moi\n"
    site = tmp_path / "s"
    code, output = _site(_one_laureate(tmp_path), site)
    assert code == 0, output
    for inside in (site, site / "cles"):
        done = CliRunner().invoke(cli, ["keys", "init", str(inside)])
        assert done.exit_code == 1 and "dossier de sortie" in done.output, done.output
    assert not list(site.rglob("*.pem"))


def test_serve_hides_keys_and_dotfiles_and_survives_bad_clients(tmp_path: Path) -> None:
    import socket
    import time

    from tests.web_harness import serving

    root = tmp_path / "pub"
    root.mkdir()
    (root / "index.html").write_text("<p>accueil</p>", encoding="utf-8")
    (root / "openbadges-ed25519.pem").write_text("-----BEGIN PRIVATE KEY-----", encoding="utf-8")
    (root / ".env").write_text("SECRET=1", encoding="utf-8")
    (root / ".cache").mkdir()
    (root / ".cache" / "x.html").write_text("SECRET", encoding="utf-8")
    with serving(root) as base:
        host, port = base.removeprefix("http://").split(":")

        def ask(raw: bytes) -> bytes:
            with socket.create_connection((host, int(port)), timeout=5) as sock:
                sock.sendall(raw)
                chunks = []
                while chunk := sock.recv(65536):
                    chunks.append(chunk)
                return b"".join(chunks)

        for path in ("/openbadges-ed25519.pem", "/.env", "/.cache/x.html", "/%2eenv"):
            answer = ask(f"GET {path} HTTP/1.0\r\n\r\n".encode())
            assert answer.startswith(b"HTTP/1.0 404"), (path, answer[:40])
            assert b"SECRET" not in answer and b"PRIVATE" not in answer
        started = time.monotonic()
        assert ask(b"GET /\r\n").startswith(b"HTTP/1.0 400")  # HTTP/0.9: refused, not hung
        assert time.monotonic() - started < 5
        silent = [socket.create_connection((host, int(port)), timeout=30) for _ in range(20)]
        for sock in silent:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # never finished
        hung_up = socket.create_connection((host, int(port)))
        hung_up.sendall(b"GET /index.html HTTP/1.0\r\n\r\n")
        hung_up.close()  # leaves before the answer: no traceback, the server goes on
        # 20 half-sent requests do not block it
        assert ask(b"GET /index.html HTTP/1.0\r\n\r\n").endswith(b"<p>accueil</p>")
        for sock in silent:
            sock.close()
