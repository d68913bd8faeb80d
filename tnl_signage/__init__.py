"""tnl-signage: the signage of the Territoire Numérique Libre label, from one palmarès.

The public API (`import tnl_signage as tnl`), one function per thing a user makes::

    palmares = tnl.load_palmares("examples/palmares-exemple.csv")   # .laureates, .problems
    boe = tnl.laureate(name="Ville de Boé", level="or", year=2025, type="commune")
    tnl.badge(boe, variant="seal", theme="dark").save("seal.svg")   # .svg/.png by suffix; .notes
    tnl.panel(boe, format="800x400").save("panneau.pdf")            # PDF/X-4; .svg cut file; .png proof
    tnl.certificate(boe).save("attestation.pdf")                     # PDF/A-2a, tagged
    tnl.make_kits(palmares, "kits/", jobs=2)
    tnl.build_site(palmares, "public/", base_url="https://example.org/tnl")

Single pictures are `Drawing`s (`.save(path_or_stream, kind=None)`, `.to_bytes(kind)`, `.notes`,
`.scene`); kits and the site return the files written and the notes. Each function imports its layer
on first call, so `import tnl_signage` stays cheap (no cairo, reportlab or fontTools loaded).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import date as _date
from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .domain.model import Laureate, Palmares
    from .domain.theme import Theme
    from .products.print_set import PrintDrawing
    from .products.result import Drawing
    from .publishing.kit import BatchSummary
    from .publishing.kit.builder import KitOutcome
    from .publishing.site import SiteResult

__all__ = [
    "__version__", "badge", "build_site", "certificate", "laureate", "load_palmares", "make_kits", "panel",
    "plaque", "poster",
]

DEFAULT_BASE_URL = "https://territoire-numerique-libre.org/verification"


def load_palmares(path: str | os.PathLike[str], *, today: _date | None = None) -> Palmares:
    """Read a palmarès (CSV or JSON): `.laureates` (the valid rows) and `.problems` (each one in French,
    with file, line, field and value). Raises `InputError` only when the file itself cannot be read.
    `today` is the date the award years are checked against (the clock's by default)."""
    from .inputs.palmares import load_palmares as load

    return load(Path(path), today=today)


def laureate(*, name: str, level: str | int, year: int | str, type: str = "commune",
             mentions: Iterable[str] | str = (), short_name: str | None = None, department: str | None = None,
             website: str | None = None) -> Laureate:
    """One laureate from Python values, checked exactly as a palmarès row (`InputError` in French if not).

    `level`: 1 to 5 (2016-2024), or badge, bronze, argent, or (since 2025); `type`: commune,
    intercommunalité, syndicat, département, région or autre; `mentions`: special mentions (ids or names).
    """
    from .inputs.rows import make_laureate

    return make_laureate(name=name, level=level, year=year, type=type, mentions=mentions,
                         short_name=short_name, department=department, website=website)


def badge(laureate: Laureate, *, variant: str = "seal", theme: Theme | str = "light",
          name_shown: bool = True) -> Drawing:
    """A web badge: `variant` seal, banner, button (88x31) or mark; `theme` light, dark or a .toml path;
    `name_shown=False` for the distinction and year alone.

    Written as SVG or PNG (`.save("seal.png", size=480)` for another size); `.notes` say if the name
    had to be shortened or drawn small.
    """
    from .products.badges import badge as make

    return make(laureate, variant=variant, theme=theme, name_shown=name_shown)


def _print(family: str, laureate: Laureate, **options: Any) -> PrintDrawing:
    from .products.print_set import print_piece

    return print_piece(laureate, family=family, **options)


def panel(laureate: Laureate, *, format: str = "800x400", theme: Theme | str = "light", bleed: float | None = None,
          cut_contour: bool = False, pdfx: str = "4", name_shown: bool = True) -> PrintDrawing:
    """A road-entry panel (landscape, read at 20 m, on its own support: never on the entry sign or its mast):
    `.save("x.pdf")` is the PDF/X-4 (or `pdfx="1a"`) for the printer with crop marks (`marks=False` to leave
    them out), `.svg` the sign maker's cut file, `.png` the proof (`show_safe=True`); `.spec_sheet(files)`
    the A4 sheet. `format`: « 800x400 », any « LARGEURxHAUTEUR » in mm; the PDF has the cut path if
    `cut_contour`; `name_shown=False` leaves the name out (the entry sign already names the place)."""
    return _print("panel", laureate, format=format, theme=theme, bleed=bleed, cut_contour=cut_contour, pdfx=pdfx,
                  name_shown=name_shown)


def plaque(laureate: Laureate, *, format: str = "300x200", theme: Theme | str = "light", bleed: float | None = None,
           cut_contour: bool = False, pdfx: str = "4", qr: bool = True, base_url: str | None = None) -> PrintDrawing:
    """An indoor plaque (holes marked at the corners); same files as `panel`. A QR code leads to the
    verification page under `base_url` (the certificate's default if None), unless `qr=False`."""
    return _print("plaque", laureate, format=format, theme=theme, bleed=bleed, cut_contour=cut_contour, pdfx=pdfx,
                  qr=qr, base_url=base_url)


def poster(laureate: Laureate, *, format: str = "A2", theme: Theme | str = "light", bleed: float | None = None,
           cut_contour: bool = False, pdfx: str = "4", qr: bool = True, base_url: str | None = None) -> PrintDrawing:
    """A poster (portrait, A3, A2 or A1); same files and QR code as `plaque`."""
    return _print("poster", laureate, format=format, theme=theme, bleed=bleed, cut_contour=cut_contour, pdfx=pdfx,
                  qr=qr, base_url=base_url)


def certificate(laureate: Laureate, *, theme: Theme | str = "light", base_url: str | None = None,
                signer: object = None, orientation: str = "portrait", date: _date | str | None = None,
                place: str | None = None, signatory: str | None = None,
                signatory_role: str | None = None, issued: _date | str | None = None) -> Drawing:
    """The certificate (« attestation de labellisation »): `.save("x.pdf")` is PDF/A-2a and PDF/UA-1 (tagged),
    with a QR code to the verification page under `base_url`, signed (PAdES) with `signer`
    (`writers.signing.load_signer`); `.png`/`.svg` are previews. `date`, `place` and `issued`
    (« Attestation établie le … ») default to the edition's (data/editions.toml)."""
    from .products.certificates import certificate as make

    return make(laureate, theme=theme, base_url=base_url, signer=signer, orientation=orientation, date=date,
                place=place, signatory=signatory, signatory_role=signatory_role, issued=issued)


def make_kits(palmares: Palmares | str | os.PathLike[str], out_dir: str | os.PathLike[str], *,
              jobs: int | None = None, base_url: str = DEFAULT_BASE_URL, theme: str = "light",
              signing_key: str | os.PathLike[str] | None = None, force: bool = False,
              progress: Callable[[KitOutcome | None], None] | None = None) -> BatchSummary:
    """Every laureate's kit (folder + zip + manifest) under `out_dir/ANNÉE/SLUG`, in `jobs` processes.

    `palmares` is a loaded palmarès (its file is read again as a stream, so a thousand kits never hold
    every laureate at once) or a path. Complete kits are kept unless `force`. Returns `.files` (the zips),
    `.notes`, and the details: `.outcomes`, `.failures`, `.problems`. Withdrawn awards are read from
    `retraits.csv` beside the palmarès (see `tnl-signage revoke`): their kit is a withdrawal notice and
    LISEZMOI only (docs/retrait.md).
    """
    from .domain.urls import check_base_url
    from .inputs.revocations import revocations_for
    from .products.options import processes
    from .publishing.kit import KitOptions
    from .publishing.kit import make_kits as make

    source = Path(palmares) if isinstance(palmares, str | os.PathLike) else Path(palmares.source)
    moved: tuple[tuple[int, str, int], ...] = ()
    loaded = palmares if not isinstance(palmares, str | os.PathLike) else load_palmares(source)
    revocations = revocations_for(source, loaded.laureates)  # a withdrawal naming no laureate is refused
    if signing_key:  # status-list bits moved off a collision need the whole palmarès (usually none)
        from .products.openbadges.status import moved_indices

        moved = moved_indices(loaded.laureates)
    jobs = processes(jobs)
    options = KitOptions(base_url=check_base_url(base_url), theme=theme, force=force,
                         signing_key=os.fspath(signing_key) if signing_key else None,
                         revocations=revocations, moved_status=moved)
    return make(source, Path(out_dir), jobs=jobs, options=options, progress=progress)


def build_site(palmares: Palmares | str | os.PathLike[str], out_dir: str | os.PathLike[str], *, base_url: str,
               theme: str = "light", signing_key: str | os.PathLike[str] | None = None, jobs: int = 1,
               prune: bool = False) -> SiteResult:
    """The static verification site (home, editions, one page and widget per laureate, badges, Open
    Badges, open data, sitemap) for `base_url`; returns `.files`, `.notes` and `.counts`. Withdrawn awards are
    read from `retraits.csv` beside the palmarès and said in every file of that award (docs/retrait.md)."""
    from .inputs.revocations import revocations_for
    from .products.options import processes
    from .publishing.site import build_site as build

    palmares = load_palmares(palmares) if isinstance(palmares, str | os.PathLike) else palmares
    jobs = processes(jobs) or 1

    return build(palmares, Path(out_dir), base_url, theme=theme, jobs=jobs, prune=prune,
                 signing_key=Path(signing_key) if signing_key else None,
                 revocations=revocations_for(palmares.source, palmares.laureates))


def __getattr__(name: str) -> Any:
    """`tnl.Drawing`, `tnl.Files`, `tnl.InputError` on first use (types for annotations and `except`)."""
    if name in ("Drawing", "Files"):
        from .products import result

        return getattr(result, name)
    if name == "InputError":
        from .errors import InputError

        return InputError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
