"""Kits as the communication team gets them: complete, verifiable, reproducible, resumable after a crash."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.web_harness import chromium, serve_folder  # noqa: F401 (fixtures)
from tnl_signage.cli import cli
from tnl_signage.errors import InputError
from tnl_signage.inputs.editions import edition_for
from tnl_signage.inputs.rows import make_laureate
from tnl_signage.publishing.kit import KitOptions, make_kit, make_kits
from tnl_signage.publishing.kit.manifest import manifest_matches

ROWS = [
    "nom;type;departement;niveau;annee;mentions;nom_court",
    "Ville de Boé;commune;47;or;2025;;",
    "Parc national des Écrins;autre;05;bronze;2025;premiere-candidature|mutualisation;",
    "Ville d'Échirolles;commune;38;5;2022;;",
]


def write_palmares(folder: Path, rows: list[str]) -> Path:
    path = folder / "palmares.csv"
    path.write_bytes(("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))
    return path


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("kits")
    palmares = write_palmares(base, ROWS)
    summary = make_kits(palmares, base / "out", jobs=2)
    assert summary.made == 3 and not summary.failures and not summary.problems
    return palmares, base / "out"


def test_every_manifest_matches_its_files(built: tuple[Path, Path]) -> None:
    _, out = built
    folders = sorted(p.parent for p in out.glob("*/*/manifest.json"))
    assert [f.relative_to(out).as_posix() for f in folders] == [
        "2022/ville-d-echirolles", "2025/parc-national-des-ecrins", "2025/ville-de-boe"]
    for folder in folders:
        assert manifest_matches(folder)
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        listed = {f["path"] for f in manifest["fichiers"]}
        assert "LISEZMOI.html" in listed and "badges/badge-seal-light.svg" in listed
        assert "badges/badge-seal-dark@2x.png" in listed
        assert manifest["laureat"]["slug"] == folder.name
        assert manifest["outil"]["nom"] == "tnl-signage"
    # a changed byte is noticed
    victim = out / "2025" / "ville-de-boe" / "badges" / "badge-seal-light.svg"
    original = victim.read_bytes()
    victim.write_bytes(original.replace("Boé".encode(), b"Boe"))
    try:
        assert not manifest_matches(victim.parent.parent)
    finally:
        victim.write_bytes(original)


def test_zip_holds_exactly_the_folder(built: tuple[Path, Path]) -> None:
    _, out = built
    for zip_path in out.glob("*/*.zip"):
        folder = zip_path.with_suffix("")
        with zipfile.ZipFile(zip_path) as archive:
            names = sorted(archive.namelist())
            assert names == sorted(f"{folder.name}/{p.relative_to(folder).as_posix()}"
                                   for p in folder.rglob("*") if p.is_file())
            for name in names:
                assert archive.read(name) == (folder.parent / name).read_bytes()
            award = edition_for(int(folder.parent.name)).award_instant  # data/editions.toml
            assert {info.date_time for info in archive.infolist()} == {award.timetuple()[:6]}


def test_index_csv_lists_every_kit(built: tuple[Path, Path]) -> None:
    _, out = built
    raw = (out / "2025" / "index.csv").read_bytes()
    assert raw.startswith("\ufeff".encode()) and b"\r\n" in raw
    text = raw.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "slug;nom;distinction;dossier;zip;statut;remarques"
    assert lines[1].startswith("parc-national-des-ecrins;Parc national des Écrins;Label Bronze;")
    assert lines[2].startswith("ville-de-boe;Ville de Boé;Label Or;ville-de-boe/;ville-de-boe.zip;fait")


def test_two_runs_give_identical_trees(built: tuple[Path, Path], tmp_path: Path) -> None:
    palmares, out = built
    make_kits(palmares, tmp_path / "again", jobs=1)
    assert tree_digest(tmp_path / "again") == tree_digest(out)


def test_rerun_skips_complete_kits_and_force_redoes(built: tuple[Path, Path], tmp_path: Path) -> None:
    palmares, out = built
    summary = make_kits(palmares, out, jobs=1)
    assert (summary.made, summary.kept) == (0, 3)
    summary = make_kits(palmares, out, jobs=1, options=KitOptions(force=True))
    assert (summary.made, summary.kept) == (3, 0)


def _kit_process(palmares: Path, out: Path, *, jobs: int) -> subprocess.Popen[bytes]:
    """The CLI making kits in a process of its own (to be killed midway)."""
    return subprocess.Popen(
        [sys.executable, "-m", "tnl_signage.cli", "kit", str(palmares), "-o", str(out), "--jobs", str(jobs), "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def test_killed_run_then_rerun_equals_uninterrupted_run(built: tuple[Path, Path], tmp_path: Path) -> None:
    palmares, reference = built
    out = tmp_path / "killed"
    proc = _kit_process(palmares, out, jobs=1)
    deadline = time.monotonic() + 120
    # Kill while a kit is being written: its hidden partial folder exists.
    while time.monotonic() < deadline and proc.poll() is None:
        if any(out.glob("*/.*.partial/badges/*.png")):
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # No final name holds a half kit: every kit folder present is complete.
    for folder in out.glob("*/*"):
        if folder.is_dir() and not folder.name.startswith("."):
            assert manifest_matches(folder), folder
    assert any(out.glob("*/.*.partial")), "the kill should leave a partial folder, hidden"
    summary = make_kits(palmares, out, jobs=1)
    assert summary.made >= 1
    assert tree_digest(out) == tree_digest(reference)


def test_bad_rows_are_reported_and_good_rows_get_kits(tmp_path: Path) -> None:
    rows = [*ROWS[:2], "Ville de Nulle-Part;commune;;12;2025;;", "Ville de Lyon;commune;69;3;2021;;"]
    palmares = write_palmares(tmp_path, rows)
    result = CliRunner().invoke(cli, ["kit", str(palmares), "-o", str(tmp_path / "out"), "--quiet", "--jobs", "1"])
    assert result.exit_code == 1
    assert "ligne 3" in result.stderr and "« 12 »" in result.stderr
    assert "2 kits faits" in result.stdout
    assert (tmp_path / "out" / "2021" / "ville-de-lyon" / "manifest.json").is_file()
    assert (tmp_path / "out" / "2025" / "ville-de-boe.zip").is_file()


def test_unrelated_folder_is_never_deleted(tmp_path: Path) -> None:
    out = tmp_path / "out"
    foreign = out / "2025" / "ville-de-boe"
    foreign.mkdir(parents=True)
    (foreign / "mes-photos.txt").write_text("à garder", encoding="utf-8")
    laureate = make_laureate(name="Ville de Boé", level="or", year=2025)
    with pytest.raises(InputError, match="n'est pas un kit"):
        make_kit(laureate, out)
    assert (foreign / "mes-photos.txt").read_text(encoding="utf-8") == "à garder"
    assert sorted(p.name for p in out.rglob("*")) == ["2025", "mes-photos.txt", "ville-de-boe"]


def test_lisezmoi_is_accessible_in_chromium(  # type: ignore[no-untyped-def]
    built: tuple[Path, Path], chromium, serve_folder  # noqa: F811
) -> None:
    from tests.web_harness import check_page, describe

    _, out = built
    base = serve_folder(out)
    for rel in ("2025/parc-national-des-ecrins/LISEZMOI.html", "2022/ville-d-echirolles/LISEZMOI.html"):
        violations, external = check_page(f"{base}/{rel}", widths=(1280, 320))
        assert violations == [], describe(violations)
        assert external == []


def test_lisezmoi_says_what_each_file_is_for(built: tuple[Path, Path]) -> None:
    from tests.web_harness import parse_html

    _, out = built
    folder = out / "2025" / "parc-national-des-ecrins"
    html = (folder / "LISEZMOI.html").read_text(encoding="utf-8")
    assert "<script" not in html
    tree = parse_html(html)
    assert [h.text() for h in tree.find_all("h1")] == ["Votre kit du label 2025 : Parc national des Écrins"]
    rows = {tr.find_all("td")[0].text(): tr.find_all("td")[1].text()
            for tr in tree.find_all("tr") if tr.find_all("td")}
    listed = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {"LISEZMOI.html",
                                                                                            "manifest.json"}
    assert set(rows) == listed
    assert all(rows.values()), [name for name, what in rows.items() if not what]
    assert "Label Bronze ; mentions spéciales : Meilleure première candidature, Mutualisation" in html


def test_signed_kit_has_a_credential_and_never_the_private_key(tmp_path: Path) -> None:
    import base64

    from cryptography.hazmat.primitives import serialization

    from tnl_signage.products.openbadges.keys import generate_key, save_private_key

    key = generate_key()
    key_path = save_private_key(key, tmp_path / "organisateur.pem")
    laureate = make_laureate(name="Ville de Boé", level="or", year=2025, website="https://www.ville-boe.fr")
    outcome = make_kit(laureate, tmp_path / "out", KitOptions(signing_key=str(key_path)), theme="dark")
    folder = outcome.folder
    credential = json.loads((folder / "openbadges" / "credential.json").read_text(encoding="utf-8"))
    assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert credential["credentialSubject"]["achievement"]["name"].endswith("Label Or")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["open_badges_3_signes"] is True and manifest["options"]["theme"] == "dark"
    raw = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                            serialization.NoEncryption())
    secrets = [raw, raw.hex().encode(), base64.b64encode(raw), key_path.read_bytes().split(b"\n")[1]]
    for path in [*folder.rglob("*"), outcome.zip_path]:
        if path.is_file():
            data = path.read_bytes()
            assert not any(secret in data for secret in secrets), path
    assert str(key_path) not in (folder / "manifest.json").read_text(encoding="utf-8")


def _children(pid: int) -> set[int]:
    """The processes `pid` forked (Linux lists them per thread of the parent)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):  # a thread that ended meanwhile
            found.update(int(c) for c in (task / "children").read_text().split())
    return found


