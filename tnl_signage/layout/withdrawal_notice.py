"""The « avis de retrait »: the one page a withdrawn award's kit holds instead of badges, panels and texts.

A4, written through the PDF/A writer like the certificate (archivable, selectable text), in the page style of
the « notice de pose » (`layout/notice.py`). It says what was withdrawn, when and why, then what the
collectivité must take down, and where anyone can check it. Dated by the withdrawal: same record, same bytes.
"""

from __future__ import annotations

from ..domain.records import AwardRecord
from ..domain.theme import Theme
from ..domain.wording import french_date
from ..drawing.scene import Scene
from .notice import PAGE_H, PAGE_W, Section, text_page


def notice_sections(record: AwardRecord, theme: Theme, page_url: str) -> list[Section]:
    """What the notice says, section by section (French)."""
    lau, day = record.laureate, record.withdrawn_on
    if day is None:
        raise ValueError("avis de retrait : cette distinction n'est pas retirée")
    organiser, label = theme.word("organiser"), theme.word("label")
    mentions = (f", avec {'la mention spéciale' if len(lau.mentions) == 1 else 'les mentions spéciales'} "
                + ", ".join(f"« {m.name} »" for m in lau.mentions)) if lau.mentions else ""
    return [
        Section(f"Distinction retirée le {french_date(day)}", (
            f"{organiser} a retiré le {french_date(day)} la distinction « {lau.distinction.words} »{mentions} du "
            f"label {label} {lau.year}, décernée le {french_date(record.awarded)} à {lau.display_name} "
            f"(attestation n° {lau.certificate_number}).",
            f"Motif : {record.withdrawal_reason.rstrip('.')}.",
        )),
        Section("Ce que la collectivité doit faire", (
            "Retirer le badge de son site web, de ses signatures de courriel et de ses profils ; déposer le "
            "panneau d'entrée de territoire, la plaque et les affiches ; ne plus diffuser le communiqué, les "
            "visuels ni les encarts de cette distinction.",
            "Les badges hébergés par le site de vérification affichent désormais « retiré le "
            f"{french_date(day)} » ; l'attestation de labellisation ne prouve plus la distinction.",
        )),
        Section("Vérifier", (
            f"La page de vérification indique le retrait : {page_url}",
            "Les Open Badges 2.0 et 3.0 de cette distinction y sont marqués révoqués.",
        )),
    ]


def withdrawal_notice_scene(record: AwardRecord, theme: Theme, page_url: str) -> Scene:
    """The notice as an A4 scene for the PDF/A writer; ValueError for an award in force."""
    lau, day = record.laureate, record.withdrawn_on
    sections = notice_sections(record, theme, page_url)
    assert day is not None  # notice_sections refused an award in force
    page = text_page(theme, "Avis de retrait", f"Label {theme.word('label')} {lau.year} · {lau.display_name}",
                     sections, "avis de retrait")
    title = f"Avis de retrait : label {theme.word('label')} {lau.year}, {lau.display_name}"
    return Scene(PAGE_W, PAGE_H, page, title=title,
                 desc=f"Distinction {lau.year} de {lau.display_name} retirée le {french_date(day)} "
                      f"par {theme.word('organiser')} : {record.withdrawal_reason}.",
                 meta={"pdf_profile": "pdfa-2b", "title": title, "author": theme.word("organiser"),
                       "subject": "Avis de retrait d'une distinction", "date": day.isoformat(), "lang": "fr-FR",
                       "keywords": "retrait, label, distinction retirée"})
