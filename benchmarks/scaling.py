"""Scaling out: articlefm on Dask worker processes, and Parquet export against a hand-written script.

    python benchmarks/scaling.py           # the full run: 100,000 generated files, about ten minutes
    python benchmarks/scaling.py --quick   # small and fast: proves the script works (CI runs this)

1. A CPU-bound map over 20,000 generated files (load and validate each, count articles per
   provider), on a ``LocalCluster`` of 1 and then 2 worker processes: files per second, the
   best of three runs after a warm-up (which also fills the page cache). Goal: 2 workers at
   least 1.8x the throughput of 1.
2. Parquet export of 20,000 and 100,000 files: ``articlefm.dask.to_parquet`` on 2 workers
   (peak resident memory of each worker, from a fresh cluster per size: goal, flat within 10%),
   ``articlefm.arrow.write_parquet`` in one process, and a hand-written python-frontmatter +
   pandas script doing the same export in one process (each of these in a fresh process).

Every ratio compares numbers measured in this run, side by side. Nothing is asserted: the
machines are shared and noisy. ``docs/scaling.md`` records a run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import _corpus
from distributed import Client, LocalCluster

import articlefm
import articlefm.arrow
import articlefm.dask


def peak_kb() -> int:
    """This process's peak resident memory since it started."""
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))


def cluster(workers: int) -> tuple[LocalCluster, Client]:
    local = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
    return local, Client(local)


def provider_name(document: articlefm.Document[articlefm.Article]) -> str:
    return document.meta.provider.name


# --- 1. a CPU-bound map -------------------------------------------------------------------------------------------


def per_provider(folder: Path) -> dict[str, int]:
    articles = articlefm.dask.read_articles(folder, errors="skip", files_per_partition=500)
    return dict(articles.map(provider_name).frequencies().compute())


def mapped(folder: Path, count: int, runs: int) -> None:
    print(f"\n## 1. load, validate and count per provider: {count:,} files, LocalCluster of 1 and 2 processes")
    print("   goal: 2 workers >= 1.8x the files per second of 1")
    print("   (worker CPU: the seconds of CPU the workers used in the best run; files per CPU second that stay")
    print("   the same from 1 to 2 workers mean distributing costs nothing, whatever the machine's other load)")
    rates = {}
    per_cpu = {}
    expected = None
    for workers in (1, 2):
        local, client = cluster(workers)
        with local, client:
            counts = per_provider(folder)  # warm-up: workers import articlefm, files in the page cache
            expected = expected or counts
            assert counts == expected, "the two clusters counted differently"
            best, cpu = float("inf"), 0.0
            for _ in range(runs):
                before = client.run(time.process_time)
                start = time.perf_counter()
                per_provider(folder)
                seconds = time.perf_counter() - start
                after = client.run(time.process_time)
                if seconds < best:
                    best, cpu = seconds, sum(after[worker] - before[worker] for worker in after)
        rates[workers] = count / best
        per_cpu[workers] = count / cpu
        print(
            f"  {workers} worker{'s' if workers > 1 else ' '}  {rates[workers]:9,.0f} files/s  ({best:.2f} s; "
            f"worker CPU {cpu:.2f} s, {per_cpu[workers]:,.0f} files per CPU second)"
        )
    speedup, efficiency = rates[2] / rates[1], per_cpu[2] / per_cpu[1]
    print(f"  2 workers / 1 worker: {speedup:.2f}x files per second, {efficiency:.2f}x files per CPU second")


# --- 2. Parquet export --------------------------------------------------------------------------------------------


def export_on_dask(folder: Path, out: Path) -> dict[str, Any]:
    local, client = cluster(2)
    with local, client:
        client.run(importlib.import_module, "articlefm.arrow")  # imports are not the export's cost
        idle = max(client.run(peak_kb).values())
        before, here = client.run(time.process_time), time.process_time()
        start = time.perf_counter()
        bad = articlefm.dask.to_parquet(articlefm.dask.read_articles(folder, errors="collect"), out)
        seconds = time.perf_counter() - start
        after = client.run(time.process_time)
        peak = max(client.run(peak_kb).values())
    cpu = sum(after[worker] - before[worker] for worker in after) + time.process_time() - here
    return {"seconds": seconds, "cpu": cpu, "peak_kb": peak, "idle_kb": idle, "bad": len(bad)}


