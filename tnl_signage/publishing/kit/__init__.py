"""Kits: every file a laureate needs, in one folder and one zip, made atomically and reproducibly."""

from .batch import BatchSummary, make_kits
from .builder import KitOutcome, make_kit
from .options import KitOptions

__all__ = ["BatchSummary", "KitOptions", "KitOutcome", "make_kit", "make_kits"]
