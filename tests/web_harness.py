"""Reusable browser harness: serve a folder on 127.0.0.1, load pages in Debian's Chromium (Playwright),
run axe-core, record every request that would leave 127.0.0.1, take screenshots.

Usage in a test module:
    from tests.web_harness import chromium, serve_folder, check_page   # noqa: F401 (fixtures)
    def test_x(chromium, serve_folder):
        base = serve_folder(path)
        violations, external = check_page(f"{base}/index.html")
One browser per test session (started on first use, closed by the `chromium` fixture at session end).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import missing
from tnl_signage.publishing.site.serve import HOST, make_server

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CSV = ROOT / "examples" / "palmares-exemple.csv"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic",
]
LOCAL_HOSTS = ("127.0.0.1",)
AXE_OPTIONS = {"resultTypes": ["violations"]}



@contextlib.contextmanager
def serving(directory: Path, port: int = 0) -> Iterator[str]:
    """Serve `directory` in a background thread; yields the base URL `http://127.0.0.1:PORT`."""
    server = make_server(directory, port, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class _Browser:
    """The single Playwright + Chromium of this session: one context and one reusable page per viewport.

    Each context routes every request: 127.0.0.1 continues, anything else is aborted and recorded in
    `external`; responses >= 400 are recorded in `broken`. axe-core is preloaded in every document.
    """

    playwright: Any
    browser: Any
    axe_script: str
    contexts: dict[tuple[int, int, str], Any] = field(default_factory=dict)
    pages: dict[tuple[int, int, str], Any] = field(default_factory=dict)
    external: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)

    def _route(self, route: Any) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.broken.append(f"{response.status} {response.url}")

    def context(self, width: int, color_scheme: str, height: int = 900) -> Any:
        key = (width, height, color_scheme)
        if key not in self.contexts:
            # bypass_csp: the pages forbid scripts (CSP meta); axe is injected by the test, not by the site.
            ctx = self.browser.new_context(
                viewport={"width": width, "height": height}, color_scheme=color_scheme, bypass_csp=True,
                locale="fr-FR", service_workers="block")
            ctx.route("**/*", self._route)
            ctx.on("response", self._response)
            ctx.add_init_script(self.axe_script)
            self.contexts[key] = ctx
        return self.contexts[key]

    def page(self, width: int, color_scheme: str, height: int = 900) -> Any:
        """The reusable page of this viewport (new pages cost time; one per viewport is enough)."""
        key = (width, height, color_scheme)
        if key not in self.pages or self.pages[key].is_closed():
            self.pages[key] = self.context(width, color_scheme, height).new_page()
        return self.pages[key]

    def close(self) -> None:
        for ctx in self.contexts.values():
            ctx.close()
        self.browser.close()
        self.playwright.stop()


_STATE: dict[str, _Browser] = {}


def browser_available() -> str | None:
    """None if the harness can run, else why not (for pytest.skip)."""
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError:
        return "playwright / axe-playwright-python non installés (pip install playwright axe-playwright-python)"
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return "chromium absent (apt-get install chromium)"
    return None


def browser() -> _Browser:
    """Start (once) Playwright with Debian's Chromium."""
    if "b" not in _STATE:
        from axe_playwright_python.sync_playwright import Axe
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        chromium_browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        _STATE["b"] = _Browser(pw, chromium_browser, Axe().axe_script)
    return _STATE["b"]


def close_browser() -> None:
    """Close the session's browser if it was started."""
    state = _STATE.pop("b", None)
    if state is not None:
        state.close()