def export_child(how: str, folder: str, out: str) -> None:
    """Run in a fresh process: one export, then print seconds and peak memory."""
    if how == "frontmatter":
        import frontmatter  # noqa: F401 - imported before the clock starts, as articlefm is
        import pandas  # noqa: F401
    start, cpu = time.perf_counter(), time.process_time()
    if how == "articlefm":
        articlefm.arrow.write_parquet(folder, out, errors="skip")
    else:
        frontmatter_pandas_export(folder, out)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_kb": peak_kb()}))


def frontmatter_pandas_export(folder: str, out: str) -> None:
    """The script a user would write without articlefm: python-frontmatter, a DataFrame, ``to_parquet``.

    Untyped and unvalidated: nested values (provider, images, related) go in as JSON text, since
    a column of dicts whose keys differ from row to row is more than pandas' own conversion takes.
    """
    import frontmatter
    import pandas

    rows = []
    for path in sorted(Path(folder).rglob("*.md")):
        post = frontmatter.load(path)
        row: dict[str, Any] = {"path": str(path), "body": post.content}
        for key, value in post.metadata.items():
            row[key] = json.dumps(value, default=str) if isinstance(value, (dict, list)) else value
        rows.append(row)
    pandas.DataFrame(rows).to_parquet(out)


def export_in_child(how: str, folder: Path, out: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--export-child", how, str(folder), str(out)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(output.splitlines()[-1]))


def exported(root: Path, sizes: list[int]) -> None:
    print(f"\n## 2. Parquet export of {' and '.join(f'{size:,}' for size in sizes)} files")
    print("   goal: the peak memory of each Dask worker flat (within 10%) as the files grow")
    print("   (files per CPU second: the files over the CPU time of every process the export ran in, the")
    print("   Dask client and scheduler included; a measure of cost that a busy machine moves less)")
    print(f"  {'files':>8}  {'how':<44} {'files/s':>9} {'files/CPU s':>12} {'peak MB':>8}")
    peaks = {}
    for size in sizes:
        folder = root / f"files-{size}"
        for how in ("dask", "articlefm", "frontmatter"):
            out = root / f"out-{how}-{size}"
            if how == "dask":
                result = export_on_dask(folder, out)
                name = "articlefm.dask.to_parquet, 2 workers"
                peaks[size] = result["peak_kb"] / 1024
                peak = f"{peaks[size]:8.1f}  (per worker; {result['idle_kb'] / 1024:.0f} MB idle)"
            else:
                result = export_in_child(how, folder, out)
                name = {"articlefm": "articlefm.arrow.write_parquet, 1 process"}.get(
                    how, "python-frontmatter + pandas, 1 process"
                )
                peak = f"{result['peak_kb'] / 1024:8.1f}"
            rate, per_cpu = size / result["seconds"], size / result["cpu"]
            print(f"  {size:>8,}  {name:<44} {rate:9,.0f} {per_cpu:12,.0f} {peak}")
    small, large = sizes[0], sizes[-1]
    print(f"  peak memory per Dask worker, {small:,} -> {large:,} files: {peaks[large] / peaks[small] - 1:+.1%}")


# --- main ---------------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a few hundred files and one run, to check it runs")
    parser.add_argument("--export-child", nargs=3, metavar=("HOW", "FOLDER", "OUT"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.export_child:
        export_child(*arguments.export_child)
        return
    quick = arguments.quick
    map_count, sizes = (400, [200, 1_000]) if quick else (20_000, [20_000, 100_000])
    print(f"articlefm {articlefm.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        for size in sorted({map_count, *sizes}):
            _corpus.write(root / f"files-{size}", size, seed=4)
        mapped(root / f"files-{map_count}", map_count, runs=1 if quick else 3)
        exported(root, sizes)


if __name__ == "__main__":
    main()
