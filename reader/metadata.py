"""Issue metadata with provenance: what is given, what can be inferred from the path or the pages, what is unknown.

- ``given``: ``issue.json``, a METS/MODS file shipped with the issue, or the user's edit (kept in the data
  folder by :mod:`reader.store`, never written into the user's folder).
- ``inferred``: the folder path (ISO ``1920-04-09`` and compact ``18210801`` dates, Chronicling America's
  ``…/1903/05/01/ed-1/`` and impresso's ``…/1858/12/07`` or ``GDL-1900-01-02-a`` layouts), or the pages: a
  printed date (Chinese 民國 or Gregorian years with Chinese or Arabic numerals, cross-checked against a 干支
  year and a 星期 weekday; English, French and German dates, cross-checked against a printed weekday) and the
  nameplate line as the newspaper's name.
- ``unknown``: none of these.

Pure functions over paths and :class:`~reader.model.Page` objects; no Textual, no disk writes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from reader.dates import Found, find_dates, valid_date
from reader.model import Issue, IssueMeta, Line, Page, PageAnalysis

GIVEN, INFERRED, UNKNOWN = "given", "inferred", "unknown"
FIELDS = ("title", "date", "edition")
INFERRED_MARK = "?"
"""Appended to an inferred value wherever it is shown (``1920-04-09?``), so it never passes for a given one."""

# ── from the path ────────────────────────────────────────────────────────────────────────────────────

_ISO = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)[-_.](\d{1,2})[-_.](\d{1,2})(?!\d)")
_COMPACT = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_TWO = re.compile(r"^(0?[1-9]|1[0-2])$")
_DAY = re.compile(r"^(0?[1-9]|[12]\d|3[01])$")
_MMDD = re.compile(r"^(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$")
_EDITION = re.compile(r"^ed-(\d+)$", re.IGNORECASE)
_IMPRESSO_ID = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,12}-\d{4}-\d{2}-\d{2}-([a-z])(?![A-Za-z])")


def date_from_path(path: Path, page_names: Sequence[str] = ()) -> tuple[str, str] | None:
    """A date the path carries, with the part it came from: ``(YYYY-MM-DD, reason)``, or None.

    Nearer components win: the issue folder, then its parents (a ChronAm ``1903/05/01/ed-1`` issue), then page
    file names when they all carry the same date.
    """
    parts = [part for part in path.parts if part not in ("/", "")][-6:]
    # Folder hierarchies first: YYYY/MM/DD (ChronAm, KB, Olive) and YYYY/MMDD (BL).
    for end in range(len(parts), 0, -1):
        window = parts[:end]
        if len(window) >= 3 and _YEAR.match(window[-3]) and _TWO.match(window[-2]) and _DAY.match(window[-1]):
            date = valid_date(int(window[-3]), int(window[-2]), int(window[-1]))
            if date:
                return date, f"folders {'/'.join(window[-3:])}"
        if len(window) >= 2 and _YEAR.match(window[-2]) and _MMDD.match(window[-1]):
            date = valid_date(int(window[-2]), int(window[-1][:2]), int(window[-1][2:]))
            if date:
                return date, f"folders {'/'.join(window[-2:])}"
    for part in reversed(parts):
        found = _date_in_name(part)
        if found:
            return found, f"folder name {part}"
    dates = {_date_in_name(name) for name in page_names}
    if len(dates) == 1 and None not in dates:
        (date,) = dates
        assert date is not None
        return date, "page file names"
    return None


def _date_in_name(name: str) -> str | None:
    for pattern in (_ISO, _COMPACT):
        for match in pattern.finditer(name):
            date = valid_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            if date:
                return date
    return None


def edition_from_path(path: Path) -> tuple[str, str] | None:
    """An edition the path names: ChronAm ``ed-2`` → ``2``, impresso ``GDL-1900-01-02-a`` → ``a``."""
    for part in reversed([part for part in path.parts][-6:]):
        match = _EDITION.match(part)
        if match:
            return str(int(match.group(1))), f"folder {part}"
        match = _IMPRESSO_ID.search(part)
        if match:
            return match.group(1), f"issue id {part}"
    return None


# ── from a METS/MODS file shipped with the issue ─────────────────────────────────────────────────────

_MODS_DATE = (
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})"), (1, 2, 3)),
    (re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"), (3, 2, 1)),
)


def _mods_date(text: str) -> str | None:
    for pattern, (y, m, d) in _MODS_DATE:
        match = pattern.match(text.strip())
        if match:
            return valid_date(int(match.group(y)), int(match.group(m)), int(match.group(d)))
    return None


def mets_meta(folder: Path) -> IssueMeta:
    """The newspaper and date a METS file in ``folder`` gives in its issue-level MODS (``given``).

    Only descriptive sections of the issue, print or collection count (article sections carry article
    titles); an unreadable METS file gives nothing.
    """
    from reader.errors import InputError
    from reader.ingest.detect import METS
    from reader.ingest.folders import file_format
    from reader.ingest.source import read_bounded

    try:
        # the XML files only are sorted: paths compare slowly, and a 400-page text issue has none
        candidates = sorted(child for child in folder.iterdir() if child.suffix.lower() == ".xml")
    except OSError:
        return IssueMeta()
    for path in candidates:
        from reader.ingest.xmlsafe import parse_xml_bytes  # lxml: only once there is an XML file

        try:
            if file_format(path) != METS:
                continue
            root = parse_xml_bytes(read_bounded(path), path)
        except (InputError, OSError):
            continue
        title = date = None
        for section in root.iter("{*}dmdSec"):
            if "ARTICLE" in (section.get("ID") or "").upper():
                continue
            for element in section.iter("{*}title"):
                if title is None and (element.text or "").strip():
                    title = " ".join(element.text.split())
            for element in section.iter("{*}dateIssued"):
                date = date or _mods_date(element.text or "")
        if title or date:
            reason = f"METS/MODS {path.name}"
            return IssueMeta(
                title=title,
                date=date,
                provenance=tuple((name, GIVEN, reason) for name, value in (("title", title), ("date", date)) if value),
            )
    return IssueMeta()


DATE_PAGES = 4
"""How many leading pages :func:`date_from_pages` reads."""
NAMEPLATE_PAGES = 8
"""How many leading pages :func:`nameplate_from_pages` reads."""

# ── from the pages ───────────────────────────────────────────────────────────────────────────────────

HEAD_LINES = 40
"""Lines at the top of each page where mastheads, folios and their dates are printed."""
_SEGMENT_SPLIT = re.compile(r"\s{2,}|[\u3000★|•·]+")
_NAMEPLATE_WORDS = re.compile(
    r"(?:daily|times|news|herald|tribune|post|gazette|journal|chronicle|courier|zeitung|blatt|anzeiger|"
    r"courant|krant|matin|temps|figaro|presse|patriot|observer|guardian|telegraph|record|sun|star|mail|"
    r"press|review|register|leader|bulletin)\b|[報报]$|日[報报]|晚[報报]|[週周]刊$",
    re.IGNORECASE,
)


DATE_SCAN_CHARS = 200_000
"""Dates are looked for in about this many characters of each page: a real page has fewer (up to ~100 KB),
and a 15 MB page would otherwise give hundreds of thousands of candidate dates (over 400 MB)."""


def _first_characters(lines: list[str], budget: int) -> list[str]:
    """The first lines of ``lines`` that hold about ``budget`` characters."""
    for index, line in enumerate(lines):
        budget -= len(line) + 1
        if budget < 0:
            return lines[: index + 1]
    return lines


def date_from_pages(pages: Sequence[Page]) -> Found | None:
    """The issue's date as printed: the best-supported date on its pages (see :func:`reader.dates.find_dates`)."""
    votes: Counter[str] = Counter()
    best: dict[str, Found] = {}
    for page in pages[:DATE_PAGES]:
        lines = _first_characters([line.text for line in page.lines], DATE_SCAN_CHARS)
        for found in find_dates(lines, head=HEAD_LINES):
            votes[found.date] += found.score
            if found.date not in best or found.score > best[found.date].score:
                number = page.lines[found.line - 1].number if found.line <= len(page.lines) else found.line
                best[found.date] = replace(found, reason=f"page {page.number}, line {number}")
    if not votes:
        return None
    date, score = max(votes.items(), key=lambda item: (item[1], -best[item[0]].line))
    if score <= 0:
        return None
    found = best[date]
    return replace(found, reason=f"printed: {found.text} ({found.reason})")


