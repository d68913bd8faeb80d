"""Write every Open Badges file of a palmarès into the site folder (docs/urls.md), or one laureate's into a kit.

2.0 files are always written; 3.0 credentials need the organiser's signing key and are skipped, with one note,
without it. Same palmarès, base URL, theme and key: same bytes (JSON keys sorted, award dates from
data/editions.toml), except the proofs' `created`, which is the signing time (fixed by SOURCE_DATE_EPOCH).
Each award's status comes from its record (`domain.records`, given or built here once from `revocations`): a
withdrawn award's 2.0 assertion says `revoked`, its 3.0 status-list bit is set, and its baked images carry the
« retiré le … » badge.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ...atomic import ensure_dir, refuse_secret_inside, write_atomic
from ...domain.editions import instant_xsd
from ...domain.model import Laureate
from ...domain.records import AwardRecord
from ...domain.revocations import Revocations
from ...domain.scales import Distinction
from ...domain.theme import Theme, load_theme
from ...inputs.clock import signing_time
from ...inputs.editions import edition_for
from ...inputs.records import records_of
from ...layout.badges import BadgeContent, badge_scene
from ...ownership import OwnedFolder, folder_lock
from ...writers import render
from ..badges import award_badge
from . import ob2, ob3
from .baking import bake_png, bake_svg, compact_json
from .contexts import document_loader
from .issuer import IssuerInfo, load_issuer_info
from .keys import controller_document, load_private_key
from .paths import SiteUrls
from .status import natural_index, status_entry, status_indices, status_list_credential

SigningKey = Ed25519PrivateKey | str | os.PathLike[str] | None
NO_KEY_NOTE = ("Open Badges 3.0 non générés : aucune clé de signature fournie (--signing-key) ; "
               "les Open Badges 2.0 sont générés.")


@dataclass
class OpenBadgesResult:
    """Files written (absolute paths, in writing order) and notes for the user (French, one line each)."""

    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


def json_bytes(value: Any) -> bytes:
    """The published form of a JSON document: UTF-8, indented, keys sorted, final newline.

    `<`, `>` and `&` are written as \\u escapes (same data once parsed): a name such as
    « </script> » stays inert even if a page ever inlines the file.
    """
    text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (text + "\n").encode("utf-8")


def _key(signing_key: SigningKey) -> Ed25519PrivateKey | None:
    if signing_key is None or isinstance(signing_key, Ed25519PrivateKey):
        return signing_key
    return load_private_key(signing_key)


class _Publisher:
    """Everything shared by the files of one run: URLs, issuer data, theme, key, context loader."""

    def __init__(self, base_url: str, theme: Theme | str, signing_key: SigningKey,
                 info: IssuerInfo | None, indices: dict[tuple[int, str], int] | None = None) -> None:
        self.urls = SiteUrls.of(base_url)
        self.indices = indices or {}
        self.signed_at = signing_time()
        self.theme = load_theme(theme) if isinstance(theme, str) else theme
        self.key = _key(signing_key)
        self.info = info or load_issuer_info()
        self.controller = controller_document(self.key, self.urls, self.info) if self.key else None
        extra = {self.urls.issuer_v3: self.controller} if self.controller else {}
        self.loader = document_loader(extra)

    def laureate_files(self, record: AwardRecord, result: OpenBadgesResult) -> dict[str, bytes]:
        """File name -> bytes for one award: assertion, baked 2.0 images, and with a key the 3.0 ones."""
        laureate = record.laureate
        seal = award_badge(record, variant="seal", theme=self.theme)
        for note in seal.notes:
            result.note(note)
        png, svg = (seal.to_bytes(suffix) for suffix in ("png", "svg"))
        assertion = ob2.assertion(laureate, self.urls, self.info, self.theme, record.withdrawal)
        assertion_url = assertion["id"]
        files = {
            "assertion.json": json_bytes(assertion),
            # the 2.0 baking specification: the PNG holds the assertion itself (JSON), not only its URL
            "badge-ob2.png": bake_png(png, compact_json(assertion), version=2),
            "badge-ob2.svg": bake_svg(svg, assertion, version=2, verify_url=assertion_url),
        }
        if self.key is not None:
            index = self.indices.get((laureate.year, laureate.slug), natural_index(laureate))
            unsigned = ob3.credential(laureate, self.urls, self.info, self.theme,
                                      status_entry(laureate, self.urls, index))
            signed = ob3.sign_credential(unsigned, self.key, self.urls.key_id, self.loader, created=self.signed_at)
            files["credential.json"] = json_bytes(signed)
            files["badge-ob3.png"] = bake_png(png, compact_json(signed), version=3)
            files["badge-ob3.svg"] = bake_svg(svg, signed, version=3)
        return files

    def class_files(self, distinction: Distinction, year: int) -> dict[str, bytes]:
        """Relative path -> bytes for one distinction of one year: BadgeClass, its image, its Achievement."""
        urls, info, theme = self.urls, self.info, self.theme
        scene = badge_scene("seal", BadgeContent(distinction, year), theme).scene
        files = {
            urls.rel_badge_class(year, distinction): json_bytes(ob2.badge_class(distinction, year, urls, info, theme)),
            urls.rel_badge_image(year, distinction): render(scene, "png"),
        }
        if self.key is not None:
            doc = ob3.achievement_document(distinction, year, urls, info, theme)
            files[urls.rel_achievement(year, distinction)] = json_bytes(doc)
        return files

    def status_files(self, records: list[AwardRecord]) -> dict[str, bytes]:
        """The signed revocation list of each year (3.0, with a key only)."""
        if self.key is None:
            return {}
        files = {}
        laureates = [rec.laureate for rec in records]
        revocations = Revocations(tuple(rec.withdrawal for rec in records if rec.withdrawal is not None))
        for year in sorted({lau.year for lau in laureates}):
            withdrawn = [rev.day for rev in revocations.of_year(year)]
            since = max([edition_for(year).award_date, *withdrawn])
            valid_from = instant_xsd(edition_for(year).award_instant.replace(
                year=since.year, month=since.month, day=since.day))
            unsigned = status_list_credential(year, laureates, revocations, self.indices, self.urls, valid_from)
            signed = ob3.sign_credential(unsigned, self.key, self.urls.key_id, self.loader, created=self.signed_at)
            files[SiteUrls.rel_status_list(year)] = json_bytes(signed)
        return files

    def issuer_files(self) -> dict[str, bytes]:
        files = {SiteUrls.REL_ISSUER: json_bytes(ob2.issuer_profile(self.info, self.urls))}
        if self.controller is not None:
            files[SiteUrls.REL_ISSUER_V3] = json_bytes(self.controller)
        return files


def _write(root: Path, rel: str, data: bytes, result: OpenBadgesResult, owned: OwnedFolder | None = None) -> None:
    """Through the folder's ownership record when there is one (a site), else a plain atomic write (a kit)."""
    if owned is not None:
        result.files.append(owned.write(rel, data))
        return
    path = root / rel
    ensure_dir(path.parent, root)
    result.files.append(write_atomic(path, data))


