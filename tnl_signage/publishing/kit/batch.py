"""Every laureate's kit from one palmarès: streamed rows, parallel processes, an index per year.

Rows are read lazily and at most 2 x jobs kits are in flight, so memory stays flat as the palmarès grows.
One run at a time per output folder (an OS lock); an error in one kit fails that row only.
"""

from __future__ import annotations

import csv
import ctypes
import io
import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ...atomic import ensure_dir, refuse_link, refuse_secret_inside, write_atomic
from ...domain.model import Laureate, Problem
from ...errors import InputError, TnlError, os_error_text
from ...inputs.palmares import iter_laureates
from ...ownership import folder_lock
from ...workers import collect_now, collector_held, hold_collector, interrupts_held, start_worker
from .builder import FAILED, KEPT, MADE, KitOutcome, kit_paths, make_kit
from .gallery import write_galleries
from .options import KitOptions, forget_run_files, run_fingerprint

Progress = Callable[[KitOutcome | None], None]
INDEX_HEADER = ["slug", "nom", "distinction", "dossier", "zip", "statut", "remarques"]


@dataclass
class BatchSummary:
    """What a run did: kits made, kept (already complete), failed, and the palmarès' problems."""

    outcomes: list[KitOutcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    failures: list[tuple[Laureate, str]] = field(default_factory=list)
    index_failures: list[str] = field(default_factory=list)

    @property
    def made(self) -> int:
        return sum(1 for o in self.outcomes if o.status == MADE)

    @property
    def kept(self) -> int:
        return sum(1 for o in self.outcomes if o.status == KEPT)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def files(self) -> tuple[Path, ...]:
        """The kits' zips (each beside its folder), as every multi-file result lists what it wrote."""
        return tuple(o.zip_path for o in self.outcomes if o.status != FAILED)

    @property
    def notes(self) -> tuple[str, ...]:
        """Each laureate's notes and each failure, prefixed with who it is about."""
        said = [f"{o.laureate.name} ({o.laureate.year}) : {note}" for o in self.outcomes for note in o.notes
                if o.status != FAILED]
        failed = [f"{lau.name} ({lau.year}) : en échec : {message}" for lau, message in self.failures]
        return tuple(said + failed + [f"index non écrit : {m}" for m in self.index_failures])


# glibc's mallopt parameters (malloc.h).
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3


def _worker_start(parent_pid: int) -> None:
    """Worker start: dies with the parent (even killed -9), Ctrl-C is the parent's to handle (no traceback
    from a worker), the cyclic collector is held for the worker's life (see `workers.collector_held`), and
    freed memory is kept.

    A kit allocates and frees some twenty pixel buffers of 0.1-4 MB. Above 128 KB glibc maps each
    one afresh and unmaps it when freed, so every page is faulted in again: about 7,700 page faults
    per kit, a tenth of its time. Kept in the heap (up to 256 MB), they are reused; the worker's
    memory stays flat at its high-water mark. Elsewhere than glibc, nothing is changed.
    """
    start_worker(parent_pid)
    hold_collector()
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError):
        return
    mallopt(_M_MMAP_THRESHOLD, 64 << 20)
    mallopt(_M_TRIM_THRESHOLD, 256 << 20)


def failure_text(exc: Exception) -> str:
    """One French line for whatever went wrong in one kit (the file is named when there is one)."""
    if isinstance(exc, TnlError):
        return str(exc)
    if isinstance(exc, OSError):
        return os_error_text(exc)
    if isinstance(exc, BrokenProcessPool):
        return "un processus de travail s'est arrêté brutalement (mémoire épuisée ?) ; relancez la commande"
    return f"erreur interne ({type(exc).__name__} : {exc}) ; merci de la signaler"


def _one(laureate: Laureate, out_dir: str, options: KitOptions) -> KitOutcome | str:
    try:
        return make_kit(laureate, Path(out_dir), options)
    except Exception as exc:  # noqa: BLE001 - one kit's failure must never stop the others
        return failure_text(exc)
    finally:
        collect_now()


