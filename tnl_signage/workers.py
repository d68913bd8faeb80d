"""Worker processes (`--jobs`): Ctrl-C is the parent's to handle, so a worker never prints a traceback."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager


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
