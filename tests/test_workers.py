"""Worker processes end with their parent: the kernel's parent-death signal, and the race before it is asked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# A worker's start as ProcessPoolExecutor runs it, then what the kernel will send it when its parent dies.
PROBE = """
import ctypes, sys
from tnl_signage.workers import die_with_parent
die_with_parent(int(sys.argv[1]))
signal = ctypes.c_int()
ctypes.CDLL(None).prctl(2, ctypes.byref(signal))  # PR_GET_PDEATHSIG
print(signal.value)
"""

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux seulement (prctl)")


def _probe(parent_pid: int) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", PROBE, str(parent_pid)], capture_output=True, text=True,
                          env=env, timeout=60)


@linux_only
def test_worker_asks_to_be_killed_with_its_parent() -> None:
    done = _probe(os.getpid())
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["9"]  # SIGKILL


@linux_only
def test_worker_whose_parent_already_died_exits_at_once() -> None:
    # Its parent is not the one that started the pool: the pool's parent died and the worker was adopted.
    done = _probe(os.getppid())
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "")
