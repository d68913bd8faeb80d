"""The published URLs of docs/urls.md and the one base-URL rule, in one place, so the certificate's QR
code, snippets, kit readme, pages, sitemap and Open Badges never disagree.

Pure functions of the laureate and the base URL (no I/O), hence in the domain: the layout (QR code),
products (snippets, Open Badges) and publishing (kit, site) all read them.
Absolute URLs (under the base URL) are for what leaves the site: snippets, sitemap, Open Badges.
Pages link to each other with relative paths instead, so the site also works from disk.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import quote, urlsplit

from ..errors import InputError
from .model import Laureate

BADGE_THEMES = ("light", "dark", "auto")


def check_base_url(value: str) -> str:
    """The base URL without trailing slash; InputError unless http(s)://host[/path] with nothing hidden.

    The only check of a base URL (CLI options, library calls, kit, site, certificate, Open Badges).
    """
    text = value.strip()
    if any(ch.isspace() or unicodedata.category(ch).startswith("C") for ch in text):
        raise InputError(f"--base-url « {value} » : l'adresse ne doit contenir ni espace ni caractère invisible")
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as exc:
        raise InputError(f"--base-url « {value} » : adresse mal formée") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"--base-url « {value} » : il faut l'adresse publique complète du site, en https:// "
                         "(par exemple https://territoire-numerique-libre.org/verification)")
    if parts.query or parts.fragment or parts.username is not None:
        raise InputError(f"--base-url « {value} » : l'adresse ne doit avoir ni « ? », ni « # », ni identifiant")
    return text.rstrip("/")


def safe_http_url(value: str | None) -> str | None:
    """`value` if it is an http(s) URL with a host and nothing invisible, else None.

    The model already rejects other sites; this second check sits where the URL becomes a link.
    """
    if not value or any(ch.isspace() or unicodedata.category(ch).startswith("C") for ch in value):
        return None
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return value


def laureate_path(laureate: Laureate) -> str:
    """Folder of a laureate inside the site: `2021/ville-de-lyon`."""
    return f"{laureate.year}/{quote(laureate.slug, safe='')}"


def page_url(base: str, laureate: Laureate) -> str:
    """Verification page: `B/{year}/{slug}/`."""
    return f"{base}/{laureate_path(laureate)}/"


def widget_url(base: str, laureate: Laureate) -> str:
    """Widget for an iframe: `B/{year}/{slug}/widget.html`."""
    return f"{base}/{laureate_path(laureate)}/widget.html"


def badge_name(variant: str, theme: str, suffix: str = "svg", scale: int = 1) -> str:
    """`badge-seal-light.svg`, `badge-seal-auto.svg`, `badge-seal-dark@2x.png`."""
    tail = "" if scale == 1 else f"@{scale}x"
    return f"badge-{variant}-{theme}{tail}.{suffix}"


def badge_url(base: str, laureate: Laureate, variant: str, theme: str, suffix: str = "svg") -> str:
    """A badge file: `B/{year}/{slug}/badge-{variant}-{theme}.svg`."""
    return f"{base}/{laureate_path(laureate)}/{badge_name(variant, theme, suffix)}"


def year_url(base: str, year: int) -> str:
    """One edition of the palmarès: `B/{year}/`."""
    return f"{base}/{year}/"


def opendata_name(year: int, suffix: str) -> str:
    """`palmares-2021.csv`, `palmares-2021.json`."""
    return f"palmares-{year}.{suffix}"


def social_image_name(width: int = 1200, height: int = 630) -> str:
    """The link-preview image beside a verification page: `partage-1200x630.png`."""
    return f"partage-{width}x{height}.png"


def linkedin_fields(label: str, organiser: str, laureate: Laureate, certificate_url: str,
                    month: int | None) -> dict[str, str]:
    """What LinkedIn's « Licences et certifications » form asks, in its order (shown for copy-paste too).

    `month` is the month of the ceremony when known; LinkedIn leaves it empty otherwise.
    """
    fields = {
        "name": f"Label {label} {laureate.year} : {laureate.distinction.words}",
        "organizationName": organiser,
        "issueYear": str(laureate.year),
    }
    if month is not None:
        fields["issueMonth"] = str(month)
    fields["certUrl"] = certificate_url
    fields["certId"] = laureate.certificate_number
    return fields


def linkedin_add_url(fields: dict[str, str]) -> str:
    """LinkedIn's « ajouter au profil » link for a certification, every field percent-encoded."""
    query = "&".join(f"{key}={quote(value, safe='')}" for key, value in fields.items())
    return f"https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&{query}"
