"""Open Badges 2.0, hosted verification: Issuer profile, BadgeClass per distinction and year, Assertion per laureate.

Hosted means the JSON files themselves, served at their `id` from the organiser's site, are the proof: a
verifier fetches the assertion, then its BadgeClass and Issuer, and checks that they all live where they say.
Every value is a Python object serialised by `json`; no user text is ever pasted into a template.
"""

from __future__ import annotations

from typing import Any

from ...domain.model import Laureate
from ...domain.revocations import Revocation
from ...domain.scales import Distinction
from ...domain.theme import Theme
from ...domain.wording import award_description, french_date
from ...inputs.editions import edition_for
from .contexts import OB_V2
from .issuer import IssuerInfo
from .paths import SiteUrls

JsonDict = dict[str, Any]


def badge_name(theme: Theme, distinction: Distinction, year: int) -> str:
    """« Territoire Numérique Libre 2021 — Niveau 3 sur 5 »: the same for 2.0 and 3.0."""
    return f"{theme.word('label')} {year} — {distinction.words}"


def issuer_profile(info: IssuerInfo, urls: SiteUrls) -> JsonDict:
    """`openbadges/issuer.json`."""
    return {
        "@context": OB_V2,
        "type": "Issuer",
        "id": urls.issuer,
        "name": info.name,
        "url": info.url,
        "email": info.email,
        "description": info.description,
    }


def badge_class(distinction: Distinction, year: int, urls: SiteUrls, info: IssuerInfo, theme: Theme) -> JsonDict:
    """`openbadges/badges/{year}-{id}.json`: what every laureate of this distinction and year received."""
    return {
        "@context": OB_V2,
        "type": "BadgeClass",
        "id": urls.badge_class(year, distinction),
        "name": badge_name(theme, distinction, year),
        "description": award_description(theme, distinction, year, None),
        "image": urls.badge_image(year, distinction),
        "criteria": {"id": info.criteria_url, "narrative": info.criteria_narrative},
        "issuer": urls.issuer,
        "tags": list(info.tags),
    }


def recipient_identity(laureate: Laureate, urls: SiteUrls) -> tuple[str, bool]:
    """The URL identifying the collectivité, and False if it had no site (its verification page stands in)."""
    if laureate.website:
        return laureate.website, True
    return urls.verification_page(laureate), False


def assertion(laureate: Laureate, urls: SiteUrls, info: IssuerInfo, theme: Theme,
              revocation: Revocation | None = None) -> JsonDict:
    """`{year}/{slug}/assertion.json`: the award to one collectivité, recipient identified by its web address.

    A withdrawn award stays published, marked `revoked` with its reason (OB 2.0 hosted revocation).
    """
    identity, _ = recipient_identity(laureate, urls)
    page = urls.verification_page(laureate)
    document: JsonDict = {
        "@context": OB_V2,
        "type": "Assertion",
        "id": urls.assertion(laureate),
        "recipient": {"type": "url", "identity": identity, "hashed": False},
        "badge": urls.badge_class(laureate.year, laureate.distinction),
        "verification": {"type": "hosted"},
        "issuedOn": edition_for(laureate.year).award_xsd,
        "image": urls.laureate_file(laureate, "badge-ob2.png"),
        "narrative": award_description(theme, laureate.distinction, laureate.year, laureate.display_name,
                                       laureate.mentions, laureate.type.value),
        "evidence": [{
            "id": page,
            "name": f"Page de vérification : {laureate.display_name} ({laureate.year})",
            "narrative": (f"Le palmarès publié par {info.name} mentionne {laureate.display_name}, "
                          f"{laureate.distinction.words} en {laureate.year} "
                          f"(attestation {laureate.certificate_number})."),
        }],
    }
    if revocation is not None:
        document["revoked"] = True
        document["revocationReason"] = f"retiré le {french_date(revocation.day)} : {revocation.reason}"
    return document
