"""Ctrl-C at any moment of a command's start prints no traceback: while the interpreter imports the command,
and once it runs (exit status 130)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=environment, cwd=ROOT
    )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX exit statuses")
def test_an_interrupt_while_the_command_imports_ends_it_without_a_traceback() -> None:
    # What SIGINT does while `reader` imports its modules: KeyboardInterrupt raised at the top level.
    result = _python("import reader.cli\nraise KeyboardInterrupt")
    assert result.stderr == ""
    assert result.returncode == -signal.SIGINT  # ended by SIGINT, as the interpreter does for Ctrl-C


def test_other_errors_at_import_time_still_show_their_traceback() -> None:
    result = _python("import reader.cli\nraise ValueError('a real bug')")
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "ValueError: a real bug" in result.stderr


def test_an_interrupt_while_a_command_runs_exits_130_without_a_traceback() -> None:
    code = (
        "import sys\n"
        "from reader import cli\n"
        "def interrupted(args):\n"
        "    raise KeyboardInterrupt\n"
        "sys.exit(cli._run(interrupted, cli.argparse.Namespace()))\n"
    )
    result = _python(code)
    assert (result.returncode, result.stderr) == (130, "")