def is_local(url: str) -> bool:
    """True for URLs that stay on this machine's loopback (data: and about: never hit the network)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "about", "blob"):
        return True
    return parts.scheme in ("http", "https") and parts.hostname in LOCAL_HOSTS


def _goto(state: _Browser, page: Any, url: str, external: list[str]) -> None:
    """Navigate; outside requests go to `external`, a page or resource answering >= 400 raises."""
    state.external.clear()
    state.broken.clear()
    response = page.goto(url, wait_until="load")
    external.extend(state.external)
    if response is None or not response.ok:
        raise AssertionError(f"{url} : réponse {response.status if response else 'absente'}")
    if state.broken:
        raise AssertionError(f"{url} : ressources en erreur : {state.broken}")


@contextlib.contextmanager
def opened(url: str, *, width: int = 1280, height: int = 900, color_scheme: str = "light",
           external: list[str] | None = None) -> Iterator[Any]:
    """A fresh Playwright page at `url` (same routing and checks as check_page), closed afterwards."""
    state = browser()
    page = state.context(width, color_scheme, height).new_page()
    try:
        _goto(state, page, url, external if external is not None else [])
        yield page
    finally:
        page.close()


def run_axe(page: Any, rules: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """axe-core's violations on the loaded page (axe is preloaded by the context's init script)."""
    options = dict(AXE_OPTIONS, rules=rules) if rules else AXE_OPTIONS
    result: list[dict[str, Any]] = page.evaluate("(o) => axe.run(document, o).then(r => r.violations)", options)
    return result


def check_page(url: str, *, axe: bool = True, screenshots: Path | None = None,
               widths: Sequence[int] = (1280,), color_scheme: str = "light",
               rules: dict[str, Any] | None = None, height: int = 900,
               full_page: bool = True) -> tuple[list[dict[str, Any]], list[str]]:
    """Load `url`, run axe-core; returns (axe violations, requests aimed outside 127.0.0.1).

    Every request goes through a route: local ones continue, others are aborted and recorded, so a page
    that would call a CDN fails the test without the network being touched. A local resource answering
    4xx/5xx (broken image, missing CSS) raises AssertionError. With `screenshots`, one PNG per width is
    written there, named after the URL path, the width and the colour scheme.
    """
    state = browser()
    violations: list[dict[str, Any]] = []
    external: list[str] = []
    for index, width in enumerate(widths):
        page = state.page(width, color_scheme, height)
        _goto(state, page, url, external)
        if axe and index == 0:
            violations = run_axe(page, rules)
        if screenshots is not None:
            screenshots.mkdir(parents=True, exist_ok=True)
            name = urlsplit(url).path.strip("/").replace("/", "_") or "index"
            page.screenshot(path=str(screenshots / f"{name}-{width}-{color_scheme}.png"), full_page=full_page)
    return violations, sorted(set(external))


def describe(violations: list[dict[str, Any]]) -> str:
    """One line per axe violation: rule, impact, first offending node."""
    lines = []
    for v in violations:
        target = v.get("nodes", [{}])[0].get("target", "?")
        lines.append(f"{v.get('id')} ({v.get('impact')}): {v.get('help')} -> {target}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def chromium() -> Iterator[_Browser]:
    """The session's Chromium (if Playwright or Chromium is missing: skipped here, failed under CI)."""
    reason = browser_available()
    if reason:
        missing(reason)
    yield browser()
    close_browser()


@pytest.fixture(scope="session")
def serve_folder() -> Iterator[Callable[[Path], str]]:
    """`serve_folder(path)` serves `path` on 127.0.0.1 (free port) until the session ends; returns its base URL."""
    with contextlib.ExitStack() as stack:
        served: dict[Path, str] = {}

        def serve(path: Path) -> str:
            key = Path(path).resolve()
            if key not in served:
                served[key] = stack.enter_context(serving(key))
            return served[key]

        yield serve


# ------------------------------------------------------------------------------------------------------------
# Parsed HTML, with the standard library only: a small tree good enough to assert what a page contains.

VOID = frozenset(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"])


@dataclass
class Element:
    """An element of a parsed page: tag, attributes, children (elements and text)."""

    tag: str
    attrs: dict[str, str | None]
    children: list[Element | str] = field(default_factory=list)

    def iter(self, tag: str | None = None) -> Iterator[Element]:
        """This element and its descendants (optionally only `tag`), in document order."""
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter(tag)

    def find_all(self, tag: str) -> list[Element]:
        return list(self.iter(tag))

    def text(self) -> str:
        """Concatenated text of the subtree, whitespace collapsed."""
        parts: list[str] = []

        def walk(el: Element) -> None:
            for child in el.children:
                if isinstance(child, str):
                    parts.append(child)
                else:
                    walk(child)

        walk(self)
        return " ".join("".join(parts).split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        el = Element(tag, dict(attrs))
        self.stack[-1].children.append(el)
        if tag not in VOID:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Element:
    """Parse an HTML document (or fragment) into an Element tree."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def event_handler_attributes(root: Element) -> list[str]:
    """`tag@onclick`-style descriptions of every on* attribute (there must be none)."""
    return [f"{el.tag}@{name}" for el in root.iter() for name in el.attrs if name.lower().startswith("on")]


# ------------------------------------------------------------------------------------------------------------
# The example site, built once per test session, served on 127.0.0.1 (its base URL is that server).


@functools.lru_cache(maxsize=1)
def example_site() -> tuple[Path, str]:
    """(folder, base URL) of the site built from examples/palmares-exemple.csv, served until exit."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    from tnl_signage.inputs.palmares import load_palmares
    from tnl_signage.publishing.site import build_site

    work = Path(tempfile.mkdtemp(prefix="tnl-site-"))
    folder = work / "public"
    folder.mkdir()
    key = work / "cle-test.pem"  # fixed throwaway key: same site bytes on every run
    key.write_bytes(Ed25519PrivateKey.from_private_bytes(bytes(range(32))).private_bytes(
        Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    stack = contextlib.ExitStack()
    base = stack.enter_context(serving(folder))
    atexit.register(shutil.rmtree, work, True)
    atexit.register(stack.close)
    build_site(load_palmares(EXAMPLE_CSV), folder, base, signing_key=key, jobs=2)
    return folder, base
