"""Slugs are folder names and URLs: ASCII, stable, unique within a year."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tnl_signage.domain.slug import MAX_SLUG_LENGTH, SlugRequest, assign_slugs, fold, slugify


def unique_slugs(entries: list[tuple[str, int]]) -> list[str]:
    """Slugs for (name, year) pairs, as the palmarès reader decides them (whatever their order)."""
    items = list(entries)
    given = assign_slugs(SlugRequest(name, year, fold(name)) for name, year in items)
    return [given[(fold(name), year)] for name, year in items]

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("L'Haÿ-les-Roses", "l-hay-les-roses"),
        ("Ville d'Échirolles", "ville-d-echirolles"),
        ("Ville d’Angoulême", "ville-d-angouleme"),
        ("Cœur de Savoie", "coeur-de-savoie"),
        ("Communauté de l'Æther", "communaute-de-l-aether"),
        ("Straße", "strasse"),
        ("  Saint--Étienne  (42) ", "saint-etienne-42"),
        ("SITIV (Syndicat Intercommunal)", "sitiv-syndicat-intercommunal"),
        ("<script>alert(1)</script>", "script-alert-1-script"),
        ("", "collectivite"),
        ("« — »", "collectivite"),
        ("東京都", "collectivite"),
        ("Ville  de\u00a0Boé\t", "ville-de-boe"),
        ("ﬁnistère", "finistere"),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_long_names_are_cut_at_a_word_boundary():
    name = "ADICO - Association pour le Développement et l'Innovation numérique des Collectivités de l'Oise"
    slug = slugify(name)
    assert len(slug) <= MAX_SLUG_LENGTH
    assert slug == "adico-association-pour-le-developpement-et-l-innovation-numerique-des"
    assert slugify("a" * 100) == "a" * MAX_SLUG_LENGTH


@given(st.text())
def test_any_text_gives_a_clean_bounded_idempotent_slug(text):
    slug = slugify(text)
    assert SLUG.fullmatch(slug)
    assert len(slug) <= MAX_SLUG_LENGTH
    assert slugify(slug) == slug


def test_fold_ignores_case_accents_spaces_and_punctuation():
    assert fold("Ville d'Échirolles") == fold("VILLE D ECHIROLLES") == "villedechirolles"


def test_the_same_collectivite_keeps_its_slug_every_year():
    entries = [("Ville de Boé", year) for year in (2022, 2023, 2024, 2025)]
    assert unique_slugs(entries) == ["ville-de-boe"] * 4


def test_names_that_slug_alike_in_one_year_all_get_a_suffix_whatever_their_order():
    stem = "Syndicat intercommunal pour la gestion mutualisée des services numériques des communes de"
    entries = [(stem + " Est", 2025), (stem + " Ouest", 2025), (stem + " Sud", 2025), (stem + " Ouest", 2024)]
    base = slugify(stem)
    assert slugify(stem + " Est") == slugify(stem + " Ouest") == base
    slugs = unique_slugs(entries)
    assert len(set(slugs[:3])) == 3
    assert all(s.startswith("syndicat-intercommunal-") and len(s) <= MAX_SLUG_LENGTH for s in slugs[:3])
    assert slugs[3] == base  # alone in 2024
    swapped = unique_slugs([entries[2], entries[0], entries[3], entries[1]])
    assert swapped == [slugs[2], slugs[0], slugs[3], slugs[1]]


def test_different_names_with_the_same_slug_in_different_years_do_not_collide():
    assert unique_slugs([("Ville de Boé", 2024), ("Ville de Boe !", 2025)]) == [
        "ville-de-boe",
        "ville-de-boe",
    ]


def test_homonyms_are_told_apart_by_their_departement_in_any_order():
    boe47 = SlugRequest("Ville de Boé", 2025, ("villedeboe", "47"), ("47", "47031"))
    boe24 = SlugRequest("Ville de Boé", 2025, ("villedeboe", "24"), ("24", ""))
    for order in ([boe47, boe24], [boe24, boe47]):
        given = assign_slugs(order)
        assert given[(boe47.identity, 2025)] == "ville-de-boe-47"
        assert given[(boe24.identity, 2025)] == "ville-de-boe-24"


def test_a_pinned_slug_is_kept_and_pushes_a_computed_one_aside():
    pinned = SlugRequest("Ville de Boé", 2025, "a", ("47",), pinned="ville-de-boe")
    other = SlugRequest("Ville de Boe", 2025, "b", ("24",))
    given = assign_slugs([pinned, other])
    assert given[("a", 2025)] == "ville-de-boe" and given[("b", 2025)] == "ville-de-boe-24"


def test_a_suffixed_slug_meeting_a_plain_one_is_made_unique():
    requests = [SlugRequest("Saint-Denis", 2025, "a", ("93",)), SlugRequest("Saint-Denis", 2025, "b", ("974",)),
                SlugRequest("Saint-Denis 93", 2025, "c")]
    assert len(set(assign_slugs(requests).values())) == 3


def test_numbered_slugs_stay_within_the_length_cap():
    first, second = unique_slugs([("a" * 100, 2025), ("a" * 100 + "b", 2025)])
    assert slugify("a" * 100) == slugify("a" * 100 + "b") == "a" * 80
    assert len(first) <= MAX_SLUG_LENGTH and len(second) <= MAX_SLUG_LENGTH and second != first
