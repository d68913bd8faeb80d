"""The `tnl-signage` command: a thin click layer over the library (options -> model -> layout -> writer).

This module stays light: the commands are imported inside `main`, so that a Ctrl-C during that second of
imports is still « Interrompu », exit 130, and never a traceback.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

INTERRUPTED = 130  # 128 + SIGINT, as shells report it


def _leave_interrupted(said: bool) -> None:
    """« Interrompu », exit 130, at once.

    os._exit, because CPython marks a Ctrl-C that went through some C code during the imports and then
    kills itself with SIGINT at exit even when we caught it; by now every temporary is gone and worker
    pools are shut (their `finally` ran).
    """
    try:
        if not said:
            sys.stderr.write("\nInterrompu\n")
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError, KeyboardInterrupt):
        pass
    os._exit(INTERRUPTED)


def main() -> None:
    """Console-script entry point."""
    caught: list[int] = []

    def on_interrupt(signum: int, frame: object) -> None:
        # Remembered as well as raised: CPython drops an exception raised inside a weakref callback
        # (the import machinery has some), and that Ctrl-C must not be lost.
        caught.append(signum)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_interrupt)
    try:
        from .app import cli as group

        if caught:
            raise KeyboardInterrupt
        group(prog_name="tnl-signage")
        if caught:
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        _leave_interrupted(said=False)
    except SystemExit as exc:
        if exc.code != INTERRUPTED and not caught:
            raise
        _leave_interrupted(said=exc.code == INTERRUPTED)


def __getattr__(name: str) -> Any:
    """`from tnl_signage.cli import cli`: the click group, imported on first use."""
    if name == "cli":
        from .app import cli as group

        return group
    raise AttributeError(name)
