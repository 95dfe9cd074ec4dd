"""Start-up cost of the reading app: launch → first article painted, as a ratio to a bare Textual app.

Both run in fresh interpreters, alternately, several times in the same run, the way a user starts them: the
reader through its real entry point (``reader.cli.main``, as the ``reader`` command does), with a terminal
(a pseudo-terminal) on stdin and stdout. Both use Textual's headless driver at 120×40 (chosen through
``TEXTUAL_DRIVER``, ``COLUMNS`` and ``LINES``), so neither pays for writing escape codes.
Each child writes the moment (``time.monotonic()``, one clock for all processes) its milestone was reached:

- the bare app: its ``on_mount`` handler, where it calls ``exit()``;
- the reader: the end of the first screen update whose frame drew the first article's headline and
  text (the compositor rendered them; headless mode only skips writing the escape codes, for both apps).

Launch → milestone is the start-up time; the ratio of the medians is the figure the target applies to
(≤ 1.3×). Two reader rows are timed: a returning reader (the data folder already exists, the usual case) and
a first start (a new, empty data folder each run). We also print the whole process time (launch → exit),
which includes interpreter shutdown and, for the reader, finishing the work deliberately started after the
first paint (opening the store).

    .venv/bin/python benchmarks/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import pty
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys
import time
from textual.app import App

class Bare(App):
    def on_mount(self):
        with open(sys.argv[1], "w") as out:
            out.write(repr(time.monotonic()))
        self.exit()

Bare().run()
"""

READER = """
import importlib.util
import sys
import time

milestone_file, data_dir, *where = sys.argv[1:]
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
    from reader.screens.library import LibraryScreen

    library_refresh = LibraryScreen._compositor_refresh

    def library_refresh_and_check(self):
        library_refresh(self)
        issue_list = self.query_one("#issue-list")
        if not painted and self.issue_refs and issue_list.option_count and not issue_list.loading:
            painted.append(time.monotonic())
            self.app.exit()

    LibraryScreen._compositor_refresh = library_refresh_and_check
    compositor_refresh = IssueScreen._compositor_refresh

    def refresh_and_check(self):
        compositor_refresh(self)
        if not painted and drawn == {"text", "headline"} and self.current_article is not None:
            painted.append(time.monotonic())
            self.app.exit()

    IssueScreen._compositor_refresh = refresh_and_check


def hook_app(module):
    app_class = module.ReaderApp
    on_load = getattr(app_class, "on_load", None)

    def on_load_and_hook(self):
        if on_load is not None:
            on_load(self)
        install_hooks()

    app_class.on_load = on_load_and_hook


class WhenImported:
    # Hooks the app once the CLI imports it, so that this script imports nothing the CLI would not (not even
    # importlib.abc, which costs more than a millisecond: a meta path finder needs only find_spec).
    def find_spec(self, name, path, target=None):
        if name != "reader.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        exec_module = spec.loader.exec_module

        def exec_and_hook(module):
            exec_module(module)
            hook_app(module)

        spec.loader.exec_module = exec_and_hook
        return spec


sys.meta_path.insert(0, WhenImported())
from reader.cli import main

code = main(["--data-dir", data_dir, *where])
assert code == 0 and painted, f"no article was painted (exit code {code})"
with open(milestone_file, "w") as out:
    out.write(repr(painted[0]))
"""

