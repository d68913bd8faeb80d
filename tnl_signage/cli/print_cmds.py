"""`panel`, `plaque`, `poster` (one print file from options) and `formats` (the known print formats)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

import tnl_signage as tnl

from ..atomic import write_atomic
from ..domain.formats import load_formats
from ..domain.numbers import decimal_fr as _fr
from ..errors import InputError
from ..products.print_set import DEFAULT_FORMATS, QR_FAMILIES
from .common import KIND_HELP, KINDS, STDOUT, THEME_HELP, emit, output_kind, run_safely

DESCRIPTIONS = {
    "panel": "Panneau d'entrée de territoire (paysage, daté, lisible à 20 m ; sur son propre support, jamais "
             "sur le panneau d'agglomération ni sur son mât : voir la notice de pose).",
    "plaque": "Plaque intérieure (paysage, perçages marqués aux coins, code QR vers la page de vérification).",
    "poster": "Affiche (portrait, A3, A2 ou A1, code QR vers la page de vérification).",
}
SUFFIXES = (".pdf", ".svg", ".png")


def _run(family: str, *, level: str, year: str, name: str | None, name_short: str | None,
         mentions: tuple[str, ...], kind: str, fmt_value: str, bleed: float | None, marks: bool, cut_contour: bool,
         pdfx: str, theme: str, show_safe: bool, size: int | None, output: Path, spec_sheet: Path | None,
         qr: bool = True, base_url: str | None = None, file_kind: str | None = None) -> None:
    """Options -> laureate -> drawing -> file (and its spec sheet)."""
    suffix = "." + output_kind(output, file_kind, "pdf")
    if suffix not in SUFFIXES:
        raise InputError(f"{output} : extension « {output.suffix or '(aucune)'} » non prise en charge "
                         "(.pdf pour l'imprimeur, .svg pour le découpeur, .png pour l'épreuve)")
    if spec_sheet is not None and spec_sheet.suffix.lower() != ".pdf":
        raise InputError(f"{spec_sheet} : la fiche technique est un fichier .pdf")
    for target in (output if output != STDOUT else None, spec_sheet):
        if target is not None and not target.parent.is_dir():
            raise InputError(f"{target} : le dossier « {target.parent} » n'existe pas")
    if not name and family != "panel":
        raise InputError("--name est obligatoire pour une plaque ou une affiche")
    # A road panel may go without the name (the entry sign names the place): checked with a stand-in.
    laureate = tnl.laureate(name=name or "Collectivité", level=level, year=year, type=kind, mentions=mentions,
                            short_name=name_short)
    common: dict[str, Any] = {"format": fmt_value, "theme": theme, "bleed": bleed, "cut_contour": cut_contour,
                              "pdfx": pdfx}
    if family == "panel":
        drawn = tnl.panel(laureate, name_shown=bool(name), **common)
    else:
        make = {"plaque": tnl.plaque, "poster": tnl.poster}[family]
        drawn = make(laureate, qr=qr, base_url=base_url, **common)
    for note in drawn.notes:
        click.echo(f"attention : {note}", err=True)
    if show_safe and suffix != ".png":
        click.echo("attention : --show-safe ne concerne que l'épreuve PNG", err=True)
    by_kind: dict[str, dict[str, Any]] = {".pdf": {"marks": marks}, ".svg": {},
                                          ".png": {"show_safe": show_safe, "size": size}}
    options = by_kind[suffix]
    data = drawn.to_bytes(suffix, **options)
    emit(output, data)
    if spec_sheet is not None:
        where = {".pdf": "PDF" if cut_contour else None, ".svg": "SVG (calque « cut-contour »)"}.get(suffix)
        listed = output.name if output != STDOUT else f"{drawn.stem}{suffix}"
        sheet = drawn.spec_sheet([(listed, data)], print_pdf=data if suffix == ".pdf" else None,
                                 marks=marks and suffix == ".pdf", cut_contour_in=where)
        write_atomic(spec_sheet, sheet)
        click.echo(str(spec_sheet), err=output == STDOUT)  # standard output holds the file itself


def _print_command(family: str) -> click.Command:
    """One command per family: same options, different default format and layout."""

    @click.command(family, help=DESCRIPTIONS[family] + "\n\nÉcrit un PDF/X (imprimeur), un SVG en mm "
                   "(découpe) ou une épreuve PNG (validation par la collectivité), selon l'extension de -o.")
    @click.option("--level", "-l", "level", required=True,
                  help="Distinction : 1 à 5 (barème 2016-2024), badge, bronze, argent ou or (depuis 2025).")
    @click.option("--year", "-y", "year", required=True, help="Année d'attribution (2016 ou après).")
    @click.option("--name", "-n", "name", required=family != "panel", default=None,
                  help="Nom de la collectivité" + (" (facultatif : le panneau d'agglomération le dit déjà)."
                                                   if family == "panel" else "."))
    @click.option("--short-name", "--name-short", "name_short", default=None,
                  help="Nom court, utilisé si le nom ne tient pas à la taille minimale.")
    @click.option("--mention", "mentions", multiple=True, help="Mention spéciale (identifiant ou nom), répétable.")
    @click.option("--type", "kind", default="commune", show_default=True, help="Type de collectivité.")
    @click.option("--format", "-f", "fmt_value", default=DEFAULT_FORMATS[family], show_default=True,
                  help="Format connu (voir « tnl-signage formats ») ou largeur x hauteur en mm, ex. 900x450.")
    @click.option("--bleed", type=float, default=None,
                  help="Fond perdu en mm (par défaut celui du format : 5 mm panneaux, 3 mm plaques et affiches).")
    @click.option("--marks/--no-marks", default=True, show_default=True, help="Traits de coupe (PDF).")
    @click.option("--cut-contour", is_flag=True,
                  help="PDF : ajoute le contour de découpe (ton direct CutContour) ; le SVG le porte toujours.")
    @click.option("--pdfx", type=click.Choice(["4", "1a"]), default="4", show_default=True,
                  help="Norme du PDF : PDF/X-4 ou PDF/X-1a:2001.")
    @click.option("--theme", default="light", show_default=True, help=THEME_HELP)
    @click.option("--show-safe", is_flag=True, help="Épreuve PNG : montre la marge de sécurité en pointillés.")
    @click.option("--size", type=int, default=None, help="Épreuve PNG : pixels sur le plus grand côté (1200).")
    @click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
                  help="Fichier de sortie : .pdf, .svg ou .png ; - pour la sortie standard.")
    @click.option("--kind", "file_kind", type=click.Choice(KINDS), default=None, help=KIND_HELP)
    @click.option("--spec-sheet", type=click.Path(dir_okay=False, path_type=Path), default=None,
                  help="Écrit aussi la fiche technique A4 (PDF) pour l'imprimeur.")
    @run_safely
    def command(**options: Any) -> None:
        _run(family, **options)

    if family in QR_FAMILIES:
        command = click.option("--base-url", default=None,
                               help="Adresse du site de vérification (celle de l'attestation par défaut).")(command)
        command = click.option("--qr/--no-qr", default=True, show_default=True,
                               help="Code QR vers la page de vérification du lauréat, l'adresse dessous.")(command)
    return command


panel = _print_command("panel")
plaque = _print_command("plaque")
poster = _print_command("poster")


def formats_table() -> list[str]:
    """The known formats as aligned text lines (French headers)."""
    book = load_formats()
    rows = [("commande", "format", "format fini", "fond perdu", "marge", "perçages")]
    for f in book.formats:
        holes = (f"{f.holes.count} × Ø {_fr(f.holes.diameter)} mm à {_fr(f.holes.inset)} mm"
                 if f.holes else "—")
        rows.append((f.family, f.name, f.size_label, f"{_fr(f.bleed)} mm", f"{_fr(f.safe)} mm", holes))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("")
    lines.append("Toute autre taille : --format LARGEURxHAUTEUR en mm (50 à 5000 mm), ex. --format 900x450.")
    return lines


@click.command("formats")
@run_safely
def formats() -> None:
    """Liste les formats d'impression connus (panneaux, plaques, affiches)."""
    for line in formats_table():
        click.echo(line)


__all__ = ["formats", "panel", "plaque", "poster"]
