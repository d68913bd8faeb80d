"""Open Badges files of the example palmarès: URL contract, content, proofs, determinism, hostile names."""

from __future__ import annotations

import copy
import io
import json
import uuid
from pathlib import Path
from xml.etree import ElementTree

import base58
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PIL import Image

from tests.ob_fixtures import BASE_URL, example_laureates, signed_site
from tnl_signage.domain.model import Laureate
from tnl_signage.inputs.editions import edition_for
from tnl_signage.inputs.rows import make_laureate
from tnl_signage.products.badges import badge
from tnl_signage.products.openbadges import write_laureate_openbadges, write_openbadges
from tnl_signage.products.openbadges.baking import OB2_NAMESPACE, OB3_NAMESPACE, bake_png, unbake_png, unbake_svg
from tnl_signage.products.openbadges.keys import controller_document, public_multibase
from tnl_signage.products.openbadges.ob3 import UnsafeJsonLd, sign_credential, verify_credential
from tnl_signage.products.openbadges.paths import SiteUrls
from tnl_signage.products.openbadges.publish import NO_KEY_NOTE

LAUREATE_FILES = ("assertion.json", "badge-ob2.png", "badge-ob2.svg", "credential.json", "badge-ob3.png",
                  "badge-ob3.svg")


def load(root: Path, rel: str) -> dict:
    return json.loads((root / rel).read_text(encoding="utf-8"))


def find(year: int, slug: str) -> Laureate:
    return next(lau for lau in example_laureates() if lau.year == year and lau.slug == slug)


def test_tree_is_exactly_the_url_contract():
    site = signed_site()
    expected = {"openbadges/issuer.json", "openbadges/issuer-v3.json"}
    for lau in site.laureates:
        expected |= {f"{lau.year}/{lau.slug}/{name}" for name in LAUREATE_FILES}
        stem = f"{lau.year}-{lau.distinction.id}"
        expected |= {f"openbadges/badges/{stem}.json", f"openbadges/badges/{stem}.png",
                     f"openbadges/achievements/{stem}.json", f"openbadges/status/{lau.year}.json"}
    written = {p.relative_to(site.root).as_posix() for p in site.root.rglob("*")
               if p.is_file() and not p.name.startswith(".tnl-signage")}  # the run's own record and lock
    assert written == expected
    assert {p.relative_to(site.root).as_posix() for p in site.result.files} == expected
    assert len(site.laureates) == 36


def test_every_json_id_is_the_url_it_is_published_at():
    site = signed_site()
    for path in site.root.rglob("*.json"):
        if path.name.startswith("."):
            continue  # .tnl-signage-fichiers.json: the record of what the run wrote, never served
        rel = path.relative_to(site.root).as_posix()
        doc = load(site.root, rel)
        if rel.endswith("credential.json"):
            assert doc["id"].startswith("urn:uuid:")
        else:
            assert doc["id"] == f"{BASE_URL}/{rel}"


def test_issuer_profile_2_0():
    doc = load(signed_site().root, "openbadges/issuer.json")
    assert doc == {
        "@context": "https://w3id.org/openbadges/v2", "type": "Issuer", "id": f"{BASE_URL}/openbadges/issuer.json",
        "name": "ADULLACT", "url": "https://adullact.org", "email": "contact@adullact.org",
        "description": doc["description"]}
    assert "Territoire Numérique Libre" in doc["description"]


def test_badge_class_names_distinction_and_year_in_french():
    site = signed_site()
    doc = load(site.root, "openbadges/badges/2021-3.json")
    assert doc["type"] == "BadgeClass"
    assert doc["name"] == "Territoire Numérique Libre 2021 — Niveau 3 sur 5"
    assert "décerné par ADULLACT en 2021 : Niveau 3 sur 5" in doc["description"]
    assert doc["image"] == f"{BASE_URL}/openbadges/badges/2021-3.png"
    assert doc["criteria"]["id"] == "https://territoire-numerique-libre.org"
    assert "logiciels libres" in doc["criteria"]["narrative"]
    assert doc["issuer"] == f"{BASE_URL}/openbadges/issuer.json"
    assert load(site.root, "openbadges/badges/2025-or.json")["name"] == "Territoire Numérique Libre 2025 — Label Or"
    with Image.open(site.root / "openbadges/badges/2021-3.png") as image:
        assert image.format == "PNG" and image.size == (240, 240)


