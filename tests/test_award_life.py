"""An award's life after the ceremony: one date everywhere, withdrawal (`revoke`), and `verify` on any file."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from tests.ob_fixtures import BASE_URL, REVOKED, example_laureates, revoked_site, signed_site
from tests.print_helpers import get_format
from tnl_signage.cli import cli
from tnl_signage.domain.revocations import Revocation, Revocations
from tnl_signage.domain.theme import load_theme
from tnl_signage.inputs.editions import edition_for, parse_editions
from tnl_signage.inputs.revocations import load_revocations
from tnl_signage.layout.badges import BadgeContent
from tnl_signage.layout.certificate import certificate_scene
from tnl_signage.layout.print_layout import print_scene
from tnl_signage.products.certificates import certificate
from tnl_signage.products.openbadges import write_laureate_openbadges
from tnl_signage.products.openbadges.baking import bake_png, compact_json, unbake_png
from tnl_signage.products.openbadges.status import LIST_SIZE, bit_is_set, natural_index, status_indices
from tnl_signage.publishing.kit.zipper import write_zip
from tnl_signage.publishing.site.builder import build_site
from tnl_signage.publishing.verify import verify_file
from tnl_signage.writers import render

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "palmares-exemple.csv"


def find(year: int, slug: str):
    return next(lau for lau in example_laureates() if (lau.year, lau.slug) == (year, slug))


# ---------------------------------------------------------------- one award, one date


@pytest.mark.parametrize("year, slug", [(2025, "ville-de-boe"), (2021, "ville-de-lyon")])
def test_one_award_one_instant_in_every_output(tmp_path: Path, year: int, slug: str) -> None:
    lau = find(year, slug)
    instant = edition_for(year).award_instant
    xsd = instant.strftime("%Y-%m-%dT%H:%M:%SZ")
    pdf_date = instant.strftime("D:%Y%m%d%H%M%SZ")
    content = BadgeContent(lau.distinction, lau.year, lau.name, None, lau.mentions, lau.type.label_fr)
    panel = render(print_scene("panel", content, get_format("800x400", "panel"), load_theme("light")).scene, "pdf")
    certificate_pdf = certificate(lau).to_bytes("pdf")
    for data in (panel, certificate_pdf):
        with pikepdf.open(io.BytesIO(data)) as pdf:
            assert str(pdf.trailer.Info.CreationDate) == str(pdf.trailer.Info.ModDate) == pdf_date
            meta = pdf.open_metadata()
            assert meta["xmp:CreateDate"] == meta["xmp:ModifyDate"] == meta["xmp:MetadataDate"] == xsd
    write_laureate_openbadges(lau, tmp_path, BASE_URL, signing_key=signed_site().key)
    assert json.loads((tmp_path / "assertion.json").read_text())["issuedOn"] == xsd
    credential = json.loads((tmp_path / "credential.json").read_text())
    assert credential["validFrom"] == credential["awardedDate"] == xsd
    archive = write_zip([("a.txt", b"a")], tmp_path / "k.zip", prefix="k", year=year, made_from={})
    with zipfile.ZipFile(archive) as z:
        assert z.infolist()[0].date_time == instant.timetuple()[:6]


def test_editions_rule_for_unknown_years_and_bad_files() -> None:
    editions = parse_editions({"defaults": {"unknown_day": "11-15"}, "2024": {"date": date(2024, 12, 4)}}, "e.toml")
    assert editions.edition_for(2024).date_known and editions.edition_for(2024).award_date == date(2024, 12, 4)
    assert not editions.edition_for(2019).date_known and editions.edition_for(2019).award_date == date(2019, 11, 15)
    with pytest.raises(Exception, match="e.toml.*n'est pas en 2023"):
        parse_editions({"2023": {"date": date(2024, 1, 2)}}, "e.toml")
    with pytest.raises(Exception, match="clé inconnue « dat »"):
        parse_editions({"2023": {"dat": date(2023, 1, 2)}}, "e.toml")


# ---------------------------------------------------------------- revocation


def test_status_bits_are_stable_and_distinct() -> None:
    laureates = example_laureates()
    indices = status_indices(laureates)
    assert len(indices) == len(laureates)
    for year in {lau.year for lau in laureates}:
        bits = [i for (y, _), i in indices.items() if y == year]
        assert len(set(bits)) == len(bits) and all(0 <= b < LIST_SIZE for b in bits)
    assert all(indices[(lau.year, lau.slug)] == natural_index(lau) for lau in laureates)  # no collision here


def test_status_list_sets_only_the_withdrawn_bit() -> None:
    site = revoked_site()
    status = json.loads((site.root / "openbadges/status/2025.json").read_text())
    assert status["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert status["validFrom"] == "2026-03-02T12:00:00Z"  # the list changed with the withdrawal
    encoded = status["credentialSubject"]["encodedList"]
    for lau in site.laureates:
        entry = json.loads((site.root / f"{lau.year}/{lau.slug}/credential.json").read_text())["credentialStatus"]
        assert entry["statusListCredential"] == f"{BASE_URL}/openbadges/status/2025.json"
        assert bit_is_set(encoded, int(entry["statusListIndex"])) == (lau.slug == REVOKED[1])
    assertion = json.loads((site.root / f"2025/{REVOKED[1]}/assertion.json").read_text())
    assert assertion["revoked"] is True
    assert assertion["revocationReason"] == "retiré le 2 mars 2026 : demande de la collectivité"


def test_revoke_command_adds_one_line_and_refuses_mistakes(tmp_path: Path) -> None:
    palmares = tmp_path / "palmares.csv"
    shutil.copy(EXAMPLE, palmares)
    run = CliRunner().invoke
    done = run(cli, ["revoke", str(palmares), "--year", "2025", "--slug", "ville-de-boe", "--reason",
                     "demande de la collectivité", "--date", "2026-03-02"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "retraits.csv").read_text(encoding="utf-8") == (
        "annee;laureat;date;motif\n2025;ville-de-boe;2026-03-02;demande de la collectivité\n")
    again = run(cli, ["revoke", str(palmares), "--year", "2025", "--slug", "ville-de-boe", "--reason", "x"])
    assert again.exit_code == 1 and "déjà retiré depuis le 2026-03-02" in again.output
    unknown = run(cli, ["revoke", str(palmares), "--year", "2025", "--slug", "ville-inconnue", "--reason", "x"])
    assert unknown.exit_code == 1 and "aucun lauréat « ville-inconnue » en 2025" in unknown.output
    assert "Traceback" not in again.output + unknown.output
    (tmp_path / "retraits.csv").write_text("annee;laureat;date;motif\n2025;x;2026-13-01;m\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"retraits.csv, ligne 2, champ « date » : valeur « 2026-13-01 »"):
        load_revocations(tmp_path / "retraits.csv")


def test_site_says_withdrawn_on_page_widget_and_auto_badge(tmp_path: Path) -> None:
    from tnl_signage.inputs.palmares import load_palmares

    palmares = load_palmares(EXAMPLE)
    only_2025 = type(palmares)(**{**palmares.__dict__,
                                  "laureates": tuple(lau for lau in palmares.laureates if lau.year == 2025)})
    withdrawn = Revocations((Revocation(2025, "ville-de-boe", date(2026, 3, 2), "demande de la collectivité"),))
    build_site(only_2025, tmp_path, BASE_URL, revocations=withdrawn)
    boe, other = tmp_path / "2025/ville-de-boe", tmp_path / "2025/parc-national-des-ecrins"
    page = (boe / "index.html").read_text(encoding="utf-8")
    assert "Distinction retirée le 2 mars 2026" in page and "demande de la collectivité" in page
    assert 'alt="Label Territoire Numérique Libre 2025 retiré le 2 mars 2026"' in page  # the image says so too
    assert "retiré le 2 mars 2026" in (boe / "widget.html").read_text(encoding="utf-8")
    assert "retiré" not in (other / "widget.html").read_text(encoding="utf-8")
    auto = (boe / "badge-mark-auto.svg").read_text(encoding="utf-8")
    assert "retirée le 2 mars 2026" in auto and "Label Or" not in auto
    assert "prefers-color-scheme" in auto  # still follows the reader's light or dark preference
    assert "retiré" not in (other / "badge-mark-auto.svg").read_text(encoding="utf-8")


# ---------------------------------------------------------------- verify


def test_verify_accepts_every_baked_file_of_the_example_site() -> None:
    site = signed_site()
    files = [site.root / f"{lau.year}/{lau.slug}/{name}" for lau in site.laureates
             for name in ("badge-ob2.png", "badge-ob2.svg", "badge-ob3.png", "badge-ob3.svg")]
    done = CliRunner().invoke(cli, ["verify", "--site", str(site.root), *map(str, files)])
    assert done.exit_code == 0, done.output[-2000:]
    assert done.output.count("=> VALIDE") == len(files) == 144
    assert "Ville de Lyon (2021)" in done.output and "distinction en vigueur" in done.output


def test_verify_refuses_a_withdrawn_and_a_tampered_badge(tmp_path: Path) -> None:
    site = revoked_site()
    folder = site.root / f"2025/{REVOKED[1]}"
    png = (folder / "badge-ob3.png").read_bytes()
    credential = json.loads(unbake_png(png, 3))
    credential["credentialSubject"]["achievement"]["name"] = "Territoire Numérique Libre 2025 — Label Or (faux)"
    (tmp_path / "faux.png").write_bytes(bake_png(png, compact_json(credential), 3))
    assertion = json.loads((folder / "assertion.json").read_text())
    (tmp_path / "faux2.json").write_text(json.dumps({**assertion, "revoked": False}))
    run = CliRunner().invoke
    for name in ("badge-ob3.png", "badge-ob3.svg", "badge-ob2.png", "credential.json"):
        done = run(cli, ["verify", str(folder / name)])  # the site is found above the file
        assert done.exit_code == 1, done.output
        assert "statut : retiré le 2 mars 2026 : demande de la collectivité" in done.output
        assert "=> RETIRÉE" in done.output
    tampered = run(cli, ["verify", "--site", str(site.root), str(tmp_path / "faux.png"), str(tmp_path / "faux2.json")])
    assert tampered.exit_code == 1
    assert "signature refusée" in tampered.output and "le badge a été modifié" in tampered.output
    assert "ne correspond pas à l'assertion publiée" in tampered.output
    offline = verify_file(folder / "badge-ob3.png", tmp_path)  # a folder that is not the site
    assert not offline.ok and "n'est pas un site tnl-signage" in " ".join(offline.problems)


def test_an_organiser_editions_file_replaces_the_shipped_one(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    own = tmp_path / "editions.toml"
    own.write_text('[defaults]\nbase_url = "https://labels.example.org/v"\n\n'
                   '[2021]\ndate = 2021-11-30\nplace = "Lyon"\nsignatory = "Mme Exemple"\nissued = 2022-01-10\n',
                   encoding="utf-8")
    monkeypatch.setenv("TNL_EDITIONS", str(own))
    lyon = find(2021, "ville-de-lyon")
    assert edition_for(2021).award_xsd == "2021-11-30T12:00:00Z"
    data = certificate(lyon).to_bytes("pdf")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert str(pdf.trailer.Info.CreationDate) == "D:20220110120000Z"  # the issue date
    scene = certificate_scene(lyon, load_theme("light")).scene
    text = " ".join(span.text for node in scene.walk() for span in getattr(node, "spans", ()))
    assert "Décerné le 30 novembre 2021 — Lyon" in text and "Attestation établie le 10 janvier 2022" in text
    assert "Mme Exemple" in text and "labels.example.org/v/" in text


def test_a_kit_made_after_the_withdrawal_says_so(tmp_path: Path) -> None:
    from tnl_signage.publishing.kit import KitOptions
    from tnl_signage.publishing.kit.builder import make_kit

    boe = find(2025, "ville-de-boe")
    withdrawn = Revocations((Revocation(2025, "ville-de-boe", date(2026, 3, 2), "demande de la collectivité"),))
    outcome = make_kit(boe, tmp_path, KitOptions(revocations=withdrawn))
    assert outcome.status == "fait" and outcome.withdrawn
    # nothing celebratory: the notice and LISEZMOI only (the revoked Open Badges stay on the site)
    names = sorted(p.relative_to(outcome.folder).as_posix() for p in outcome.folder.rglob("*") if p.is_file())
    assert names == ["LISEZMOI.html", "avis-de-retrait-2025-ville-de-boe.pdf", "manifest.json"]
    readme = (outcome.folder / "LISEZMOI.html").read_text(encoding="utf-8")
    assert "Distinction retirée" in readme and "2 mars 2026" in readme and "demande de la collectivité" in readme


def test_verify_never_reads_outside_the_site_copy(tmp_path: Path) -> None:
    from tnl_signage.publishing.verify import SiteCopy

    site = SiteCopy(signed_site().root)
    secret = tmp_path / "secret.json"
    secret.write_text('{"id": "x"}', encoding="utf-8")
    assert site.load(f"{BASE_URL}/openbadges/issuer.json") is not None
    for url in (f"{BASE_URL}/../{secret}", f"{BASE_URL}/{secret}", f"{BASE_URL}//{secret}",
                "https://ailleurs.example/openbadges/issuer.json"):
        assert site.load(url) is None, url


def test_after_a_withdrawal_only_that_kit_is_made_again(tmp_path: Path) -> None:
    from tnl_signage.publishing.kit import KitOptions
    from tnl_signage.publishing.kit.builder import make_kit

    boe, lyon = find(2025, "ville-de-boe"), find(2021, "ville-de-lyon")
    for lau in (boe, lyon):
        assert make_kit(lau, tmp_path, KitOptions()).status == "fait"
    withdrawn = KitOptions(revocations=Revocations((
        Revocation(2025, "ville-de-boe", date(2026, 3, 2), "demande de la collectivité"),)))
    again = make_kit(boe, tmp_path, withdrawn)
    assert again.status == "fait" and "distinction retirée" in " ".join(again.notes)
    assert (again.folder / "avis-de-retrait-2025-ville-de-boe.pdf").is_file()
    assert not (again.folder / "badges").exists()  # the earlier kit's badges went with it
    assert make_kit(lyon, tmp_path, withdrawn).status != "fait"  # untouched
    assert make_kit(boe, tmp_path, withdrawn).status != "fait"  # and now up to date
