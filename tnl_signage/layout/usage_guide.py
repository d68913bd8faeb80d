"""The usage guide (A4, French): clear space, minimum sizes, which badge for which use, what not to do.

Every number is computed from the badge layouts and the theme: natural pixel sizes from the scenes,
minimum sizes from the smallest text each layout may draw (its fixed words, or the theme's minimum
name size) brought up to a legible size on screen and on paper. The same for every laureate of a
theme and year, so a kit writer makes it once per process.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from ..domain.colors import Color
from ..domain.numbers import decimal_fr
from ..domain.scales import Distinction
from ..domain.theme import Theme
from ..drawing.scene import Group, Node, Rect, Scene
from ..drawing.text import get_face
from ..drawing.text.fitting import wrap_paragraph
from .badges import PX_PER_MM, VARIANTS, BadgeContent, badge_scene
from .common import Box, place_fixed
from .transform import recoloured, scale_node, stretched

A4 = (210.0, 297.0)
MARGIN = 18.0
# Legibility floors: text under 8 px per em on a screen at 1x, or 2.1 mm per em (6 pt) on paper, is not read.
SCREEN_MIN_EM_PX = 8.0
PRINT_MIN_EM_MM = 6 * 25.4 / 72
# Clear space around a badge: a tenth of its shorter side (the frame's width of air, kept free of anything).
CLEAR_SPACE_RATIO = 0.1
USES = {
    "seal": "le badge principal : page d'accueil, page « label », communiqué, affiche",
    "banner": "en-tête ou pied de page d'un site, signature de courriel",
    "button": "barre de badges 88 × 31 d'un site, à côté d'autres labels",
    "mark": "quand le nom est déjà écrit à côté : réseaux sociaux, diaporama, objets",
}
OFF_BRAND = Color("hors-charte", (196, 40, 122), (0, 90, 15, 10))  # what a careless recolouring looks like
NAMES = {"seal": "Sceau", "banner": "Bandeau", "button": "Bouton 88 × 31", "mark": "Marques"}
DONTS = (
    "Ne changez pas les couleurs : le niveau se lit aussi à la forme et aux mots, mais la charte reste la même.",
    "Ne déformez pas le badge : agrandissez-le ou réduisez-le sans changer ses proportions.",
    "Ne le recadrez pas et ne masquez aucune partie : année, niveau et nom vont ensemble.",
    "N'ajoutez ni ombre, ni contour, ni effet, et ne le posez pas sur une photo chargée.",
    "Ne l'affichez pas sous ses tailles minimales, et reliez-le toujours à la page de vérification.",
)


@dataclass(frozen=True)
class VariantRule:
    """What the guide says about one badge variant, every number computed."""

    variant: str
    natural_px: tuple[int, int]
    smallest_em_mm: float
    min_px: int
    min_mm: float
    clear_px: int
    clear_mm_at_min: float


def _smallest_em(scene: Scene, theme: Theme, variant: str) -> float:
    """The smallest text size (mm per em) the variant draws: its fixed words, or the name's floor."""
    sizes = [span.size for node in scene.walk() if isinstance(node, Group) for span in node.spans]
    if variant in ("seal", "banner"):
        sizes.append(theme.min_name_size(variant))
    return min(sizes)


def variant_rules(theme: Theme, distinction: Distinction, year: int) -> list[VariantRule]:
    """Minimum sizes and clear space per variant, from the generic badge of `distinction` and `year`."""
    rules = []
    for variant in VARIANTS:
        scene = badge_scene(variant, BadgeContent(distinction, year), theme).scene
        w_px, h_px = scene.px_size or (0, 0)
        em = _smallest_em(scene, theme, variant)
        factor_screen = SCREEN_MIN_EM_PX / (em * PX_PER_MM)
        factor_print = PRINT_MIN_EM_MM / em
        min_mm = math.ceil(scene.width * factor_print)
        clear = CLEAR_SPACE_RATIO * min(w_px, h_px)
        rules.append(VariantRule(variant, (w_px, h_px), em, math.ceil(w_px * factor_screen), float(min_mm),
                                 math.ceil(clear), round(CLEAR_SPACE_RATIO * min(scene.width, scene.height)
                                                         * min_mm / scene.width, 1)))
    return rules


