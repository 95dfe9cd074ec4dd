"""Export notes as Markdown (for Obsidian, Zotero …) or JSON, and write the file safely (no Textual here).

Everything from pages and notes is untrusted: it is sanitized, YAML scalars are always double-quoted and
escaped, and Markdown text is escaped so that a headline such as ``# [x](y) <img>`` or a note holding
``![](https://tracker)`` stays literal text and cannot change the structure of the document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from reader.annotations import Note
from reader.citations import Source, choose_style, cite, gbt7714
from reader.errors import ReaderError
from reader.filewrite import write_new_file  # noqa: F401 - moved to reader.filewrite; kept importable here
from reader.metadata import shown
from reader.model import IssueMeta
from reader.sanitize import sanitize

Convert = Callable[[str], str]
FORMATS = ("markdown", "json")
EXTENSIONS = {"markdown": ".md", "json": ".json"}
NOT_FOUND = "article not found"
JSON_FORMAT_VERSION = 1
MAX_NAME_BYTES = 255

# ── escaping ──────────────────────────────────────────────────────────────────────────────────────────

_MD_INLINE = re.compile(r"([\\`*_\[\]<>#|!~&$%])")
_MD_LIST_MARKER = re.compile(r"^([-+=]|\d+(?=[.)]))")


def yaml_str(text: str) -> str:
    """A YAML double-quoted scalar holding ``text`` exactly (JSON strings are valid YAML)."""
    quoted = json.dumps(sanitize(text), ensure_ascii=False)
    return quoted.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\u0085", "\\u0085")


def md_inline(text: str) -> str:
    """``text`` as one line of literal Markdown: newlines become spaces, markup characters are escaped."""
    line = _MD_INLINE.sub(r"\\\1", " ".join(sanitize(text).split()))
    # A line may not open a list or underline a heading: "- x" → "\- x", "1. x" → "1\. x", "1) x" → "1\) x",
    # "===" → "\===" (a backslash before a digit is literal).
    return _MD_LIST_MARKER.sub(lambda m: "\\" + m.group(1) if not m.group(1).isdigit() else m.group(1) + "\\", line)


def md_block(text: str) -> list[str]:
    """``text`` as literal Markdown lines, keeping its line breaks and blank lines (no indented code)."""
    return [md_inline(line) if line.strip() else "" for line in sanitize(text).split("\n")]


def md_tag(tag: str) -> str:
    """An Obsidian ``#tag``: spaces become hyphens, anything but letters, digits, ``-_/`` is dropped, and a tag
    of digits only (``2022``, not a tag to Obsidian) gets a leading ``_``. Empty when nothing is left."""
    cleaned = "".join(ch for ch in "-".join(sanitize(tag).split()) if ch.isalnum() or ch in "-_/")
    if cleaned.isdigit():
        cleaned = f"_{cleaned}"
    return f"#{cleaned}" if cleaned else ""


def md_tags(tags: Sequence[str]) -> str:
    """Every tag, as an Obsidian ``#tag`` where it can be one, else as escaped text: no tag is dropped."""
    return " ".join(md_tag(tag) or md_inline(f"“{tag}”") for tag in tags)


# ── citations ─────────────────────────────────────────────────────────────────────────────────────────


def byline_authors(byline: str | None) -> list[str]:
    """The names in a byline, role words removed (the analysis' one list: ``reader.analysis.bylines``)."""
    from reader.analysis.bylines import author_names

    return list(author_names(byline))


def gbt7714_citation(
    headline: str | None, byline: str | None, newspaper: str | None, date: str | None, page: int | None
) -> str:
    """A GB/T 7714-2015 newspaper reference (see :func:`reader.citations.gbt7714`)."""
    return gbt7714(Source(headline, byline, newspaper, date, page))


# ── documents ─────────────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class ArticleNotes:
    """The notes of one article, oldest first, with its headline and byline as shown and its citation."""

    notes: tuple[Note, ...]
    headline: str | None
    byline: str | None
    found: bool | None
    source: Source
    style: str

    @property
    def anchor(self) -> Note:
        """The first note, whose copy of the anchor describes the article."""
        return self.notes[0]

    @property
    def line_range(self) -> tuple[int, int] | None:
        """First and last source line, or None when unknown."""
        lines = self.anchor.source_lines
        return (min(lines), max(lines)) if lines else None

    @property
    def citation(self) -> str:
        """The article's citation in its style, as plain text."""
        return cite(self.source, self.style)


