"""``python -m articlefm PATH...``: check article files, one line per file or problem."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ._document import Document
from ._files import iter_load


def main(argv: Sequence[str] | None = None) -> int:
    """Check files, folders (every ``*.md`` below) and globs; exit 1 if any file is invalid (tests/test_cli.py)."""
    parser = argparse.ArgumentParser(prog="articlefm", description="Check news-article files.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files, folders or glob patterns")
    parser.add_argument("--strict", action="store_true", help="treat unknown keys as errors")
    jobs_help = f"processes that read files (default 1; this machine has {os.cpu_count()} CPUs)"
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help=jobs_help)
    arguments = parser.parse_args(argv)
    if arguments.jobs < 1:
        parser.error(f"--jobs: expected a positive integer, found {arguments.jobs}")
    valid = invalid = 0
    for path, result in iter_load(arguments.paths, jobs=arguments.jobs, strict=arguments.strict):
        if isinstance(result, Document):
            valid += 1
            print(f"{path}: ok")
        else:
            invalid += 1
            print(result)
    print(f"{valid} valid, {invalid} invalid", file=sys.stderr)
    return 1 if invalid else 0


if __name__ == "__main__":
    sys.exit(main())
