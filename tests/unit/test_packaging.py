"""A non-editable install carries the sample issue and the styles inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"building the wheel failed: {result.stderr[-2000:]}")
    (built,) = out.glob("newspaper_reader-*.whl")
    return built


def test_wheel_holds_styles_and_sample_issue(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "reader/sample_issues/gaoxin-2022-12-02/page-01.txt" in names
    assert "reader/sample_issues/gaoxin-2022-12-02/issue.json" in names
    assert any(name.startswith("reader/styles/") and name.endswith(".tcss") for name in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "reader = reader.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_reader_finds_its_data_outside_a_checkout(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    probe = (
        "import reader, reader.paths as p; print(reader.__file__); print(p.styles_dir()); print(p.default_issue_path())"
    )
    paths = subprocess.run([sys.executable, "-c", probe], cwd="/", env=env, capture_output=True, text=True, check=True)
    module_file, styles, issue = paths.stdout.split("\n")[:3]
    assert module_file.startswith(str(target))
    assert styles.startswith(str(target)) and Path(styles).is_dir()
    assert issue.startswith(str(target)) and Path(issue, "page-01.txt").is_file()
    listing = subprocess.run(
        [sys.executable, "-m", "reader", "list"], cwd="/", env=env, capture_output=True, text=True, check=False
    )
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout.startswith("1\t")
