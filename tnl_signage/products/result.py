"""The two shapes every product returns: a `Drawing` (one picture, several file kinds) or `Files`.

A drawing is written by kind (`svg`, `png`, `pdf`, chosen from a path's suffix); each product says what
each kind means for it (a panel's PDF is the PDF/X for the printer, its SVG the cut file, its PNG the
proof). `notes` are what the user should read (a name shortened, a size under the legibility minimum).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..atomic import write_atomic
from ..drawing.scene import Scene
from ..errors import InputError
from ..writers import render
from .options import Accepts, checked, default_accepts

Rendition = Callable[..., bytes]


def scene_rendition(scene: Scene, kind: str, **fixed: Any) -> Rendition:
    """The scene through the writer of `kind`, with options fixed by the product (call options added)."""
    return lambda **options: render(scene, kind, **{**fixed, **options})


class Drawing:
    """One product: its scene, the file kinds it can be written as, and notes for the user.

    `save("x.svg")` writes atomically (kind from the suffix unless `kind=`) and returns the path;
    `save(stream, kind="png")` writes to a binary stream; `to_bytes(kind)` keeps the file in memory.
    Writer options (`size=` for a PNG's longest side…) pass through both; `accepts` says which each kind
    takes (by default a pixel size for SVG and PNG), and anything else is a French `InputError`.
    """

    def __init__(self, scene: Scene, notes: tuple[str, ...] = (),
                 renditions: Mapping[str, Rendition] | None = None, accepts: Accepts | None = None) -> None:
        self.scene = scene
        self.notes = tuple(notes)
        self._renditions = dict(renditions) if renditions is not None else {
            kind: scene_rendition(scene, kind) for kind in ("svg", "png")}
        self._accepts = dict(accepts) if accepts is not None else default_accepts(self.kinds)

    @property
    def kinds(self) -> tuple[str, ...]:
        """The file kinds this drawing can be written as."""
        return tuple(self._renditions)

    def to_bytes(self, kind: str, **options: Any) -> bytes:
        chosen = kind.lower().lstrip(".")
        rendition = self._renditions.get(chosen)
        if rendition is None:
            raise InputError(f"format de fichier inconnu : « {kind} » pour ce visuel "
                             f"(formats possibles : {', '.join(self.kinds)})")
        return rendition(**checked(chosen, options, self._accepts.get(chosen, {})))

    def save(self, target: str | os.PathLike[str] | IO[bytes], kind: str | None = None,
             **options: Any) -> Path | None:
        if isinstance(target, str | os.PathLike):
            path = Path(target)
            chosen = kind or path.suffix.lstrip(".")
            if not chosen:
                raise InputError(f"{path} : extension manquante ({', '.join('.' + k for k in self.kinds)})")
            if not path.parent.is_dir():
                raise InputError(f"{path} : le dossier « {path.parent} » n'existe pas")
            return write_atomic(path, self.to_bytes(chosen, **options))
        if kind is None:
            raise InputError(f"save() vers un flux : préciser kind= ({', '.join(self.kinds)})")
        target.write(self.to_bytes(kind, **options))
        return None


@dataclass(frozen=True)
class Files:
    """What a multi-file product wrote, in order, and the notes for the user."""

    files: tuple[Path, ...]
    notes: tuple[str, ...] = ()


def stream_bytes(write: Callable[[IO[bytes]], None]) -> bytes:
    """The bytes a stream writer produces."""
    buf = io.BytesIO()
    write(buf)
    return buf.getvalue()
