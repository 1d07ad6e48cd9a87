"""The write path's coverage gate: branch coverage of ``_write.py`` and of the write half of ``_document.py``.

The write half is every function after ``_document.py``'s ``# --- write`` line; coverage.py cannot
report part of a file, so this sums its JSON report's function regions (coverage.py 7.5 or later).

    python .ci/write_coverage.py coverage.json 98
"""

import json
import sys
from pathlib import Path

WRITE = "src/articlefm/_write.py"
DOCUMENT = "src/articlefm/_document.py"

report = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))["files"]
least = float(sys.argv[2])
marker = next(
    number
    for number, line in enumerate(Path(DOCUMENT).read_text(encoding="utf-8").splitlines(), 1)
    if line.startswith("# --- write")
)
regions = {WRITE: report[WRITE]["summary"]}
for name, function in report[DOCUMENT]["functions"].items():
    if name and function["start_line"] > marker:
        regions[f"{DOCUMENT}:{name}"] = function["summary"]
if len(regions) < 2:
    sys.exit(f"no function after the '# --- write' line of {DOCUMENT}: the gate would measure nothing there")
covered = total = 0
for region, summary in regions.items():
    region_covered = summary["covered_lines"] + summary["covered_branches"]
    region_total = summary["num_statements"] + summary["num_branches"]
    print(f"{region}: {region_covered} of {region_total} statements and branches")
    covered += region_covered
    total += region_total
percent = 100 * covered / total
print(f"the write path: {percent:.2f}% (the gate: {least:g}%)")
if percent < least:
    sys.exit(1)
