"""Benchmark articlefm against its peers on the test fixtures.

Prints per-file medians and the ratios the project tracks. Asserts nothing
about time: these machines are shared and noisy. ``--quick`` proves it runs.

    python benchmarks/run.py [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import frontmatter
import yaml
from ruamel.yaml import YAML

import articlefm

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def per_file_us(texts: list[str], action: Callable[[str], object], passes: int) -> float:
    """Median over ``passes`` of the mean time per file, in microseconds."""
    timings = []
    for _ in range(passes):
        start = time.perf_counter()
        for text in texts:
            action(text)
        timings.append((time.perf_counter() - start) / len(texts) * 1e6)
    return statistics.median(timings)


def front_matter(text: str) -> str:
    return text.split("\n---\n", 1)[0].removeprefix("---\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one pass, to check the script runs")
    passes = 1 if parser.parse_args().quick else 7
    paths = sorted(FIXTURES.glob("corpus/**/*.md"))
    paths = [path for path in paths if path.name != "README.md"]
    texts = [path.read_text(encoding="utf-8") for path in paths]
    round_trip = YAML()

    def edit_and_dump(text: str) -> str:
        document = articlefm.loads(text)
        document.meta.title += "!"
        return articlefm.dumps(document)

    loaded = {text: articlefm.loads(text) for text in texts}
    rows = {
        "python-frontmatter loads (untyped)": per_file_us(texts, frontmatter.loads, passes),
        "PyYAML CSafeLoader": per_file_us(texts, lambda t: yaml.load(front_matter(t), Loader=yaml.CSafeLoader), passes),
        "ruamel.yaml round-trip load": per_file_us(texts, lambda t: round_trip.load(front_matter(t)), passes),
        "articlefm loads (typed, validated)": per_file_us(texts, articlefm.loads, passes),
        "articlefm dumps (unmodified)": per_file_us(texts, lambda t: articlefm.dumps(loaded[t]), passes),
        "articlefm loads + one edit + dumps": per_file_us(texts, edit_and_dump, passes),
    }
    print(f"{len(texts)} files, median of {passes} pass(es), microseconds per file")
    for name, value in rows.items():
        print(f"  {name:<40} {value:10.1f}")
    base = rows["python-frontmatter loads (untyped)"]
    load = rows["articlefm loads (typed, validated)"]
    print("ratios")
    print(f"  articlefm loads / frontmatter loads      {load / base:10.2f}x  (issue 2 goal: <= 3x)")
    print(f"  dumps unmodified / articlefm loads       {rows['articlefm dumps (unmodified)'] / load:10.2f}x")
    print(f"  load + edit + dumps / articlefm loads    {rows['articlefm loads + one edit + dumps'] / load:10.2f}x")


if __name__ == "__main__":
    main()
