"""The static palmarès site (home, editions, verification pages, widgets, open data) and a local server."""

from .builder import SiteResult, build_site

__all__ = ["SiteResult", "build_site"]