@dataclass(frozen=True, slots=True)
class IssueNotes:
    """The notes on one issue: its metadata as it is now (or as the notes stored it) and its articles."""

    issue_id: str
    meta: IssueMeta
    on_disk: bool
    articles: tuple[ArticleNotes, ...]

    @property
    def notes(self) -> list[Note]:
        """Every note of the issue."""
        return [note for article in self.articles for note in article.notes]

    @property
    def label(self) -> str:
        """``NEWSPAPER, DATE`` with inferred values marked ``?`` (``unknown newspaper``, ``undated``)."""
        return f"{shown(self.meta, 'title', 'unknown newspaper')}, {shown(self.meta, 'date', 'undated')}"


def _stored_meta(note: Note) -> IssueMeta:
    fields = {"title": note.newspaper, "date": note.date, "edition": note.edition}
    provenance = tuple((name, "given", "stored with the note") for name, value in fields.items() if value)
    return IssueMeta(title=note.newspaper, date=note.date, edition=note.edition, provenance=provenance)


def group_by_issue(
    notes: Iterable[Note],
    *,
    issues: Mapping[str, IssueMeta] | None = None,
    convert: Convert | None = None,
    found: Mapping[str, bool] | None = None,
    citation: str = "auto",
) -> list[IssueNotes]:
    """Notes grouped by issue (by date, then newspaper) and by article within each (first appearance order).

    Args:
        notes: the notes to export.
        issues: issue id → its current metadata (from the issue on disk, with the user's edits); issues not
            in it fall back to what their notes stored.
        convert: script conversion for headline and byline; names in the byline stay as printed.
        found: note id → whether its article still exists in the current analysis (absent: unknown).
        citation: ``auto`` (per article by its script), ``gbt7714`` or ``chicago``.
    """
    from reader.convert import keeping_names

    by_issue: dict[str, dict[str, list[Note]]] = {}
    for note in notes:
        by_issue.setdefault(note.issue_id, {}).setdefault(note.article_id, []).append(note)
    result = []
    for issue_id, articles in by_issue.items():
        first_note = next(iter(articles.values()))[0]
        meta = (issues or {}).get(issue_id)
        on_disk = meta is not None
        meta = meta or _stored_meta(first_note)
        supplied = frozenset(
            {"title": "newspaper", "date": "date"}[name]
            for name in ("title", "date")
            if meta.source(name) == "inferred"
        )
        groups = []
        for members in articles.values():
            members.sort(key=lambda n: (n.created, n.id))
            first = members[0]
            shown_text = keeping_names(first.byline, convert) if convert else (lambda text: text)
            headline = shown_text(first.headline) if first.headline else None
            byline = shown_text(first.byline) if first.byline else None
            style = choose_style(" ".join(filter(None, [first.headline, first.excerpt, first.quote])), citation)
            source = Source(headline, first.byline, meta.title, meta.date, first.page, supplied)
            groups.append(ArticleNotes(tuple(members), headline, byline, (found or {}).get(first.id), source, style))
        result.append(IssueNotes(issue_id, meta, on_disk, tuple(groups)))
    result.sort(key=lambda issue: (issue.meta.date or "9999", issue.meta.title or "", issue.issue_id))
    return result


def _exported_at(value: str | None) -> str:
    return value or datetime.now(UTC).isoformat(timespec="seconds")


def _yaml_value(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_yaml_value(v) for v in value) + "]"
    return yaml_str(str(value))


def front_matter(issues: Sequence[IssueNotes], exported_at: str, script: str | None, citation: str) -> list[str]:
    """YAML front matter describing the export: its issues, counts, tags and time (an issue's own newspaper,
    date and edition only when it holds one issue). Tags are strings, numbers included (``"2022"``)."""
    notes = [note for issue in issues for note in issue.notes]
    fields: list[tuple[str, object]] = []
    if len(issues) == 1:
        meta = issues[0].meta
        fields += [("newspaper", meta.title), ("date", meta.date), ("edition", meta.edition)]
        fields += [
            (f"{label}_source", meta.source(name))
            for name, label in (("title", "newspaper"), ("date", "date"))
            if getattr(meta, name)
        ]
    fields += [
        ("issues", [issue.label for issue in issues]),
        ("issue_count", len(issues)),
        ("articles", sum(len(issue.articles) for issue in issues)),
        ("notes", len(notes)),
        ("tags", list(dict.fromkeys(tag for note in notes for tag in note.tags))),
        ("citation_style", citation),
        ("exported_at", exported_at),
    ]
    if script:
        fields.append(("converted_with", script))
    lines = ["---"]
    lines += [f"{key}: {_yaml_value(value)}" for key, value in fields if value is not None]
    lines.append("---")
    return lines


