"""Write files so that a final name never holds a truncated file, and never through a symbolic link.

A temporary name is opened with O_CREAT | O_EXCL | O_NOFOLLOW (a link planted there is refused, not followed),
then renamed into place; a link at the final name is refused too. A failed write leaves no temporary behind.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from .errors import InputError

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class LinkRefused(InputError):
    """A symbolic link stands where we were about to write."""


def refuse_link(path: Path) -> os.stat_result | None:
    """The path's own status (None if nothing is there); LinkRefused if it is a symbolic link."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        raise LinkRefused(f"{path} : est un lien symbolique ; refusé (rien n'est écrit à travers un lien)")
    return info


def clear_temporary(tmp: Path) -> None:
    """Remove a leftover of our own temporary name (a regular file); refuse a link or a folder there."""
    info = refuse_link(tmp)
    if info is None:
        return
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{tmp} : existe et n'est pas un fichier temporaire de tnl-signage ; laissé intact")
    os.unlink(tmp)


def open_new(path: Path, mode: int = 0o644) -> int:
    """A descriptor on a file created here and now (never an existing file, never through a link)."""
    refuse_link(path)
    return os.open(path, _NEW_FILE, mode)


def write_new(path: Path, data: bytes, mode: int = 0o644) -> Path:
    """Write `data` to a file that must not exist yet (inside a folder we just made)."""
    fd = open_new(path, mode)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return path


def replace_into(tmp: Path, path: Path) -> None:
    """Rename our temporary into place, refusing a link at the final name; the temporary goes on failure."""
    try:
        refuse_link(path)
        os.replace(tmp, path)
    except BaseException:
        discard(tmp)
        raise


def discard(tmp: Path) -> None:
    """Remove our temporary if it is still there (cleanup after a failure)."""
    try:
        if not os.path.islink(tmp):
            os.unlink(tmp)
    except OSError:
        pass


def temporary_name(path: Path) -> Path:
    """A temporary name beside `path` that no other process (nor an earlier run) uses:
    `.{name}.{pid}-{random}.tnl-tmp`, so a file a user named `.{name}.tmp` is never touched."""
    path = Path(path)
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tnl-tmp")


def write_atomic(path: Path, data: bytes) -> Path:
    """Write `data` to a unique temporary beside `path`, then rename it into place; returns `path`."""
    path = Path(path)
    tmp = temporary_name(path)
    refuse_link(path)
    fd = open_new(tmp)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
    except BaseException:
        discard(tmp)
        raise
    replace_into(tmp, path)
    return path


def ensure_dir(path: Path, root: Path) -> Path:
    """Create `path` and its parents below `root`, refusing any symbolic link on the way (root itself is trusted)."""
    path, root = Path(path), Path(root)
    root.mkdir(parents=True, exist_ok=True)
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        info = refuse_link(current)
        if info is None:
            try:
                os.mkdir(current)
            except FileExistsError:
                refuse_link(current)
        elif not stat.S_ISDIR(info.st_mode):
            raise InputError(f"{current} : existe et n'est pas un dossier")
    return path


def refuse_secret_inside(secret: str | os.PathLike[str] | None, out_dir: str | os.PathLike[str]) -> None:
    """InputError if a private key lies inside a folder we publish (it would be served with the rest)."""
    if secret is None:
        return
    key, out = os.path.realpath(secret), os.path.realpath(out_dir)
    if os.path.commonpath([key, out]) == out:
        raise InputError(f"{secret} : la clé de signature est dans le dossier de sortie {out_dir} et y serait "
                         "publiée ; rangez-la hors de ce dossier")
