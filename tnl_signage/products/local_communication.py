"""Everything a town hall posts, prints and sends the day it gets the label, in one folder of its kit.

Social images with alt texts, e-mail signature, press release and talking points, print for local use,
the usage guide and the LinkedIn « ajouter au profil » fields. One call per laureate; each part is its
own product module.
"""

from __future__ import annotations

from pathlib import Path

from ..atomic import write_atomic
from ..domain.model import Laureate
from ..domain.theme import load_theme
from ..domain.urls import linkedin_add_url, linkedin_fields, page_url
from .local_print import write_local_print
from .signature import write_signature
from .social import write_social_images
from .texts import ceremony_of, write_ready_texts
from .usage_guide import write_usage_guide

LINKEDIN_FILE = "linkedin-ajouter-au-profil.txt"
FIELD_LABELS = {
    "name": "Nom", "organizationName": "Organisme émetteur", "issueYear": "Année d'émission",
    "issueMonth": "Mois d'émission", "certUrl": "URL de la certification", "certId": "ID de la certification",
}


def laureate_linkedin(laureate: Laureate, base_url: str, theme: str = "light") -> tuple[str, dict[str, str]]:
    """The « ajouter au profil » link and its fields, for a laureate's verification page."""
    chosen = load_theme(theme)
    ceremony = ceremony_of(laureate.year).date
    fields = linkedin_fields(chosen.word("label"), chosen.word("organiser"), laureate,
                             page_url(base_url, laureate), ceremony.month if ceremony else None)
    return linkedin_add_url(fields), fields


def linkedin_text(laureate: Laureate, base_url: str, theme: str = "light") -> str:
    url, fields = laureate_linkedin(laureate, base_url, theme)
    lines = ["Ajouter la distinction à un profil LinkedIn (rubrique « Licences et certifications »)", "",
             "Lien direct (ouvre le formulaire déjà rempli) :", url, "",
             "Ou recopiez ces champs :"]
    lines += [f"- {FIELD_LABELS[key]} : {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"


def write_communication(laureate: Laureate, folder: Path, *, base_url: str, theme: str = "light") -> list[str]:
    """Write the communication folder of a laureate's kit; returns notes (e.g. a name shortened)."""
    folder.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    _, social_notes = write_social_images(laureate, folder / "reseaux-sociaux", theme)
    write_signature(laureate, folder / "signature", base_url)
    write_ready_texts(laureate, folder / "textes", page_url(base_url, laureate), theme)
    _, print_notes = write_local_print(laureate, folder / "impression-locale", theme)
    write_usage_guide(laureate.year, folder, theme)
    write_atomic(folder / LINKEDIN_FILE, linkedin_text(laureate, base_url, theme).encode("utf-8"))
    for note in (*social_notes, *print_notes):
        if note not in notes:
            notes.append(note)
    return notes
