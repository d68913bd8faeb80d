"""Write docs/commandes.md, the reference of every command, from the commands' own French help.

Run after adding or changing a command or an option; `tests/test_command_reference.py` fails while the file
is not the help the commands print.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tnl_signage.cli.reference import command_reference  # noqa: E402


def main() -> None:
    target = ROOT / "docs" / "commandes.md"
    target.write_text(command_reference(), encoding="utf-8")
    print(f"{target.relative_to(ROOT)} écrit")


if __name__ == "__main__":
    main()
