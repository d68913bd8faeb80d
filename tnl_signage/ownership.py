"""The writing discipline every command follows (kit, site, openbadges, revoke, keys, envoi).

Why one module: a re-run must never replace or delete what the user put beside our output, never write
through a planted link, and two runs must never share a temporary name or interleave a read-modify-write.
The rules, and the French messages that go with them:

- `OwnedFolder`: the record of the files we wrote in a folder (`.tnl-signage-fichiers.json`, path -> SHA-256).
  A file is ours when the record lists it with its current bytes; anything else is foreign: never replaced,
  never deleted (`ForeignFile` names it). Orphans (ours, not written by this run) are reported, and
  `prune()` removes them only. This record is the site's state: an incremental rebuild can start from it.
- `write_atomic` (in `atomic`): a per-process unique temporary (`temporary_name`), renamed into place, no link
  followed; a foreign `.x.tmp` is never touched.
- `folder_lock`: one run at a time per output folder (refused at once); `file_lock`: a rewritten file
  (`retraits.csv`, the status registry) is read, changed and written under an exclusive lock (waited for).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .atomic import ensure_dir, refuse_link, temporary_name, write_atomic
from .errors import InputError, os_error_text

RECORD_NAME = ".tnl-signage-fichiers.json"
LOCK_NAME = ".tnl-signage.lock"
TOOL = "tnl-signage"
_RECORD_CAP = 64 << 20

__all__ = ["LOCK_NAME", "RECORD_NAME", "ForeignFile", "OwnedFolder", "file_lock", "folder_lock",
           "refuse_link", "temporary_name", "write_atomic"]


class ForeignFile(InputError):
    """A file we did not write stands where we were about to write: it is left as it is."""


def _sha256(path: Path) -> str | None:
    """The file's SHA-256, or None if it is not a regular file (a link is never followed)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        digest = hashlib.sha256()
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _open_lock(path: Path) -> int:
    refuse_link(path)
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        raise InputError(os_error_text(exc)) from None


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """One run at a time in `folder` (an OS lock on `folder/.tnl-signage.lock`, freed even by kill -9);
    a second run is refused at once with a French message."""
    fd = _open_lock(Path(folder) / LOCK_NAME)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(f"{folder} : une autre exécution de tnl-signage y travaille déjà ; "
                             "attendez qu'elle se termine") from None
        yield
    finally:
        os.close(fd)


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """Exclusive use of a file we read, change and rewrite (`.NAME.lock` beside it); other runs wait."""
    path = Path(path)
    fd = _open_lock(path.with_name(f".{path.name}.lock"))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


class OwnedFolder:
    """What we wrote in one folder: write through it, ask it what is ours, report and prune orphans.

    Use as a context manager (the record is saved on leaving, even after a failure, so that what was
    written stays known as ours).
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.record: dict[str, str] = self._read()
        self.written: set[str] = set()

    def __enter__(self) -> OwnedFolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.save()

    @property
    def record_path(self) -> Path:
        return self.root / RECORD_NAME

    def _read(self) -> dict[str, str]:
        path = self.record_path
        info = refuse_link(path)
        if info is None:
            return {}
        try:
            with open(path, "rb") as handle:
                data = json.loads(handle.read(_RECORD_CAP).decode("utf-8"))
            files = data["fichiers"] if data.get("outil") == TOOL else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            raise InputError(f"{path} : registre des fichiers de tnl-signage illisible ; "
                             "rien n'est remplacé (supprimez-le pour repartir d'un dossier vide)") from None
        return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}

    def is_ours(self, rel: str) -> bool:
        """Nothing there, or a file the record lists with these very bytes."""
        path = self.root / rel
        if not os.path.lexists(path):
            return True
        recorded = self.record.get(rel)
        return recorded is not None and _sha256(path) == recorded

    def check(self, rel: str) -> None:
        """ForeignFile if `rel` holds something we did not write (checked before any work, when possible)."""
        path = self.root / rel
        refuse_link(path)
        if not self.is_ours(rel):
            raise ForeignFile(f"{path} : fichier que tnl-signage n'a pas écrit (ou modifié depuis) ; "
                              "laissé intact, rien n'est écrit à sa place (déplacez-le ou choisissez "
                              "un autre dossier)")

    def write(self, rel: str, data: bytes) -> Path:
        """Write `rel` atomically if it is ours (or absent), and record it."""
        self.check(rel)
        path = self.root / rel
        ensure_dir(path.parent, self.root)
        write_atomic(path, data)
        self.record[rel] = hashlib.sha256(data).hexdigest()
        self.written.add(rel)
        return path

    def adopt(self, rel: str) -> None:
        """Record a file just written by a helper (a worker process) under its current bytes."""
        digest = _sha256(self.root / rel)
        if digest is not None:
            self.record[rel] = digest
            self.written.add(rel)

    def orphans(self) -> list[str]:
        """Files of ours from an earlier run that this run did not write (still there, unchanged)."""
        return sorted(rel for rel in self.record if rel not in self.written and self.is_ours(rel)
                      and os.path.lexists(self.root / rel))

    def prune(self) -> list[str]:
        """Remove the orphans (ours only; a file changed since is foreign and stays); returns them."""
        removed = []
        for rel in self.orphans():
            os.unlink(self.root / rel)
            del self.record[rel]
            removed.append(rel)
        return removed

    def save(self) -> None:
        """Write the record (sorted keys: same files, same bytes); entries whose file is gone are dropped."""
        if not self.root.is_dir():
            return
        files = {rel: digest for rel, digest in sorted(self.record.items())
                 if os.path.lexists(self.root / rel)}
        data = json.dumps({"outil": TOOL, "fichiers": files}, ensure_ascii=False, indent=1, sort_keys=True)
        write_atomic(self.record_path, (data + "\n").encode("utf-8"))
