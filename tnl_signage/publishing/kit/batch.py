"""Every laureate's kit from one palmarès: streamed rows, parallel processes, an index per year.

Rows are read lazily and at most 2 x jobs kits are in flight, so memory stays flat as the palmarès grows.
"""

from __future__ import annotations

import csv
import ctypes
import io
import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from ...atomic import write_atomic
from ...domain.model import Laureate, Problem
from ...errors import TnlError
from ...inputs.palmares import iter_laureates
from .builder import KitOptions, KitOutcome, kit_paths, make_kit
from .gallery import write_galleries

Progress = Callable[[KitOutcome | None], None]


@dataclass
class BatchSummary:
    """What a run did: kits made, kept (already complete), failed, and the palmarès' problems."""

    outcomes: list[KitOutcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    failures: list[tuple[Laureate, str]] = field(default_factory=list)

    @property
    def made(self) -> int:
        return sum(1 for o in self.outcomes if o.status == "fait")

    @property
    def kept(self) -> int:
        return sum(1 for o in self.outcomes if o.status == "à jour")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def files(self) -> tuple[Path, ...]:
        """The kits' zips (each beside its folder), as every multi-file result lists what it wrote."""
        return tuple(o.zip_path for o in self.outcomes)

    @property
    def notes(self) -> tuple[str, ...]:
        """Each laureate's notes and each failure, prefixed with who it is about."""
        said = [f"{o.laureate.name} ({o.laureate.year}) : {note}" for o in self.outcomes for note in o.notes]
        return tuple(said + [f"{lau.name} ({lau.year}) : {message}" for lau, message in self.failures])


# glibc's mallopt parameters (malloc.h).
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3


def _keep_freed_memory() -> None:
    """Worker start: let glibc reuse freed memory instead of returning it to the system at once.

    A kit allocates and frees some twenty pixel buffers of 0.1-4 MB. Above 128 KB glibc maps each
    one afresh and unmaps it when freed, so every page is faulted in again: about 7,700 page faults
    per kit, a tenth of its time. Kept in the heap (up to 256 MB), they are reused; the worker's
    memory stays flat at its high-water mark. Elsewhere than glibc, nothing is changed.
    """
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError):
        return
    mallopt(_M_MMAP_THRESHOLD, 64 << 20)
    mallopt(_M_TRIM_THRESHOLD, 256 << 20)


def _one(laureate: Laureate, out_dir: str, options: KitOptions) -> KitOutcome | str:
    try:
        return make_kit(laureate, Path(out_dir), options)
    except TnlError as exc:
        return str(exc)


def _bounded(items: Iterator[Laureate], jobs: int, out_dir: Path,
             options: KitOptions) -> Iterator[tuple[Laureate, KitOutcome | str]]:
    """Run kits in `jobs` processes with at most 2 x jobs submitted at a time, yielding as they finish."""
    with ProcessPoolExecutor(max_workers=jobs, initializer=_keep_freed_memory) as pool:
        pending: dict[Future[KitOutcome | str], Laureate] = {}
        for laureate in items:
            pending[pool.submit(_one, laureate, str(out_dir), options)] = laureate
            if len(pending) >= 2 * jobs:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield pending.pop(future), future.result()
        for future in list(pending):
            yield pending.pop(future), future.result()


def write_indexes(out_dir: Path, outcomes: list[KitOutcome]) -> list[Path]:
    """kits/{year}/index.csv: one row per laureate with its paths and status, sorted by slug."""
    by_year: dict[int, list[KitOutcome]] = {}
    for outcome in outcomes:
        by_year.setdefault(outcome.laureate.year, []).append(outcome)
    written = []
    for year, items in sorted(by_year.items()):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
        writer.writerow(["slug", "nom", "distinction", "dossier", "zip", "statut", "remarques"])
        for o in sorted(items, key=lambda o: o.laureate.slug):
            folder, zip_path = kit_paths(o.laureate, Path("."))
            writer.writerow([o.laureate.slug, _cell(o.laureate.name), o.laureate.distinction.words,
                             folder.relative_to(str(year)).as_posix() + "/", zip_path.name, o.status,
                             _cell(" ; ".join(o.notes))])
        path = out_dir / str(year) / "index.csv"
        written.append(write_atomic(path, ("\ufeff" + buf.getvalue()).encode("utf-8")))
    return written


def _cell(text: str) -> str:
    """Neutralise spreadsheet formulas in a user-written cell (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def make_kits(palmares: str | Path, out_dir: str | Path, *, jobs: int | None = None,
              options: KitOptions | None = None, progress: Progress | None = None) -> BatchSummary:
    """Make every laureate's kit under `out_dir`; rows in error are reported, the good rows still get kits."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    options = options or KitOptions()
    jobs = max(1, jobs or os.cpu_count() or 1)
    summary = BatchSummary()

    def laureates() -> Iterator[Laureate]:
        for item in iter_laureates(palmares):
            if isinstance(item, Problem):
                summary.problems.append(item)
            else:
                yield item

    if jobs == 1:
        results: Iterator[tuple[Laureate, KitOutcome | str]] = (
            (lau, _one(lau, str(out), options)) for lau in laureates())
    else:
        results = _bounded(laureates(), jobs, out, options)
    for laureate, result in results:
        if isinstance(result, str):
            summary.failures.append((laureate, result))
        else:
            summary.outcomes.append(result)
        if progress is not None:
            progress(result if not isinstance(result, str) else None)
    write_indexes(out, summary.outcomes)
    write_galleries(out, summary.outcomes, options)
    return summary
