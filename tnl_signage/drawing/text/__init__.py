"""Text engine: shape with HarfBuzz, fit into boxes, and turn every glyph into outlines."""

from .fitting import FittedText, fit_text
from .fonts import FontFace, get_face
from .render import text_group

__all__ = ["FittedText", "FontFace", "fit_text", "get_face", "text_group"]
