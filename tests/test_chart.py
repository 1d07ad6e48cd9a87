"""benchmarks/chart.py draws the benchmark's ratios from run.py's JSON: a well-formed SVG with a bar per ratio."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from fixture_files import repository_module

LOAD = "1. frontmatter loads / articlefm loads"


def test_the_chart_has_a_bar_per_ratio_and_names_the_machine_and_date() -> None:
    run = {
        "date": "2026-12-03",
        "machine": "x86_64, 2 CPUs, Python 3.11.7",
        "articlefm": "0.1.0",
        "corpora": {"real files": {LOAD: 2.5}, "generated files": {LOAD: 2.0}},
        "generic": {"schema=None": 1.9, "typed": 1.2},
    }
    svg = ET.fromstring(repository_module("benchmarks/chart.py").svg(run))
    namespace = "{http://www.w3.org/2000/svg}"
    bars = [rect for rect in svg.iter(f"{namespace}rect") if rect.get("fill") == "#3f6fb5"]
    assert [float(bar.get("width", "0")) for bar in bars] == [250.0, 200.0, 190.0, 120.0]  # 100 px per 1x
    texts = [text.text for text in svg.iter(f"{namespace}text")]
    assert [text for text in texts if text and text.endswith("x")][:4] == ["2.50x", "2.00x", "1.90x", "1.20x"]
    assert "articlefm 0.1.0; x86_64, 2 CPUs, Python 3.11.7, 2026-12-03; ratios of medians from one run" in texts
