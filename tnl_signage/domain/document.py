"""A short text document as plain data (headings, paragraphs, lists, parts left to the collectivité).

Ready texts (press release, talking points) are built once as this structure, then written as ODT and as
Markdown by their writers: the words live in one place, each format only decides how they look.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph; `placeholder` marks what only the collectivité can write (« [citation…] »)."""

    text: str
    placeholder: bool = False
    strong: bool = False


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[tuple[Run, ...], ...]


Block = Heading | Paragraph | Bullets


@dataclass(frozen=True)
class Document:
    """`title` is the file's metadata title; `blocks` are drawn in order."""

    title: str
    blocks: tuple[Block, ...]

    def placeholders(self) -> list[str]:
        runs = [r for b in self.blocks if isinstance(b, Paragraph) for r in b.runs]
        runs += [r for b in self.blocks if isinstance(b, Bullets) for item in b.items for r in item]
        return [r.text for r in runs if r.placeholder]


def para(*parts: str | Run) -> Paragraph:
    """A paragraph from strings and runs."""
    return Paragraph(tuple(Run(p) if isinstance(p, str) else p for p in parts))


def todo(text: str) -> Run:
    """« [text] »: a part the collectivité must write or check before sending."""
    return Run(f"[{text}]", placeholder=True)