def _segments(text: str) -> list[str]:
    return [" ".join(piece.split()) for piece in _SEGMENT_SPLIT.split(text) if piece.strip()]


def _compact(text: str) -> str:
    return "".join(text.split()).casefold()


def nameplate_from_pages(pages: Sequence[Page]) -> tuple[str, str] | None:
    """The newspaper's name from its nameplate: a short line (or segment of a folio line) at the top of the
    pages that names a paper (``晶　報``, ``Mustang Daily``) or recurs at the top of several pages."""
    seen: dict[str, tuple[str, int, int]] = {}  # compact text → (as printed, page, line)
    counts: Counter[str] = Counter()
    for page in pages[:NAMEPLATE_PAGES]:
        on_page: set[str] = set()
        head = [line for line in page.lines if line.text.strip()][:12]
        for line in head:
            whole = [line.text.strip()] if len(_compact(line.text)) <= 12 else []  # 晶　報: spaced, one name
            for segment in dict.fromkeys([*whole, *_segments(line.text)]):
                key = _compact(segment)
                if not 2 <= len(key) <= 40 or any(ch.isdigit() for ch in segment) or find_dates([segment]):
                    continue
                if not any(ch.isalpha() for ch in segment):
                    continue
                on_page.add(key)
                seen.setdefault(key, (segment, page.number, line.number))
        counts.update(on_page)
    scored = []
    for key, (segment, page_number, line_number) in seen.items():
        named = bool(_NAMEPLATE_WORDS.search(key)) and len(segment.split()) <= 5 and len(key) <= 30
        latin = segment.isascii()
        if latin and named and not (segment.istitle() or segment.isupper()):
            named = False  # "the daily grind of …": prose, not a nameplate
        score = (3 if named else 0) + (counts[key] - 1 if counts[key] > 1 else 0)
        if score >= 3:
            scored.append((score, -page_number, -line_number, segment))
    if not scored:
        return None
    score, page_number, line_number, segment = max(scored)
    name = segment if segment.isascii() else "".join(segment.split())
    return name, f"nameplate, page {-page_number} line {-line_number}"


