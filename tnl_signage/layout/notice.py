"""The « notice de pose » of a road panel: where and how a label panel may stand by a road, in French.

One A4 page written through the PDF/A writer (selectable, searchable text), beside the spec sheet of every
road-panel print set. What it says comes from the Code de la route (R418-2 to R418-4), the arrêté du
24 novembre 1967 (art. 5 to 8) and the IISR (8e partie, art. 129); the colour check is `domain.roadsigns`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.formats import PrintFormat
from ..domain.roadsigns import check_panel, reserved_shapes
from ..domain.theme import Theme
from ..drawing.scene import Group, Node, Rect, Scene
from ..drawing.text import FittedText, get_face, text_group
from ..drawing.text.fitting import measure_line, wrap_paragraph
from .legibility import minimums

PAGE_W, PAGE_H, MARGIN = 210.0, 297.0, 18.0
# The notice is the same for every laureate and every year (made once per process): its date is that of its
# text, the version of the rules it quotes, never the clock.
NOTICE_VERSION = "2026-12-01"
BODY, HEAD, TITLE = 3.6, 4.4, 7.0  # text sizes, mm per em
LEADING = 1.3


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]


def notice_sections(theme: Theme, fmt: PrintFormat) -> list[Section]:
    """The notice's text for `fmt` painted in `theme`'s colours."""
    mins = minimums(fmt.reading_distance)
    checks = check_panel(theme)
    clashes = [c for c in checks if c.reserved_for]
    pairs = "; ".join(sorted({f"{c.figure.hex} sur {c.ground.hex} ({c.figure_family or 'autre'} sur "
                              f"{c.ground_family or 'autre'})" for c in checks}))
    if clashes:
        verdict = ("ATTENTION : " + "; ".join(f"{c.figure.hex} sur {c.ground.hex} rappelle {c.reserved_for}"
                                               for c in clashes)
                   + ". Changez ces couleurs dans le thème avant d'imprimer.")
    else:
        verdict = "Aucune de ces paires n'est réservée à la signalisation routière."
    return [
        Section("1. Sur son propre support, jamais sur le panneau d'agglomération", (
            "Le panneau du label est posé sur un support qui lui est propre (poteau, portique, clôture ou mur "
            "de la collectivité), séparé du panneau d'entrée d'agglomération. Il n'est jamais fixé sur ce "
            "panneau ni sur son mât, ni sur aucun autre signal ou son support : le Code de la route interdit "
            "d'apposer sur un signal réglementaire ou sur son support toute inscription qui lui est étrangère "
            "(article R418-3).",
            "L'arrêté du 24 novembre 1967 relatif à la signalisation des routes et des autoroutes (articles 5 "
            "à 8) dresse la liste limitative des panneaux et panonceaux qui peuvent accompagner un panneau "
            "d'entrée d'agglomération : un panneau de label n'en fait pas partie.",
            "Sur le domaine public routier, la pose demande l'accord du gestionnaire de la voirie.",
        )),
        Section("2. Rien qui puisse être pris pour un signal (article R418-2)", (
            "Le panneau ne doit pas pouvoir être confondu avec un signal par sa forme, ses couleurs ou son "
            "emplacement. Forme : un rectangle aux coins arrondis, aucune des formes réservées aux signaux ("
            + ", ".join(reserved_shapes()) + ").",
            f"Couleurs du thème « {theme.name} » vérifiées par tnl-signage : {pairs}. {verdict}",
            "Ne le posez pas à l'endroit ou à la hauteur où l'usager attend un signal (par exemple juste "
            "sous ou juste au-dessus du panneau d'entrée d'agglomération).",
        )),
        Section("3. Rien de caché (article R418-4)", (
            "Le panneau ne doit masquer aucun signal, ni en réduire la visibilité ou la lisibilité, ni gêner la "
            "vue des usagers (carrefour, virage, passage piéton). Laissez les signaux dégagés dans l'axe de "
            "lecture des conducteurs, et posez le panneau en retrait de la chaussée.",
        )),
        Section("4. Film rétroréfléchissant (IISR, 8e partie, article 129)", (
            "Comme pour la signalisation : film rétroréfléchissant de classe 1 au minimum en agglomération, de "
            "classe 2 hors agglomération (et sur les routes à grande circulation). Laminé anti-UV, sur "
            "aluminium composite 3 mm.",
        )),
        Section("5. Lisibilité", (
            f"Format {fmt.size_label}, conçu pour être lu à {fmt.reading_distance:g} m : l'année et la "
            f"distinction ont au moins {mins.primary:.0f} mm de hauteur de capitale (1 pouce pour 30 pieds, "
            f"MUTCD 2A.13), le reste au moins {mins.secondary:.0f} mm quand le format le permet (5 minutes "
            "d'arc, ISO 8596). Posez-le face à la circulation, sans reflet, à la hauteur d'un panneau "
            "d'information.",
        )),
    ]


def _lines(theme: Theme, text: str, size: float, bold: bool, y: float, nodes: list[Node], colour: str) -> float:
    path = theme.font_bold if bold else theme.font_regular
    face = get_face(path)
    width = PAGE_W - 2 * MARGIN
    for line in wrap_paragraph(face, text, size, width):
        fitted = FittedText(face, (measure_line(face, line),), size, 1.0)
        nodes.append(text_group(fitted, MARGIN, y, width, size * 1.05, fill=theme.color(colour), align="left",
                                valign="top"))
        y += size * LEADING
    return y


def text_page(theme: Theme, heading: str, subtitle: str, sections: list[Section], what: str) -> Group:
    """An A4 page of text: heading, subtitle, then each section's heading and paragraphs, top to bottom.

    One layout for every notice the kit writes (pose, withdrawal); ValueError naming `what` if it overflows.
    """
    nodes: list[Node] = [Rect(0, 0, PAGE_W, PAGE_H, fill=theme.color("background"))]
    y = _lines(theme, heading, TITLE, True, MARGIN, nodes, "ink") + 1.0
    y = _lines(theme, subtitle, HEAD, False, y, nodes, "muted") + 4.0
    for section in sections:
        y = _lines(theme, section.heading, HEAD, True, y, nodes, "ink") + 1.0
        for paragraph in section.paragraphs:
            y = _lines(theme, paragraph, BODY, False, y, nodes, "ink") + 1.6
        y += 2.4
    if y > PAGE_H - MARGIN:
        raise ValueError(f"{what} : le texte dépasse la page")
    return Group(tuple(nodes))


def notice_scene(theme: Theme, fmt: PrintFormat, *, date: str = NOTICE_VERSION) -> Scene:
    """The notice as an A4 scene for the PDF/A writer, dated `date` (ISO), the version of its text."""
    subtitle = f"Panneau {theme.word('label')}, {fmt.size_label}, lu à {fmt.reading_distance:g} m"
    page = text_page(theme, "Notice de pose", subtitle, notice_sections(theme, fmt), "notice de pose")
    title = f"Notice de pose du panneau {theme.word('label')} ({fmt.size_label})"
    return Scene(PAGE_W, PAGE_H, page, title=title,
                 desc="Où et comment poser un panneau de label au bord d'une route : support propre, "
                      "articles R418-2 à R418-4 du Code de la route, film rétroréfléchissant.",
                 meta={"pdf_profile": "pdfa-2b", "title": title, "author": theme.word("organiser"),
                       "subject": "Notice de pose d'un panneau de label", "date": date,
                       "lang": "fr-FR", "keywords": "notice de pose, R418-3, panneau"})
