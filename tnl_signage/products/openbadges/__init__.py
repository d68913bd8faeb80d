"""Open Badges for the label: 2.0 hosted assertions and 3.0 signed credentials, with baked images.

`write_openbadges` fills the site folder; `write_laureate_openbadges` writes one laureate's files into a kit.
"""

from .publish import OpenBadgesResult, write_laureate_openbadges, write_openbadges

__all__ = ["OpenBadgesResult", "write_laureate_openbadges", "write_openbadges"]
