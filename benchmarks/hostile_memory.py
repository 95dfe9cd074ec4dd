"""Peak memory of ``reader list`` on hostile inputs, against ``reader list`` of the sample issue.

Usage: ``python benchmarks/hostile_memory.py``. Each case runs in a fresh process (``python -m reader list
PATH``, empty analysis cache); its peak resident memory comes from ``wait4``. Cases: ``/dev/zero`` as the
page (refused: not a regular file), a 15 MB text page (under the 16 MB limit: read and analyzed) and an issue
whose ``issue.json`` is 60 MB (refused: over 1 MB). Prints the peak in MB, the ratio to the baseline measured
in the same run, the exit code and the first line of stderr. Target: every peak at most 300 MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "issues" / "gaoxin-2022-12-02" / "page-01.txt"


def peak(args: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Peak RSS in MB, exit code and the first stderr line of ``python -m reader ARGS``."""
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "reader", *args], stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=ROOT
        )
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        first = err.read().decode("utf-8", "replace").strip().splitlines()[:1]
    return usage.ru_maxrss / 1024, process.returncode, first[0] if first else ""


def main() -> int:
    """Print the table."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {**os.environ, "READER_DATA_DIR": str(work / "data"), "READER_CACHE_DIR": str(work / "cache")}
        # Written in pieces: this process stays small, and a child's peak starts from its parent's at fork.
        big_page = work / "big.txt"
        seed = SEED.read_bytes().rstrip(b"\n") + b"\n\n"
        with big_page.open("wb") as handle:
            for _ in range(15_000_000 // len(seed)):
                handle.write(seed)
        issue = work / "issue"
        issue.mkdir()
        (issue / "page.txt").write_bytes(SEED.read_bytes())
        with (issue / "issue.json").open("wb") as handle:
            handle.write(b'{"title": "')
            for _ in range(60):
                handle.write(b"x" * 1_000_000)
            handle.write(b'"}')
        base, _, _ = peak(["list", str(SEED.parent)], env)
        print(f"{'baseline (sample issue)':<26} {base:7.1f} MB")
        for label, path in (
            ("/dev/zero", "/dev/zero"),
            ("15 MB page", str(big_page)),
            ("60 MB issue.json", str(issue)),
        ):
            megabytes, code, message = peak(["list", path], env)
            print(f"{label:<26} {megabytes:7.1f} MB  ratio {megabytes / base:5.2f}x  exit {code}  {message[:90]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