def _no_site_note(laureates: list[Laureate]) -> str:
    names = ", ".join(f"{lau.display_name} ({lau.year})" for lau in laureates[:3])
    more = f" et {len(laureates) - 3} autre(s)" if len(laureates) > 3 else ""
    return (f"{len(laureates)} lauréat(s) sans site web ({names}{more}) : leur Open Badge 2.0 désigne la "
            "collectivité par l'adresse de sa page de vérification.")


def _records(awards: Iterable[Laureate | AwardRecord], revocations: Revocations | None) -> list[AwardRecord]:
    """The records of `awards`: a record is kept as given, a laureate's is built from `revocations`."""
    items = list(awards)
    built = iter(records_of([a for a in items if isinstance(a, Laureate)], revocations))
    return [a if isinstance(a, AwardRecord) else next(built) for a in items]


def write_openbadges(laureates: Iterable[Laureate | AwardRecord], out_dir: str | os.PathLike[str], base_url: str, *,
                     theme: Theme | str = "light", signing_key: SigningKey = None,
                     info: IssuerInfo | None = None, revocations: Revocations | None = None,
                     owned: OwnedFolder | None = None) -> OpenBadgesResult:
    """Write the Open Badges rows of docs/urls.md under `out_dir` (the site folder published at `base_url`).

    A key file inside `out_dir` is refused: it would be published with the badges. `owned`: the folder's
    ownership record when the caller holds it (the site); otherwise this call takes the folder's lock and
    record itself, so a foreign file is never replaced. `laureates` may be award records (the site's), whose
    status is then used as is; for plain laureates, `revocations` says which awards were withdrawn.
    """
    root = Path(out_dir)
    if not isinstance(signing_key, Ed25519PrivateKey):
        refuse_secret_inside(signing_key, root)  # before the folder gets our lock and record: refused = untouched
    if owned is None:
        root.mkdir(parents=True, exist_ok=True)
        with folder_lock(root), OwnedFolder(root) as mine:
            return write_openbadges(laureates, root, base_url, theme=theme, signing_key=signing_key, info=info,
                                    revocations=revocations, owned=mine)
    result = OpenBadgesResult()
    records = _records(laureates, revocations)
    chosen = [rec.laureate for rec in records]
    pub = _Publisher(base_url, theme, signing_key, info, status_indices(chosen))
    for rel, data in {**pub.issuer_files(), **pub.status_files(records)}.items():
        _write(root, rel, data, result, owned)
    classes = sorted({(lau.year, lau.distinction.id): lau.distinction for lau in chosen}.items())
    for (year, _id), distinction in classes:
        for rel, data in pub.class_files(distinction, year).items():
            _write(root, rel, data, result, owned)
    for record in records:
        for name, data in pub.laureate_files(record, result).items():
            _write(root, SiteUrls.rel_laureate(record.laureate, name), data, result, owned)
    without_site = [lau for lau in chosen if not lau.website]
    if without_site:
        result.note(_no_site_note(without_site))
    if pub.key is None:
        result.note(NO_KEY_NOTE)
    if not pub.urls.base.startswith("https://"):
        result.note(f"L'adresse du site {pub.urls.base} n'est pas en https : les vérificateurs Open Badges "
                    "et les portefeuilles risquent de refuser ces badges une fois publiés.")
    return result


def write_laureate_openbadges(laureate: Laureate | AwardRecord, out_dir: str | os.PathLike[str], base_url: str, *,
                              theme: Theme | str = "light", signing_key: SigningKey = None,
                              info: IssuerInfo | None = None, revocations: Revocations | None = None,
                              moved: tuple[tuple[int, str, int], ...] = ()) -> OpenBadgesResult:
    """One laureate's Open Badges files, flat in `out_dir` (a kit): they point to the hosted site files.

    `moved` lists the status-list bits the whole palmarès moved off a collision (`status.moved_indices`).
    """
    root = Path(out_dir)
    result = OpenBadgesResult()
    record = _records([laureate], revocations)[0]
    pub = _Publisher(base_url, theme, signing_key, info, {(year, slug): index for year, slug, index in moved})
    for name, data in pub.laureate_files(record, result).items():
        _write(root, name, data, result)
    laureate = record.laureate
    if not laureate.website:
        result.note(_no_site_note([laureate]))
    if pub.key is None:
        result.note(NO_KEY_NOTE)
    return result