def _lines_from_articles(page_analysis: PageAnalysis) -> Page:
    """A page rebuilt from its articles (a cached analysis keeps no lines): each article's text at the number of
    its first source line, in line order, so the top of the page stays the top."""
    lines = []
    for article in page_analysis.articles:
        first = min(article.source_lines, default=0)
        parts = [article.kicker, article.headline, article.subheadline, article.byline, *article.paragraphs]
        for offset, text in enumerate(part for part in parts if part):
            lines.append(Line(first + offset, text))
    lines.sort(key=lambda line: line.number)
    return replace(page_analysis.page, lines=tuple(lines))


def _merge_given(first: IssueMeta, second: IssueMeta) -> IssueMeta:
    """``first`` with the fields it lacks taken from ``second`` (both given), each with its own reason."""
    values = {name: getattr(first, name) or getattr(second, name) for name in FIELDS}
    provenance = [
        (name, GIVEN, (first if getattr(first, name) else second).reason(name) or "issue.json")
        for name in FIELDS
        if values[name]
    ]
    return IssueMeta(**values, note=first.note, provenance=tuple(provenance))


def complete_issue_meta(issue: Issue, page_analyses: Sequence[PageAnalysis] = ()) -> Issue:
    """``issue`` with its unknown metadata inferred from its path and pages (their lines, or the articles of
    ``page_analyses`` when the pages come without lines, as from the analysis cache)."""
    pages: list[Page] = list(issue.pages)
    if page_analyses and not any(page.lines for page in pages):
        # Only the leading pages are ever read (see date_from_pages, nameplate_from_pages): rebuild just those.
        leading = max(DATE_PAGES, NAMEPLATE_PAGES)
        pages = [_lines_from_articles(page_analysis) for page_analysis in page_analyses[:leading]]
    path = Path(issue.source) if issue.source and issue.source != "-" else None
    page_names = [Path(page.source).name for page in issue.pages if page.source]
    folder = path if path is not None and path.suffix == "" else (path.parent if path is not None else None)
    given = issue.meta
    if path is not None and path.is_dir() and (given.title is None or given.date is None):
        given = _merge_given(given, mets_meta(path))
    meta = infer_meta(given, folder if folder is not None else path, pages, page_names)
    if path is not None and path.suffix and meta.date is None:
        meta = infer_meta(meta, path, (), ())  # a single page file: its own name may carry the date
    return replace(issue, meta=meta)