def test_assertion_recipient_is_the_site_or_the_verification_page():
    site = signed_site()
    lyon = load(site.root, "2021/ville-de-lyon/assertion.json")
    assert lyon["recipient"] == {"type": "url", "identity": "https://www.lyon.fr", "hashed": False}
    assert lyon["badge"] == f"{BASE_URL}/openbadges/badges/2021-3.json"
    assert lyon["verification"] == {"type": "hosted"}
    assert lyon["issuedOn"] == "2021-12-01T12:00:00Z"
    assert lyon["evidence"][0]["id"] == f"{BASE_URL}/2021/ville-de-lyon/"
    assert lyon["image"] == f"{BASE_URL}/2021/ville-de-lyon/badge-ob2.png"
    rennes = load(site.root, "2017/ville-de-rennes/assertion.json")
    assert rennes["recipient"]["identity"] == f"{BASE_URL}/2017/ville-de-rennes/"
    boe = load(site.root, "2025/ville-de-boe/assertion.json")
    assert boe["issuedOn"] == "2025-11-19T12:00:00Z"
    assert boe["recipient"]["identity"] == "https://www.ville-boe.fr"
    ecrins = load(site.root, "2025/parc-national-des-ecrins/assertion.json")
    expected = "Mentions spéciales «\u00a0Meilleure première candidature\u00a0» et «\u00a0Mutualisation\u00a0»"
    assert expected in ecrins["narrative"]
    notes = " ".join(site.result.notes)
    assert "29 lauréat(s) sans site web" in notes and "page de vérification" in notes


def test_award_dates_are_fixed_data():
    assert edition_for(2025).award_xsd == "2025-11-19T12:00:00Z"
    assert edition_for(2024).award_xsd == "2024-12-04T12:00:00Z"
    assert edition_for(2016).award_xsd == "2016-12-01T12:00:00Z"  # the documented rule for undated years