def _bounded(items: Iterator[Laureate], jobs: int, out_dir: Path,
             options: KitOptions) -> Iterator[tuple[Laureate, KitOutcome | str]]:
    """Run kits in `jobs` processes with at most 2 x jobs submitted at a time, yielding as they finish."""
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_start, initargs=(os.getpid(),))
    try:
        pending: dict[Future[KitOutcome | str], Laureate] = {}
        for laureate in items:
            if pending:
                pending[pool.submit(_one, laureate, str(out_dir), options)] = laureate
            else:
                with interrupts_held():  # the first submit forks the workers
                    pending[pool.submit(_one, laureate, str(out_dir), options)] = laureate
            if len(pending) >= 2 * jobs:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield pending.pop(future), _result(future)
        for future in list(pending):
            yield pending.pop(future), _result(future)
    finally:
        # On Ctrl-C too: queued kits are dropped, running ones end cleanly (workers ignore SIGINT).
        pool.shutdown(wait=True, cancel_futures=True)


def _result(future: Future[KitOutcome | str]) -> KitOutcome | str:
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - a worker that died (memory, signal) fails its row only
        return failure_text(exc)


def _index_is_ours(path: Path) -> bool:
    """An index we may replace: absent, or starting with our header."""
    info = refuse_link(path)
    if info is None:
        return True
    try:
        with open(path, "rb") as handle:
            head = handle.read(200).decode("utf-8-sig", errors="replace")
    except OSError:
        return False
    return head.split("\r\n", 1)[0] == ";".join(INDEX_HEADER)


def _write_index(out_dir: Path, path: Path, data: bytes) -> Path:
    ensure_dir(path.parent, out_dir)
    if not _index_is_ours(path):
        raise InputError(f"{path} existe et n'est pas un index de kits tnl-signage : laissé intact")
    return write_atomic(path, data)


def index_files(out_dir: Path, outcomes: list[KitOutcome]) -> Iterator[tuple[int, Path, bytes]]:
    """(year, path, bytes) of each year's index.csv."""
    by_year: dict[int, list[KitOutcome]] = {}
    for outcome in outcomes:
        by_year.setdefault(outcome.laureate.year, []).append(outcome)
    for year, items in sorted(by_year.items()):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
        writer.writerow(INDEX_HEADER)
        for o in sorted(items, key=lambda o: o.laureate.slug):
            folder, zip_path = kit_paths(o.laureate, Path("."))
            day = o.record.withdrawn_on if o.record is not None else None
            words = o.laureate.distinction.words + (f" (retiré le {day.isoformat()})" if day else "")
            writer.writerow([o.laureate.slug, _cell(o.laureate.name), words,
                             folder.relative_to(str(year)).as_posix() + "/", zip_path.name, o.status,
                             _cell(" ; ".join(o.notes))])
        yield year, out_dir / str(year) / "index.csv", ("\ufeff" + buf.getvalue()).encode("utf-8")


def _cell(text: str) -> str:
    """Neutralise spreadsheet formulas in a user-written cell (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def make_kits(palmares: str | Path, out_dir: str | Path, *, jobs: int | None = None,
              options: KitOptions | None = None, progress: Progress | None = None) -> BatchSummary:
    """Make every laureate's kit under `out_dir`; rows in error are reported, the good rows still get kits."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    options = options or KitOptions()
    refuse_secret_inside(options.signing_key, out)
    forget_run_files()
    run_fingerprint(options)  # theme, key and resources read once, and their errors raised before any kit
    jobs = max(1, jobs or os.cpu_count() or 1)
    summary = BatchSummary()
    with folder_lock(out), collector_held():  # one run at a time in `out`
        _run(palmares, out, jobs, options, progress, summary)
    return summary


def _run(palmares: str | Path, out: Path, jobs: int, options: KitOptions, progress: Progress | None,
         summary: BatchSummary) -> None:
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
            folder, zip_path = kit_paths(laureate, out)
            summary.outcomes.append(KitOutcome(laureate, FAILED, folder, zip_path, (result,)))
        else:
            summary.outcomes.append(result)
        if progress is not None:
            progress(result if not isinstance(result, str) else None)
    for _year, path, data in index_files(out, summary.outcomes):
        try:
            _write_index(out, path, data)
        except TnlError as exc:
            summary.index_failures.append(str(exc))
        except OSError as exc:
            summary.index_failures.append(os_error_text(exc))
    try:
        write_galleries(out, summary.outcomes, options)
    except (TnlError, OSError) as exc:
        summary.index_failures.append(failure_text(exc))
