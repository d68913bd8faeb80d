"""Open Badges 3.0: one signed `OpenBadgeCredential` (W3C Verifiable Credential) per laureate.

The proof is a `DataIntegrityProof` with the `eddsa-rdfc-2022` cryptosuite: the credential and the proof
options are canonicalised (RDF Dataset Canonicalization, URDNA2015) with the bundled contexts only, hashed with
SHA-256 and signed with Ed25519. Canonicalising first means a verifier in any language that reads the same
contexts gets the same bytes, whatever the JSON key order or spacing.

JSON-LD silently drops a term its contexts do not define, and a relative `id` is not an IRI: either would leave
a value outside the signature. `canonical_nquads` therefore refuses both, as Digital Bazaar's "safe mode" does.
"""

from __future__ import annotations

import copy
import hashlib
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import base58
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyld import jsonld

from ...domain.editions import instant_xsd
from ...domain.model import Laureate
from ...domain.scales import Distinction
from ...domain.theme import Theme
from ...domain.wording import award_description
from ...errors import TnlError
from ...inputs.clock import signing_time
from ...inputs.editions import edition_for
from .contexts import CREDENTIALS_V2, OB_V3P0, DocumentLoader, document_loader
from .issuer import IssuerInfo
from .keys import public_key_from_multibase
from .ob2 import badge_name, recipient_identity
from .paths import SiteUrls

JsonDict = dict[str, Any]
CONTEXT = [CREDENTIALS_V2, OB_V3P0]
CRYPTOSUITE = "eddsa-rdfc-2022"
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S+")


class UnsafeJsonLd(TnlError):
    """The document has a term or identifier that JSON-LD would drop or not sign."""


def issuer_profile(info: IssuerInfo, urls: SiteUrls) -> JsonDict:
    """The issuer as embedded in each credential; its id is the controller document holding the key."""
    return {"id": urls.issuer_v3, "type": ["Profile"], "name": info.name, "url": info.url, "email": info.email}


def achievement(distinction: Distinction, year: int, urls: SiteUrls, info: IssuerInfo, theme: Theme) -> JsonDict:
    """What was achieved (the distinction of one edition), shared by every laureate who received it."""
    return {
        "id": urls.achievement(year, distinction),
        "type": ["Achievement"],
        "achievementType": "Award",
        "name": badge_name(theme, distinction, year),
        "description": award_description(theme, distinction, year, None),
        "criteria": {"id": info.criteria_url, "narrative": info.criteria_narrative},
        "image": {"id": urls.badge_image(year, distinction), "type": "Image",
                  "caption": badge_name(theme, distinction, year)},
        "creator": issuer_profile(info, urls),
        "inLanguage": "fr",
        "tag": list(info.tags),
    }


def achievement_document(distinction: Distinction, year: int, urls: SiteUrls, info: IssuerInfo,
                         theme: Theme) -> JsonDict:
    """`openbadges/achievements/{year}-{id}.json`: the achievement as a standalone JSON-LD document."""
    return {"@context": list(CONTEXT), **achievement(distinction, year, urls, info, theme)}


