"""Serve a built site on 127.0.0.1 only, for a look before publishing (and for the browser tests)."""

from __future__ import annotations

import functools
import os
import socket
import threading
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
TIMEOUT = 10  # seconds a connection may stay silent (a half-sent request must not hold a thread for good)
MAX_THREADS = 32  # connections served at once; the next ones wait in the listen queue
SECRET_SUFFIXES = (".pem", ".key", ".p12", ".pfx", ".lock")
_HUNG_UP = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError, socket.timeout)


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files with explicit UTF-8 types, `nosniff`, and optional silence (tests).

    Stays inside its folder: a path with a NUL byte, a `..` segment or a backslash gets 400, a file reached
    through a link that leads out of the folder gets 404, and no folder is ever listed.
    """

    error_message_format = (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>Erreur %(code)d</title></head>'
        "<body><h1>Erreur %(code)d</h1><p>%(message)s</p></body></html>\n"
    )
    error_content_type = "text/html; charset=utf-8"

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
    timeout = TIMEOUT
    raw_requestline: bytes  # set by the base class before parse_request

    def handle(self) -> None:
        """A client that hangs up or stays silent ends its connection quietly (no traceback)."""
        try:
            super().handle()
        except _HUNG_UP:
            self.close_connection = True

    def parse_request(self) -> bool:
        """HTTP/1.0 and 1.1 only: an HTTP/0.9 line (`GET /`, no version) gets 400 at once and the connection
        closes (the base class would then wait for headers an HTTP/0.9 client never sends)."""
        words = str(self.raw_requestline, "iso-8859-1").split()
        if len(words) == 2:
            self.requestline, self.command = " ".join(words), words[0]
            self.request_version = "HTTP/1.0"
            self.close_connection = True
            self.send_error(400, "Requête invalide")
            return False
        return super().parse_request()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Error pages in French (the base class speaks English)."""
        french = {400: "Requête invalide", 403: "Accès refusé", 404: "Fichier introuvable",
                  405: "Méthode non permise", 501: "Méthode non prise en charge"}
        if message not in ("Chemin invalide",):
            message = french.get(code, message)
        super().send_error(code, message, "")

    def send_head(self):  # type: ignore[no-untyped-def] # noqa: ANN201 - signature of the base class
        raw = urllib.parse.urlsplit(self.path).path
        decoded = urllib.parse.unquote(raw)
        if "\x00" in decoded or "\\" in decoded or ".." in decoded.split("/"):
            self.send_error(400, "Chemin invalide")
            return None
        if _private(decoded):
            self.send_error(404, "Fichier introuvable")
            return None
        root = os.path.realpath(self.directory)
        real = os.path.realpath(self.translate_path(self.path))
        if os.path.commonpath([real, root]) != root:
            self.send_error(404, "Fichier introuvable")
            return None
        return super().send_head()

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """Never list a folder: only the files the site links to are served."""
        self.send_error(404, "Fichier introuvable")
        return None

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - signature of the base class
        if not self.quiet:
            super().log_message(format, *args)


def _private(path: str) -> bool:
    """Dotfiles, dot-folders and key-like files are never served, even if someone put them in the site."""
    parts = [part for part in path.split("/") if part]
    return any(part.startswith(".") for part in parts) or bool(parts and parts[-1].lower().endswith(SECRET_SUFFIXES))


class BoundedServer(ThreadingHTTPServer):
    """At most MAX_THREADS connections at once (ThreadingHTTPServer starts a thread per connection, unbounded),
    and a client that hangs up is not an error worth a traceback."""

    daemon_threads = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._slots = threading.BoundedSemaphore(MAX_THREADS)
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        self._slots.acquire()
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], _HUNG_UP):
            super().handle_error(request, client_address)


def make_server(directory: Path, port: int = 8000, *, quiet: bool = False) -> ThreadingHTTPServer:
    """An HTTP server for `directory`, bound to 127.0.0.1 (never to every interface); port 0 = any free."""
    handler_class = type("Handler", (SiteHandler,), {"quiet": quiet})
    handler = functools.partial(handler_class, directory=str(directory))
    return BoundedServer((HOST, port), handler)
