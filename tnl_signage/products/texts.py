"""Ready texts for the collectivité: a press release and talking points for élus, as ODT and Markdown.

Filled with the laureate's data (name, distinction in words, year, mentions, ceremony when known); what
only the collectivité can write is left as « [ … ] » so nobody sends an invented quote.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..atomic import write_atomic
from ..domain.document import Bullets, Document, Heading, Paragraph, Run, para, todo
from ..domain.model import Laureate
from ..domain.theme import Theme, load_theme
from ..inputs.editions import edition_for
from ..layout.certificate import Ceremony, french_date
from ..writers.odt import odt_bytes
from .snippets import markdown_text

QUOTE = "citation du maire ou de la maire"
GRADES = ("l'usage de logiciels libres dans les services et les écoles, la contribution et la mutualisation "
          "entre collectivités, l'ouverture des données et des formats, et l'accompagnement des habitants "
          "vers le numérique libre")


def ceremony_of(year: int) -> Ceremony:
    """Date and place where the year's awards were given, when known (data/editions.toml, never guessed)."""
    edition = edition_for(year)
    return Ceremony(edition.award_date if edition.date_known else None, edition.place)


@dataclass(frozen=True)
class ReadyText:
    """One text and the base of its file names."""

    stem: str
    document: Document


def _award(lau: Laureate) -> str:
    return lau.distinction.words


def _mentions(lau: Laureate) -> str:
    names = ", ".join(f"« {m.name} »" for m in lau.mentions)
    return ("la mention spéciale " if len(lau.mentions) == 1 else "les mentions spéciales ") + names


def _ceremony_sentence(lau: Laureate, ceremony: Ceremony) -> str:
    if ceremony.date is not None:
        where = f", {ceremony.place}" if ceremony.place else ""
        return f"La distinction a été remise le {french_date(ceremony.date)}{where}."
    return f"La distinction a été décernée pour l'édition {lau.year} du label."


def press_release(lau: Laureate, theme: Theme, page: str) -> Document:
    """« Communiqué de presse »: headline, facts, what the label grades, the quote left to the mayor."""
    label, organiser = theme.word("label"), theme.word("organiser")
    ceremony = ceremony_of(lau.year)
    headline = f"{lau.display_name} obtient le label {label} {lau.year} : {_award(lau)}"
    facts: list[str | Run] = [f"{lau.display_name} a obtenu le label « {label} » {lau.year}, au niveau ",
                              Run(_award(lau), strong=True)]
    facts.append(f", et {_mentions(lau)}." if lau.mentions else ".")
    blocks: list[Heading | Paragraph | Bullets] = [
        Heading(1, "Communiqué de presse"),
        para(todo("lieu"), ", le ", todo("date d'envoi")),
        Heading(2, headline),
        para(*facts),
        para(f"Le label {label}, décerné chaque année par l'association {organiser}, distingue les "
             f"collectivités qui promeuvent les logiciels libres. Il évalue {GRADES}."),
        para(_ceremony_sentence(lau, ceremony)),
        para(todo("ce que la collectivité a mis en place : logiciels, services, projets")),
        para("« ", todo(QUOTE), " »"),
        para(f"La distinction peut être vérifiée sur la page publique du label : {page}"),
        Heading(3, "Contact presse"),
        para(todo("nom, fonction, téléphone, courriel")),
    ]
    return Document(f"Communiqué de presse — {headline}", tuple(blocks))


def talking_points(lau: Laureate, theme: Theme, page: str) -> Document:
    """Short points an élu can say in a council meeting, an interview or a speech."""
    label, organiser = theme.word("label"), theme.word("organiser")
    ceremony = ceremony_of(lau.year)
    points: list[tuple[Run, ...]] = [
        (Run(f"{lau.display_name} a reçu le label {label} {lau.year} : "), Run(_award(lau), strong=True),
         Run(".")),
        (Run(f"Le label est décerné chaque année par l'association {organiser} ; il évalue {GRADES}."),),
        (Run(_ceremony_sentence(lau, ceremony)),),
    ]
    if lau.mentions:
        points.append((Run(f"La collectivité reçoit aussi {_mentions(lau)}."),))
    points += [
        (Run("Ce que nous avons fait : "), todo("deux ou trois exemples concrets")),
        (Run("Ce que cela change pour les habitants : "), todo("un exemple")),
        (Run("Et ensuite : "), todo("prochaine étape")),
        (Run(f"Vérifier la distinction : {page}"),),
    ]
    return Document(f"Éléments de langage — label {label} {lau.year}, {lau.display_name}", (
        Heading(1, f"Éléments de langage : label {label} {lau.year}"),
        para("Pour les élus et les élues de ", Run(lau.display_name, strong=True),
             " : quelques phrases à reprendre librement."),
        Bullets(tuple(points)),
        para("« ", todo(QUOTE), " »"),
    ))


def _md_runs(runs: tuple[Run, ...]) -> str:
    out = []
    for run in runs:
        text = markdown_text(run.text)
        if text and run.text[:1].isspace():
            text = " " + text
        if text and run.text[-1:].isspace():
            text += " "
        out.append(f"**{text}**" if run.strong or run.placeholder else text)
    return "".join(out)


def markdown(document: Document) -> str:
    """The document as CommonMark; every piece of user text is escaped."""
    lines: list[str] = []
    for block in document.blocks:
        if isinstance(block, Heading):
            lines.append(f"{'#' * block.level} {markdown_text(block.text)}")
        elif isinstance(block, Paragraph):
            lines.append(_md_runs(block.runs))
        else:
            lines.append("\n".join(f"- {_md_runs(item)}" for item in block.items))
        lines.append("")
    return "\n".join(lines)


def _created(lau: Laureate) -> datetime:
    """The documents' date: the award's (data/editions.toml: the ceremony, else the rule for unknown years)."""
    day = edition_for(lau.year).award_date
    return datetime(day.year, day.month, day.day)


def ready_texts(lau: Laureate, theme: Theme, page: str) -> tuple[ReadyText, ...]:
    return (ReadyText(f"communique-de-presse-{lau.year}-{lau.slug}", press_release(lau, theme, page)),
            ReadyText(f"elements-de-langage-{lau.year}-{lau.slug}", talking_points(lau, theme, page)))


def write_ready_texts(lau: Laureate, folder: Path, page: str, theme: Theme | str = "light") -> list[Path]:
    """Each ready text as .odt and .md into `folder`."""
    chosen = load_theme(theme) if isinstance(theme, str) else theme
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for text in ready_texts(lau, chosen, page):
        files.append(write_atomic(folder / f"{text.stem}.odt", odt_bytes(text.document, when=_created(lau))))
        files.append(write_atomic(folder / f"{text.stem}.md", markdown(text.document).encode("utf-8")))
    return files
