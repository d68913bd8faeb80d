"""JSON-LD contexts shipped with the package, and a document loader that never touches the network.

Why: a signature over JSON-LD signs what the contexts make of the document. Fetching them at signing time
would make the output depend on a remote server (and on being online); serving pinned copies keeps every
credential reproducible and lets signing work offline.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable, Mapping
from typing import Any

from ...errors import TnlError
from ...resources import data_file

CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3P0 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
OB_V2 = "https://w3id.org/openbadges/v2"

# URL -> file in tnl_signage/data/contexts/ (origin and licence of each: README.md there)
CONTEXT_FILES: dict[str, str] = {
    CREDENTIALS_V2: "credentials-v2.jsonld",
    OB_V3P0: "ob-v3p0-context-3.0.3.json",
    MULTIKEY_V1: "multikey-v1.jsonld",
}

JsonDict = dict[str, Any]
DocumentLoader = Callable[..., JsonDict]


class NetworkRefused(TnlError):
    """A JSON-LD document was asked for that is not bundled: we refuse to fetch it."""


@functools.cache
def _read(url: str) -> str:
    return data_file("contexts", CONTEXT_FILES[url]).read_text(encoding="utf-8")


def bundled_context(url: str) -> JsonDict:
    """A fresh copy of a bundled context document (KeyError if not bundled)."""
    if url not in CONTEXT_FILES:
        raise KeyError(url)
    loaded: JsonDict = json.loads(_read(url))
    return loaded


def document_loader(extra: Mapping[str, JsonDict] | None = None) -> DocumentLoader:
    """A pyld document loader serving the bundled contexts (and `extra` documents), refusing any other URL."""
    documents = dict(extra or {})

    def load(url: str, options: Any = None) -> JsonDict:
        if url in documents:
            document = copy.deepcopy(documents[url])
        elif url in CONTEXT_FILES:
            document = bundled_context(url)
        else:
            raise NetworkRefused(f"document JSON-LD non fourni localement, accès réseau refusé : {url}")
        return {"contextUrl": None, "documentUrl": url, "document": document}

    return load
