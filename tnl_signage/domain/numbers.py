"""French decimals, written one way everywhere a number is shown to a reader (« 2,5 mm », « 1,4 Ko »)."""

from __future__ import annotations


def decimal_fr(value: float, places: int | None = None) -> str:
    """« 2,5 », « 800 », « -0,25 »: the shortest form (`places=None`) or exactly `places` decimals."""
    text = f"{value:g}" if places is None else f"{value:.{places}f}"
    return text.replace(".", ",")