def _issue_facts(issue: IssueNotes) -> str:
    meta = issue.meta
    facts = []
    for name, label in (("title", "Newspaper"), ("date", "Date"), ("edition", "Edition")):
        value = getattr(meta, name)
        if value is None:
            facts.append(f"{label}: unknown")
            continue
        source = meta.source(name)
        mark = f" (inferred: {meta.reason(name)})" if source == "inferred" else ""
        facts.append(f"{label}: {value}{mark}")
    if not issue.on_disk:
        facts.append("issue not on disk: as stored with the notes")
    return md_inline(" · ".join(facts) + f" · issue {issue.issue_id[:8]}")


def _article_lines(group: ArticleNotes, level: str) -> list[str]:
    anchor = group.anchor
    lines = [f"{level} {md_inline(group.headline or '(untitled)')}", ""]
    facts = []
    if group.byline:
        facts.append(md_inline(group.byline))
    if anchor.page is not None:
        facts.append(f"page {anchor.page}")
    if group.line_range:
        facts.append(f"lines {group.line_range[0]}–{group.line_range[1]}")
    if anchor.source_file:
        facts.append(md_inline(Path(anchor.source_file).name))
    if facts:
        lines += [" · ".join(facts), ""]
    if group.found is False:
        lines += [f"**{NOT_FOUND}** in the current analysis; shown from the note's own copy.", ""]
    for note in group.notes:
        if note.quote.strip():
            lines += [f"> {line}".rstrip() for line in md_block(note.quote.strip())]
            lines.append("")
        if note.text.strip():
            lines += md_block(note.text.strip())
            lines.append("")
        tags = md_tags(note.tags)
        stamp = md_inline(note.created[:10]) if note.created else ""
        footer = " · ".join(filter(None, [f"Tags: {tags}" if tags else "", stamp, f"note {note.id[:8]}"]))
        lines += [footer, ""]
    lines += [f"Citation: {cite(group.source, group.style, escape=md_inline)}", ""]
    return lines


def to_markdown(
    notes: Iterable[Note],
    *,
    issues: Mapping[str, IssueMeta] | None = None,
    convert: Convert | None = None,
    script: str | None = None,
    found: Mapping[str, bool] | None = None,
    exported_at: str | None = None,
    citation: str = "auto",
) -> str:
    """Notes as one Markdown document: front matter, then one section per issue (its newspaper, date and
    edition), each article with its quotes, notes, tags and citation.

    Args:
        notes: the notes (any number of articles and issues).
        issues: issue id → current metadata (see :func:`group_by_issue`).
        convert: script conversion for headline and byline (``--script``); quotes and notes are kept as written.
        script: the name of that conversion, recorded in the front matter.
        found: note id → whether its article is still found (False adds an "article not found" mark).
        exported_at: the timestamp to record (default: now).
        citation: ``auto``, ``gbt7714`` or ``chicago``.
    """
    grouped = group_by_issue(notes, issues=issues, convert=convert, found=found, citation=citation)
    lines = front_matter(grouped, _exported_at(exported_at), script if convert else None, citation)
    lines.append("")
    if len(grouped) == 1:
        lines += [f"# {md_inline(grouped[0].label)}", "", _issue_facts(grouped[0]), ""]
        level = "##"
    else:
        lines += [f"# Notes from {len(grouped)} issues", ""]
        level = "###"
    for issue in grouped:
        if len(grouped) > 1:
            lines += [f"## {md_inline(issue.label)}", "", _issue_facts(issue), ""]
        for group in issue.articles:
            lines += _article_lines(group, level)
    return "\n".join(lines).rstrip("\n") + "\n"


