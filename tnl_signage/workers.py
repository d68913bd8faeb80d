"""Worker processes (`--jobs`): Ctrl-C is the parent's to handle, so a worker never prints a traceback."""

from __future__ import annotations

import gc
import signal
from collections.abc import Iterator
from contextlib import contextmanager

COLLECT_EVERY = 50  # kits between two cyclic collections while the collector is held


def ignore_interrupts() -> None:
    """ProcessPoolExecutor initializer: the terminal's SIGINT reaches the whole process group; the parent
    stops the run (« Interrompu », exit 130) and the workers end the kit they are making."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C while worker processes are forked (they start with it blocked, until `ignore_interrupts`
    ignores it); a Ctrl-C that came meanwhile reaches the parent right after."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)



@contextmanager
def collector_held() -> Iterator[None]:
    """Hold Python's cyclic garbage collector for a run of kits, giving it back as it was.

    A kit frees its scenes and buffers by reference counting (they form no cycles: a run's memory is
    the same with the collector off), yet the collector kept walking every object the caches hold
    (fonts, glyph outlines, laid-out lines, shared image layers): 6-9 % of a kit's time. `collect_now`
    still collects, between kits, every `COLLECT_EVERY` kits, so a cycle from a library never piles up.
    """
    was_enabled = hold_collector()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def hold_collector() -> bool:
    """Hold the collector (for a worker process's whole life); True if it was running."""
    was_enabled = gc.isenabled()
    gc.disable()
    return was_enabled


_kits_since_collect = 0


def collect_now() -> None:
    """Between two kits: a cyclic collection every `COLLECT_EVERY` kits (when the collector is held)."""
    global _kits_since_collect
    _kits_since_collect += 1
    if _kits_since_collect >= COLLECT_EVERY and not gc.isenabled():
        _kits_since_collect = 0
        gc.collect()
