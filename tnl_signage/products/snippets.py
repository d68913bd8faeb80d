"""Copy-and-paste code that shows a laureate's badge on its own website, linked to its verification page.

Every piece of user text is escaped for where it lands: HTML attributes and text by Jinja2's autoescape,
Markdown by backslash escapes, URLs by percent-encoding; the inline SVG is escaped by the SVG writer.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from ..domain.model import Laureate
from ..domain.theme import Theme, load_theme
from ..domain.urls import BADGE_THEMES, badge_url, page_url, widget_url
from ..domain.wording import award_title
from ..errors import InputError
from ..layout.badges import VARIANTS
from ..templating import render
from ..writers.svg import to_svg
from .auto_badge import auto_badge_svg
from .badges import badge

WIDGET_SIZE = (260, 210)
# CommonMark lets any ASCII punctuation be backslash-escaped; these could open a link, tag, entity or emphasis.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#!|&~])")
# Characters that would end or break a Markdown link destination.
_MD_URL_UNSAFE = {" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", "\\": "%5C"}


def alt_text(laureate: Laureate, wording: Theme | str = "light") -> str:
    """French text alternative: label, year, distinction in words, name (in the words of `wording`'s theme)."""
    theme = load_theme(wording) if isinstance(wording, str) else wording
    return award_title(theme, laureate.distinction, laureate.year, laureate.display_name)


def markdown_text(text: str) -> str:
    """`text` as literal Markdown inline text (brackets, tags, emphasis and entities neutralised)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def markdown_url(url: str) -> str:
    """`url` safe inside a Markdown link destination `( … )`."""
    return "".join(_MD_URL_UNSAFE.get(ch, ch) for ch in url)


def check_variant(variant: str, theme: str) -> None:
    """InputError naming the bad value if the variant or theme of a snippet is unknown."""
    if variant not in VARIANTS:
        raise InputError(f"variante de badge inconnue : « {variant} » (possibles : {', '.join(VARIANTS)})")
    if theme not in BADGE_THEMES:
        raise InputError(f"thème de badge inconnu : « {theme} » (possibles : {', '.join(BADGE_THEMES)})")


def snippets(laureate: Laureate, base_url: str, variant: str = "seal", theme: str = "light",
             wording: Theme | str = "light") -> dict[str, str]:
    """Code for a badge: `html` (<img> in a link), `markdown`, `svg` (inline SVG in a link), `iframe` (widget).

    `base_url` must already be checked (`domain.urls.check_base_url`); `theme` is light, dark or auto (the
    badge's colours); `wording` is the theme (name, path or Theme) whose words the alt text uses.
    """
    check_variant(variant, theme)
    # The auto badge is the light badge's geometry, recoloured by its stylesheet.
    scene = badge(laureate, variant=variant, theme="light" if theme == "auto" else theme).scene
    svg = auto_badge_svg(laureate, variant) if theme == "auto" else to_svg(scene)
    width, height = scene.px_size or (round(scene.width), round(scene.height))
    alt = alt_text(laureate, wording)
    page = page_url(base_url, laureate)
    src = badge_url(base_url, laureate, variant, theme)
    context = {
        "page": page, "src": src, "alt": alt, "width": width, "height": height,
        "svg": Markup(svg),  # written by the SVG writer, which escapes every text node and attribute
        "widget": widget_url(base_url, laureate), "widget_width": WIDGET_SIZE[0],
        "widget_height": WIDGET_SIZE[1], "title": f"{alt} (vérification)",
    }
    return {
        "html": render("snippet-img.html", **context).strip(),
        "markdown": f"[![{markdown_text(alt)}]({markdown_url(src)})]({markdown_url(page)})",
        "svg": render("snippet-svg.html", **context).strip(),
        "iframe": render("snippet-iframe.html", **context).strip(),
    }
