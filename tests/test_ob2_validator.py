"""Open Badges 2.0 files checked by the IMS validator (`openbadges` 1.1.2), offline.

The site is served from 127.0.0.1 by a small threaded HTTP server; the validator runs in its own venv
(scripts/setup_ob_validator.sh) through scripts/ob2_verify_runner.py, which answers the Open Badges JSON-LD
context locally and refuses every other address.
"""

from __future__ import annotations

import functools
import json
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import missing
from tests.ob_fixtures import ROOT, example_laureates
from tnl_signage.products.openbadges import write_openbadges

VALIDATOR_PYTHON = ROOT / ".venv-obv" / "bin" / "python"
RUNNER = ROOT / "scripts" / "ob2_verify_runner.py"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def validator() -> Path:
    if not VALIDATOR_PYTHON.exists():
        missing("validateur Open Badges 2.0 absent (.venv-obv) : lancez scripts/setup_ob_validator.sh")
    return VALIDATOR_PYTHON


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("ob2-site")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    write_openbadges(example_laureates(), root, base)
    yield root, base
    server.shutdown()
    server.server_close()


def validate(python: Path, inputs: list[str]) -> list[dict[str, Any]]:
    done = subprocess.run([str(python), str(RUNNER), *inputs], capture_output=True, text=True, timeout=600,
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    reports: list[dict[str, Any]] = json.loads(done.stdout)
    assert [r["input"] for r in reports] == inputs
    return reports


def problems(reports: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    return [(r["input"], [m.get("result") for m in r["messages"]]) for r in reports
            if not r["valid"] or r["errorCount"]]


def test_every_hosted_assertion_of_the_example_is_valid(validator, site):
    _root, base = site
    urls = [f"{base}/{lau.year}/{lau.slug}/assertion.json" for lau in example_laureates()]
    reports = validate(validator, urls)
    assert len(reports) == 36
    assert problems(reports) == []
    assert all(r["valid"] is True and r["errorCount"] == 0 and r["warningCount"] == 0 for r in reports)


def test_every_baked_image_is_valid(validator, site):
    root, _base = site
    files = [str(root / f"{lau.year}/{lau.slug}/badge-ob2.{ext}") for lau in example_laureates()
             for ext in ("png", "svg")]
    reports = validate(validator, files)
    assert len(reports) == 72
    assert problems(reports) == []


def test_the_validator_does_catch_a_broken_assertion(validator, site):
    root, base = site
    good = json.loads((root / "2021/ville-de-lyon/assertion.json").read_text(encoding="utf-8"))
    broken_dir = root / "casse"
    broken_dir.mkdir(exist_ok=True)
    wrong_type = {**good, "id": f"{base}/casse/type.json", "recipient": {**good["recipient"], "type": "email"}}
    no_date = {k: v for k, v in good.items() if k != "issuedOn"} | {"id": f"{base}/casse/date.json"}
    (broken_dir / "type.json").write_text(json.dumps(wrong_type), encoding="utf-8")
    (broken_dir / "date.json").write_text(json.dumps(no_date), encoding="utf-8")
    reports = validate(validator, [wrong_type["id"], no_date["id"]])
    assert [r["valid"] for r in reports] == [False, False]
    assert "Email type identity must match email format." in [m["result"] for m in reports[0]["messages"]]
    assert any("issuedOn" in m["result"] for m in reports[1]["messages"])


def test_the_validator_sees_a_withdrawn_award(validator, site):
    from datetime import date

    from tnl_signage.domain.revocations import Revocation, Revocations

    root, base = site
    boe = next(lau for lau in example_laureates() if (lau.year, lau.slug) == (2025, "ville-de-boe"))
    withdrawn = Revocations((Revocation(2025, "ville-de-boe", date(2026, 3, 2), "demande de la collectivité"),))
    write_openbadges([boe], root / "retrait", f"{base}/retrait", revocations=withdrawn)
    (report,) = validate(validator, [f"{base}/retrait/2025/ville-de-boe/assertion.json"])
    # still a well-formed assertion for the validator, which reads it as withdrawn
    assert report["valid"] is True and report["errorCount"] == 0
    assert report["revoked"] == [{"revoked": True,
                                  "revocationReason": "retiré le 2 mars 2026 : demande de la collectivité"}]
    (live,) = validate(validator, [f"{base}/2025/ville-de-boe/assertion.json"])
    assert live["valid"] is True and live["revoked"] == [{"revoked": None, "revocationReason": None}]
