"""Loading a large issue: the app's event loop stays free, the list fills about as fast as the CLI lists it,
and all cores help.

Builds a 400-page issue from corpus pages in a temporary folder (``benchmarks/big_issue.py``: each page a
corpus page with a line of its own), then, in the same run:

1. **Event-loop blocks while the app loads the issue.** The app runs headless (120×40) in a fresh process with
   an empty analysis cache and a fresh data folder. A task on its event loop sleeps 5 ms at a time and records
   how late it wakes: the longest lateness is the longest time anything held the loop (message handlers,
   layout, rendering), or the process waited for a core. On a shared machine the second part can dominate,
   so the CPU time the UI thread used between two wake-ups is reported as well (``time.thread_time``). Reported over the load (first page shown → every page listed), and separately the
   start-up before the first page (mount and first frame). Target ≤ 50 ms while loading.
2. **Time until all 400 pages are listed**, launch → last page in the list, against ``reader list DIR``
   (launch → exit) on the same folder, both with an empty cache. Target ≤ 1.5×.
3. **Speed-up of loading 300 pages on every usable CPU over one process** (``open_issue_cached`` without a
   cache, workers = all vs 1, alternating). Target ≥ 1.4× on 2 cores. Also the CPU seconds each used, since
   on a shared machine the wall-clock speed-up depends on what else runs.

    .venv/bin/python benchmarks/issue_loading.py [--pages 400] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from big_issue import build_issue  # noqa: E402

APP_CHILD = r"""
import asyncio, json, sys, time
from pathlib import Path

from reader.startup import pause_gc

pause_gc(freeze_on_resume=True)  # as the reader command does
from reader.app import ReaderApp
from reader.screens.issue import IssueScreen
from reader.store import Store

path, data, out = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
TICK = 0.005


class Bench(ReaderApp):
    def on_mount(self) -> None:
        super().on_mount()
        self.run_worker(self._watch(), exclusive=False)

    async def _watch(self) -> None:
        startup_late, loading_late, loading_cpu = [], [], []
        first = None
        while True:
            before = time.monotonic()
            cpu_before = time.thread_time()
            await asyncio.sleep(TICK)
            late = time.monotonic() - before - TICK
            cpu = time.thread_time() - cpu_before
            screen = self.screen
            if not isinstance(screen, IssueScreen) or not screen.pages:
                startup_late.append(late)
                continue
            if first is None:
                first = time.monotonic()
                startup_late.append(late)
                continue
            loading_late.append(late)
            loading_cpu.append(cpu)
            listed = screen.page_count is not None and screen._handed == screen.page_count
            if listed and screen.issue is not None:
                with open(out, "w") as handle:
                    json.dump(
                        {
                            "first": first,
                            "listed": time.monotonic(),
                            "startup_max": max(startup_late),
                            "loading_max": max(loading_late),
                            "loading_cpu_max": max(loading_cpu),
                            "loading_p99": sorted(loading_late)[int(len(loading_late) * 0.99)],
                            "articles": len(screen.articles),
                            "ticks": len(loading_late),
                        },
                        handle,
                    )
                self.exit()
                return


Bench(path, store_opener=lambda: Store.open(data)).run(headless=True, size=(120, 40))
"""


def _env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["READER_CACHE_DIR"] = str(cache)
    env.pop("TEXTUAL_DRIVER", None)
    return env


def app_run(issue: Path, scratch: Path) -> dict[str, float]:
    """One app run in a fresh process: the numbers its watcher wrote, plus the launch time."""
    run = Path(tempfile.mkdtemp(dir=scratch))
    out = run / "result.json"
    launched = time.monotonic()
    subprocess.run(
        [sys.executable, "-c", APP_CHILD, str(issue), str(run / "data"), str(out)],
        env=_env(run / "cache"),
        check=True,
        timeout=600,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    result = json.loads(out.read_text())
    result["launched"] = launched
    return result


def cli_run(issue: Path, scratch: Path) -> float:
    """Seconds for ``reader list DIR`` with an empty cache, launch → exit."""
    run = Path(tempfile.mkdtemp(dir=scratch))
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "reader", "list", str(issue)],
        env=_env(run / "cache"),
        check=True,
        timeout=600,
        stdout=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def speedup(issue: Path, runs: int) -> None:
    """Loading with all usable CPUs against one process, alternating, without a cache."""
    from reader.cache_analysis import open_issue_cached
    from reader.workers import close_shared_pool, usable_cpus

    cpus = usable_cpus()
    times: dict[int, list[float]] = {1: [], cpus: []}
    cpu_seconds: dict[int, list[float]] = {1: [], cpus: []}
    for _ in range(runs):
        for workers in (1, cpus):
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
            own = time.process_time()
            started = time.perf_counter()
            open_issue_cached(issue, None, workers=workers)
            times[workers].append(time.perf_counter() - started)
            close_shared_pool()  # reaps the workers, so that their CPU time is counted
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            child_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
            cpu_seconds[workers].append(time.process_time() - own + child_cpu)
    one, many = statistics.median(times[1]), statistics.median(times[cpus])
    print(f"3. load {issue.name}: 1 process {one:.2f} s, {cpus} processes {many:.2f} s  →  speed-up {one / many:.2f}×")
    print(
        f"   CPU seconds (this process + workers): 1 process {statistics.median(cpu_seconds[1]):.2f}, "
        f"{cpus} processes {statistics.median(cpu_seconds[cpus]):.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    """Print the three measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--speedup-pages", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as scratch_name:
        scratch = Path(scratch_name)
        issue = build_issue(scratch / f"issue-{args.pages}", args.pages)
        print(
            f"issue: {args.pages} pages, {sum(f.stat().st_size for f in issue.iterdir()) / 1e6:.1f} MB; load {os.getloadavg()[0]:.1f}"
        )
        apps, clis = [], []
        for _ in range(args.runs):
            clis.append(cli_run(issue, scratch))
            apps.append(app_run(issue, scratch))
        loading_max = max(run["loading_max"] for run in apps) * 1000
        print(
            f"1. event loop blocked while loading: longest {loading_max:.0f} ms (target ≤ 50), "
            f"p99 {statistics.median(run['loading_p99'] for run in apps) * 1000:.0f} ms, "
            f"{apps[0]['articles']} articles; UI-thread CPU between two wake-ups: longest "
            f"{max(run['loading_cpu_max'] for run in apps) * 1000:.0f} ms; before the first page (start-up): longest "
            f"{statistics.median(run['startup_max'] for run in apps) * 1000:.0f} ms"
        )
        listed = statistics.median(run["listed"] - run["launched"] for run in apps)
        first = statistics.median(run["first"] - run["launched"] for run in apps)
        cli = statistics.median(clis)
        print(
            f"2. all {args.pages} pages listed in the app {listed:.2f} s (first page {first:.2f} s) vs "
            f"`reader list` {cli:.2f} s  →  {listed / cli:.2f}× (target ≤ 1.5×)"
        )
        speedup(build_issue(scratch / f"issue-{args.speedup_pages}", args.speedup_pages), args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