def to_json(
    notes: Iterable[Note],
    *,
    issues: Mapping[str, IssueMeta] | None = None,
    convert: Convert | None = None,
    script: str | None = None,
    found: Mapping[str, bool] | None = None,
    exported_at: str | None = None,
    citation: str = "auto",
) -> str:
    """Notes as a JSON document (``format_version`` 1), one entry per note with its issue's current metadata
    (and where each field came from), its anchor and its citation."""
    entries = []
    for issue in group_by_issue(notes, issues=issues, convert=convert, found=found, citation=citation):
        meta = issue.meta
        for group in issue.articles:
            for note in group.notes:
                entry: dict[str, object] = {
                    "id": note.id,
                    "issue_id": note.issue_id,
                    "article_id": note.article_id,
                    "article_found": group.found,
                    "newspaper": _clean(meta.title),
                    "date": meta.date,
                    "edition": _clean(meta.edition),
                    "meta_source": {name: meta.source(name) for name in ("title", "date", "edition")},
                    "page": note.page,
                    "headline": _clean(group.headline),
                    "byline": _clean(group.byline),
                    "source_file": _clean(note.source_file),
                    "line_range": list(group.line_range) if group.line_range else None,
                    "source_lines": list(note.source_lines),
                    "quote": sanitize(note.quote),
                    "text": sanitize(note.text),
                    "tags": [sanitize(t) for t in note.tags],
                    "created": note.created,
                    "updated": note.updated,
                    "citation_style": group.style,
                    "citation": sanitize(group.citation),
                }
                if convert:
                    entry["original_headline"] = _clean(note.headline)
                    entry["original_byline"] = _clean(note.byline)
                entries.append(entry)
    document = {
        "format_version": JSON_FORMAT_VERSION,
        "exported_at": _exported_at(exported_at),
        "converted_with": script if convert else None,
        "notes": entries,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _clean(text: str | None) -> str | None:
    return sanitize(text) if text is not None else None


def render(notes: Iterable[Note], fmt: str = "markdown", **options: object) -> str:
    """Dispatch to :func:`to_markdown` or :func:`to_json`."""
    if fmt not in FORMATS:
        raise ReaderError(f"unknown export format {fmt!r}; valid formats: {', '.join(FORMATS)}")
    return (to_markdown if fmt == "markdown" else to_json)(notes, **options)  # type: ignore[arg-type]


# ── files ─────────────────────────────────────────────────────────────────────────────────────────────

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u202a-\u202e\u2066-\u2069]')


def safe_filename(stem: str, extension: str = ".md") -> str:
    """A file name from untrusted ``stem``: no separators or reserved names, at most 255 bytes with ``extension``."""
    name = _UNSAFE_NAME.sub("_", sanitize(stem[: 4 * MAX_NAME_BYTES]))  # a 10M-character title: bounded work
    name = " ".join(name.split()).strip(". ") or "notes"
    if name.split(".")[0].lower() in _RESERVED:
        name = f"_{name}"
    budget = MAX_NAME_BYTES - len(extension.encode("utf-8"))
    name = name[:budget]
    while len(name.encode("utf-8")) > budget:
        name = name[:-1]
    return name.rstrip(". ") + extension


def issue_filename(meta: IssueMeta, fmt: str = "markdown") -> str:
    """``DATE NEWSPAPER notes.md`` from an issue's metadata (``notes.md`` when both are unknown)."""
    parts = [meta.date, meta.title, "notes"]
    return safe_filename(" ".join(p for p in parts if p), EXTENSIONS.get(fmt, ".txt"))


def default_filename(
    notes: Sequence[Note], fmt: str = "markdown", issues: Mapping[str, IssueMeta] | None = None
) -> str:
    """A descriptive name: ``DATE NEWSPAPER notes.md`` for one issue (from its current metadata when known),
    ``reader notes YYYY-MM-DD.md`` for several."""
    extension = EXTENSIONS.get(fmt, ".txt")
    if not notes:
        return safe_filename("notes", extension)
    if len({n.issue_id for n in notes}) > 1:
        return safe_filename("reader notes " + datetime.now(UTC).strftime("%Y-%m-%d"), extension)
    return issue_filename((issues or {}).get(notes[0].issue_id) or _stored_meta(notes[0]), fmt)


def target_in(directory: Path, name: str) -> Path:
    """``directory / name``, refusing any name that would land outside ``directory``.

    Raises:
        ReaderError: the name escapes the directory.
    """
    folder = directory.resolve()
    target = (folder / name).resolve()
    if target.parent != folder:
        raise ReaderError(f"refusing to write {name!r} outside {folder}")
    return target
