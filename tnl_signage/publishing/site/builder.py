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
from pathlib import Path
from typing import Any

from ...atomic import ensure_dir, refuse_link, refuse_secret_inside
from ...domain.colors import Color, contrast_ratio
from ...domain.model import Laureate, LaureateType, Palmares
from ...domain.records import AwardRecord, Counts
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
from ...drawing.scene import Scene
from ...errors import InputError
from ...inputs.records import records_of
from ...layout.badges import VARIANTS
from ...layout.common import shown_name
from ...layout.withdrawn import withdrawn_preview_scene
from ...ownership import OwnedFolder, folder_lock
from ...products.auto_badge import write_auto_badges
from ...products.badges import THEMES, badge, write_badges
from ...products.local_communication import laureate_linkedin
from ...products.snippets import alt_text, snippets
from ...products.social import social_png, social_result
from ...templating import render
from ...workers import interrupts_held, start_worker
from ...writers import render as render_scene
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
    counts: Counts | None = None  # distinctions in force, their collectivités, withdrawn ones


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


def _open_badges(records: Sequence[AwardRecord], out: _Output, base: str, theme: str,
                 signing_key: Path | None) -> None:
    """Call the Open Badges publisher if it is installed; a note otherwise."""
    try:
        module = importlib.import_module("tnl_signage.products.openbadges.publish")
    except ImportError:
        out.note("Open Badges non publiés : le module tnl_signage.products.openbadges n'est pas disponible")
        return
    write: Callable[..., Any] = module.write_openbadges
    result = write(list(records), out.root, base, theme=theme, signing_key=signing_key, owned=out.owned)
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
    """Renders the pages of one palmarès; every page gets the shared context from `_page`.

    Every status comes from the award records: a withdrawn award is listed apart (« Distinctions
    retirées ») and counted nowhere, and its own page says the withdrawal before anything else."""

    def __init__(self, records: Sequence[AwardRecord], base: str, theme: str, out: _Output) -> None:
        self.records = records
        self.base = base
        self.theme = theme
        self.out = out
        self.light = load_theme("light")
        self.words = load_theme(theme) if theme in THEMES else self.light  # the chosen theme's wording
        self.palette = _site_palette(self.light, load_theme("dark"))
        self.years = sorted({rec.laureate.year for rec in records}, reverse=True)

    def _page(self, template: str, path: str, root: str, canonical: str, **context: Any) -> None:
        """Render a page; `og` (in context) is its link preview: absolute image URL, size, alt text."""
        html = render(template, root=root, canonical=canonical, years=self.years,
                      label=self.words.word("label"), organiser=self.words.word("organiser"),
                      website=self.words.word("website"), **context)
        self.out.write(path, html)

    def by_year(self, year: int) -> list[AwardRecord]:
        return sorted((rec for rec in self.records if rec.laureate.year == year),
                      key=lambda rec: _sort_key(rec.laureate))

    def withdrawn(self, year: int) -> list[dict[str, Any]]:
        """The edition's withdrawn awards, each with its date and reason, for their own list."""
        return [{"lau": rec.laureate, "words": rec.laureate.distinction.words, "reason": rec.withdrawal_reason,
                 "date": french_date(rec.withdrawn_on)} for rec in self.by_year(year) if rec.withdrawn_on]

    def levels(self, year: int) -> list[dict[str, Any]]:
        """The edition's awards in force by distinction (highest first), then by type."""
        found: dict[Distinction, list[Laureate]] = {}
        for rec in self.by_year(year):
            if not rec.withdrawn:
                found.setdefault(rec.laureate.distinction, []).append(rec.laureate)
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
            editions.append({"year": year, "counts": Counts.of(self.by_year(year)), "levels": self.levels(year),
                             "csv": opendata_name(year, "csv"), "json": opendata_name(year, "json")})
        counts = Counts.of(self.records)
        self._page("index.html", "index.html", "", f"{self.base}/", editions=editions, counts=counts,
                   og=previews.home_preview(self.out.write, self.base, self.light, counts, self.years))

    def year(self, year: int) -> None:
        counts = Counts.of(self.by_year(year))
        self._page("year.html", f"{year}/index.html", "../", year_url(self.base, year), year=year,
                   og=previews.year_preview(self.out.write, self.base, self.light, year, counts),
                   counts=counts, levels=self.levels(year), withdrawn=self.withdrawn(year),
                   csv=opendata_name(year, "csv"), json=opendata_name(year, "json"))

    def laureate(self, record: AwardRecord) -> None:
        lau = record.laureate
        folder = self.out.root / laureate_path(lau)
        site = safe_http_url(lau.website)
        if lau.website and site is None:
            self.out.note(f"{laureate_path(lau)} : adresse de site ignorée, elle n'est pas en http(s)")
        open_badges = [Link(text, name) for name, text in OPEN_BADGES_FILES if (folder / name).is_file()]
        issuer = (self.out.root / "openbadges" / "issuer.json").is_file()
        mark = badge(lau, variant="mark").scene.px_size or (0, 0)
        preview = badge(lau, variant=PREVIEW_BADGE).scene.px_size or (0, 0)
        withdrawn = ({"date": french_date(record.withdrawn_on), "reason": record.withdrawal_reason}
                     if record.withdrawn_on else None)
        context: dict[str, Any] = {
            "withdrawn": withdrawn,
            "lau": lau, "site": site, "type_label": lau.type.label_fr, "words": lau.distinction.words,
            "alt": alt_text(lau), "marks_alt": _capitalised(marks_phrase(lau.distinction)),
            "mark_file": badge_name("mark", "auto"), "mark_size": mark,
            "preview_file": badge_name(PREVIEW_BADGE, "auto"), "preview_size": preview,
            "open_badges": open_badges, "issuer": issuer, "page_url": page_url(self.base, lau),
            "og": previews.laureate_preview(self.base, lau, _link_preview(record)),
        }
        if withdrawn is None:  # a withdrawn award offers no code to display it, nor to claim it on a profile
            context |= {
                "badge_rows": _badge_rows(lau), "snippet_blocks": _snippet_blocks(lau, self.base, self.theme),
                "iframe": snippets(lau, self.base, WIDGET_BADGE, "auto")["iframe"],
                "theme_label": THEME_LABELS[self.theme], "theme": self.theme,
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


def _link_preview(record: AwardRecord) -> Scene:
    """The 1200 x 630 picture a shared link to the page shows: the award, or once withdrawn, the withdrawal."""
    if record.withdrawal is None:
        return social_result(record.laureate, "lien").scene
    return withdrawn_preview_scene(record.laureate, record.withdrawal.day, load_theme("light"))


def _sitemap(base: str, laureates: Iterable[Laureate], years: Iterable[int]) -> bytes:
    """Absolute URLs of every page, in a fixed order, without lastmod (no clock in the output)."""
    urls = [f"{base}/"] + [year_url(base, y) for y in sorted(years)]
    urls += sorted(page_url(base, lau) for lau in laureates)
    urlset = ET.Element("urlset", xmlns="http://www.sitemaps.org/schemas/sitemap/0.9")
    for url in urls:
        ET.SubElement(ET.SubElement(urlset, "url"), "loc").text = url
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def _badge_files(job: tuple[AwardRecord, Path]) -> tuple[list[Path], list[str]]:
    """Every badge file of one award (light, dark, auto; SVG, PNG, PNG ×2) and its link preview: one unit of
    parallel work. A withdrawn award's files all say « retiré le … » (embed codes hot-link them)."""
    record, folder = job
    done = write_badges(record, folder, png_scales=PNG_SCALES)
    preview = folder / social_image_name()
    if record.withdrawal is None:
        preview.write_bytes(social_png(record.laureate, "lien"))
    else:
        preview.write_bytes(render_scene(_link_preview(record), "png"))
    return [*done.files, *write_auto_badges(record, folder).files, preview], list(done.notes)


def badge_targets() -> list[str]:
    """The names `_badge_files` writes in a laureate's folder (checked as ours before the workers write)."""
    names = [badge_name(variant, theme, suffix, scale) for theme in THEMES for variant in VARIANTS
             for suffix, scale in (("svg", 1), *(("png", scale) for scale in PNG_SCALES))]
    return [*names, *(badge_name(variant, "auto") for variant in VARIANTS), social_image_name()]


def _write_badges(records: Sequence[AwardRecord], out: _Output, jobs: int) -> None:
    """Badges of every award, in `jobs` processes (PNG rasterising dominates the build time)."""
    targets = badge_targets()
    for rec in records:
        for name in targets:  # before any worker writes: a foreign file at one of these names stops the build
            out.owned.check(f"{laureate_path(rec.laureate)}/{name}")
    work = [(rec, ensure_dir(out.root / laureate_path(rec.laureate), out.root)) for rec in records]
    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(max_workers=jobs, initializer=start_worker, initargs=(os.getpid(),)) as pool:
            with interrupts_held():  # the first submit forks the workers
                mapped = pool.map(_badge_files, work, chunksize=4)
            results = list(mapped)
    else:
        results = [_badge_files(job) for job in work]
    for (rec, _folder), (files, notes) in zip(work, results, strict=True):
        out.files.extend(files)
        for path in files:
            out.owned.adopt(path.relative_to(out.root).as_posix())
        for note in notes:
            out.note(f"{laureate_path(rec.laureate)} : {note}")


def build_site(palmares: Palmares, out_dir: Path, base_url: str, *, theme: str = "light",
               signing_key: Path | None = None, jobs: int = 1,
               revocations: Revocations | None = None, prune: bool = False) -> SiteResult:
    """Write the whole site into `out_dir`; `theme` (light/dark) is the badge the snippets and Open Badges show.

    `jobs` > 1 draws the badges in that many processes; the output is the same bytes either way.
    `revocations`: withdrawn awards; each award's record (`domain.records`) is built once from them and every
    file of that award (badges, pages, widget, previews, open data, Open Badges) says its status.
    Files the site did not write are never replaced nor deleted (a foreign one at a name it writes stops the
    build, named); files of an earlier build it no longer writes are reported, and removed with `prune`.
    """
    base = check_base_url(base_url)
    if theme not in THEMES:
        raise InputError(f"thème du site inconnu : « {theme} » (possibles : {', '.join(THEMES)})")
    if not palmares.laureates:
        raise InputError(f"{palmares.source} : aucun lauréat valide, aucun site à générer")
    records = records_of(sorted(palmares.laureates, key=lambda lau: (lau.year, lau.slug)), revocations)
    out_dir = Path(out_dir)
    refuse_secret_inside(signing_key, out_dir)
    refuse_link(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with folder_lock(out_dir), OwnedFolder(out_dir) as owned:
        return _build(records, _Output(out_dir, owned), base, theme, signing_key, jobs, prune)


def _build(records: tuple[AwardRecord, ...], out: _Output, base: str, theme: str, signing_key: Path | None,
           jobs: int, prune: bool) -> SiteResult:
    out_dir = out.root
    _write_badges(records, out, max(1, jobs))
    _open_badges(records, out, base, theme, signing_key)
    site = _Site(records, base, theme, out)
    out.write("style.css", render("style.css", palette=site.palette))
    for name, data in previews.favicons(site.light).items():
        out.write(name, data)
    site.home()
    for year in site.years:
        site.year(year)
        edition = site.by_year(year)
        out.write(opendata_name(year, "csv"), opendata.to_csv(edition))
        out.write(opendata_name(year, "json"), opendata.to_json(edition, base))
    for record in records:
        site.laureate(record)
    laureates = [rec.laureate for rec in records]
    out.write("robots.txt", f"User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n")
    out.write("sitemap.xml", _sitemap(base, laureates, site.years))
    orphans = out.owned.prune() if prune else out.owned.orphans()
    if orphans and prune:
        out.note(f"{len(orphans)} fichier(s) d'une génération précédente retirés de {out_dir}")
    elif orphans:
        shown = ", ".join(orphans[:3]) + (f" et {len(orphans) - 3} autre(s)" if len(orphans) > 3 else "")
        out.note(f"{len(orphans)} fichier(s) d'une génération précédente restent dans {out_dir} ({shown}) ; "
                 "--prune les retire (seulement ceux que tnl-signage a écrits)")
    return SiteResult(tuple(sorted(set(out.files))), tuple(out.notes), Counts.of(records))
