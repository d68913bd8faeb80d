"""Run the IMS Open Badges 2.0 validator (`openbadges` 1.1.2) offline on hosted assertions or baked images.

Runs with the validator's own venv (scripts/setup_ob_validator.sh), never the project's:
    .venv-obv/bin/python scripts/ob2_verify_runner.py URL_OR_BAKED_FILE...
Prints a JSON list, one report per input: {input, valid, errorCount, warningCount, messages}.

Offline on purpose: every `requests` session gets transport adapters that answer the Open Badges v2 JSON-LD
context from the copy bundled in the validator, pass requests to 127.0.0.1/localhost (where the test serves
the generated site), and refuse every other address, so a file that points elsewhere fails instead of
silently reaching the Internet.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import requests
from openbadges import verify
from openbadges.verifier.openbadges_context import OPENBADGES_CONTEXT_V2_DICT
from requests.adapters import BaseAdapter, HTTPAdapter

LOCAL_PREFIXES = ("http://127.0.0.1", "http://localhost")
CONTEXT_URLS = ("https://w3id.org/openbadges/v2", "https://w3id.org/openbadges/v2/")


def _response(request: requests.PreparedRequest, status: int, body: bytes, content_type: str) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = body
    response.headers["Content-Type"] = content_type
    response.url = request.url or ""
    response.request = request
    response.encoding = "utf-8"
    return response


class ContextAdapter(BaseAdapter):
    """Answers the bundled Open Badges v2 context; anything else under w3id.org is refused."""

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        if request.url in CONTEXT_URLS:
            body = json.dumps(OPENBADGES_CONTEXT_V2_DICT).encode("utf-8")
            return _response(request, 200, body, "application/ld+json")
        raise requests.ConnectionError(f"network refused: {request.url}")

    def close(self) -> None:
        pass


class RefuseAdapter(BaseAdapter):
    """No network: any address that is neither local nor the bundled context fails."""

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        raise requests.ConnectionError(f"network refused: {request.url}")

    def close(self) -> None:
        pass


_original_init = requests.Session.__init__


def _offline_init(self: requests.Session, *args: Any, **kwargs: Any) -> None:
    _original_init(self, *args, **kwargs)
    self.mount("http://", RefuseAdapter())
    self.mount("https://", RefuseAdapter())
    self.mount("https://w3id.org/", ContextAdapter())
    for prefix in LOCAL_PREFIXES:
        self.mount(prefix, HTTPAdapter())


def install_offline_sessions() -> None:
    """Make every requests.Session (the validator creates its own) offline as described above."""
    requests.Session.__init__ = _offline_init  # type: ignore[method-assign]


def check(item: str) -> dict[str, Any]:
    """The validator's report on one URL or baked image file."""
    if item.startswith(("http://", "https://")):
        result = verify(item, use_cache=False)
    else:
        with open(item, "rb") as image:
            result = verify(image, use_cache=False)
    report = result["report"]
    return {
        "input": item,
        "valid": report.get("valid"),
        "errorCount": report.get("errorCount"),
        "warningCount": report.get("warningCount"),
        "messages": report.get("messages", []),
        # what the validator read of each assertion's revocation (OB 2.0 hosted: `revoked`, `revocationReason`)
        "revoked": [{"revoked": node.get("revoked"), "revocationReason": node.get("revocationReason")}
                    for node in result.get("graph", []) if node.get("type") == "Assertion"],
    }


def main(argv: list[str]) -> int:
    install_offline_sessions()
    reports = [check(item) for item in argv]
    json.dump(reports, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
