"""What a team writes without articlefm: python-frontmatter, then a pydantic model, one process (``run.py`` times it).

    python benchmarks/_peer_validate.py FOLDER    # prints the counts of valid and invalid files as JSON

A script of its own, so that its process imports only what such a script would.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import _peers
import frontmatter


def main(folder: str) -> None:
    valid = invalid = 0
    for path in sorted(Path(folder).rglob("*.md")):
        try:
            _peers.pydantic_validate(frontmatter.load(str(path)).metadata)
            valid += 1
        except ValueError:
            invalid += 1
    print(json.dumps({"valid": valid, "invalid": invalid}))


if __name__ == "__main__":
    main(sys.argv[1])
