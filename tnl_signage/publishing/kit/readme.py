"""LISEZMOI.html of a kit: what each file is for, who to send it to, how to embed and how to order.

French, accessible (one h1, landmarks, tables with headers), no script, no external request; opens from disk.
A withdrawn award's LISEZMOI says the withdrawal and what to take down, and lists the notice (no embed code,
no LinkedIn fields).
"""

from __future__ import annotations

import fnmatch
from html import escape
from pathlib import Path

from ...domain.model import Laureate
from ...domain.numbers import decimal_fr
from ...domain.records import AwardRecord
from ...domain.theme import Theme, load_theme
from ...domain.urls import page_url
from ...domain.wording import award_title, french_date
from ...products.local_communication import laureate_linkedin
from ...templating import render
from .options import KitOptions

# (pattern, what it is, who receives it) — first match wins.
FILE_ROLES: tuple[tuple[str, str, str], ...] = (
    ("avis-de-retrait-*.pdf", "Avis de retrait de la distinction (PDF/A) : ce qu'il faut retirer, où le vérifier",
     "élus, communication, archives"),
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
    ("attestation/apercu-*.png", "Aperçu de l'attestation (image), pour la montrer sans ouvrir le PDF",
     "communication"),
    ("attestation/*.pdf", "Attestation de labellisation PDF/A (archivable)", "archives, secrétariat"),
    ("openbadges/*", "Open Badges vérifiables (plateformes de badges)", "webmestre, service numérique"),
    ("communication/reseaux-sociaux/visuel-lien-*.png",
     "Visuel 1200 × 630 : aperçu d'un lien partagé (Facebook, LinkedIn, Mastodon)", "communication"),
    ("communication/reseaux-sociaux/visuel-carre-*.png", "Visuel carré 1080 × 1080 pour une publication",
     "communication"),
    ("communication/reseaux-sociaux/visuel-portrait-*.png", "Visuel portrait 1080 × 1350 pour une publication",
     "communication"),
    ("communication/reseaux-sociaux/visuel-banniere-*.png", "Bannière de profil 1500 × 500", "communication"),
    ("communication/reseaux-sociaux/*.txt", "Texte alternatif du visuel du même nom, à coller avec l'image",
     "communication"),
    ("communication/signature/*.html", "Signature de courriel (badge et lien), à ouvrir puis copier-coller",
     "agents, élus"),
    ("communication/signature/*.txt", "Signature de courriel en texte brut", "agents, élus"),
    ("communication/textes/communique-*.odt", "Communiqué de presse à compléter (LibreOffice)",
     "communication, presse"),
    ("communication/textes/elements-*.odt", "Éléments de langage pour les élus (LibreOffice)", "élus, cabinet"),
    ("communication/textes/*.md", "Même texte en Markdown (site, intranet)", "communication, webmestre"),
    ("communication/impression-locale/encart-*",
     "Encart PDF/X pour le bulletin municipal, à placer à 100 % dans la maquette", "maquettiste, imprimeur"),
    ("communication/impression-locale/autocollant-*", "Autocollant rond Ø 100 mm, PDF/X avec tracé de découpe",
     "imprimeur"),
    ("communication/impression-locale/vitrophanie-*",
     "Vitrophanie imprimée en miroir, à coller à l'intérieur d'une porte vitrée", "imprimeur, enseigniste"),
    ("communication/guide-d-usage-*.pdf",
     "Guide d'usage : zone de protection, tailles minimales, à ne pas faire", "communication, prestataires"),
    ("communication/linkedin-*.txt", "Lien et champs pour ajouter la distinction à un profil LinkedIn",
     "agents, élus"),
)


def role_of(rel: str) -> tuple[str, str]:
    for pattern, what, who in FILE_ROLES:
        if fnmatch.fnmatch(rel, pattern):
            return what, who
    return "", ""


def _size(n: int) -> str:
    return f"{decimal_fr(n / 1024, 1)} Ko" if n >= 1024 else f"{n} o"


def write_readme(record: AwardRecord, folder: Path, options: KitOptions) -> Path:
    """LISEZMOI.html of the kit in `folder` (written last: it lists the other files)."""
    laureate = record.laureate
    files = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")):
        rel = path.relative_to(folder).as_posix()
        what, who = role_of(rel)
        files.append({"path": rel, "size": _size(path.stat().st_size), "what": what, "who": who})
    page = page_url(options.base_url, laureate)
    theme = load_theme(options.theme)  # the kit's theme says the label's name and who awards it
    if record.withdrawn_on is not None:
        html = render("kit/LISEZMOI-retrait.html", laureate=laureate, label=theme.word("label"),
                      organiser=theme.word("organiser"), page_url=page, files=files,
                      day=french_date(record.withdrawn_on), reason=record.withdrawal_reason,
                      awarded=french_date(record.awarded))
        target = folder / "LISEZMOI.html"
        target.write_text(html, encoding="utf-8")
        return target
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
        linkedin=laureate_linkedin(laureate, options.base_url, options.theme),
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
