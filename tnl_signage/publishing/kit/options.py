"""What every kit of a run shares, and the fingerprint of it that decides whether a kit is still fresh.

The fingerprint of a run is computed once per process (theme file, fonts, data files, the public key), so
checking a kit costs a dictionary comparison.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ... import __version__
from ...domain.revocations import Revocations
from ...resources import data_file, resource_dir

# Why a kit is made again, by fingerprint entry (shown as « refait : … »).
REASONS = {
    "laureat": "palmarès modifié",
    "adresse": "adresse de base modifiée",
    "theme": "thème modifié",
    "cle": "clé de signature modifiée",
    "formats": "formats modifiés",
    "version": "version de l'outil modifiée",
    "ressources": "polices ou données modifiées",
    "retrait": "distinction retirée ou retrait annulé",
    "edition": "fichier des éditions modifié",
}


@dataclass(frozen=True)
class KitOptions:
    """What every kit of a run shares (all plain values, so it can cross to worker processes)."""

    base_url: str = "https://territoire-numerique-libre.org/verification"
    theme: str = "light"
    signing_key: str | None = None
    panel_format: str = "800x400"
    plaque_format: str = "300x200"
    poster_format: str = "A3"
    force: bool = False
    revocations: Revocations = Revocations()  # withdrawn awards (retraits.csv beside the palmarès)
    moved_status: tuple[tuple[int, str, int], ...] = ()  # status-list bits moved off a collision

    def manifest_options(self) -> dict[str, object]:
        """The options recorded in manifest.json (never the key itself, only whether one signed)."""
        return {
            "base_url": self.base_url,
            "theme": self.theme,
            "panneau": self.panel_format,
            "plaque": self.plaque_format,
            "affiche": self.poster_format,
            "open_badges_3_signes": self.signing_key is not None,
        }


def _digest(paths: list[Path], root: Path | None = None) -> str:
    """SHA-256 over the files' bytes (and their paths under `root`, when given)."""
    sha = hashlib.sha256()
    for path in paths:
        if root is not None:
            sha.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        sha.update(hashlib.sha256(path.read_bytes()).digest())
    return sha.hexdigest()


@lru_cache(maxsize=1)
def resources_digest() -> str:
    """One SHA-256 over the shipped fonts and data files (formats, scales, themes, ICC profiles…)."""
    parts = []
    for root in (resource_dir("fonts"), data_file()):
        files: list[Path] = []
        for top, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            files += [Path(top) / n for n in sorted(names)]
        parts.append(_digest(files, root))
    return hashlib.sha256(" ".join(parts).encode("ascii")).hexdigest()


@lru_cache(maxsize=8)
def theme_digest(theme: str) -> str:
    """The theme file's bytes and the font files it names."""
    from ...domain.theme import load_theme, theme_path

    loaded = load_theme(theme)
    return _digest([theme_path(theme), loaded.font_regular, loaded.font_bold])


@lru_cache(maxsize=8)
def key_digest(signing_key: str | None) -> str | None:
    """The signing key's public part (never the secret), as its multibase text."""
    if signing_key is None:
        return None
    from ...products.openbadges.keys import load_private_key, public_multibase

    return public_multibase(load_private_key(signing_key))


@lru_cache(maxsize=8)
def run_fingerprint(options: KitOptions) -> dict[str, object]:
    """Everything but the laureate a kit is made from (cached: computed once per process and options)."""
    return {
        "adresse": options.base_url,
        "theme": theme_digest(options.theme),
        "cle": key_digest(options.signing_key),
        "formats": [options.panel_format, options.plaque_format, options.poster_format],
        "version": __version__,
        "ressources": resources_digest(),
    }


def edition_data(year: int) -> dict[str, object]:
    """What the editions file says of `year` (date, place, signatory…): a kit's certificate depends on it."""
    from ...inputs.editions import edition_for

    edition = edition_for(year)
    return {"date": edition.award_date.isoformat(), "date_connue": edition.date_known, "lieu": edition.place,
            "signataire": edition.signatory, "adresse": edition.base_url,
            "emise": edition.issue_date.isoformat()}


def forget_run_files() -> None:
    """At the start of a run: read the theme and key files again (they may have changed since the last run
    in this process); the shipped fonts and data are read once per process."""
    theme_digest.cache_clear()
    key_digest.cache_clear()
    run_fingerprint.cache_clear()
