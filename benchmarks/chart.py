"""Draw the benchmark's main ratios as an SVG chart, from the JSON that ``run.py --json`` writes.

    python benchmarks/run.py --json benchmarks/last-run.json
    python benchmarks/chart.py benchmarks/last-run.json docs/benchmark.svg

One bar per corpus: how many times quicker articlefm's load is than
python-frontmatter's, measured side by side in that run; a line marks 1x (as
quick) and one the goal. The caption names the machine and the date of the run.
"""

from __future__ import annotations

import json
import sys
from html import escape
from pathlib import Path
from typing import Any

_LOAD = "1. frontmatter loads / articlefm loads"
_WIDTH, _LABELS, _BAR, _GAP, _TOP = 760, 300, 26, 12, 48
_SCALE = 100  # pixels per 1x


def bars(run: dict[str, Any]) -> list[tuple[str, float]]:
    """``(label, how many times quicker than python-frontmatter)``, in the order the chart shows them."""
    found = [(f"{name}, typed", goals[_LOAD]) for name, goals in run["corpora"].items()]
    found += [(f"generic front matter, {kind}", ratio) for kind, ratio in run["generic"].items()]
    return found


def svg(run: dict[str, Any], goal: float = 3.0) -> str:
    """The chart of one run, as SVG text.

    >>> run = {"date": "2026-12-03", "machine": "x86_64, 2 CPUs", "articlefm": "0.1.0",
    ...        "corpora": {"real files": {_LOAD: 2.5}}, "generic": {"schema=None": 1.9}}
    >>> text = svg(run)
    >>> text.startswith("<svg") and "2.50x" in text and "x86_64, 2 CPUs, 2026-12-03" in text
    True
    """
    rows = bars(run)
    height = _TOP + len(rows) * (_BAR + _GAP) + 56
    most = max([goal, *(ratio for _, ratio in rows)]) + 0.5
    scale = min(_SCALE, (_WIDTH - _LABELS - 60) / most)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{height}" '
        f'viewBox="0 0 {_WIDTH} {height}" font-family="sans-serif" font-size="13">',
        '<rect width="100%" height="100%" fill="white"/>',
        '<text x="20" y="24" font-size="15" font-weight="bold">'
        "Times quicker than python-frontmatter's load (higher is better)</text>",
    ]
    for position, (label, ratio) in enumerate(rows):
        y = _TOP + position * (_BAR + _GAP)
        width = ratio * scale
        parts += [
            f'<text x="{_LABELS - 8}" y="{y + _BAR * 0.7:.0f}" text-anchor="end">{escape(label)}</text>',
            f'<rect x="{_LABELS}" y="{y}" width="{width:.1f}" height="{_BAR}" fill="#3f6fb5"/>',
            f'<text x="{_LABELS + width + 6:.1f}" y="{y + _BAR * 0.7:.0f}">{ratio:.2f}x</text>',
        ]
    bottom = _TOP + len(rows) * (_BAR + _GAP)
    for value, name, colour in ((1.0, "1x: as quick", "#888"), (goal, f"goal: {goal:g}x", "#c0392b")):
        x = _LABELS + value * scale
        parts += [
            f'<line x1="{x:.1f}" y1="{_TOP - 6}" x2="{x:.1f}" y2="{bottom}" stroke="{colour}" stroke-dasharray="4 3"/>',
            f'<text x="{x:.1f}" y="{bottom + 14}" text-anchor="middle" fill="{colour}">{escape(name)}</text>',
        ]
    caption = f"articlefm {run['articlefm']}; {run['machine']}, {run['date']}; ratios of medians from one run"
    parts += [f'<text x="20" y="{height - 12}" fill="#555" font-size="12">{escape(caption)}</text>', "</svg>"]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    source, target = sys.argv[1:3]
    Path(target).write_text(svg(json.loads(Path(source).read_text(encoding="utf-8"))), encoding="utf-8")
