"""One URL module, one base-URL rule: every place that shows a laureate's page gives the same address."""

from __future__ import annotations

import pytest

from tnl_signage.domain.urls import check_base_url, page_url
from tnl_signage.errors import InputError
from tnl_signage.inputs.rows import make_laureate
from tnl_signage.layout.certificate import verification_url
from tnl_signage.products.openbadges.paths import SiteUrls
from tnl_signage.products.snippets import snippets

BOE = make_laureate(name="Ville de Boé", level="or", year=2025, type="commune")


@pytest.mark.parametrize("good,expected", [
    ("https://x.org/tnl/", "https://x.org/tnl"),
    ("  http://x.org  ", "http://x.org"),
    ("https://x.org:8443/a/b", "https://x.org:8443/a/b"),
])
def test_one_rule_accepts_a_full_http_address(good: str, expected: str) -> None:
    assert check_base_url(good) == expected
    assert SiteUrls.of(good).base == expected  # the Open Badges paths use the same rule


@pytest.mark.parametrize("bad", [
    "x.org", "ftp://x.org", "https://", "https://x.org/?a=1", "https://x.org/#top", "https://u@x.org",
    "https://x.org/a b", "https://x.org/\u200b", "https://x.org:99999",
])
def test_one_rule_refuses_the_same_addresses_everywhere(bad: str) -> None:
    with pytest.raises(InputError, match="--base-url") as direct:
        check_base_url(bad)
    with pytest.raises(InputError) as via_openbadges:
        SiteUrls.of(bad)
    assert str(direct.value) == str(via_openbadges.value)


def test_every_place_gives_the_same_verification_page() -> None:
    base = "https://palmares.example.org/tnl/"
    expected = "https://palmares.example.org/tnl/2025/ville-de-boe/"
    assert page_url(check_base_url(base), BOE) == expected
    assert verification_url(BOE, base) == expected  # the certificate's QR code
    assert SiteUrls.of(base).verification_page(BOE) == expected  # Open Badges
    assert expected in snippets(BOE, check_base_url(base))["html"]  # the webmaster's snippet
