"""The static palmarès site: home, one page per edition, one verification page and widget per laureate,
badges beside each page, open data, robots.txt and sitemap.xml.

Pages are Jinja2 templates (autoescape on) fed with view data computed here, so templates hold no logic
beyond display. Links between pages are relative (the site works from disk); only what leaves the site
(snippets, sitemap, Open Badges) carries absolute URLs under the base URL. Output is deterministic.
"""

from __future__ import annotations

import importlib
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ...atomic import ensure_dir, refuse_link, refuse_secret_inside
from ...domain.colors import Color, contrast_ratio
from ...domain.model import Laureate, LaureateType, Palmares
from ...domain.revocations import Revocations
from ...domain.scales import Distinction
from ...domain.slug import fold
from ...domain.theme import Theme, load_theme
from ...domain.urls import (
    badge_name,
    check_base_url,
    laureate_path,
    opendata_name,
    page_url,
    safe_http_url,
    social_image_name,
    widget_url,
    year_url,
)
from ...domain.wording import french_date, marks_phrase
from ...errors import InputError
from ...layout.badges import VARIANTS
from ...layout.common import shown_name
from ...ownership import OwnedFolder, folder_lock
from ...products.auto_badge import write_auto_badges
from ...products.badges import THEMES, badge, write_badges
from ...products.local_communication import laureate_linkedin
from ...products.snippets import alt_text, snippets
from ...products.social import social_png, social_result
from ...templating import render
from ...workers import interrupts_held, start_worker
from . import opendata, previews

PNG_SCALES = (1, 2)
VARIANT_LABELS = {"seal": "Sceau", "banner": "Bannière", "button": "Bouton 88 × 31", "mark": "Marques"}
THEME_LABELS = {"light": "clair", "dark": "sombre", "auto": "automatique"}
TYPE_PLURALS = {
    LaureateType.COMMUNE: "Communes", LaureateType.INTERCOMMUNALITE: "Intercommunalités",
    LaureateType.SYNDICAT: "Syndicats", LaureateType.DEPARTEMENT: "Départements",
    LaureateType.REGION: "Régions", LaureateType.AUTRE: "Autres structures",
}
# Open Badges files a laureate folder may hold (written by tnl_signage.products.openbadges), with their labels.
OPEN_BADGES_FILES = (
    ("assertion.json", "Assertion Open Badges 2.0 (JSON-LD)"),
    ("badge-ob2.png", "Image Open Badges 2.0 « cuite » (PNG)"),
    ("badge-ob2.svg", "Image Open Badges 2.0 « cuite » (SVG)"),
    ("credential.json", "Attestation vérifiable Open Badges 3.0 signée (JSON-LD)"),
    ("badge-ob3.png", "Image Open Badges 3.0 « cuite » (PNG)"),
    ("badge-ob3.svg", "Image Open Badges 3.0 « cuite » (SVG)"),
)
WIDGET_BADGE = "mark"
PREVIEW_BADGE = "seal"


