"""The parts of a kit, one producer each: a function that writes its files into the kit folder.

Producers run in order; `lisezmoi` comes last because it describes the files the others wrote. A withdrawn
award's kit (its record says « retiré ») is made of the withdrawal notice and LISEZMOI only: nothing that
celebrates or displays the award (docs/retrait.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ...domain.model import Laureate
from ...domain.records import AwardRecord
from ...products.badges import write_badges
from .options import KitOptions
from .readme import write_readme


@dataclass(frozen=True)
class KitContext:
    """What the producers of one kit share; `record` is the award's status, read by every producer."""

    record: AwardRecord
    folder: Path
    options: KitOptions

    @property
    def laureate(self) -> Laureate:
        return self.record.laureate


Producer = Callable[[KitContext], list[str]]


def badges(ctx: KitContext) -> list[str]:
    """Every badge variant, light and dark, SVG and PNG at 1x and 2x."""
    return list(write_badges(ctx.record, ctx.folder / "badges", png_scales=(1, 2)).notes)


def web(ctx: KitContext) -> list[str]:
    """Code to paste for each variant (HTML, Markdown, inline SVG), the widget iframe, and `auto` badges."""
    from ...layout.badges import VARIANTS
    from ...products.auto_badge import write_auto_badges
    from ...products.snippets import snippets

    write_auto_badges(ctx.record, ctx.folder / "badges")
    folder = ctx.folder / "web"
    folder.mkdir(exist_ok=True)
    for variant in VARIANTS:
        code = snippets(ctx.laureate, ctx.options.base_url, variant, "auto", wording=ctx.options.theme)
        (folder / f"badge-{variant}.html").write_text(code["html"] + "\n", encoding="utf-8")
        (folder / f"badge-{variant}.md").write_text(code["markdown"] + "\n", encoding="utf-8")
        (folder / f"badge-{variant}-svg-en-ligne.html").write_text(code["svg"] + "\n", encoding="utf-8")
    (folder / "widget-iframe.html").write_text(code["iframe"] + "\n", encoding="utf-8")
    return []


def printing(ctx: KitContext) -> list[str]:
    """The road-entry panel, the indoor plaque and the poster: PDF/X, cut SVG, PNG proof, spec sheet each."""
    from ...products.print_set import write_print_set

    notes: list[str] = []
    for fmt in (ctx.options.panel_format, ctx.options.plaque_format, ctx.options.poster_format):
        done = write_print_set(ctx.laureate, fmt, ctx.folder / "impression", ctx.options.theme,
                               base_url=ctx.options.base_url)
        notes.extend(note for note in done.notes if note not in notes)
    return notes


def certificate(ctx: KitContext) -> list[str]:
    """The attestation de labellisation, PDF/A-2b, its QR code pointing at the verification page; and a 240 px
    picture of its page beside it, for LISEZMOI and the review gallery, drawn from the same layout."""
    from ...products.certificate_preview import write_certificate_preview
    from ...products.certificates import certificate as make_certificate

    folder = ctx.folder / "attestation"
    folder.mkdir(exist_ok=True)
    drawn = make_certificate(ctx.laureate, theme=ctx.options.theme, base_url=ctx.options.base_url)
    drawn.save(folder / f"attestation-{ctx.laureate.year}-{ctx.laureate.slug}.pdf")
    write_certificate_preview(ctx.laureate, drawn.scene, folder)
    return list(drawn.notes)


def openbadges(ctx: KitContext) -> list[str]:
    """Open Badges 2.0 (always) and 3.0 (signed, when the organiser's key is given)."""
    from ...products.openbadges.publish import NO_KEY_NOTE, write_laureate_openbadges

    result = write_laureate_openbadges(ctx.record, ctx.folder / "openbadges", ctx.options.base_url,
                                       theme=ctx.options.theme, signing_key=ctx.options.signing_key,
                                       moved=ctx.options.moved_status)
    # The missing key is said once per run by the CLI, not once per laureate.
    return [note for note in result.notes if note != NO_KEY_NOTE]


def communication(ctx: KitContext) -> list[str]:
    """communication/: social images + alt texts, e-mail signature, ready texts (ODT, Markdown), print for
    local use (bulletin inserts, stickers), the usage guide (one per year and theme, same bytes in each kit)
    and the LinkedIn fields."""
    from ...products.local_communication import write_communication

    return write_communication(ctx.laureate, ctx.folder / "communication", base_url=ctx.options.base_url,
                               theme=ctx.options.theme)


def lisezmoi(ctx: KitContext) -> list[str]:
    """LISEZMOI.html: what each file is for and who receives it (French, accessible, no script)."""
    write_readme(ctx.record, ctx.folder, ctx.options)
    return []


def withdrawal_notice(ctx: KitContext) -> list[str]:
    """avis-de-retrait-ANNÉE-SLUG.pdf: one A4 page (PDF/A) saying what was withdrawn, when, why, what to take
    down and where to check it."""
    from ...products.withdrawal_notice import write_withdrawal_notice

    write_withdrawal_notice(ctx.record, ctx.folder, ctx.options.base_url, ctx.options.theme)
    return []


PRODUCERS: tuple[Producer, ...] = (badges, web, printing, certificate, openbadges, communication,
                                   lisezmoi)
WITHDRAWN_PRODUCERS: tuple[Producer, ...] = (withdrawal_notice, lisezmoi)  # nothing that displays the award
