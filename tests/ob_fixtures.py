"""Shared, built-once data for the Open Badges tests: the example palmarès published with a throwaway key."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tnl_signage.domain.model import Laureate
from tnl_signage.inputs.palmares import load_palmares
from tnl_signage.products.openbadges import OpenBadgesResult, write_openbadges
from tnl_signage.products.openbadges.keys import private_pem

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "palmares-exemple.csv"
BASE_URL = "https://tnl.example.org/palmares"


@dataclass(frozen=True)
class Site:
    root: Path
    laureates: tuple[Laureate, ...]
    key: Ed25519PrivateKey
    result: OpenBadgesResult


def _tmpdir(prefix: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


@functools.cache
def example_laureates() -> tuple[Laureate, ...]:
    palmares = load_palmares(EXAMPLE)
    assert not palmares.errors, palmares.errors
    return palmares.laureates


@functools.cache
def signed_site() -> Site:
    """The example palmarès with 2.0 and 3.0 files, signed by a key made for this test run only."""
    key = Ed25519PrivateKey.generate()
    root = _tmpdir("tnl-ob-site-")
    result = write_openbadges(example_laureates(), root, BASE_URL, signing_key=key)
    return Site(root, example_laureates(), key, result)


REVOKED = (2025, "ville-de-boe")


@functools.cache
def revoked_site() -> Site:
    """The 2025 laureates, signed, with one award withdrawn (REVOKED) in a revocations file."""
    from datetime import date

    from tnl_signage.domain.revocations import Revocation, Revocations

    key = Ed25519PrivateKey.generate()
    root = _tmpdir("tnl-ob-revoked-")
    laureates = tuple(lau for lau in example_laureates() if lau.year == REVOKED[0])
    revocations = Revocations((Revocation(REVOKED[0], REVOKED[1], date(2026, 3, 2), "demande de la collectivité"),))
    result = write_openbadges(laureates, root, BASE_URL, signing_key=key, revocations=revocations)
    return Site(root, laureates, key, result)


def key_pem(key: Ed25519PrivateKey) -> bytes:
    return private_pem(key)