def credential_id(laureate: Laureate, urls: SiteUrls) -> str:
    """urn:uuid derived from the credential's URL: stable across runs, unique per year, laureate and site."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, urls.credential(laureate))}"


def credential(laureate: Laureate, urls: SiteUrls, info: IssuerInfo, theme: Theme,
               status: JsonDict | None = None) -> JsonDict:
    """The unsigned credential: the issuer says that this collectivité achieved this distinction.

    `status` (a `BitstringStatusListEntry`) lets a verifier learn later that the award was withdrawn.
    """
    site, has_site = recipient_identity(laureate, urls)
    year, distinction = laureate.year, laureate.distinction
    subject: JsonDict = {
        "type": ["AchievementSubject"],
        "identifier": [{"type": "IdentityObject", "identityType": "name", "hashed": False,
                        "identityHash": laureate.display_name}],
        "achievement": achievement(distinction, year, urls, info, theme),
    }
    if has_site:
        subject["id"] = site
    date = edition_for(year).award_xsd
    document: JsonDict = {
        "@context": list(CONTEXT),
        "id": credential_id(laureate, urls),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{badge_name(theme, distinction, year)} : {laureate.display_name}",
        "description": award_description(theme, distinction, year, laureate.display_name, laureate.mentions,
                                         laureate.type.value),
        "issuer": issuer_profile(info, urls),
        "validFrom": date,
        "awardedDate": date,
        "image": {"id": urls.laureate_file(laureate, "badge-seal-light.png"), "type": "Image",
                  "caption": f"Badge {badge_name(theme, distinction, year)}, {laureate.display_name}"},
        "credentialSubject": subject,
        "evidence": [{
            "id": urls.verification_page(laureate),
            "type": ["Evidence"],
            "name": f"Page de vérification : {laureate.display_name} ({year})",
            "narrative": (f"Le palmarès publié par {info.name} mentionne {laureate.display_name}, "
                          f"{distinction.words} en {year} (attestation {laureate.certificate_number})."),
        }],
    }
    if status is not None:
        document["credentialStatus"] = status
    return document


# ------------------------------------------------------------------------------------------------------------
# Canonicalisation and Data Integrity proof


def _check_iris(node: Any, path: str = "") -> None:
    """Every @id and @type of an expanded document must be an absolute IRI (or a blank node)."""
    if isinstance(node, list):
        for item in node:
            _check_iris(item, path)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key == "@id" and isinstance(value, str) and not (value.startswith("_:") or _ABSOLUTE_IRI.fullmatch(value)):
            raise UnsafeJsonLd(f"identifiant non absolu « {value} » {path}: il ne serait pas signé")
        if key == "@type" and "@value" not in node:
            for kind in value if isinstance(value, list) else [value]:
                if not (isinstance(kind, str) and _ABSOLUTE_IRI.fullmatch(kind)):
                    raise UnsafeJsonLd(f"type « {kind} » non défini par les contextes {path}")
        if key != "@value":
            _check_iris(value, f"{path}/{key}" if not key.startswith("@") else path)


def canonical_nquads(document: Mapping[str, Any], loader: DocumentLoader | None = None) -> str:
    """RDF Dataset Canonicalization (URDNA2015 = RDFC-1.0) as N-Quads; UnsafeJsonLd on a dropped term."""
    loader = loader or document_loader()
    dropped: list[str] = []

    def on_dropped(term: str | None) -> None:
        dropped.append(str(term))

    # base None: a relative IRI must stay relative (and be refused), not be resolved against a made-up base
    expanded = jsonld.expand(copy.deepcopy(dict(document)), {"documentLoader": loader, "base": None},
                             on_property_dropped=on_dropped)
    if dropped:
        raise UnsafeJsonLd(f"terme(s) non défini(s) par les contextes JSON-LD : {', '.join(sorted(set(dropped)))}")
    _check_iris(expanded)
    result: str = jsonld.normalize(copy.deepcopy(dict(document)), {
        "algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader, "base": None})
    return result


def proof_options(created: str, verification_method: str) -> JsonDict:
    """The proof without its value: what is signed along with the document."""
    return {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }


def hash_data(document: Mapping[str, Any], options: Mapping[str, Any],
              loader: DocumentLoader | None = None) -> bytes:
    """sha256(canonical proof options) || sha256(canonical document without proof), per eddsa-rdfc-2022."""
    unsigned = {k: v for k, v in document.items() if k != "proof"}
    config = {"@context": unsigned["@context"], **{k: v for k, v in options.items() if k != "proofValue"}}
    config_hash = hashlib.sha256(canonical_nquads(config, loader).encode("utf-8")).digest()
    doc_hash = hashlib.sha256(canonical_nquads(unsigned, loader).encode("utf-8")).digest()
    return config_hash + doc_hash


def sign_credential(document: Mapping[str, Any], key: Ed25519PrivateKey, verification_method: str,
                    loader: DocumentLoader | None = None, *, created: datetime | None = None) -> JsonDict:
    """The credential with an embedded DataIntegrityProof made at `created` (default: now, from
    `clock.signing_time`, which SOURCE_DATE_EPOCH keeps reproducible)."""
    options = proof_options(instant_xsd(created or signing_time()), verification_method)
    signature = key.sign(hash_data(document, options, loader))
    signed = {k: copy.deepcopy(v) for k, v in document.items() if k != "proof"}
    signed["proof"] = {**options, "proofValue": "z" + base58.b58encode(signature).decode("ascii")}
    return signed


def authorised_methods(controller: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The keys the controller lists under assertionMethod, a reference resolved in verificationMethod."""
    declared = {m.get("id"): m for m in controller.get("verificationMethod", []) if isinstance(m, dict)}
    found = []
    for entry in controller.get("assertionMethod", []):
        method = declared.get(entry) if isinstance(entry, str) else entry
        if isinstance(method, dict):
            found.append(method)
    return found


@dataclass(frozen=True)
class Verification:
    """Outcome of checking a credential against the issuer's controller document."""

    valid: bool
    reason: str = ""


def verify_credential(document: Mapping[str, Any], controller: Mapping[str, Any],
                      loader: DocumentLoader | None = None) -> Verification:
    """Check the proof with the key that `controller` (issuer-v3.json) lists under assertionMethod."""
    proof = document.get("proof")
    if not isinstance(proof, dict):
        return Verification(False, "pas de preuve (proof)")
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        return Verification(False, "preuve d'un type non pris en charge")
    if proof.get("proofPurpose") != "assertionMethod":
        return Verification(False, "la preuve n'a pas pour but assertionMethod")
    issuer = document.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if controller.get("id") != issuer_id:
        return Verification(False, "le document de l'émetteur ne correspond pas à l'émetteur du badge")
    method_id = proof.get("verificationMethod")
    methods = [m for m in authorised_methods(controller) if m.get("id") == method_id]
    if not methods or methods[0].get("controller") != controller.get("id"):
        return Verification(False, f"clé {method_id} non déclarée par l'émetteur")
    value = str(proof.get("proofValue", ""))
    try:
        public = public_key_from_multibase(str(methods[0].get("publicKeyMultibase", "")))
        if not value.startswith("z"):
            raise ValueError("proofValue doit être en base58btc")
        signature = base58.b58decode(value[1:])
        public.verify(signature, hash_data(document, proof, loader))
    except (ValueError, InvalidSignature):
        return Verification(False, "signature invalide")
    except UnsafeJsonLd as exc:
        return Verification(False, str(exc))
    return Verification(True)
