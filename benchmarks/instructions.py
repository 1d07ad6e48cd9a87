"""Instructions per file, counted by valgrind's callgrind: a measure a busy machine does not disturb.

    python benchmarks/instructions.py    # needs valgrind (apt install valgrind); about a minute

Each loader reads the real corpus in a fresh process under callgrind, once with no timed passes and once with
``PASSES``; the difference, divided by the files read, is its instructions per file (start-up, imports and the
warm-up pass cancel out). Instructions are not time: CPython's interpreter loop runs fewer instructions per
cycle than libyaml's C code, so ``run.py``'s timings stay the numbers of record. This is the steady measure for
comparing two versions of the code on a machine whose speed wanders.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
PASSES = 4


def loaders() -> dict[str, Callable[[str], object]]:
    import _peers

    import articlefm

    return {
        "articlefm loads (typed, validated)": articlefm.loads,
        "python-frontmatter loads (untyped)": _peers.frontmatter_loads,
    }


def child(loader: str, passes: int) -> None:
    """Run under callgrind: read every file once to warm up, then ``passes`` more times."""
    load = loaders()[loader]
    texts = [path.read_bytes().decode("utf-8") for path in sorted(CORPUS.glob("**/*.md")) if path.name != "README.md"]
    for _ in range(passes + 1):
        for text in texts:
            load(text)


def instructions(loader: str, passes: int) -> int:
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "callgrind.out"
        command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={output}"]
        command += [sys.executable, __file__, "--child", loader, str(passes)]
        subprocess.run(command, check=True, capture_output=True)
        totals = re.search(r"^(?:summary|totals): (\d+)", output.read_text(), re.M)
        assert totals is not None, "callgrind wrote no totals"
        return int(totals.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--child", nargs=2, metavar=("LOADER", "PASSES"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        child(arguments.child[0], int(arguments.child[1]))
        return
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed: apt install valgrind (or your system's package)")
    files = sum(1 for path in CORPUS.glob("**/*.md") if path.name != "README.md")
    print(f"instructions per file over the real corpus ({files} files), counted by callgrind")
    counts = {}
    for loader in loaders():
        counts[loader] = (instructions(loader, PASSES) - instructions(loader, 0)) / (PASSES * files)
        print(f"  {loader:<40} {counts[loader]:>12,.0f}", flush=True)
    ours, theirs = counts.values()
    print(f"  python-frontmatter / articlefm: {theirs / ours:.2f}x the instructions")


if __name__ == "__main__":
    main()
