"""Start-up cost of the reading app: launch → first article painted, as a ratio to a bare Textual app.

Both run headless at the same size, in fresh interpreters, alternately, several times in the same run.
Each child prints the moment (``time.monotonic()``, one clock for all processes) its milestone was reached:

- the bare app: its ``on_mount`` handler, where it calls ``exit()``;
- the reader: the end of the first screen update whose frame drew the first article's headline and
  text (the compositor rendered them; headless mode only skips writing the escape codes, for both apps).

Launch → milestone is the start-up time; the ratio of the medians is the figure the target applies to
(≤ 1.3×). We also print the whole process time (launch → exit), which includes interpreter shutdown and, for
the reader, finishing the work deliberately started after the first paint (opening the store).

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
import time
from textual.app import App

class Bare(App):
    def on_mount(self):
        print(time.monotonic())
        self.exit()

Bare().run(headless=True, size=(120, 40))
"""

READER = """
import sys
import time

from reader.app import ReaderApp

drawn = set()
painted = []


def install_hooks():
    # Imported here, not at the top: the app itself imports these modules only once it runs.
    from textual.widgets import Static

    from reader.screens.issue import IssueScreen
    from reader.widgets.article_body import ArticleBody

    def noting(cls, name, widget_id):
        render_line = cls.render_line

        def render_and_note(self, y):
            strip = render_line(self, y)
            if self.id == widget_id and strip.text.strip():
                drawn.add(name)
            return strip

        cls.render_line = render_and_note

    noting(ArticleBody, "text", "article-body")
    noting(Static, "headline", "headline-block")
    compositor_refresh = IssueScreen._compositor_refresh

    def refresh_and_check(self):
        compositor_refresh(self)
        if not painted and drawn == {"text", "headline"} and self.current_article is not None:
            painted.append(time.monotonic())
            self.app.exit()

    IssueScreen._compositor_refresh = refresh_and_check


on_load = getattr(ReaderApp, "on_load", None)

def on_load_and_hook(self):
    if on_load is not None:
        on_load(self)
    install_hooks()

ReaderApp.on_load = on_load_and_hook

def open_store():
    from reader.store import Store
    return Store.open(sys.argv[1])

app = ReaderApp(store_opener=open_store)
app.run(headless=True, size=(120, 40))
assert painted, "no article was painted"
print(painted[0])
"""


def _time(code: str, *args: str) -> tuple[float, float]:
    """Launch → the milestone the child printed, and launch → exit, in seconds."""
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True, timeout=60)
    ended = time.monotonic()
    milestone = float(result.stdout.strip().splitlines()[-1])
    return milestone - started, ended - started


def _row(label: str, times: list[float]) -> str:
    return (
        f"{label:<38}"
        + " ".join(f"{t * 1000:4.0f}" for t in times)
        + f"   median {statistics.median(times) * 1000:.0f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    bare: list[tuple[float, float]] = []
    reader: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as data_dir:
        _time(BARE), _time(READER, data_dir)  # warm the file cache and byte-code
        for _ in range(args.runs):
            bare.append(_time(BARE))
            reader.append(_time(READER, data_dir))
    print(_row("bare Textual app, launch → mount:", [b[0] for b in bare]))
    print(_row("reader, launch → first article painted:", [r[0] for r in reader]))
    print(_row("bare, whole process:", [b[1] for b in bare]))
    print(_row("reader, whole process:", [r[1] for r in reader]))
    ratio = statistics.median(r[0] for r in reader) / statistics.median(b[0] for b in bare)
    whole = statistics.median(r[1] for r in reader) / statistics.median(b[1] for b in bare)
    print(f"ratio, start-up: {ratio:.2f}× (target ≤ 1.30×); whole process: {whole:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
