"""Opening what the user points at: a page file, an issue folder or (for the app) a library."""

from __future__ import annotations

from pathlib import Path

from reader.analysis import analyze_page
from reader.analysis.jumps import link_jumps
from reader.ingest import load_issue
from reader.model import Issue, IssueAnalysis, PageAnalysis


def analyze_issue(issue: Issue) -> IssueAnalysis:
    """Run the article analysis over every page of ``issue`` and link the parts of jumped stories."""
    pages = link_jumps([PageAnalysis(page, analyze_page(page)) for page in issue.pages])
    return IssueAnalysis(issue, pages)


def open_issue(path: Path, segmentation: str = "auto") -> IssueAnalysis:
    """Load and analyze the issue at ``path`` (a page file or an issue folder).

    ``segmentation`` chooses whose article boundaries to use where the issue ships a METS or DIDL article
    map: ``auto`` (the library's when there is one), ``library`` (required) or ``ours``.

    Raises:
        InputError: the path cannot be read as an issue.
    """
    return analyze_issue(load_issue(path, segmentation))