def test_credential_structure():
    site = signed_site()
    lau = find(2021, "ville-de-lyon")
    cred = load(site.root, "2021/ville-de-lyon/credential.json")
    assert cred["@context"] == ["https://www.w3.org/ns/credentials/v2",
                                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
    assert cred["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert cred["id"] == f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{BASE_URL}/2021/ville-de-lyon/credential.json')}"
    assert cred["issuer"]["id"] == f"{BASE_URL}/openbadges/issuer-v3.json"
    assert cred["issuer"]["type"] == ["Profile"] and cred["issuer"]["name"] == "ADULLACT"
    assert cred["validFrom"] == "2021-12-01T12:00:00Z"
    subject = cred["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["id"] == "https://www.lyon.fr"
    assert subject["identifier"] == [{"type": "IdentityObject", "identityType": "name", "hashed": False,
                                      "identityHash": lau.display_name}]
    achievement_doc = load(site.root, "openbadges/achievements/2021-3.json")
    assert subject["achievement"] == {k: v for k, v in achievement_doc.items() if k != "@context"}
    assert subject["achievement"]["criteria"]["narrative"]
    proof = cred["proof"]
    assert proof["type"] == "DataIntegrityProof" and proof["cryptosuite"] == "eddsa-rdfc-2022"
    assert proof["verificationMethod"] == f"{BASE_URL}/openbadges/issuer-v3.json#key-1"
    assert proof["proofPurpose"] == "assertionMethod"
    assert proof["created"] == "2025-12-01T12:00:00Z"  # the signing time: SOURCE_DATE_EPOCH (tests/conftest.py)
    assert cred["validFrom"] == "2021-12-01T12:00:00Z"  # the award
    assert proof["proofValue"].startswith("z") and len(base58.b58decode(proof["proofValue"][1:])) == 64
    rennes = load(site.root, "2017/ville-de-rennes/credential.json")["credentialSubject"]
    assert "id" not in rennes and rennes["identifier"][0]["identityHash"] == "Ville de Rennes"


def test_issuer_v3_publishes_the_key_under_verification_method():
    site = signed_site()
    doc = load(site.root, "openbadges/issuer-v3.json")
    assert doc["id"] == f"{BASE_URL}/openbadges/issuer-v3.json" and doc["type"] == ["Profile"]
    (method,) = doc["verificationMethod"]
    assert doc["assertionMethod"] == [method["id"]]
    assert method == {"id": f"{BASE_URL}/openbadges/issuer-v3.json#key-1", "type": "Multikey",
                      "controller": doc["id"], "publicKeyMultibase": public_multibase(site.key)}
    assert method["publicKeyMultibase"].startswith("z6Mk")  # base58btc of the 0xed01 Ed25519 prefix


def test_python_check_accepts_every_credential_and_rejects_changes():
    site = signed_site()
    controller = load(site.root, "openbadges/issuer-v3.json")
    for lau in site.laureates:
        cred = load(site.root, f"{lau.year}/{lau.slug}/credential.json")
        assert verify_credential(cred, controller).valid, lau.slug
    cred = load(site.root, "2021/ville-de-lyon/credential.json")
    for change in (("name",), ("credentialSubject", "achievement", "name"), ("validFrom",)):
        tampered = copy.deepcopy(cred)
        node = tampered
        for key in change[:-1]:
            node = node[key]
        node[change[-1]] = "2030-01-01T12:00:00Z" if change[-1] == "validFrom" else node[change[-1]] + " !"
        result = verify_credential(tampered, controller)
        assert not result.valid and result.reason == "signature invalide", change
    other = controller_document(Ed25519PrivateKey.generate(), SiteUrls.of(BASE_URL))
    assert not verify_credential(cred, other).valid


def test_terms_outside_the_contexts_are_refused_not_silently_unsigned():
    cred = load(signed_site().root, "2021/ville-de-lyon/credential.json")
    del cred["proof"]
    key = Ed25519PrivateKey.generate()
    with pytest.raises(UnsafeJsonLd, match="non défini"):
        sign_credential({**cred, "couleurPréférée": "vert"}, key, "https://x.example/k#1")
    with pytest.raises(UnsafeJsonLd, match="non absolu"):
        sign_credential({**cred, "id": "credential-1"}, key, "https://x.example/k#1")


def test_same_input_same_bytes(tmp_path):
    site = signed_site()
    again = write_openbadges(site.laureates, tmp_path, BASE_URL, signing_key=site.key)
    assert again.notes == site.result.notes
    for path in site.result.files:
        rel = path.relative_to(site.root)
        assert (tmp_path / rel).read_bytes() == path.read_bytes(), rel


def test_without_key_only_2_0_with_one_clear_line(tmp_path):
    lau = find(2021, "ville-de-lyon")
    result = write_openbadges([lau], tmp_path, BASE_URL)
    written = {p.relative_to(tmp_path).as_posix() for p in result.files}
    assert written == {"openbadges/issuer.json", "openbadges/badges/2021-3.json", "openbadges/badges/2021-3.png",
                       "2021/ville-de-lyon/assertion.json", "2021/ville-de-lyon/badge-ob2.png",
                       "2021/ville-de-lyon/badge-ob2.svg"}
    assert result.notes == [NO_KEY_NOTE]


def test_baked_images_round_trip_and_keep_the_seal_pixels():
    site = signed_site()
    folder = site.root / "2021/ville-de-lyon"
    assertion = json.loads((folder / "assertion.json").read_text(encoding="utf-8"))
    credential = json.loads((folder / "credential.json").read_text(encoding="utf-8"))
    ob2_png, ob3_png = (folder / "badge-ob2.png").read_bytes(), (folder / "badge-ob3.png").read_bytes()
    assert json.loads(unbake_png(ob2_png, 2)) == assertion  # the 2.0 baking spec: the assertion itself
    assert json.loads(unbake_png(ob3_png, 3)) == credential
    assert unbake_svg((folder / "badge-ob2.svg").read_bytes(), 2) == (assertion, assertion["id"])
    assert unbake_svg((folder / "badge-ob3.svg").read_bytes(), 3) == (credential, None)
    with Image.open(io.BytesIO(ob2_png)) as baked:  # Pillow reads the chunk independently
        assert json.loads(baked.text["openbadges"]) == assertion
        baked_pixels = baked.convert("RGBA").tobytes()
    with Image.open(io.BytesIO(ob3_png)) as baked3:
        assert json.loads(baked3.text["openbadgecredential"]) == credential
    seal = badge(find(2021, "ville-de-lyon"), variant="seal", theme="light").to_bytes("png")  # the kit's seal PNG
    with Image.open(io.BytesIO(seal)) as plain:
        assert plain.convert("RGBA").tobytes() == baked_pixels
    rebaked = bake_png(ob2_png, "https://autre.example/a.json", 2)
    assert rebaked.count(b"iTXtopenbadges\0") == 1 and unbake_png(rebaked, 2) == "https://autre.example/a.json"
    for name, namespace, tag in (("badge-ob2.svg", OB2_NAMESPACE, "assertion"),
                                 ("badge-ob3.svg", OB3_NAMESPACE, "credential")):
        root = ElementTree.fromstring((folder / name).read_bytes())
        assert root[0].tag == f"{{{namespace}}}{tag}"


HOSTILE = 'Ville de "Test" </script><script>alert(1)</script> ]]> & <![CDATA[ \\ \' {"@id": "x"}'


def test_hostile_name_stays_inert_text(tmp_path):
    lau = make_laureate(name=HOSTILE, level="3", year=2021, type="commune", website="https://ville.example.fr")
    key = Ed25519PrivateKey.generate()
    result = write_laureate_openbadges(lau, tmp_path, BASE_URL, signing_key=key)
    assert sorted(p.name for p in result.files) == sorted(LAUREATE_FILES)
    assertion = json.loads((tmp_path / "assertion.json").read_text(encoding="utf-8"))
    assert HOSTILE in assertion["narrative"]
    credential = json.loads((tmp_path / "credential.json").read_text(encoding="utf-8"))
    assert credential["credentialSubject"]["identifier"][0]["identityHash"] == HOSTILE
    assert set(credential) == {"@context", "id", "type", "name", "description", "issuer", "validFrom",
                               "awardedDate", "image", "credentialSubject", "evidence", "credentialStatus",
                               "proof"}
    assert verify_credential(credential, controller_document(key, SiteUrls.of(BASE_URL))).valid
    for name, version in (("badge-ob2.svg", 2), ("badge-ob3.svg", 3)):
        raw = (tmp_path / name).read_bytes()
        root = ElementTree.fromstring(raw)
        assert not [el for el in root.iter() if el.tag.endswith("script")]
        assert raw.count(b"]]>") == 1  # only the end of our CDATA section
        payload, _verify = unbake_svg(raw, version)
        assert payload == (assertion if version == 2 else credential)
