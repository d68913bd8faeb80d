"""The Jinja2 environment for every HTML/XML text tnl-signage writes: autoescape always on.

User text (names, URLs) only reaches HTML through this environment, so it is always escaped for its
context; templates live in the repo's top-level `templates/` folder (inside the wheel once installed).
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2

from .resources import resource_dir


@functools.lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """Shared environment: autoescape on for every template, undefined variables are errors."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(resource_dir("templates"))),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(name: str, **context: Any) -> str:
    """Render template `name` with `context`."""
    return environment().get_template(name).render(**context)
