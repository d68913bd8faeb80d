"""`tnl-signage site` and `tnl-signage serve`: French help, one-line errors, a served site on 127.0.0.1 only."""

from __future__ import annotations

import threading
import urllib.request
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tnl_signage.cli.site import serve, site
from tnl_signage.publishing.site.serve import make_server


@pytest.fixture(scope="module")
def cli() -> click.Group:
    group = click.Group("tnl-signage")
    group.add_command(site)
    group.add_command(serve)
    return group


def _palmares(tmp: Path, rows: str) -> Path:
    path = tmp / "palmares.csv"
    path.write_text("nom;type;niveau;annee;site\n" + rows, encoding="utf-8")
    return path


def test_help_is_french(cli: click.Group) -> None:
    runner = CliRunner()
    for name, words in (("site", "Génère le site statique"), ("serve", "127.0.0.1")):
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and words in result.output


def test_site_command_writes_the_site(cli: click.Group, tmp_path: Path) -> None:
    source = _palmares(tmp_path, "Ville de Lyon;commune;3;2021;https://www.lyon.fr\n")
    out = tmp_path / "public"
    result = CliRunner().invoke(cli, ["site", str(source), "-o", str(out), "--base-url", "https://x.org/tnl/"])
    assert result.exit_code == 0, result.output
    assert "fichiers écrits" in result.output
    page = (out / "2021" / "ville-de-lyon" / "index.html").read_text("utf-8")
    assert "https://x.org/tnl/2021/ville-de-lyon/" in page
    assert (out / "sitemap.xml").read_text().count("<loc>https://x.org/tnl/") == 3


def test_site_command_errors_are_one_french_line(cli: click.Group, tmp_path: Path) -> None:
    source = _palmares(tmp_path, "Ville de Lyon;commune;3;2021;\n")
    bad_url = CliRunner().invoke(cli, ["site", str(source), "-o", str(tmp_path / "p"), "--base-url", "x.org"])
    assert bad_url.exit_code == 1
    assert "Traceback" not in bad_url.output
    lines = bad_url.output.strip().splitlines()
    assert len(lines) == 1 and "--base-url « x.org » : il faut l'adresse publique complète" in lines[0]
    assert not (tmp_path / "p").exists()
    broken = _palmares(tmp_path, "Ville de Lyon;commune;9;2021;\n")
    result = CliRunner().invoke(cli, ["site", str(broken), "-o", str(tmp_path / "q"), "--base-url", "https://x.org"])
    assert result.exit_code == 1 and "site non généré" in result.output and "niveau" in result.output
    assert not (tmp_path / "q").exists()


def test_serve_binds_loopback_only_and_serves_files(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<!DOCTYPE html><title>t</title>", encoding="utf-8")
    (tmp_path / "b.svg").write_text("<svg/>", encoding="utf-8")
    server = make_server(tmp_path, 0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as response:  # noqa: S310 - loopback
            assert response.headers["Content-Type"] == "text/html; charset=utf-8"
            assert response.headers["X-Content-Type-Options"] == "nosniff"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/b.svg") as response:  # noqa: S310
            assert response.headers["Content-Type"] == "image/svg+xml"
    finally:
        server.shutdown()
        server.server_close()


def test_serve_command_announces_the_address(cli: click.Group, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def stop(self: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("http.server.ThreadingHTTPServer.serve_forever", stop)
    result = CliRunner().invoke(cli, ["serve", str(tmp_path), "--port", "0"])
    assert result.exit_code == 0
    assert result.output.startswith("Site servi sur http://127.0.0.1:")