@dataclass(frozen=True)
class SiteResult:
    """Files written (sorted) and notes a user should read (names shortened, Open Badges skipped…)."""

    files: tuple[Path, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Link:
    """A link as shown: visible text, target, and words only screen readers (and CSS-less readers) get."""

    text: str
    href: str
    hidden: str = ""


@dataclass(frozen=True)
class BadgeRow:
    """One badge variant in the download table: its size and, per theme, the file links."""

    label: str
    width: int
    height: int
    cells: tuple[tuple[str, tuple[Link, ...]], ...]


@dataclass(frozen=True)
class SnippetBlock:
    """The code to copy for one variant."""

    id: str
    label: str
    html: str
    markdown: str
    svg_file: str


@dataclass
class _Output:
    """Files written so far, and notes, in the order they came; every write goes through the folder's
    ownership record (`ownership.OwnedFolder`: the site's state, what an incremental rebuild starts from)."""

    root: Path
    owned: OwnedFolder
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def write(self, relative: str, data: bytes | str) -> None:
        path = self.owned.write(relative, data.encode("utf-8") if isinstance(data, str) else data)
        self.files.append(path)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


def _sort_key(laureate: Laureate) -> tuple[str, str]:
    return fold(laureate.display_name), laureate.slug


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _site_palette(light: Theme, dark: Theme) -> dict[str, dict[str, str]]:
    """Page colours from the badge themes; links take the accent only where it keeps 4.5:1 on the page."""

    def pick(theme: Theme) -> dict[str, str]:
        bg = theme.color("background")

        def readable(key: str, fallback: str = "ink") -> Color:
            color = theme.color(key)
            return color if contrast_ratio(color, bg) >= 4.5 else theme.color(fallback)

        return {"bg": bg.hex, "ink": theme.color("ink").hex, "muted": readable("muted").hex,
                "link": readable("accent").hex, "line": theme.color("frame").hex}

    return {"light": pick(light), "dark": pick(dark)}


def _open_badges(laureates: Sequence[Laureate], out: _Output, base: str, theme: str,
                 signing_key: Path | None, revocations: Revocations) -> None:
    """Call the Open Badges publisher if it is installed; a note otherwise."""
    try:
        module = importlib.import_module("tnl_signage.products.openbadges.publish")
    except ImportError:
        out.note("Open Badges non publiés : le module tnl_signage.products.openbadges n'est pas disponible")
        return
    write: Callable[..., Any] = module.write_openbadges
    result = write(list(laureates), out.root, base, theme=theme, signing_key=signing_key, revocations=revocations,
                   owned=out.owned)
    out.files.extend(Path(f) for f in result.files)
    for note in result.notes:
        out.note(str(note))


def _badge_rows(laureate: Laureate) -> list[BadgeRow]:
    rows = []
    for variant in VARIANTS:
        scene = badge(laureate, variant=variant).scene
        w, h = scene.px_size or (0, 0)
        label = VARIANT_LABELS[variant]
        cells = []
        for theme in (*THEMES, "auto"):
            where = f", {label.lower()}, {THEME_LABELS[theme]}"
            links = [Link("SVG", badge_name(variant, theme), where)]
            if theme != "auto":
                links.append(Link("PNG", badge_name(variant, theme, "png"), where))
                links.append(Link("PNG ×2", badge_name(variant, theme, "png", 2), where))
            cells.append((THEME_LABELS[theme], tuple(links)))
        rows.append(BadgeRow(label, w, h, tuple(cells)))
    return rows


def _snippet_blocks(laureate: Laureate, base: str, theme: str) -> list[SnippetBlock]:
    blocks = []
    for variant in VARIANTS:
        code = snippets(laureate, base, variant, theme, wording=theme if theme in THEMES else "light")
        blocks.append(SnippetBlock(variant, VARIANT_LABELS[variant], code["html"], code["markdown"],
                                   badge_name(variant, "auto")))
    return blocks


class _Site:
    """Renders the pages of one palmarès; every page gets the shared context from `_page`."""

    def __init__(self, laureates: Sequence[Laureate], base: str, theme: str, out: _Output,
                 revocations: Revocations | None = None) -> None:
        self.laureates = laureates
        self.revocations = revocations or Revocations()
        self.base = base
        self.theme = theme
        self.out = out
        self.light = load_theme("light")
        self.words = load_theme(theme) if theme in THEMES else self.light  # the chosen theme's wording
        self.palette = _site_palette(self.light, load_theme("dark"))
        self.years = sorted({lau.year for lau in laureates}, reverse=True)

    def _page(self, template: str, path: str, root: str, canonical: str, **context: Any) -> None:
        """Render a page; `og` (in context) is its link preview: absolute image URL, size, alt text."""
        html = render(template, root=root, canonical=canonical, years=self.years,
                      label=self.words.word("label"), organiser=self.words.word("organiser"),
                      website=self.words.word("website"), **context)
        self.out.write(path, html)

    def by_year(self, year: int) -> list[Laureate]:
        return sorted((lau for lau in self.laureates if lau.year == year), key=_sort_key)

    def levels(self, year: int) -> list[dict[str, Any]]:
        """The edition's laureates by distinction (highest first), then by type."""
        found: dict[Distinction, list[Laureate]] = {}
        for lau in self.by_year(year):
            found.setdefault(lau.distinction, []).append(lau)
        levels = []
        for distinction in sorted(found, key=lambda d: (-d.rank, d.scale_id, d.id)):
            groups = []
            for kind in LaureateType:
                members = [lau for lau in found[distinction] if lau.type is kind]
                if members:
                    groups.append({"label": TYPE_PLURALS[kind], "id": f"niveau-{distinction.id}-{fold(kind.value)}",
                                   "laureates": members})
            levels.append({"id": f"niveau-{distinction.id}", "title": _capitalised(distinction.words),
                           "count": len(found[distinction]), "groups": groups})
        return levels

    def home(self) -> None:
        editions = []
        for year in self.years:
            editions.append({"year": year, "count": len(self.by_year(year)), "levels": self.levels(year),
                             "csv": opendata_name(year, "csv"), "json": opendata_name(year, "json")})
        self._page("index.html", "index.html", "", f"{self.base}/", editions=editions,
                   total=len(self.laureates), og=previews.home_preview(self.out.write, self.base, self.light,
                                                                      len(self.laureates), self.years))

    def year(self, year: int) -> None:
        self._page("year.html", f"{year}/index.html", "../", year_url(self.base, year), year=year,
                   og=previews.year_preview(self.out.write, self.base, self.light, year, len(self.by_year(year))),
                   count=len(self.by_year(year)), levels=self.levels(year),
                   csv=opendata_name(year, "csv"), json=opendata_name(year, "json"))

    def laureate(self, lau: Laureate) -> None:
        folder = self.out.root / laureate_path(lau)
        site = safe_http_url(lau.website)
        if lau.website and site is None:
            self.out.note(f"{laureate_path(lau)} : adresse de site ignorée, elle n'est pas en http(s)")
        open_badges = [Link(text, name) for name, text in OPEN_BADGES_FILES if (folder / name).is_file()]
        issuer = (self.out.root / "openbadges" / "issuer.json").is_file()
        mark = badge(lau, variant="mark").scene.px_size or (0, 0)
        preview = badge(lau, variant=PREVIEW_BADGE).scene.px_size or (0, 0)
        revocation = self.revocations.for_laureate(lau)
        withdrawn = ({"date": french_date(revocation.day), "reason": revocation.reason} if revocation else None)
        context = {
            "withdrawn": withdrawn,
            "lau": lau, "site": site, "type_label": lau.type.label_fr, "words": lau.distinction.words,
            "alt": alt_text(lau), "marks_alt": _capitalised(marks_phrase(lau.distinction)),
            "mark_file": badge_name("mark", "auto"), "mark_size": mark,
            "preview_file": badge_name(PREVIEW_BADGE, "auto"), "preview_size": preview,
            "badge_rows": _badge_rows(lau), "snippet_blocks": _snippet_blocks(lau, self.base, self.theme),
            "iframe": snippets(lau, self.base, WIDGET_BADGE, "auto")["iframe"],
            "open_badges": open_badges, "issuer": issuer, "page_url": page_url(self.base, lau),
            "theme_label": THEME_LABELS[self.theme], "theme": self.theme,
            "og": previews.laureate_preview(self.base, lau, social_result(lau, "lien").scene),
            "linkedin": laureate_linkedin(lau, self.base),
        }
        self._page("laureate.html", f"{laureate_path(lau)}/index.html", "../../", page_url(self.base, lau),
                   **context)
        widget = badge(lau, variant=WIDGET_BADGE).scene.px_size or (0, 0)
        html = render("widget.html", lau=lau, words=lau.distinction.words, label=self.words.word("label"),
                      shown_name=shown_name(lau.display_name, lau.short_name, self.light),
                      badge_file=badge_name(WIDGET_BADGE, "auto"), badge_size=widget,
                      canonical=widget_url(self.base, lau), palette=self.palette, withdrawn=withdrawn)
        self.out.write(f"{laureate_path(lau)}/widget.html", html)


def _sitemap(base: str, laureates: Iterable[Laureate], years: Iterable[int]) -> bytes:
    """Absolute URLs of every page, in a fixed order, without lastmod (no clock in the output)."""
    urls = [f"{base}/"] + [year_url(base, y) for y in sorted(years)]
    urls += sorted(page_url(base, lau) for lau in laureates)
    urlset = ET.Element("urlset", xmlns="http://www.sitemaps.org/schemas/sitemap/0.9")
    for url in urls:
        ET.SubElement(ET.SubElement(urlset, "url"), "loc").text = url
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def _badge_files(job: tuple[Laureate, Path, date | None]) -> tuple[list[Path], list[str]]:
    """Every badge file of one laureate (light, dark, auto; SVG, PNG, PNG ×2): one unit of parallel work.

    A withdrawn award's `auto` badges (the ones embed codes hot-link) say « retiré le … » instead.
    """
    lau, folder, withdrawn = job
    done = write_badges(lau, folder, png_scales=PNG_SCALES)
    preview = folder / social_image_name()
    preview.write_bytes(social_png(lau, "lien"))
    return [*done.files, *write_auto_badges(lau, folder, withdrawn=withdrawn).files, preview], list(done.notes)


def badge_targets() -> list[str]:
    """The names `_badge_files` writes in a laureate's folder (checked as ours before the workers write)."""
    names = [badge_name(variant, theme, suffix, scale) for theme in THEMES for variant in VARIANTS
             for suffix, scale in (("svg", 1), *(("png", scale) for scale in PNG_SCALES))]
    return [*names, *(badge_name(variant, "auto") for variant in VARIANTS), social_image_name()]


def _write_badges(laureates: Sequence[Laureate], out: _Output, jobs: int, revocations: Revocations) -> None:
    """Badges of every laureate, in `jobs` processes (PNG rasterising dominates the build time)."""
    work = []
    targets = badge_targets()
    for lau in laureates:
        for name in targets:  # before any worker writes: a foreign file at one of these names stops the build
            out.owned.check(f"{laureate_path(lau)}/{name}")
    for lau in laureates:
        revocation = revocations.for_laureate(lau)
        work.append((lau, ensure_dir(out.root / laureate_path(lau), out.root), revocation.day if revocation else None))
    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(max_workers=jobs, initializer=start_worker, initargs=(os.getpid(),)) as pool:
            with interrupts_held():  # the first submit forks the workers
                mapped = pool.map(_badge_files, work, chunksize=4)
            results = list(mapped)
    else:
        results = [_badge_files(job) for job in work]
    for (lau, _folder, _withdrawn), (files, notes) in zip(work, results, strict=True):
        out.files.extend(files)
        for path in files:
            out.owned.adopt(path.relative_to(out.root).as_posix())
        for note in notes:
            out.note(f"{laureate_path(lau)} : {note}")


def build_site(palmares: Palmares, out_dir: Path, base_url: str, *, theme: str = "light",
               signing_key: Path | None = None, jobs: int = 1,
               revocations: Revocations | None = None, prune: bool = False) -> SiteResult:
    """Write the whole site into `out_dir`; `theme` (light/dark) is the badge the snippets and Open Badges show.

    `jobs` > 1 draws the badges in that many processes; the output is the same bytes either way.
    `revocations`: withdrawn awards, said on their page, widget, auto badge and Open Badges.
    Files the site did not write are never replaced nor deleted (a foreign one at a name it writes stops the
    build, named); files of an earlier build it no longer writes are reported, and removed with `prune`.
    """
    revocations = revocations or Revocations()
    base = check_base_url(base_url)
    if theme not in THEMES:
        raise InputError(f"thème du site inconnu : « {theme} » (possibles : {', '.join(THEMES)})")
    if not palmares.laureates:
        raise InputError(f"{palmares.source} : aucun lauréat valide, aucun site à générer")
    out_dir = Path(out_dir)
    refuse_secret_inside(signing_key, out_dir)
    refuse_link(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with folder_lock(out_dir), OwnedFolder(out_dir) as owned:
        return _build(palmares, _Output(out_dir, owned), base, theme, signing_key, jobs, revocations, prune)


def _build(palmares: Palmares, out: _Output, base: str, theme: str, signing_key: Path | None, jobs: int,
           revocations: Revocations, prune: bool) -> SiteResult:
    out_dir = out.root
    laureates = sorted(palmares.laureates, key=lambda lau: (lau.year, lau.slug))
    _write_badges(laureates, out, max(1, jobs), revocations)
    _open_badges(laureates, out, base, theme, signing_key, revocations)
    site = _Site(laureates, base, theme, out, revocations)
    out.write("style.css", render("style.css", palette=site.palette))
    for name, data in previews.favicons(site.light).items():
        out.write(name, data)
    site.home()
    for year in site.years:
        site.year(year)
        edition = site.by_year(year)
        out.write(opendata_name(year, "csv"), opendata.to_csv(edition))
        out.write(opendata_name(year, "json"), opendata.to_json(edition, base))
    for lau in laureates:
        site.laureate(lau)
    out.write("robots.txt", f"User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n")
    out.write("sitemap.xml", _sitemap(base, laureates, site.years))
    orphans = out.owned.prune() if prune else out.owned.orphans()
    if orphans and prune:
        out.note(f"{len(orphans)} fichier(s) d'une génération précédente retirés de {out_dir}")
    elif orphans:
        shown = ", ".join(orphans[:3]) + (f" et {len(orphans) - 3} autre(s)" if len(orphans) > 3 else "")
        out.note(f"{len(orphans)} fichier(s) d'une génération précédente restent dans {out_dir} ({shown}) ; "
                 "--prune les retire (seulement ceux que tnl-signage a écrits)")
    return SiteResult(tuple(sorted(set(out.files))), tuple(out.notes))
