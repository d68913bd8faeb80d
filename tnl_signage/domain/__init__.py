"""Immutable values of the award: laureates, scales, formats, themes, colours, wording.

No reading of the user's files, no clock."""