def _alive(pid: int) -> bool:
    """Running (a zombie left for init to reap has ended: it holds no lock and makes no kit)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="Linux seulement (/proc)")
def test_workers_die_with_a_killed_parent_and_rerun_is_allowed(built: tuple[Path, Path], tmp_path: Path) -> None:
    palmares, reference = built
    out = tmp_path / "out"
    # Three kits in two workers: when the first is done, the second is being made and the third is queued.
    proc = _kit_process(palmares, out, jobs=2)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not any(out.glob("*/*/manifest.json")):
        time.sleep(0.02)
    workers = _children(proc.pid)
    assert proc.poll() is None and len(workers) == 2, "the run should be under way with its two workers"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.02)
    survivors = [w for w in workers if _alive(w)]
    for pid in survivors:  # never left behind, even when the test fails
        os.kill(pid, signal.SIGKILL)
    assert not survivors, "worker processes outlived their killed parent (they keep the folder's lock)"
    summary = make_kits(palmares, out, jobs=2)  # at once: the lock is free
    assert summary.made >= 1 and not summary.failures
    assert all(manifest_matches(f) for f in (p.parent for p in out.glob("*/*/manifest.json")))
    # The kits are those of an uninterrupted run (the yearly indexes differ: they say which were kept).
    kits = {k: v for k, v in tree_digest(out).items() if not k.split("/")[-1].startswith("index.")}
    assert kits == {k: v for k, v in tree_digest(reference).items() if not k.split("/")[-1].startswith("index.")}