ENVIRONMENT = {
    **{name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"},
    "TEXTUAL_DRIVER": "textual.drivers.headless_driver:HeadlessDriver",
    "COLUMNS": "120",
    "LINES": "40",
}
"""The children's environment. Byte-code is written and used, as on a user's machine (where ``pip install``
writes it for every module), even where the environment turns that off."""


def _time(code: str, *args: str) -> tuple[float, float]:
    """Launch → the milestone the child wrote, and launch → exit, in seconds."""
    controller, terminal = pty.openpty()
    with tempfile.NamedTemporaryFile("r", suffix=".milestone") as milestone:
        try:
            started = time.monotonic()
            child = subprocess.run(
                [sys.executable, "-c", code, milestone.name, *args],
                stdin=terminal,
                stdout=terminal,
                stderr=subprocess.PIPE,
                env=ENVIRONMENT,
                timeout=60,
            )
            ended = time.monotonic()
            if child.returncode:
                raise SystemExit(f"a child failed ({child.returncode}):\n{child.stderr.decode(errors='replace')}")
        finally:
            os.close(terminal)
            os.close(controller)
        return float(Path(milestone.name).read_text()) - started, ended - started


def _row(label: str, times: list[float]) -> str:
    return (
        f"{label:<42}"
        + " ".join(f"{t * 1000:4.0f}" for t in times)
        + f"   median {statistics.median(times) * 1000:.0f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--library",
        type=int,
        default=1000,
        metavar="N",
        help="also time the warm open of a library of N issues (3 pages each) to its first frame (0: skip)",
    )
    args = parser.parse_args()
    bare: list[tuple[float, float]] = []
    returning: list[tuple[float, float]] = []
    first: list[tuple[float, float]] = []
    library: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = str(Path(scratch, "returning"))
        _time(BARE), _time(READER, data_dir)  # warm the file cache and byte-code
        where = []
        if args.library:
            where = [str(_library(Path(scratch, "library"), args.library))]
            _time(READER, data_dir, *where)  # warm: the folders listed once, as by a returning reader
        for run in range(args.runs):
            bare.append(_time(BARE))
            returning.append(_time(READER, data_dir))
            first.append(_time(READER, str(Path(scratch, f"first-{run}"))))
            if where:
                library.append(_time(READER, data_dir, *where))
    print(_row("bare Textual app, launch → mount:", [b[0] for b in bare]))
    print(_row("reader, launch → first article painted:", [r[0] for r in returning]))
    print(_row("reader, first start (new data folder):", [r[0] for r in first]))
    print(_row("bare, whole process:", [b[1] for b in bare]))
    print(_row("reader, whole process:", [r[1] for r in returning]))
    base = statistics.median(b[0] for b in bare)
    ratio = statistics.median(r[0] for r in returning) / base
    first_ratio = statistics.median(r[0] for r in first) / base
    whole = statistics.median(r[1] for r in returning) / statistics.median(b[1] for b in bare)
    print(
        f"ratio, start-up: {ratio:.2f}× (target ≤ 1.30×); first start: {first_ratio:.2f}×; whole process: {whole:.2f}×"
    )
    if library:
        print(_row(f"reader, {args.library}-issue library, warm:", [r[0] for r in library]))
        to_sample = statistics.median(r[0] for r in library) / statistics.median(r[0] for r in returning)
        print(
            f"ratio, warm library to its first frame / the sample issue's start-up: {to_sample:.2f}× (target ≤ 1.20×)"
        )
    return 0


def _library(folder: Path, issues: int) -> Path:
    """``issues`` issue folders of 3 small pages each, with an issue.json naming paper and date, 3 papers."""
    import json

    sample = sorted((Path(__file__).resolve().parents[1] / "issues").rglob("*.txt"))
    if not sample:
        raise SystemExit("no sample pages under issues/")
    for number in range(issues):
        paper = ("Jing bao", "Mustang Daily", "Gaoxin")[number % 3]
        issue = folder / paper.replace(" ", "_") / f"{1920 + number % 30}" / f"issue-{number:05d}"
        issue.mkdir(parents=True)
        date = f"{1920 + number % 30}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        (issue / "issue.json").write_text(json.dumps({"title": paper, "date": date}), encoding="utf-8")
        for page in range(3):
            source = sample[(number + page) % len(sample)]
            (issue / f"page-{page + 1}.txt").write_bytes(source.read_bytes() + f"\ncopy {number}\n".encode())
    return folder


if __name__ == "__main__":
    sys.exit(main())
