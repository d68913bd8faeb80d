"""The example site in headless Chromium: axe-core on every page, no request off 127.0.0.1, screenshots,
keyboard focus, small screens, the widget in its iframe size, the auto badge in dark mode."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from tests.web_harness import EXAMPLE_CSV, check_page, chromium, describe, example_site, opened  # noqa: F401 (fixture)

KEY_PAGES = ("index.html", "2021/index.html", "2025/parc-national-des-ecrins/index.html",
             "2025/parc-national-des-ecrins/widget.html")


@pytest.fixture(scope="module")
def site(chromium) -> tuple[Path, str]:  # type: ignore[no-untyped-def]  # noqa: F811
    return example_site()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $TNL_SHOTS if set (to look at them), else a pytest temporary folder."""
    chosen = os.environ.get("TNL_SHOTS")
    return Path(chosen) if chosen else tmp_path_factory.mktemp("captures")


def test_every_page_passes_axe_and_requests_nothing_outside(site: tuple[Path, str], shots: Path) -> None:
    folder, base = site
    pages = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))
    assert len(pages) > 70
    failures: dict[str, str] = {}
    start = time.monotonic()
    for rel in pages:
        key = rel in KEY_PAGES
        violations, external = check_page(f"{base}/{rel}", screenshots=shots if key else None,
                                          widths=(320, 1280) if key else (1280,))
        if violations or external:
            failures[rel] = describe(violations) + "".join(f"\nrequête extérieure : {u}" for u in external)
    elapsed = time.monotonic() - start
    print(f"axe : {len(pages)} pages en {elapsed:.1f} s, 0 violation attendue ; captures dans {shots}")
    assert not failures, "\n".join(f"{k}:\n{v}" for k, v in failures.items())


@pytest.mark.parametrize("rel", KEY_PAGES)
def test_dark_scheme_passes_axe_too(site: tuple[Path, str], shots: Path, rel: str) -> None:
    _folder, base = site
    violations, external = check_page(f"{base}/{rel}", color_scheme="dark", screenshots=shots)
    assert not violations, describe(violations)
    assert not external


def test_a_cdn_request_would_be_caught(site: tuple[Path, str], tmp_path: Path) -> None:
    folder, base = site
    probe = folder / "sonde-externe.html"
    probe.write_text('<!DOCTYPE html><html lang="fr"><head><title>t</title>'
                     '<link rel="stylesheet" href="https://cdn.example.com/x.css"></head>'
                     '<body><main><h1>t</h1></main></body></html>', encoding="utf-8")
    try:
        _violations, external = check_page(f"{base}/sonde-externe.html", axe=False)
    finally:
        probe.unlink()
    assert external == ["https://cdn.example.com/x.css"]


@pytest.mark.parametrize("rel", KEY_PAGES[:3])
def test_no_horizontal_scroll_at_320_px(site: tuple[Path, str], rel: str) -> None:
    _folder, base = site
    with opened(f"{base}/{rel}", width=320) as page:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_widget_fits_its_iframe_without_scrollbars(site: tuple[Path, str], shots: Path) -> None:
    _folder, base = site
    for rel in ("2025/parc-national-des-ecrins/widget.html",
                "2021/adico-association-pour-le-developpement-et-l-innovation-numerique-des/widget.html",
                "2021/communaute-de-communes-du-pays-reuni-d-orange/widget.html"):
        with opened(f"{base}/{rel}", width=260, height=210) as page:
            size = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            assert size[0] <= 260 and size[1] <= 210, (rel, size)
            page.screenshot(path=str(shots / f"{rel.replace('/', '_')}-iframe.png"))


def test_skip_link_is_first_and_focus_is_visible(site: tuple[Path, str]) -> None:
    _folder, base = site
    with opened(f"{base}/2021/ville-de-lyon/index.html") as page:
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e),
            r = e.getBoundingClientRect();
            return [e.textContent, s.outlineStyle, parseFloat(s.outlineWidth), r.left, r.top, r.width]; }""")
        text, style, width, left, top, box_width = focused
        assert text == "Aller au contenu"
        assert style == "solid" and width >= 2
        assert left >= 0 and top >= 0 and box_width > 0
        page.keyboard.press("Enter")
        page.wait_for_url("**#contenu", timeout=5000)  # the jump is handled after the key press returns
        assert page.url.endswith("#contenu")
        page.keyboard.press("Tab")
        tag = page.evaluate("document.activeElement.closest('main') !== null")
        assert tag, "après le lien d'évitement, le focus suivant est dans le contenu"


def _shot(page, w: int, h: int) -> Image.Image:  # type: ignore[no-untyped-def]
    return Image.open(io.BytesIO(page.screenshot(clip={"x": 0, "y": 0, "width": w, "height": h}))).convert("RGB")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_auto_badge_follows_the_reader_preference(site: tuple[Path, str], scheme: str) -> None:
    _folder, base = site
    where = f"{base}/2025/parc-national-des-ecrins"
    theme = "dark" if scheme == "dark" else "light"
    with opened(f"{where}/badge-seal-auto.svg", color_scheme=scheme) as page:
        auto = _shot(page, 240, 240)
    with opened(f"{where}/badge-seal-{theme}.svg", color_scheme=scheme) as page:
        fixed = _shot(page, 240, 240)
    with opened(f"{where}/badge-seal-{'light' if theme == 'dark' else 'dark'}.svg", color_scheme=scheme) as page:
        other = _shot(page, 240, 240)
    assert ImageChops.difference(auto, fixed).getbbox() is None
    assert ImageChops.difference(auto, other).getbbox() is not None


def test_a_withdrawn_award_page_and_widget_pass_axe(chromium, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    from datetime import date

    from tests.web_harness import serving
    from tnl_signage.domain.revocations import Revocation, Revocations
    from tnl_signage.inputs.palmares import load_palmares
    from tnl_signage.publishing.site import build_site

    palmares = load_palmares(EXAMPLE_CSV)
    only = type(palmares)(**{**palmares.__dict__, "laureates": tuple(
        lau for lau in palmares.laureates if lau.year == 2025)})
    withdrawn = Revocations((Revocation(2025, "ville-de-boe", date(2026, 3, 2), "demande de la collectivité"),))
    with serving(tmp_path) as base:
        build_site(only, tmp_path, base, revocations=withdrawn)
        for rel in ("2025/ville-de-boe/index.html", "2025/ville-de-boe/widget.html"):
            violations, external = check_page(f"{base}/{rel}")
            assert not violations and not external, describe(violations)
