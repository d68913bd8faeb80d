"""Kits on every re-run: fresh (fingerprint), owned (never touch what is not ours), alone (one run per folder),
isolated (no write through a link; one kit's failure stays in its row; recovered after a kill at any step)."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tnl_signage.cli import cli
from tnl_signage.publishing.kit import KitOptions, make_kits
from tnl_signage.publishing.kit import builder as kit_builder
from tnl_signage.publishing.kit.manifest import manifest_matches

HEADER = "nom;type;departement;niveau;annee"
BOE = "Ville de Boé;commune;47;3;2024"
LYON = "Ville de Lyon;commune;69;2;2024"


def palmares(folder: Path, *rows: str, name: str = "palmares.csv") -> Path:
    path = folder / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


def without_index(files: dict[str, str]) -> dict[str, str]:
    """The kits without the run's reports (index.csv and the review gallery say « fait » or « à jour »)."""
    return {k: v for k, v in files.items() if not k.endswith(("index.csv", "index.html")) or "/" in k[5:]}


def certificate_text(folder: Path) -> str:
    pdf = next((folder / "attestation").glob("*.pdf"))
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def level3(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One kit (Boé, niveau 3 in 2024), made once and copied by the tests that change it."""
    base = tmp_path_factory.mktemp("trust")
    summary = make_kits(palmares(base, BOE), base / "out", jobs=1)
    assert summary.made == 1
    return base / "out"


@pytest.fixture(scope="module")
def level5(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("trust5")
    make_kits(palmares(base, BOE.replace(";3;", ";5;")), base / "out", jobs=1)
    return base / "out"


def test_a_changed_level_is_rebuilt_and_says_why(level3: Path, level5: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(level3, out)
    summary = make_kits(palmares(tmp_path, BOE.replace(";3;", ";5;")), out, jobs=1)
    assert (summary.made, summary.kept) == (1, 0)
    assert summary.outcomes[0].notes[0] == "refait : palmarès modifié"
    folder = out / "2024" / "ville-de-boe"
    assert "5 sur 5" in certificate_text(folder).lower() and "3 sur 5" not in certificate_text(folder).lower()
    index = (out / "2024" / "index.csv").read_text(encoding="utf-8-sig")
    assert "Niveau 5 sur 5;ville-de-boe/;ville-de-boe.zip;fait;\"refait : palmarès modifié ;" in index
    assert without_index(tree(out)) == without_index(tree(level5))
    # and the next run keeps it
    again = make_kits(palmares(tmp_path, BOE.replace(";3;", ";5;")), out, jobs=1)
    assert (again.made, again.kept) == (0, 1)


def test_a_changed_base_url_or_theme_is_rebuilt(level3: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(level3, out)
    source = palmares(tmp_path, BOE)
    summary = make_kits(source, out, jobs=1, options=KitOptions(base_url="https://exemple.org/tnl"))
    assert summary.outcomes[0].notes[0] == "refait : adresse de base modifiée"
    manifest = json.loads((out / "2024" / "ville-de-boe" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["base_url"] == "https://exemple.org/tnl"
    theme = tmp_path / "theme.toml"
    light = (Path(kit_builder.__file__).parents[2] / "data" / "themes" / "light.toml").read_text(encoding="utf-8")
    theme.write_text(light, encoding="utf-8")
    options = KitOptions(base_url="https://exemple.org/tnl", theme=str(theme))
    assert make_kits(source, out, jobs=1, options=options).kept == 1  # same contents as light: nothing to do
    theme.write_text(light.replace('rgb = "#1b2a4a"', 'rgb = "#1b2a4b"'), encoding="utf-8")
    result = CliRunner().invoke(cli, ["kit", str(source), "-o", str(out), "--base-url", "https://exemple.org/tnl",
                                      "--theme", str(theme), "--jobs", "1"])
    assert result.exit_code == 0, result.stderr
    assert "Ville de Boé (2024) : refait : thème modifié" in result.stderr


def test_a_foreign_folder_or_zip_is_kept_and_only_its_row_fails(tmp_path: Path) -> None:
    out = tmp_path / "out"
    foreign = out / "2024" / "ville-de-boe"
    foreign.mkdir(parents=True)
    (foreign / "manifest.json").write_text('{"name": "Mon appli", "start_url": "/"}', encoding="utf-8")
    (foreign / "index.html").write_text("<p>à garder</p>", encoding="utf-8")
    (out / "2024" / "ville-de-lyon.zip").write_bytes(b"mon archive")
    before = tree(out)
    result = CliRunner().invoke(cli, ["kit", str(palmares(tmp_path, BOE, LYON, "Ville de Bron;commune;69;1;2024")),
                                      "-o", str(out), "--quiet", "--jobs", "1"])
    assert result.exit_code == 1
    assert f"{foreign} existe et n'est pas un kit tnl-signage" in result.stderr
    assert "ville-de-lyon.zip existe et n'est pas un kit tnl-signage" in result.stderr
    assert {k: v for k, v in tree(out).items() if k in before} == before
    assert manifest_matches(out / "2024" / "ville-de-bron")
    index = (out / "2024" / "index.csv").read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(";")[5] for line in index[1:]] == ["en échec", "fait", "en échec"]
    assert "1 kits faits, 0 déjà à jour, 2 en échec" in result.stdout


def test_a_foreign_partial_folder_fails_its_row_and_the_batch_goes_on(tmp_path: Path) -> None:
    out = tmp_path / "out"
    partial = out / "2024" / ".ville-de-boe.partial"
    partial.mkdir(parents=True)
    (partial / "notes.txt").write_text("à moi", encoding="utf-8")
    summary = make_kits(palmares(tmp_path, BOE, LYON), out, jobs=2)
    assert [lau.slug for lau, _ in summary.failures] == ["ville-de-boe"]
    assert "n'est pas un kit tnl-signage" in summary.failures[0][1]
    assert (partial / "notes.txt").read_text(encoding="utf-8") == "à moi"
    assert manifest_matches(out / "2024" / "ville-de-lyon")
    assert (out / "2024" / "index.csv").is_file()


def test_a_second_run_on_the_same_folder_is_refused_at_once(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out / ".tnl-signage.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        result = CliRunner().invoke(cli, ["kit", str(palmares(tmp_path, BOE)), "-o", str(out), "--quiet"])
    finally:
        os.close(fd)
    assert result.exit_code == 1
    assert "une autre exécution de tnl-signage y travaille déjà" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [".tnl-signage.lock"]


def test_three_concurrent_runs_one_works_the_others_refuse(level3: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = palmares(tmp_path, BOE)
    command = [sys.executable, "-m", "tnl_signage.cli", "kit", str(source), "-o", str(out), "--quiet", "--jobs", "1"]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    refused = [r for r in results if r[0] == 1]
    assert all(r[0] in (0, 1) for r in results) and len(refused) < 3
    assert all("une autre exécution" in r[2] and "Traceback" not in r[2] for r in refused)
    assert manifest_matches(out / "2024" / "ville-de-boe")
    assert without_index(tree(out)) == without_index(tree(level3))  # a later run may say « à jour »


@pytest.mark.parametrize("planted", [(".index.csv.tmp", ".ville-de-boe.zip.partial"), ("ville-de-boe.zip",),
                                     (".ville-de-boe.partial",), (".ville-de-boe.old",), ("ville-de-boe",)])
def test_links_planted_at_every_temporary_path_are_refused(tmp_path: Path, planted: tuple[str, ...]) -> None:
    outside = tmp_path / "dehors"
    outside.mkdir()
    (outside / "victime.txt").write_text("intact", encoding="utf-8")
    out = tmp_path / "out"
    (out / "2024").mkdir(parents=True)
    for name in planted:
        folder = name in (".ville-de-boe.partial", ".ville-de-boe.old", "ville-de-boe")
        os.symlink(outside if folder else outside / "victime.txt", out / "2024" / name)
    summary = make_kits(palmares(tmp_path, BOE), out, jobs=1)
    assert sorted(p.name for p in outside.iterdir()) == ["victime.txt"]
    assert (outside / "victime.txt").read_text(encoding="utf-8") == "intact"
    assert all((out / "2024" / name).is_symlink() for name in planted)
    failures = [m for _, m in summary.failures] + summary.index_failures
    ours = [name for name in planted if name != ".index.csv.tmp"]  # not our temporary name: left alone, no failure
    assert len(failures) == len(ours) and all("lien symbolique" in m for m in failures)


def test_a_linked_year_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "dehors"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(outside, out / "2024")
    summary = make_kits(palmares(tmp_path, BOE), out, jobs=1)
    assert list(outside.iterdir()) == []
    assert "lien symbolique" in summary.failures[0][1]


class Killed(BaseException):
    """Stands for kill -9: nothing after it runs, no cleanup of the step it hit."""


class Proxy:
    """A module whose named functions are replaced, for the builder only."""

    def __init__(self, real: object, **replaced: object) -> None:
        self._real = real
        self.__dict__.update(replaced)

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)


# (function the builder calls, n): the run dies just before its n-th call.
STEPS = [("write_new", 1), ("produce", 3), ("write_manifest", 1), ("mark_renamed", 1), ("replace", 1),
         ("replace", 2), ("rmtree", 1), ("zip", 1)]


@pytest.mark.parametrize(("step", "nth"), STEPS)
def test_a_run_killed_at_each_step_then_rerun_gives_the_uninterrupted_tree(
        level3: Path, level5: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str, nth: int) -> None:
    out = tmp_path / "out"
    shutil.copytree(level3, out)
    source = palmares(tmp_path, BOE.replace(";3;", ";5;"))
    calls = {"n": 0}

    def dying(real):  # type: ignore[no-untyped-def]
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls["n"] += 1
            if calls["n"] >= nth:
                raise Killed
            return real(*args, **kwargs)
        return call

    if step == "zip":
        import tnl_signage.publishing.kit.zipper as zipper

        monkeypatch.setattr(zipper, "replace_into", dying(zipper.replace_into))  # its temporary stays
    elif step == "produce":
        monkeypatch.setattr(kit_builder, "PRODUCERS", tuple(dying(p) for p in kit_builder.PRODUCERS))
    elif step in ("write_new", "write_manifest"):
        monkeypatch.setattr(kit_builder, step, dying(getattr(kit_builder, step)))
    elif step == "mark_renamed":  # the mark holds the manifest's bytes but still has its name
        import tnl_signage.publishing.kit.manifest as manifest_module

        monkeypatch.setattr(manifest_module, "os", Proxy(os, rename=dying(os.rename)))
    elif step == "rmtree":
        monkeypatch.setattr(kit_builder, "shutil", Proxy(shutil, rmtree=dying(shutil.rmtree)))
    else:
        monkeypatch.setattr(kit_builder, "os", Proxy(os, **{step: dying(getattr(os, step))}))
    with pytest.raises(Killed):
        make_kits(source, out, jobs=1)
    monkeypatch.undo()
    summary = make_kits(source, out, jobs=1)
    assert not summary.failures
    assert manifest_matches(out / "2024" / "ville-de-boe")
    assert without_index(tree(out)) == without_index(tree(level5))
    with zipfile.ZipFile(out / "2024" / "ville-de-boe.zip") as archive:
        assert archive.comment.startswith(b"tnl-signage kit ")


def test_a_foreign_index_is_kept_and_the_run_says_so(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "2024").mkdir(parents=True)
    (out / "2024" / "index.csv").write_text("mes;colonnes\n1;2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["kit", str(palmares(tmp_path, BOE)), "-o", str(out), "--quiet", "--jobs", "1"])
    assert result.exit_code == 1
    assert "index.csv existe et n'est pas un index de kits tnl-signage" in result.stderr
    assert (out / "2024" / "index.csv").read_text(encoding="utf-8") == "mes;colonnes\n1;2\n"
    assert manifest_matches(out / "2024" / "ville-de-boe")