class _Page:
    """A cursor down the page: headings, paragraphs and figures placed one under the other."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.y = MARGIN
        self.x = MARGIN
        self.w = A4[0] - 2 * MARGIN
        self.nodes: list[Node] = [Rect(0, 0, A4[0], A4[1], fill=theme.color("background"))]

    def text(self, text: str, size: float, *, bold: bool = False, color: str = "ink", indent: float = 0.0,
             after: float = 1.5) -> None:
        line_h = size * self.theme.line_height
        for line in wrap_paragraph(get_face(self.theme.font_bold if bold else self.theme.font_regular), text, size,
                                     self.w - indent):
            self.nodes.append(place_fixed(self.theme, line, Box(self.x + indent, self.y, self.w - indent, line_h),
                                          fill=self.theme.color(color), bold=bold, max_size=size, align="left"))
            self.y += line_h
        self.y += after


def guide_scene(theme: Theme, distinction: Distinction, year: int) -> Scene:
    """The one-page A4 guide as a scene (PDF/A through the PDF writer)."""
    label = theme.word("label")
    page = _Page(theme)
    rules = variant_rules(theme, distinction, year)
    page.text(f"Guide d'usage du label {label}", 6.0, bold=True, after=1.0)
    page.text(f"Badges {year} : où les mettre, à quelle taille, et ce qu'il ne faut pas faire.", 3.6,
              color="muted", after=4.0)

    page.text("Zone de protection", 4.6, bold=True, color="accent")
    seal = next(r for r in rules if r.variant == "seal")
    fig = badge_scene("seal", BadgeContent(distinction, year), theme).scene
    d = 34.0
    clear = CLEAR_SPACE_RATIO * d
    fx, fy = page.x + clear, page.y + clear
    page.nodes.append(Rect(page.x, page.y, d + 2 * clear, d + 2 * clear, stroke=theme.color("muted"),
                           stroke_width=0.3))
    page.nodes.append(_placed(fig, fx, fy, d / fig.width))
    text_x = page.x + d + 2 * clear + 6
    saved = (page.x, page.w, page.y)
    page.x, page.w = text_x, A4[0] - MARGIN - text_x
    page.text(f"Laissez autour du badge un espace libre d'au moins un dixième de son petit côté : "
              f"{seal.clear_px} px autour du sceau affiché à sa taille naturelle "
              f"({seal.natural_px[0]} × {seal.natural_px[1]} px), {decimal_fr(round(clear, 1))} mm "
              f"autour d'un sceau imprimé "
              f"de {decimal_fr(d)} mm. Rien n'y entre : texte, logo, bord de page.", 3.4)
    page.text("Le cadre fin autour du sceau ci-contre montre cette zone.", 3.2, color="muted")
    page.x, page.w = saved[0], saved[1]
    page.y = max(page.y, saved[2] + d + 2 * clear) + 5.0

    page.text("Tailles minimales", 4.6, bold=True, color="accent")
    page.text(f"Calculées pour que le plus petit texte de chaque badge garde au moins {SCREEN_MIN_EM_PX:g} px "
              f"à l'écran et {decimal_fr(round(PRINT_MIN_EM_MM, 1))} mm (6 points) sur papier.", 3.4)
    for r in rules:
        page.text(f"{NAMES[r.variant]} : taille naturelle {r.natural_px[0]} × {r.natural_px[1]} px ; "
                  f"au moins {r.min_px} px de large à l'écran, {decimal_fr(r.min_mm)} mm de large imprimé ; "
                  f"zone de protection {r.clear_px} px.", 3.4, indent=4.0, after=0.8)
    page.y += 3.0

    page.text("Quel badge pour quel usage", 4.6, bold=True, color="accent")
    for variant in VARIANTS:
        page.text(f"{NAMES[variant]} : {USES[variant]}.", 3.4, indent=4.0, after=0.8)
    page.text("Préférez le SVG (net à toute taille) ; le PNG @2x pour les écrans haute densité. "
              "Sur fond sombre, prenez la version « dark ».", 3.4)
    page.y += 3.0

    page.text("À ne pas faire", 4.6, bold=True, color="accent")
    for rule in DONTS:
        page.text(f"– {rule}", 3.4, indent=4.0, after=0.8)
    page.y += 3.0
    page.y = _donts_figure(page, theme, fig) + 4.0
    page.text(f"Label {label} décerné par {theme.word('organiser')} · {theme.word('website')}", 3.0,
              color="muted")
    title = f"Guide d'usage du label {label} {year}"
    return Scene(
        width=A4[0], height=A4[1], root=Group(tuple(page.nodes)), title=title,
        desc=f"{title} : zone de protection, tailles minimales, usages et erreurs à éviter.",
        meta={"pdf_profile": "pdfa-2b", "title": title, "author": theme.word("organiser"),
              "subject": f"Zone de protection, tailles minimales et usages des badges {label} {year}",
              "keywords": f"{label}, {year}, guide d'usage", "date": date(year, 1, 1).isoformat(),
              "lang": "fr-FR"},
    )


def _donts_figure(page: _Page, theme: Theme, seal: Scene) -> float:
    """The seal as it must be, then stretched, recoloured and cropped, each with its caption; returns the
    bottom of the row."""
    size, gap = 28.0, 12.0
    scale = size / seal.width
    captions = ("Oui : tel quel", "Non : déformé", "Non : recoloré", "Non : recadré")
    y = page.y
    for i, caption in enumerate(captions):
        x = page.x + i * (size + gap)
        if i == 1:
            body: Node = Group(tuple(stretched(n, x - size * 0.12, y + size * 0.12, scale * 1.25, scale * 0.76)
                                     for n in seal.root.children))
        elif i == 2:
            wrong = {key: OFF_BRAND for key in ("accent", "frame", "ink", "metal_or", "metal_argent",
                                                 "metal_bronze", "metal_badge")}
            # As free paths: the PDF writers keep one form per outline, drawn in the colour of its first use.
            body = recoloured(Group(tuple(stretched(n, x, y, scale, scale) for n in seal.root.children)), wrong)
        else:
            body = _placed(seal, x, y, scale)
        page.nodes.append(body)
        if i == 3:  # a crop: the right third and the bottom quarter cut away
            bg = theme.color("background")
            page.nodes.append(Rect(x + size * 0.64, y - 1, size * 0.4, size + 2, fill=bg))
            page.nodes.append(Rect(x - 1, y + size * 0.74, size + 2, size * 0.3, fill=bg))
        page.nodes.append(place_fixed(theme, caption, Box(x - gap / 2, y + size + 2.0, size + gap, 4.0),
                                      fill=theme.color("ink"), bold=i == 0, max_size=3.2))
    return y + size + 6.0


def _placed(scene: Scene, x: float, y: float, scale: float) -> Group:
    """A badge scene's nodes, scaled and moved (the scene has no transform: outlines are rewritten)."""
    return Group(tuple(scale_node(node, x, y, scale) for node in scene.root.children))
