"""``python -m articlefm FILE...``: check article files, one line per file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ._errors import ArticleError
from ._files import load


def main(argv: Sequence[str] | None = None) -> int:
    """Check each file; print ``FILE: ok`` or its problems. Exit 1 if any file is invalid."""
    parser = argparse.ArgumentParser(prog="articlefm", description="Check news-article files.")
    parser.add_argument("files", nargs="+", help="article files to check")
    parser.add_argument("--strict", action="store_true", help="treat unknown keys as errors")
    arguments = parser.parse_args(argv)
    failed = 0
    for name in arguments.files:
        try:
            load(name, strict=arguments.strict)
        except ArticleError as exc:
            failed += 1
            print(exc)
        except OSError as exc:
            failed += 1
            print(f"{name}: cannot read: {exc.strerror}")
        else:
            print(f"{name}: ok")
    print(f"{len(arguments.files) - failed} valid, {failed} invalid", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
