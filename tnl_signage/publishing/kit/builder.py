"""One laureate's kit, made atomically: built in a hidden partial folder, renamed into place when complete.

After a crash or `kill -9`, no half kit bears its final name; a rerun removes our own partial folders,
skips the kits whose manifest matches their files, and finishes the rest.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from ...domain.model import Laureate
from ...domain.revocations import Revocations
from ...errors import InputError
from .manifest import MANIFEST, manifest_matches, read_files, write_manifest
from .producers import PRODUCERS, KitContext
from .zipper import write_zip

PARTIAL_MARK = ".tnl-signage-partial"


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


@dataclass(frozen=True)
class KitOutcome:
    """What happened to one laureate's kit."""

    laureate: Laureate
    status: str  # "fait" | "à jour" | "erreur"
    folder: Path
    zip_path: Path
    notes: tuple[str, ...] = field(default=())


def kit_paths(laureate: Laureate, out_dir: Path) -> tuple[Path, Path]:
    year_dir = out_dir / str(laureate.year)
    return year_dir / laureate.slug, year_dir / f"{laureate.slug}.zip"


def _partial_dir(final: Path) -> Path:
    return final.with_name(f".{final.name}.partial")


def _is_ours(folder: Path) -> bool:
    """A folder we may replace: one of our kits (it has a manifest) or our own partial folder."""
    return (folder / MANIFEST).is_file() or (folder / PARTIAL_MARK).is_file()


def make_kit(laureate: Laureate, out_dir: str | os.PathLike[str], options: KitOptions | None = None, *,
             theme: str | None = None) -> KitOutcome:
    """Make (or keep, if already complete) the kit of one laureate under `out_dir/{year}/{slug}`."""
    options = options or KitOptions()
    if theme is not None:
        options = dataclasses.replace(options, theme=theme)
    out_dir = Path(out_dir)
    final, zip_path = kit_paths(laureate, out_dir)
    if final.exists() and not _is_ours(final):
        raise InputError(f"{final} existe déjà et n'est pas un kit tnl-signage : dossier laissé intact")
    if not options.force and manifest_matches(final):
        if not zip_path.is_file():
            _zip(read_files(final), (final / MANIFEST).read_bytes(), zip_path, laureate)
        return KitOutcome(laureate, "à jour", final, zip_path)
    partial = _partial_dir(final)
    for leftover in (partial, final.with_name(f".{final.name}.old")):
        if leftover.exists() and _is_ours(leftover):
            shutil.rmtree(leftover)
    partial.mkdir(parents=True)
    (partial / PARTIAL_MARK).touch()
    context = KitContext(laureate=laureate, folder=partial, options=options)
    notes: list[str] = []
    for produce in PRODUCERS:
        notes.extend(produce(context))
    (partial / PARTIAL_MARK).unlink()
    files = read_files(partial)
    manifest = write_manifest(partial, laureate, options.manifest_options(), files)
    if final.exists():
        stale = final.with_name(f".{final.name}.old")
        shutil.rmtree(stale, ignore_errors=True)
        os.replace(final, stale)
        os.replace(partial, final)
        shutil.rmtree(stale)
    else:
        os.replace(partial, final)
    _zip(files, manifest, zip_path, laureate)
    return KitOutcome(laureate, "fait", final, zip_path, tuple(notes))


def _zip(files: list[tuple[str, bytes]], manifest: bytes, zip_path: Path, laureate: Laureate) -> None:
    """The kit's zip: its files and its manifest, in path order (the folder's content, byte for byte)."""
    entries = sorted([*files, (MANIFEST, manifest)], key=lambda item: item[0].split("/"))
    write_zip(entries, zip_path, prefix=laureate.slug, year=laureate.year)
