"""Where each Open Badges file lives: its URL under --base-url and its path in the site folder (docs/urls.md).

One place computes both, so a JSON `id` and the file it names can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...domain.model import Laureate
from ...domain.scales import Distinction
from ...domain.urls import check_base_url, laureate_path


@dataclass(frozen=True)
class SiteUrls:
    """URLs of the published site; `rel_*` give the matching relative paths inside the output folder."""

    base: str

    @classmethod
    def of(cls, base_url: str) -> SiteUrls:
        return cls(check_base_url(base_url))

    def url(self, rel: str) -> str:
        """Absolute URL of a relative site path ("" is the home page)."""
        return f"{self.base}/{rel}"

    # ---- relative paths (also the file paths under the site folder)
    REL_ISSUER = "openbadges/issuer.json"
    REL_ISSUER_V3 = "openbadges/issuer-v3.json"

    @staticmethod
    def rel_badge_class(year: int, distinction: Distinction) -> str:
        return f"openbadges/badges/{year}-{distinction.id}.json"

    @staticmethod
    def rel_badge_image(year: int, distinction: Distinction) -> str:
        return f"openbadges/badges/{year}-{distinction.id}.png"

    @staticmethod
    def rel_achievement(year: int, distinction: Distinction) -> str:
        return f"openbadges/achievements/{year}-{distinction.id}.json"

    @staticmethod
    def rel_status_list(year: int) -> str:
        return f"openbadges/status/{year}.json"

    @staticmethod
    def rel_laureate(laureate: Laureate, name: str = "") -> str:
        """`{year}/{slug}/` (the verification page) or a file in that folder."""
        return f"{laureate_path(laureate)}/{name}"

    # ---- absolute URLs
    @property
    def issuer(self) -> str:
        return self.url(self.REL_ISSUER)

    @property
    def issuer_v3(self) -> str:
        return self.url(self.REL_ISSUER_V3)

    @property
    def key_id(self) -> str:
        return f"{self.issuer_v3}#key-1"

    def badge_class(self, year: int, distinction: Distinction) -> str:
        return self.url(self.rel_badge_class(year, distinction))

    def badge_image(self, year: int, distinction: Distinction) -> str:
        return self.url(self.rel_badge_image(year, distinction))

    def achievement(self, year: int, distinction: Distinction) -> str:
        return self.url(self.rel_achievement(year, distinction))

    def status_list(self, year: int) -> str:
        return self.url(self.rel_status_list(year))

    def verification_page(self, laureate: Laureate) -> str:
        return self.url(self.rel_laureate(laureate))

    def laureate_file(self, laureate: Laureate, name: str) -> str:
        return self.url(self.rel_laureate(laureate, name))

    def assertion(self, laureate: Laureate) -> str:
        return self.laureate_file(laureate, "assertion.json")

    def credential(self, laureate: Laureate) -> str:
        return self.laureate_file(laureate, "credential.json")
