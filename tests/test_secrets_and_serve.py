"""The private key never lands in a published folder; `serve` stays in its folder and lists nothing."""

from __future__ import annotations

import http.client
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.web_harness import serving
from tnl_signage.cli import cli
from tnl_signage.products.openbadges.keys import generate_key, save_private_key

PALMARES = "nom;type;niveau;annee\nVille de Boé;commune;or;2025\n"


@pytest.mark.parametrize("command", [
    ["site", "--base-url", "https://exemple.org"],
    ["openbadges", "--base-url", "https://exemple.org"],
    ["kit", "--quiet"],
])
def test_a_signing_key_inside_the_output_folder_is_refused(tmp_path: Path, command: list[str]) -> None:
    palmares = tmp_path / "palmares.csv"
    palmares.write_text(PALMARES, encoding="utf-8")
    out = tmp_path / "pub"
    key = save_private_key(generate_key(), (out / "secret").mkdir(parents=True) or out / "secret" / "key.pem")
    result = CliRunner().invoke(cli, [command[0], str(palmares), "-o", str(out), "--signing-key", str(key),
                                      *command[1:]])
    assert result.exit_code == 1
    assert "la clé de signature est dans le dossier de sortie" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["secret", "secret/key.pem"]


def _get(base: str, path: str) -> tuple[int, bytes]:
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=5)
    conn.putrequest("GET", path, skip_accept_encoding=True)
    conn.endheaders()
    response = conn.getresponse()
    return response.status, response.read()


def test_serve_stays_in_its_folder_and_lists_nothing(tmp_path: Path) -> None:
    root = tmp_path / "pub"
    (root / "2025" / "boe").mkdir(parents=True)
    (root / "index.html").write_text("<p>accueil</p>", encoding="utf-8")
    (root / "2025" / "boe" / "index.html").write_text("<p>Boé</p>", encoding="utf-8")
    (root / "2025" / "vide").mkdir()
    (tmp_path / "secret.pem").write_text("SECRET", encoding="utf-8")
    os.symlink(tmp_path / "secret.pem", root / "lien.pem")
    os.symlink(tmp_path, root / "dehors")
    with serving(root) as base:
        assert _get(base, "/") == (200, b"<p>accueil</p>")
        assert _get(base, "/2025/boe/")[0] == 200
        for bad in ("/%00", "/index.html%00.txt", "/../secret.pem", "/2025/%2e%2e/%2e%2e/secret.pem", "/a\\b"):
            status, body = _get(base, bad)
            assert status == 400, bad
            assert b"SECRET" not in body
        for hidden in ("/lien.pem", "/dehors/secret.pem", "/dehors/", "/2025/vide/", "/2025/"):
            status, body = _get(base, hidden)
            assert status == 404, hidden
            assert b"SECRET" not in body and b"boe" not in body
        status, body = _get(base, "/nulle-part")
        assert status == 404 and b"introuvable" in body
