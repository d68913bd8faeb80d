"""The organiser's Ed25519 signing key: create, store, load, and publish its public half.

The private key lives only in a PEM file (PKCS#8, mode 0600) that the organiser keeps outside any repository;
what gets published is the controller document `issuer-v3.json`, which lists the public key (Multikey) under
`verificationMethod` (referenced from `assertionMethod`) so that anyone can check an Open Badges 3.0
credential against it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import base58
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ...errors import InputError, os_reason
from .contexts import CREDENTIALS_V2, MULTIKEY_V1, OB_V3P0
from .issuer import IssuerInfo, load_issuer_info
from .paths import SiteUrls

KEY_FILENAME = "openbadges-ed25519.pem"
ED25519_MULTICODEC = b"\xed\x01"
# Terms of the controller document missing from the Multikey context, mapped as the W3C Controlled
# Identifiers vocabulary does, so that a JSON-LD processor in safe mode can read `assertionMethod`.
CONTROLLER_TERMS: dict[str, Any] = {
    "assertionMethod": {"@id": "https://w3id.org/security#assertionMethod", "@type": "@id",
                        "@container": "@set"},
    "verificationMethod": {"@id": "https://w3id.org/security#verificationMethod", "@type": "@id",
                           "@container": "@set"},
}


def generate_key() -> Ed25519PrivateKey:
    """A new random Ed25519 key (the only non-deterministic step of the project, by nature)."""
    return Ed25519PrivateKey.generate()


def private_pem(key: Ed25519PrivateKey) -> bytes:
    """The key as unencrypted PEM PKCS#8 (protected by the file mode, as SSH keys are)."""
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def save_private_key(key: Ed25519PrivateKey, path: Path) -> Path:
    """Write the key to a new file readable by its owner only; never overwrite an existing key."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise InputError(f"{path} : une clé existe déjà, elle n'est pas remplacée (supprimez-la d'abord "
                         "si vous voulez vraiment en changer : les badges signés avec elle ne seraient "
                         "plus vérifiables)") from None
    with os.fdopen(fd, "wb") as out:
        os.fchmod(out.fileno(), 0o600)
        out.write(private_pem(key))
    return path


def load_private_key(path: str | os.PathLike[str]) -> Ed25519PrivateKey:
    """Read an Ed25519 PEM key; InputError (French, naming the file) if it is missing or of another kind."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path} : clé de signature illisible ({os_reason(exc)})") from None
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise InputError(f"{path} : ce n'est pas une clé privée PEM non chiffrée "
                         "(créez-en une avec « tnl-signage keys init »)") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InputError(f"{path} : la clé doit être de type Ed25519 (créez-en une avec "
                         "« tnl-signage keys init »)")
    return key


def key_file_too_open(path: str | os.PathLike[str]) -> bool:
    """True if group or others may read the key file (worth a warning)."""
    return bool(os.stat(path).st_mode & (stat.S_IRWXG | stat.S_IRWXO))


def public_raw(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    """The 32 bytes of the public key."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_multibase(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """Multikey encoding: 'z' + base58btc(0xed01 + public key)."""
    return "z" + base58.b58encode(ED25519_MULTICODEC + public_raw(key)).decode("ascii")


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    """Inverse of public_multibase; ValueError if it is not an Ed25519 Multikey."""
    if not value.startswith("z"):
        raise ValueError("publicKeyMultibase doit commencer par « z » (base58btc)")
    raw = base58.b58decode(value[1:])
    if not raw.startswith(ED25519_MULTICODEC) or len(raw) != 34:
        raise ValueError("publicKeyMultibase n'est pas une clé Ed25519")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def verification_method(key: Ed25519PrivateKey | Ed25519PublicKey, urls: SiteUrls) -> dict[str, Any]:
    """The public key as a Multikey verification method, controlled by the issuer document."""
    return {
        "id": urls.key_id,
        "type": "Multikey",
        "controller": urls.issuer_v3,
        "publicKeyMultibase": public_multibase(key),
    }


def controller_document(key: Ed25519PrivateKey | Ed25519PublicKey, urls: SiteUrls,
                        info: IssuerInfo | None = None) -> dict[str, Any]:
    """`issuer-v3.json`: the issuer's Open Badges 3.0 Profile; its key is published under `verificationMethod`
    and authorised for proofs by a reference under `assertionMethod` (W3C Controlled Identifiers), so that
    verifiers that look in either place find it.

    The same document is the issuer profile a wallet displays and the controller document a verifier reads
    to check that the key was authorised by the issuer (no DID needed: the issuer id is this https URL).
    """
    info = info or load_issuer_info()
    return {
        "@context": [CREDENTIALS_V2, OB_V3P0, MULTIKEY_V1, CONTROLLER_TERMS],
        "id": urls.issuer_v3,
        "type": ["Profile"],
        "name": info.name,
        "url": info.url,
        "email": info.email,
        "description": info.description,
        "verificationMethod": [verification_method(key, urls)],
        "assertionMethod": [urls.key_id],
    }
