"""The one walk over a scene: every backend (SVG, cairo, PDF) and every colour inventory goes through it.

The walk resolves what the scene leaves implicit, once: a symbol's fill inherited from its groups, runs
of consecutive symbols (a line of glyphs, a row of marks), and the shapes' outlines. It calls a small
backend protocol in drawing order: `begin_group`, then `place` (a run of symbols), `shape` (fill
and/or stroke an outline) and `embed` (another PDF's page) for the children, then `end_group`. A backend
only says how to draw these five things in its format.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from ..domain.colors import Color
from ..drawing.geometry import circle_commands, rounded_rect_commands
from ..drawing.scene import Circle, Embed, Group, Path, PenCommand, Rect, Scene, Use

Shape = Rect | Circle | Path


@dataclass(frozen=True)
class Placed:
    """A symbol placement with the fill it is drawn in (its own, else its groups'), None = not drawn."""

    use: Use
    fill: Color | None


Run = tuple[Placed, ...]


class Backend(Protocol):
    """What a format draws; the walk decides what and in which order."""

    def begin_group(self, group: Group, fill: Color | None) -> None:
        """A group opens (`fill` is the one its children inherit)."""

    def end_group(self, group: Group, fill: Color | None) -> None:
        """The group's children are drawn."""

    def place(self, run: Run) -> None:
        """Consecutive symbol placements of one group, in order."""

    def shape(self, node: Shape) -> None:
        """A rectangle, circle or path, filled and/or stroked with its own colours."""

    def embed(self, node: Embed) -> None:
        """Another PDF's page in a box (left out by formats that cannot place one)."""


def paint(scene: Scene, backend: Backend) -> None:
    """Walk the whole scene (its root group included) in drawing order."""
    _group(scene.root, None, backend)


def _group(group: Group, inherited: Color | None, backend: Backend) -> None:
    fill = group.fill or inherited
    backend.begin_group(group, fill)
    run: list[Placed] = []
    for child in group.children:
        if isinstance(child, Use):
            run.append(Placed(child, child.fill or fill))
            continue
        if run:
            backend.place(tuple(run))
            run = []
        if isinstance(child, Group):
            _group(child, fill, backend)
        elif isinstance(child, Embed):
            backend.embed(child)
        else:
            backend.shape(child)
    if run:
        backend.place(tuple(run))
    backend.end_group(group, fill)


def without_cut(scene: Scene) -> Scene:
    """The scene without its plotter-only groups (role « cut »): what is printed. Groups with nothing to
    remove are kept as they are (same objects, so the backends' caches still recognise them)."""

    def printed(group: Group) -> Group:
        kept = tuple(printed(c) if isinstance(c, Group) else c for c in group.children
                     if not (isinstance(c, Group) and c.role == "cut"))
        same = len(kept) == len(group.children) and all(a is b for a, b in zip(kept, group.children, strict=True))
        return group if same else dataclasses.replace(group, children=kept)

    root = printed(scene.root)
    return scene if root is scene.root else dataclasses.replace(scene, root=root)


def outline(node: Shape) -> list[PenCommand] | tuple[PenCommand, ...]:
    """A shape as pen commands in scene mm (rounded corners and circles as the same cubic arcs everywhere)."""
    if isinstance(node, Rect):
        return rounded_rect_commands(node.x, node.y, node.w, node.h, node.rx)
    if isinstance(node, Circle):
        return circle_commands(node.cx, node.cy, node.r)
    return node.commands


def even_odd(node: Shape | Use) -> bool:
    """True when the outline is filled under the even-odd rule."""
    if isinstance(node, Use):
        return node.symbol.fill_rule == "evenodd"
    return isinstance(node, Path) and node.fill_rule == "evenodd"


@dataclass(frozen=True)
class Ink:
    """A colour as drawn: `role` is "fill", "stroke" or "group" (a group's own fill, inherited by its
    symbols, listed even when nothing under it uses it); `cut` when it lies in a plotter-only group."""

    color: Color
    role: str
    cut: bool


class _Inventory:
    """The colour-listing backend: every drawn colour, in drawing order."""

    def __init__(self) -> None:
        self.inks: list[Ink] = []
        self._cut = 0

    def begin_group(self, group: Group, fill: Color | None) -> None:
        self._cut += group.role == "cut"
        if group.fill is not None:
            self.inks.append(Ink(group.fill, "group", self._cut > 0))

    def end_group(self, group: Group, fill: Color | None) -> None:
        self._cut -= group.role == "cut"

    def place(self, run: Run) -> None:
        self.inks.extend(Ink(p.fill, "fill", self._cut > 0) for p in run if p.fill is not None)

    def shape(self, node: Shape) -> None:
        if node.fill is not None:
            self.inks.append(Ink(node.fill, "fill", self._cut > 0))
        if node.stroke is not None:
            self.inks.append(Ink(node.stroke, "stroke", self._cut > 0))

    def embed(self, node: Embed) -> None:
        """A placed page's colours are its own PDF's, not the scene's."""


def inks(scene: Scene) -> Iterator[Ink]:
    """Every colour the scene draws, in drawing order (repeated as often as drawn)."""
    inventory = _Inventory()
    paint(scene, inventory)
    yield from inventory.inks
