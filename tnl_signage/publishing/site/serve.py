"""Serve a built site on 127.0.0.1 only, for a look before publishing (and for the browser tests)."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files with explicit UTF-8 types, `nosniff`, and optional silence (tests)."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".svg": "image/svg+xml",
        ".json": "application/json",
        ".csv": "text/csv; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
        ".xml": "application/xml",
    }
    quiet = False

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - signature of the base class
        if not self.quiet:
            super().log_message(format, *args)


def make_server(directory: Path, port: int = 8000, *, quiet: bool = False) -> ThreadingHTTPServer:
    """An HTTP server for `directory`, bound to 127.0.0.1 (never to every interface); port 0 = any free."""
    handler_class = type("Handler", (SiteHandler,), {"quiet": quiet})
    handler = functools.partial(handler_class, directory=str(directory))
    return ThreadingHTTPServer((HOST, port), handler)