# ── putting it together ──────────────────────────────────────────────────────────────────────────────


def with_provenance(meta: IssueMeta, source: str, reasons: Mapping[str, str] | None = None) -> IssueMeta:
    """``meta`` with every known field marked as coming from ``source``."""
    provenance = tuple(
        (name, source, (reasons or {}).get(name, "")) for name in FIELDS if getattr(meta, name) is not None
    )
    return replace(meta, provenance=provenance)


def infer_meta(
    given: IssueMeta, path: Path | None, pages: Sequence[Page] = (), page_names: Sequence[str] = ()
) -> IssueMeta:
    """Fill the fields ``given`` leaves unknown from the path, then from the pages; record where each came from."""
    values = {name: getattr(given, name) for name in FIELDS}
    provenance = {name: (GIVEN, given.reason(name) or "issue.json") for name in FIELDS if values[name] is not None}
    provenance.update({entry[0]: (entry[1], entry[2]) for entry in given.provenance})

    def infer(name: str, found: tuple[str, str] | None) -> None:
        if values[name] is None and found is not None:
            values[name] = found[0]
            provenance[name] = (INFERRED, found[1])

    if path is not None:
        infer("date", date_from_path(path, page_names))
        infer("edition", edition_from_path(path))
    if pages:
        if values["date"] is None:
            printed = date_from_pages(pages)
            if printed is not None:
                infer("date", (printed.date, printed.reason))
        if values["title"] is None:
            infer("title", nameplate_from_pages(pages))
    return IssueMeta(
        title=values["title"],
        date=values["date"],
        edition=values["edition"],
        note=given.note,
        provenance=tuple((name, *provenance[name]) for name in FIELDS if name in provenance),
    )


def apply_edits(meta: IssueMeta, edits: Mapping[str, str | None]) -> IssueMeta:
    """``meta`` with the user's edits on top (given by the user); an empty edit clears the field back."""
    values = {name: getattr(meta, name) for name in FIELDS}
    provenance = {entry[0]: (entry[1], entry[2]) for entry in meta.provenance}
    for name, value in edits.items():
        if name in FIELDS and value:
            values[name] = value
            provenance[name] = (GIVEN, "your edit")
    return IssueMeta(
        title=values["title"],
        date=values["date"],
        edition=values["edition"],
        note=meta.note,
        provenance=tuple((name, *provenance[name]) for name in FIELDS if name in provenance and values[name]),
    )


def shown(meta: IssueMeta, name: str, unknown: str = "") -> str:
    """A field as shown to the reader: the value, marked ``?`` when inferred; ``unknown`` when there is none."""
    value = getattr(meta, name)
    if value is None:
        return unknown
    return f"{value}{INFERRED_MARK}" if meta.source(name) == INFERRED else str(value)


def describe(meta: IssueMeta) -> list[tuple[str, str, str, str]]:
    """Each field as ``(name, value or "", given|inferred|unknown, reason)``, for ``reader issue show``."""
    return [(name, getattr(meta, name) or "", meta.source(name), meta.reason(name)) for name in FIELDS]


def parse_user_date(text: str) -> str:
    """A date typed by the user (``1920-04-09``, ``1920-4-9``, ``19200409``) as ``YYYY-MM-DD``.

    Raises:
        ValueError: it is not a real calendar date in one of those forms.
    """
    text = text.strip()
    match = re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    date = valid_date(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None
    if date is None:
        raise ValueError(f"not a date (YYYY-MM-DD): {text!r}")
    return date


def merge_provenance(entries: Iterable[tuple[str, str, str]]) -> dict[str, tuple[str, str]]:
    """Field → (source, reason) from provenance entries (the last entry for a field wins)."""
    return {name: (source, reason) for name, source, reason in entries}
