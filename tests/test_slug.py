"""Slugs are folder names and URLs: ASCII, stable, unique within a year."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tnl_signage.domain.slug import MAX_SLUG_LENGTH, SlugAllocator, fold, slugify


def unique_slugs(entries: list[tuple[str, int]]) -> list[str]:
    """Slugs for (name, year) pairs in order, as the palmarès reader allocates them."""
    allocator = SlugAllocator()
    return [allocator.slug_for(name, year) for name, year in entries]

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


def test_collisions_within_a_year_are_numbered_in_file_order():
    stem = "Syndicat intercommunal pour la gestion mutualisée des services numériques des communes de"
    entries = [(stem + " Est", 2025), (stem + " Ouest", 2025), (stem + " Sud", 2025), (stem + " Ouest", 2024)]
    base = slugify(stem)
    assert slugify(stem + " Est") == slugify(stem + " Ouest") == base
    assert unique_slugs(entries) == [base, base + "-2", base + "-3", base + "-2"]


def test_different_names_with_the_same_slug_in_different_years_do_not_collide():
    assert unique_slugs([("Ville de Boé", 2024), ("Ville de Boe !", 2025)]) == [
        "ville-de-boe",
        "ville-de-boe",
    ]


def test_a_collectivite_keeps_its_numbered_slug_when_it_could_have_the_plain_one():
    allocator = SlugAllocator()
    assert allocator.slug_for("Saint-Denis", 2024, identity=("saint-denis", "93")) == "saint-denis"
    assert allocator.slug_for("Saint-Denis", 2024, identity=("saint-denis", "974")) == "saint-denis-2"
    assert allocator.slug_for("Saint-Denis", 2025, identity=("saint-denis", "974")) == "saint-denis-2"
    assert allocator.slug_for("Saint-Denis", 2025, identity=("saint-denis", "93")) == "saint-denis"


def test_a_repeated_name_and_year_gets_the_same_slug_for_the_caller_to_report():
    allocator = SlugAllocator()
    assert (
        allocator.slug_for("Ville de Boé", 2025) == allocator.slug_for("VILLE DE BOE", 2025) == "ville-de-boe"
    )


def test_numbered_slugs_stay_within_the_length_cap():
    first, second = unique_slugs([("a" * 100, 2025), ("a" * 100 + "b", 2025)])
    assert first == "a" * 80
    assert len(second) <= MAX_SLUG_LENGTH and second.endswith("-2")
