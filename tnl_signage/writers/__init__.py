"""Writers registry: one module per format, each exposing `write(scene, stream, **options)`.

`save(scene, "x.svg")` picks the writer by suffix (or `kind=`), and accepts a path or a binary stream.
A new format is one new module plus one line in `WRITERS`.
"""

from __future__ import annotations

import importlib
import io
import os
from pathlib import Path
from typing import IO, Any, Protocol

from ..atomic import write_atomic
from ..drawing.scene import Scene
from ..errors import InputError


class Writer(Protocol):
    def __call__(self, scene: Scene, out: IO[bytes], **options: Any) -> None: ...


# suffix -> module under tnl_signage.writers (imported on first use, so SVG needs no PDF stack)
WRITERS: dict[str, str] = {
    "svg": "svg",
    "png": "png",
    "pdf": "pdf",
}


def writer_for(kind: str) -> Writer:
    """The `write` function for a kind ("svg", "png", ...), or a clear error listing the known ones."""
    module = WRITERS.get(kind.lower().lstrip("."))
    if module is None:
        known = ", ".join(sorted(WRITERS))
        raise InputError(f"format de fichier inconnu : « {kind} » (formats connus : {known})")
    writer: Writer = importlib.import_module(f"{__name__}.{module}").write
    return writer


def render(scene: Scene, kind: str, **options: Any) -> bytes:
    """The file's bytes in memory."""
    buf = io.BytesIO()
    writer_for(kind)(scene, buf, **options)
    return buf.getvalue()


def save(scene: Scene, target: str | os.PathLike[str] | IO[bytes], kind: str | None = None, **options: Any) -> None:
    """Write `scene` to a path (format from its suffix unless `kind`) or to a binary stream (`kind` needed).

    A path is written through a temporary file then renamed, so no truncated file ever bears the final name.
    """
    if isinstance(target, str | os.PathLike):
        path = Path(target)
        kind = kind or path.suffix.lstrip(".")
        if not kind:
            raise InputError(f"{path} : extension manquante (.svg, .png…)")
        write_atomic(path, render(scene, kind, **options))
        return
    if kind is None:
        raise InputError("save() vers un flux : préciser kind='svg', 'png'…")
    writer_for(kind)(scene, target, **options)
