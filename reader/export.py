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
from reader.errors import ReaderError
from reader.filewrite import write_new_file  # noqa: F401 - moved to reader.filewrite; kept importable here
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
    """An Obsidian-style ``#tag``: spaces become hyphens, anything but letters, digits, ``-_/`` is dropped."""
    cleaned = "".join(ch for ch in "-".join(sanitize(tag).split()) if ch.isalnum() or ch in "-_/")
    return f"#{cleaned}" if cleaned and not cleaned.isdigit() else ""


# ── citations ─────────────────────────────────────────────────────────────────────────────────────────


def byline_authors(byline: str | None) -> list[str]:
    """The names in a byline, role words removed (the analysis' one list: ``reader.analysis.bylines``)."""
    from reader.analysis.bylines import author_names

    return list(author_names(byline))


def gbt7714_citation(
    headline: str | None,
    byline: str | None,
    newspaper: str | None,
    date: str | None,
    page: int | None,
    convert: Convert | None = None,
) -> str:
    """A GB/T 7714-2015 newspaper reference, ``作者. 题名[N]. 报纸名, 出版日期(版次).``, unknown parts left out.

    More than three authors are cut to three followed by ``等``, as the standard asks. Names are found in the
    original byline and then passed through ``convert`` (role words are listed in the original script).
    """
    authors = [convert(name) if convert else name for name in byline_authors(byline)]
    parts = []
    if authors:
        parts.append(", ".join(authors[:3]) + (", 等" if len(authors) > 3 else ""))
    parts.append(f"{headline or '(无题)'}[N]")
    where = ", ".join(filter(None, [newspaper, date]))
    if page is not None:
        where = f"{where}({page})"
    if where:
        parts.append(where)
    return ". ".join(" ".join(part.split()) for part in parts) + "."


# ── documents ─────────────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class ArticleNotes:
    """The notes of one article, in the order taken, with the article's anchor as shown (maybe converted)."""

    notes: tuple[Note, ...]
    headline: str | None
    byline: str | None
    found: bool | None
    convert: Convert | None = None

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
        """The GB/T 7714 reference of the article."""
        a = self.anchor
        return gbt7714_citation(self.headline, a.byline, a.newspaper, a.date, a.page, self.convert)


def group_notes(
    notes: Iterable[Note], convert: Convert | None = None, found: Mapping[str, bool] | None = None
) -> list[ArticleNotes]:
    """Notes grouped by article (first appearance order), oldest note first within each.

    Args:
        notes: the notes to export.
        convert: applied to headline and byline only (never to quotes or notes).
        found: note id → whether its article still exists in the current analysis (absent: unknown).
    """
    groups: dict[tuple[str, str], list[Note]] = {}
    for note in notes:
        groups.setdefault((note.issue_id, note.article_id), []).append(note)
    result = []
    for members in groups.values():
        members.sort(key=lambda n: (n.created, n.id))
        first = members[0]
        convert_text = convert or (lambda text: text)
        headline = convert_text(first.headline) if first.headline else None
        byline = convert_text(first.byline) if first.byline else None
        state = (found or {}).get(first.id)
        result.append(ArticleNotes(tuple(members), headline, byline, state, convert))
    return result


def _exported_at(value: str | None) -> str:
    return value or datetime.now(UTC).isoformat(timespec="seconds")


def _one_or_list(values: Sequence[object]) -> object:
    distinct = list(dict.fromkeys(v for v in values if v is not None))
    if not distinct:
        return None
    return distinct[0] if len(distinct) == 1 else distinct


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


