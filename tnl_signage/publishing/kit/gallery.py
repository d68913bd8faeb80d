"""Review gallery for the organiser: `kits/{year}/index.html`, one card per laureate, and `kits/index.html`.

Before sending forty kits, the team looks at each one at a glance: its seal, road-panel proof,
certificate first page and link-preview image, its warnings, links to its folder and zip. Static HTML,
no script, relative links: it opens from disk. The thumbnails are the kit's own PNGs (the certificate's
preview is drawn in the worker that made the kit, so the end of a batch only writes HTML).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from PIL import Image

from ...atomic import ensure_dir, write_atomic
from ...domain.model import Laureate
from ...domain.records import Counts
from ...domain.slug import fold
from ...domain.theme import load_theme
from ...domain.wording import french_date
from ...products.badges import badge
from ...products.certificate_preview import certificate_preview, preview_name
from ...templating import render
from .builder import FAILED, KitOutcome
from .options import KitOptions

THUMBS = "apercus"
GENERATOR = '<meta name="generator" content="tnl-signage (galerie)">'



@dataclass(frozen=True)
class Thumb:
    """One picture of a card: the file it shows (relative to the year folder), its size, what it is."""

    src: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class Card:
    laureate: Laureate
    status: str
    folder: str
    zip: str
    thumbs: tuple[Thumb, ...]
    warnings: tuple[str, ...]
    withdrawn: str = ""  # « 2 mars 2026 » for a withdrawn award (its kit holds the notice only)


def _href(*parts: str) -> str:
    return "/".join(quote(p) for p in parts)


def _thumb(year_dir: Path, rel: str, alt: str) -> Thumb | None:
    path = year_dir / rel
    if not path.is_file():
        return None
    with Image.open(path) as image:
        width, height = image.size
    display = 240
    if width > display:
        width, height = display, max(1, round(height * display / width))
    return Thumb(_href(*rel.split("/")), width, height, alt)


def _first(year_dir: Path, folder: Path, pattern: str) -> str | None:
    """The first file of `folder` matching `pattern`, relative to the year folder."""
    found = sorted(folder.glob(pattern))
    return found[0].relative_to(year_dir).as_posix() if found else None


def _certificate_thumb(year_dir: Path, lau: Laureate, options: KitOptions) -> str:
    """The kit's own certificate preview; for a kit made before it had one, drawn here from the scene
    into `apercus/` (beside the kits, never inside one)."""
    own = f"{lau.slug}/attestation/{preview_name(lau)}"
    if (year_dir / own).is_file():
        return own
    rel = f"{THUMBS}/attestation-{lau.slug}.png"
    target = year_dir / rel
    if not target.is_file():
        ensure_dir(target.parent, year_dir)
        write_atomic(target, certificate_preview(lau, options.theme, options.base_url))
    return rel


def _warnings(outcome: KitOutcome) -> tuple[str, ...]:
    """The kit's notes (name shrunk, short name used…); for a kit kept as is, the badges' notes again."""
    lau = outcome.laureate
    notes = list(outcome.notes)
    if outcome.status != "fait":
        for variant in ("seal", "banner"):
            notes += [n for n in badge(lau, variant=variant).notes if n not in notes]
    if not lau.website:
        notes.append("site web de la collectivité non renseigné")
    return tuple(notes)


def _card(year_dir: Path, outcome: KitOutcome, options: KitOptions) -> Card:
    lau = outcome.laureate
    name = lau.display_name
    folder = year_dir / lau.slug
    if outcome.status == FAILED:  # its folder may not be a kit at all (or not ours): nothing shown from it
        return Card(lau, outcome.status, _href(lau.slug), _href(f"{lau.slug}.zip"), (), _warnings(outcome))
    if outcome.record is not None and outcome.record.withdrawn_on is not None:  # no badge nor panel to show
        return Card(lau, outcome.status, _href(lau.slug), _href(f"{lau.slug}.zip"), (), tuple(outcome.notes),
                    french_date(outcome.record.withdrawn_on))
    thumbs: list[Thumb | None] = [
        _thumb(year_dir, f"{lau.slug}/badges/badge-seal-light.png", f"Sceau, {name}"),
    ]
    proof = _first(year_dir, folder / "impression", "panneau-*-bat.png")
    if proof:
        thumbs.append(_thumb(year_dir, proof, f"Épreuve du panneau d'entrée, {name}"))
    thumbs.append(_thumb(year_dir, _certificate_thumb(year_dir, lau, options),
                         f"Attestation, première page, {name}"))
    social = _first(year_dir, folder / "communication" / "reseaux-sociaux", "visuel-lien-1200x630-*.png")
    if social:
        thumbs.append(_thumb(year_dir, social, f"Visuel de partage 1200 × 630, {name}"))
    return Card(lau, outcome.status, _href(lau.slug), _href(f"{lau.slug}.zip"),
                tuple(t for t in thumbs if t is not None), _warnings(outcome))


def _write_page(path: Path, html: str) -> Path | None:
    """Write a gallery page unless a file we did not write is already there (then it is left as is)."""
    if path.is_symlink() or (path.exists() and GENERATOR not in path.read_text(encoding="utf-8", errors="replace")):
        return None
    return write_atomic(path, html.encode("utf-8"))


def write_gallery(out_dir: Path, year: int, outcomes: Iterable[KitOutcome], options: KitOptions) -> Path | None:
    """`kits/{year}/index.html` for the laureates of `year`, sorted by name."""
    year_dir = ensure_dir(out_dir / str(year), out_dir)  # never through a link
    items = sorted(outcomes, key=lambda o: (fold(o.laureate.display_name), o.laureate.slug))
    cards = [_card(year_dir, o, options) for o in items]
    html = render("kit/galerie.html", year=year, cards=cards, label=load_theme("light").word("label"),
                  warned=sum(1 for c in cards if c.warnings), generator=GENERATOR, counts=outcome_counts(items))
    return _write_page(year_dir / "index.html", html)


def write_galleries(out_dir: Path, outcomes: Iterable[KitOutcome], options: KitOptions) -> list[Path]:
    """One gallery per year of `outcomes`, then `kits/index.html` listing every year folder with a gallery."""
    by_year: dict[int, list[KitOutcome]] = {}
    for outcome in outcomes:
        by_year.setdefault(outcome.laureate.year, []).append(outcome)
    written = [write_gallery(out_dir, year, items, options) for year, items in sorted(by_year.items())]
    years = sorted((int(p.name) for p in out_dir.iterdir()
                    if p.is_dir() and p.name.isdigit() and (p / "index.html").is_file()), reverse=True)
    counts = {y: outcome_counts(by_year[y]) if y in by_year else None for y in years}
    html = render("kit/galerie-index.html", years=years, counts=counts, label=load_theme("light").word("label"),
                  generator=GENERATOR)
    written.append(_write_page(out_dir / "index.html", html))
    return [p for p in written if p is not None]


def outcome_counts(outcomes: Iterable[KitOutcome]) -> Counts:
    """The awards in force among these kits, their collectivités, and the withdrawn ones (failed kits whose
    status was never read count as in force: the palmarès lists them)."""
    return Counts.tally((o.laureate, o.withdrawn) for o in outcomes)
