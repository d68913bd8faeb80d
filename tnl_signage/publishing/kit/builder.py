"""One laureate's kit, made atomically: built in a hidden partial folder, renamed into place when complete.

After a crash or `kill -9` at any moment, no half kit bears its final name; a rerun removes our own leftovers,
keeps the kits whose manifest matches their files and whose fingerprint matches this run, and makes the rest.
Nothing that is not ours (no manifest of ours, no zip comment of ours) is ever deleted or overwritten.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ...atomic import ensure_dir, refuse_link, write_new
from ...domain.model import Laureate
from ...domain.records import AwardRecord
from ...errors import InputError
from ...inputs.records import record_of
from .manifest import (
    MANIFEST,
    PARTIAL_MARK,
    fingerprint,
    is_ours,
    manifest_bytes,
    manifest_matches,
    read_files,
    read_manifest,
    stale_reasons,
    write_manifest,
)
from .options import KitOptions, edition_data, run_fingerprint
from .producers import PRODUCERS, WITHDRAWN_PRODUCERS, KitContext
from .zipper import write_zip, zip_state

MADE, KEPT, FAILED = "fait", "à jour", "en échec"


@dataclass(frozen=True)
class KitOutcome:
    """What happened to one laureate's kit."""

    laureate: Laureate
    status: str  # MADE | KEPT | FAILED
    folder: Path
    zip_path: Path
    notes: tuple[str, ...] = field(default=())
    record: AwardRecord | None = None  # the award's status (None when the kit failed before it was read)

    @property
    def withdrawn(self) -> bool:
        return self.record is not None and self.record.withdrawn


def kit_paths(laureate: Laureate, out_dir: Path) -> tuple[Path, Path]:
    year_dir = out_dir / str(laureate.year)
    return year_dir / laureate.slug, year_dir / f"{laureate.slug}.zip"


def _leftovers(final: Path) -> tuple[Path, Path]:
    return final.with_name(f".{final.name}.partial"), final.with_name(f".{final.name}.old")


def _not_ours(path: Path) -> InputError:
    return InputError(f"{path} existe et n'est pas un kit tnl-signage : laissé intact")


def _remove_ours(path: Path) -> None:
    """Remove a leftover folder of ours (refusing anything else); nothing there is fine."""
    if refuse_link(path) is None:
        return
    if not is_ours(path):
        raise _not_ours(path)
    shutil.rmtree(path)


def _check_final(final: Path, zip_path: Path) -> None:
    """Refuse links, foreign folders and foreign zips at the kit's final names before any work."""
    info = refuse_link(final)
    if info is not None and not (stat.S_ISDIR(info.st_mode) and is_ours(final)):
        raise _not_ours(final)
    if zip_state(zip_path) == "foreign":
        raise _not_ours(zip_path)


def make_kit(laureate: Laureate, out_dir: str | os.PathLike[str], options: KitOptions | None = None, *,
             theme: str | None = None) -> KitOutcome:
    """Make (or keep, if complete and made from the same data) the kit of one laureate under `out_dir/{year}/{slug}`."""
    options = options or KitOptions()
    if theme is not None:
        options = dataclasses.replace(options, theme=theme)
    out_dir = Path(out_dir)
    final, zip_path = kit_paths(laureate, out_dir)
    ensure_dir(final.parent, out_dir)
    _check_final(final, zip_path)
    made_from = fingerprint(laureate, run_fingerprint(options))
    made_from["edition"] = edition_data(laureate.year)
    record = record_of(laureate, options.revocations)  # the award's status, read by every producer
    withdrawn = record.withdrawal
    # Present or absent, the withdrawal is in the fingerprint: adding or removing one remakes that kit only.
    made_from["retrait"] = (None if withdrawn is None
                            else {"date": withdrawn.day.isoformat(), "motif": withdrawn.reason})
    notes: list[str] = []
    if final.exists():
        manifest = read_manifest(final)
        reasons = stale_reasons(manifest, made_from)
        fresh = not reasons and manifest_matches(final, manifest)
        if fresh and not options.force:
            for leftover in _leftovers(final):
                _remove_ours(leftover)
            if zip_state(zip_path, made_from) != "fresh":
                _zip(read_files(final), (final / MANIFEST).read_bytes(), zip_path, laureate, made_from)
            return KitOutcome(laureate, KEPT, final, zip_path, record=record)
        if not fresh:
            notes.append(f"refait : {', '.join(reasons or ['fichiers modifiés ou incomplets'])}")
    if withdrawn is not None:
        notes.append(f"distinction retirée le {withdrawn.day.isoformat()} : kit réduit à l'avis de retrait")
    files, manifest_data = _build(record, final, options, made_from, notes)
    _zip(files, manifest_data, zip_path, laureate, made_from)
    return KitOutcome(laureate, MADE, final, zip_path, tuple(notes), record)


def _build(record: AwardRecord, final: Path, options: KitOptions, made_from: dict[str, object],
           notes: list[str]) -> tuple[list[tuple[str, bytes]], bytes]:
    """Make the kit in `.SLUG.partial` (marked ours from its first instant) and rename it into place."""
    partial, old = _leftovers(final)
    _remove_ours(partial)
    _remove_ours(old)
    os.mkdir(partial)
    write_new(partial / PARTIAL_MARK, b"tnl-signage\n")
    context = KitContext(record=record, folder=partial, options=options)
    # a withdrawn award's kit holds the notice and LISEZMOI only (docs/retrait.md)
    for produce in WITHDRAWN_PRODUCERS if record.withdrawn else PRODUCERS:
        notes.extend(produce(context))
    files = read_files(partial)
    manifest = manifest_bytes(record.laureate, options.manifest_options(), files, made_from)
    write_manifest(partial, manifest)  # the mark becomes the manifest, which marks the folder ours from here
    if os.path.lexists(final):
        os.replace(final, old)
        os.replace(partial, final)
        shutil.rmtree(old)
    else:
        os.replace(partial, final)
    return files, manifest


def _zip(files: list[tuple[str, bytes]], manifest: bytes, zip_path: Path, laureate: Laureate,
         made_from: dict[str, object]) -> None:
    """The kit's zip: its files and its manifest, in path order (the folder's content, byte for byte)."""
    entries = sorted([*files, (MANIFEST, manifest)], key=lambda item: item[0].split("/"))
    write_zip(entries, zip_path, prefix=laureate.slug, year=laureate.year, made_from=made_from)
