"""Worker processes (`--jobs`): Ctrl-C is the parent's to handle, so a worker never prints a traceback, and a
worker never outlives its parent."""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

COLLECT_EVERY = 50  # kits between two cyclic collections while the collector is held
_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def start_worker(parent_pid: int) -> None:
    """ProcessPoolExecutor initializer, with `initargs=(os.getpid(),)`: dies with the parent, ignores Ctrl-C."""
    die_with_parent(parent_pid)
    ignore_interrupts()


def die_with_parent(parent_pid: int) -> None:
    """Linux: the kernel sends SIGKILL to this worker when its parent dies, even by kill -9.

    Otherwise an orphaned worker keeps the output folder's lock (inherited through fork) and blocks on the
    dead parent's queue for ever, so a rerun is refused. SIGKILL rather than SIGTERM: nothing is to be saved
    (a kit half made lies in its hidden `.SLUG.partial` folder, a file half written under its `.NAME.tmp`
    name, and the rerun removes both), while SIGTERM could be caught or ignored by code the worker runs.
    The signal comes when the parent's thread that forked the worker ends: ProcessPoolExecutor forks in
    the thread that submits, which waits for the pool's end. If the parent died before this call, the
    worker has already been adopted by another process: it exits at once. Elsewhere than Linux: nothing.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        prctl = ctypes.CDLL(None).prctl
    except (AttributeError, OSError):
        return
    prctl(_PR_SET_PDEATHSIG, ctypes.c_ulong(signal.SIGKILL))
    if os.getppid() != parent_pid:
        os._exit(1)


def ignore_interrupts() -> None:
    """Worker start: the terminal's SIGINT reaches the whole process group; the parent
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