def front_matter(groups: Sequence[ArticleNotes], exported_at: str, script: str | None) -> list[str]:
    """The YAML front matter: one value when all articles agree, else a list."""
    ranges = [f"{r[0]}-{r[1]}" for r in (g.line_range for g in groups) if r]
    tags = list(dict.fromkeys(tag for g in groups for note in g.notes for tag in note.tags))
    fields: list[tuple[str, object]] = [
        ("newspaper", _one_or_list([g.anchor.newspaper for g in groups])),
        ("date", _one_or_list([g.anchor.date for g in groups])),
        ("edition", _one_or_list([g.anchor.edition for g in groups])),
        ("page", _one_or_list([g.anchor.page for g in groups])),
        ("headline", _one_or_list([g.headline for g in groups])),
        ("byline", _one_or_list([g.byline for g in groups])),
        ("source_file", _one_or_list([g.anchor.source_file for g in groups])),
        ("lines", _one_or_list(ranges)),
        ("tags", tags),
        ("notes", sum(len(g.notes) for g in groups)),
        ("exported_at", exported_at),
    ]
    if script:
        fields += [
            ("converted_with", script),
            ("original_headline", _one_or_list([g.anchor.headline for g in groups])),
            ("original_byline", _one_or_list([g.anchor.byline for g in groups])),
        ]
    lines = ["---"]
    lines += [f"{key}: {_yaml_value(value)}" for key, value in fields if value is not None or key == "newspaper"]
    lines.append("---")
    return lines


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
        tags = " ".join(filter(None, (md_tag(t) for t in note.tags)))
        stamp = md_inline(note.created[:10]) if note.created else ""
        footer = " · ".join(filter(None, [f"Tags: {tags}" if tags else "", stamp, f"note {note.id[:8]}"]))
        lines += [footer, ""]
    lines += [f"Citation: {md_inline(group.citation)}", ""]
    return lines


def to_markdown(
    notes: Iterable[Note],
    *,
    convert: Convert | None = None,
    script: str | None = None,
    found: Mapping[str, bool] | None = None,
    exported_at: str | None = None,
) -> str:
    """Notes as one Markdown document: front matter, then each article with its quotes, notes and citation.

    Args:
        notes: the notes (any number of articles and issues).
        convert: script conversion for headline and byline (``--script``); quotes and notes are kept as written.
        script: the name of that conversion, recorded in the front matter.
        found: note id → whether its article is still found (False adds an "article not found" mark).
        exported_at: the timestamp to record (default: now).
    """
    groups = group_notes(notes, convert, found)
    lines = front_matter(groups, _exported_at(exported_at), script if convert else None)
    lines.append("")
    if len(groups) == 1:
        lines += _article_lines(groups[0], "#")
    else:
        anchor = groups[0].anchor if groups else None
        title = " ".join(filter(None, [anchor.newspaper, anchor.date])) if anchor else ""
        lines += [f"# {md_inline('Notes: ' + title if title else 'Notes')}", ""]
        for group in groups:
            lines += _article_lines(group, "##")
    return "\n".join(lines).rstrip("\n") + "\n"


def to_json(
    notes: Iterable[Note],
    *,
    convert: Convert | None = None,
    script: str | None = None,
    found: Mapping[str, bool] | None = None,
    exported_at: str | None = None,
) -> str:
    """Notes as a JSON document (``format_version`` 1), one entry per note with its anchor and citation."""
    entries = []
    for group in group_notes(notes, convert, found):
        for note in group.notes:
            entry: dict[str, object] = {
                "id": note.id,
                "issue_id": note.issue_id,
                "article_id": note.article_id,
                "article_found": group.found,
                "newspaper": _clean(note.newspaper),
                "date": note.date,
                "edition": _clean(note.edition),
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


def default_filename(notes: Sequence[Note], fmt: str = "markdown") -> str:
    """A descriptive name: ``DATE NEWSPAPER notes.md`` (or the headline when one article is exported)."""
    extension = EXTENSIONS.get(fmt, ".txt")
    if not notes:
        return safe_filename("notes", extension)
    first = notes[0]
    articles = {(n.issue_id, n.article_id) for n in notes}
    issues = {n.issue_id for n in notes}
    if len(issues) > 1:
        return safe_filename("reader notes " + datetime.now(UTC).strftime("%Y-%m-%d"), extension)
    parts = [first.date, first.newspaper, first.headline if len(articles) == 1 else None, "notes"]
    return safe_filename(" ".join(p for p in parts if p), extension)


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
