"""LISEZMOI.html of a kit: what each file is for, who to send it to, how to embed and how to order.

French, accessible (one h1, landmarks, tables with headers), no script, no external request; opens from disk.
"""

from __future__ import annotations

import fnmatch
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from ...domain.model import Laureate
from ...domain.theme import Theme, load_theme
from ...domain.wording import award_title
from ...templating import render

if TYPE_CHECKING:
    from .builder import KitOptions

# (pattern, what it is, who receives it) — first match wins.
FILE_ROLES: tuple[tuple[str, str, str], ...] = (
    ("badges/badge-*-auto.svg", "Badge qui suit le mode clair ou sombre du lecteur",
     "webmestre"),
    ("badges/badge-seal-*", "Sceau carré, le badge principal", "webmestre, communication"),
    ("badges/badge-banner-*", "Bandeau pour en-tête ou pied de page", "webmestre"),
    ("badges/badge-button-*", "Bouton web 88 × 31", "webmestre"),
    ("badges/badge-mark-*", "Marques et niveau seuls (supports imprimés, signatures)", "communication"),
    ("web/widget-iframe.html", "Widget à intégrer dans une iframe", "webmestre"),
    ("web/*-svg-en-ligne.html", "Badge en SVG dans la page (sans fichier image)", "webmestre"),
    ("web/*.html", "Code HTML à coller dans le site", "webmestre"),
    ("web/*.md", "Code Markdown (wiki, forge, blog)", "webmestre"),
    ("impression/*fiche-technique*",
     "Fiche technique pour l'imprimeur (format, couleurs, matériau, sommes de contrôle)", "imprimeur, signalétique"),
    ("impression/*notice-de-pose*",
     "Notice de pose du panneau : support propre, jamais sur le panneau d'agglomération (R418-2 à R418-4)",
     "services techniques, imprimeur"),
    ("impression/*.pdf", "Fichier d'impression PDF/X (CMJN, fond perdu, traits de coupe)", "imprimeur"),
    ("impression/*-decoupe.svg", "Fichier vectoriel en millimètres avec tracé de découpe", "enseigniste (vinyle)"),
    ("impression/*-bat.png", "Bon à tirer : épreuve à faire valider par la collectivité",
     "élus, service communication"),
    ("attestation/*.pdf", "Attestation de labellisation PDF/A (archivable)", "archives, secrétariat"),
    ("openbadges/*", "Open Badges vérifiables (plateformes de badges)", "webmestre, service numérique"),
)


def role_of(rel: str) -> tuple[str, str]:
    for pattern, what, who in FILE_ROLES:
        if fnmatch.fnmatch(rel, pattern):
            return what, who
    return "", ""


def _size(n: int) -> str:
    return f"{n / 1024:.1f} Ko".replace(".", ",") if n >= 1024 else f"{n} o"


def write_readme(laureate: Laureate, folder: Path, options: KitOptions) -> Path:
    files = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        rel = path.relative_to(folder).as_posix()
        what, who = role_of(rel)
        files.append({"path": rel, "size": _size(path.stat().st_size), "what": what, "who": who})
    page = f"{options.base_url}/{laureate.year}/{laureate.slug}/"
    theme = load_theme(options.theme)  # the kit's theme says the label's name and who awards it
    html = render(
        "kit/LISEZMOI.html",
        laureate=laureate,
        title=award_title_for(laureate, theme),
        label=theme.word("label"),
        organiser=theme.word("organiser"),
        page_url=page,
        files=files,
        has=lambda prefix: any(f["path"].startswith(prefix) for f in files),
        seal="badges/badge-seal-light.svg",
        embed=embed_snippet(page, award_title_for(laureate, theme)),
    )
    target = folder / "LISEZMOI.html"
    target.write_text(html, encoding="utf-8")
    return target


def embed_snippet(page: str, alt: str) -> str:
    """The <img> a webmaster pastes; the alt text is escaped for an HTML attribute."""
    return (f'<a href="{escape(page, quote=True)}"><img src="badge-seal-light.svg" width="240" height="240" '
            f'alt="{escape(alt, quote=True)}"></a>')


def award_title_for(laureate: Laureate, theme: Theme | None = None) -> str:
    """The badge's accessible title, in the kit theme's words."""
    return award_title(theme or load_theme("light"), laureate.distinction, laureate.year, laureate.display_name)
