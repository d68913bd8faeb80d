"""Open Badges for the label: 2.0 hosted assertions and 3.0 signed credentials, with baked images.

`write_openbadges` fills the site folder; `openbadges_for_laureate` writes one laureate's files into a kit.
"""

from .publish import OpenBadgesResult, openbadges_for_laureate, write_openbadges

__all__ = ["OpenBadgesResult", "openbadges_for_laureate", "write_openbadges"]
