"""Start-up cost of the reading app: launch → first article painted, as a ratio to a bare Textual app.

Both run headless in fresh interpreters, alternately, several times in the same run; we print each time and
the ratio of the medians. The target is ≤ 1.3×: OpenCC, TinyDB and the analysis of pages other than the first
must stay off the path to the first painted article.

    .venv/bin/python benchmarks/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time

BARE = """
from textual.app import App

class Bare(App):
    def on_mount(self):
        self.exit()

Bare().run(headless=True, size=(120, 40))
"""

READER = """
import sys
from reader.app import ReaderApp
from reader.widgets.article_view import ArticleView

painted = []
show = ArticleView.show

def show_and_exit(self, *args, **kwargs):
    show(self, *args, **kwargs)
    if not painted:
        painted.append(True)
        self.call_after_refresh(self.app.exit)  # exit once the article has been drawn

ArticleView.show = show_and_exit

def open_store():
    from reader.store import Store
    return Store.open(sys.argv[1])

app = ReaderApp(store_opener=open_store)
app.run(headless=True, size=(120, 40))
assert painted, "no article was painted"
"""


def _time(code: str, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    bare_times: list[float] = []
    reader_times: list[float] = []
    with tempfile.TemporaryDirectory() as data_dir:
        _time(BARE), _time(READER, data_dir)  # warm the file cache and byte-code
        for _ in range(args.runs):
            bare_times.append(_time(BARE))
            reader_times.append(_time(READER, data_dir))
    bare, reader = statistics.median(bare_times), statistics.median(reader_times)
    print("bare Textual app, exit on mount:  " + " ".join(f"{t * 1000:.0f}" for t in bare_times) + " ms")
    print("reader, first article painted:    " + " ".join(f"{t * 1000:.0f}" for t in reader_times) + " ms")
    print(
        f"median: bare {bare * 1000:.0f} ms, reader {reader * 1000:.0f} ms, ratio {reader / bare:.2f}× (target ≤ 1.30×)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
