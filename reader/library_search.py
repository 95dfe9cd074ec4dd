"""Searching a library through its index (:mod:`reader.library_index`): hits with snippets, nothing re-analyzed.

Query syntax: words and CJK strings are terms that must all occur (AND) in an article; ``"a phrase"`` keeps
its words together, in order; a leading ``-`` excludes articles that contain the term. Matching is on the
folded text (:mod:`reader.fold`: case, width, accents and Chinese character forms), Latin terms match whole
words, and CJK terms match anywhere. One- and two-character CJK terms and single words are answered from the
postings alone; longer terms are checked against the article's text.
"""

from __future__ import annotations

import re
import sqlite3
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from reader.fold import fold_table, fold_text, unfolded_class
from reader.library_index import CJK_CLASS, CJK_RUN, FIELD_SEPARATOR, JOINERS, WORD, WORD_CLASS

DEFAULT_LIMIT = 200
_TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_FIELD_NAMES = {"k": "kicker", "h": "headline", "s": "subheadline", "b": "byline", "p": "paragraph"}
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Term:
    """One term of a query: its grams, whether the postings alone answer it, and the pattern that checks it."""

    text: str
    exclude: bool
    tokens: tuple[str, ...]

    @cached_property
    def grams(self) -> tuple[str, ...]:
        """The grams whose postings all hold a matching article."""
        grams: list[str] = []
        for token in self.tokens:
            if CJK_RUN.fullmatch(token):
                grams.extend([token] if len(token) == 1 else [token[i : i + 2] for i in range(len(token) - 1)])
            else:
                grams.append(JOINERS.sub("", token))
        return tuple(dict.fromkeys(grams))

    @property
    def exact(self) -> bool:
        """True when the postings alone decide a match (one word, or one or two CJK characters)."""
        if len(self.tokens) != 1:
            return False
        token = self.tokens[0]
        return len(token) <= 2 if CJK_RUN.fullmatch(token) else not JOINERS.search(token)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Matches the term in folded text: CJK literally, words whole, anything but letters between tokens."""
        parts = []
        for token in self.tokens:
            if CJK_RUN.fullmatch(token):
                parts.append(re.escape(token))
            else:
                pieces = [re.escape(p) for p in JOINERS.split(token) if p]
                parts.append(f"(?<![{WORD_CLASS}])" + "[-'\u2019]?".join(pieces) + f"(?![{WORD_CLASS}])")
        return re.compile(f"[^{WORD_CLASS}{CJK_CLASS}]*".join(parts))

    @cached_property
    def unfolded(self) -> re.Pattern[str] | None:
        """For a term of one token: a pattern that matches the original text exactly where the token matches
        its fold (folding keeps each character's place), so that candidates are checked without folding
        their text, the costliest step of making a query's snippets. A word's boundaries are left to
        :meth:`spans`. None for terms of several tokens."""
        if len(self.tokens) != 1:
            return None
        token = self.tokens[0]
        if CJK_RUN.fullmatch(token):
            return re.compile("".join(unfolded_class(char) for char in token))
        pieces = ["".join(unfolded_class(char) for char in piece) for piece in JOINERS.split(token) if piece]
        return re.compile(f"(?:{_unfolded_joiner()})?".join(pieces))

    def spans(self, body: str, folded: str) -> Iterator[tuple[int, int]]:
        """Where the term matches an article's text, in order: ``folded`` is ``fold_text(body)``, or "" when
        :attr:`unfolded` is not None (then the original text is searched)."""
        unfolded = self.unfolded
        if unfolded is None:
            yield from (match.span() for match in self.pattern.finditer(folded))
        elif CJK_RUN.fullmatch(self.tokens[0]):
            yield from (match.span() for match in unfolded.finditer(body))
        else:  # a word: no letter (once folded) on either side, as :attr:`pattern` asks of the folded text
            position = 0
            while (match := unfolded.search(body, position)) is not None:
                start, end = match.span()
                if _folds_to_word_char(body, start - 1) or _folds_to_word_char(body, end):
                    position = start + 1  # where the folded pattern's scan would try next
                    continue
                yield start, end
                position = end


@lru_cache(maxsize=1)
def _unfolded_joiner() -> str:
    """Every character whose fold joins the parts of a word (``-``, ``'``, ``’``), as alternatives."""
    return "|".join(unfolded_class(joiner) for joiner in "-'\u2019")


def _folds_to_word_char(text: str, index: int) -> bool:
    """Whether ``text[index]`` exists and its fold is a letter or digit of a word (:data:`WORD_CLASS`)."""
    if index < 0 or index >= len(text):
        return False
    code = ord(text[index])
    return WORD.match(chr(fold_table().get(code, code))) is not None


def parse_query(query: str) -> list[Term]:
    """The terms of a query (see the module docstring); terms without letters or CJK characters are dropped."""
    terms = []
    for match in _TERM.finditer(query):
        exclude_phrase, phrase, bare = match.groups()
        exclude = bool(exclude_phrase)
        text = phrase if phrase is not None else bare
        if phrase is None and text.startswith("-") and len(text) > 1:
            exclude, text = True, text[1:]
        folded = fold_text(text)
        # CJK runs and words never overlap (their classes are disjoint): both in the order of the text, without
        # compiling the alternation of the two (3 ms of a query's process).
        found = sorted([*CJK_RUN.finditer(folded), *WORD.finditer(folded)], key=lambda match: match.start())
        tokens = tuple(match.group(0) for match in found)
        if tokens:
            terms.append(Term(text, exclude, tokens))
    return terms


@dataclass(frozen=True, slots=True)
class LibraryHit:
    """An article that matches, located at its first match.

    Attributes:
        source: ``article``, or ``note`` / ``quote`` for the user's notes.
        field: ``kicker``, ``headline``, ``subheadline``, ``byline``, ``paragraph`` or ``note``/``quote``.
        text: the field's text as printed; ``start``/``end`` index into it.
        matches: how many matches the article holds (all terms together).
    """

    issue_path: str
    issue_title: str | None
    issue_date: str | None
    issue_id: str | None
    page: int | None
    article_number: int | None
    article_id: str | None
    kind: str | None
    headline: str | None
    field: str
    paragraph: int | None
    text: str
    start: int
    end: int
    matches: int
    source: str = "article"

    @property
    def match(self) -> str:
        """The matched text as printed."""
        return self.text[self.start : self.end]

    def context(self, width: int = 20) -> tuple[str, str, str]:
        """``(before, match, after)``, each on one line, ``…`` where the text goes on."""
        before = _WHITESPACE.sub(" ", self.text[max(0, self.start - width) : self.start])
        after = _WHITESPACE.sub(" ", self.text[self.end : self.end + width])
        if self.start > width:
            before = "…" + before.lstrip()
        if self.end + width < len(self.text):
            after = after.rstrip() + "…"
        return before, _WHITESPACE.sub(" ", self.match), after

    @property
    def snippet(self) -> str:
        """A one-line snippet with the match marked «like this»."""
        before, match, after = self.context()
        return f"{before}«{match}»{after}"


@dataclass
class LibraryResults:
    """The hits shown (at most the limit) and how many articles (and notes) match in all."""

    hits: list[LibraryHit] = field(default_factory=list)
    total: int = 0
    notes_total: int = 0
    issues: int = 0


def _postings(conn: sqlite3.Connection, gram: str) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for issue, blob in conn.execute("SELECT issue, locals FROM postings WHERE gram = ?", (gram,)):
        found[issue] = set(array("H", blob))
    return found


def _candidates(conn: sqlite3.Connection, term: Term) -> dict[int, set[int]]:
    result: dict[int, set[int]] | None = None
    for gram in sorted(term.grams, key=len, reverse=True):
        postings = _postings(conn, gram)
        if result is None:
            result = postings
        else:
            result = {i: result[i] & postings[i] for i in result.keys() & postings.keys()}
            result = {i: s for i, s in result.items() if s}
        if not result:
            return {}
    return result or {}


def _allowed_issues(
    conn: sqlite3.Connection, paper: str | None, date_from: str | None, date_to: str | None
) -> list[tuple[int, str, str | None, str | None, str | None]]:
    rows = conn.execute(
        "SELECT issue, path, title, date, issue_id FROM issues WHERE error IS NULL"
        " ORDER BY date IS NULL, date, title, path"
    ).fetchall()
    wanted = fold_text(paper).strip() if paper else None
    kept = []
    for issue, path, title, date, issue_id in rows:
        if wanted and wanted not in fold_text(title or "") and wanted not in fold_text(path):
            continue
        if (date_from or date_to) and not date:
            continue
        if date_from and date < date_from:
            continue
        if date_to and date > date_to:
            continue
        kept.append((issue, path, title, date, issue_id))
    return kept


def _locate(
    body: str, codes: str, includes: list[Term], folded: str = ""
) -> tuple[str, int | None, str, int, int, int] | None:
    """The first match in an article's text: ``(field, paragraph, field text, start, end, match count)``.

    ``folded`` is ``fold_text(body)`` when the caller has it already.
    """
    if not folded and any(term.unfolded is None for term in includes):
        folded = fold_text(body)
    spans = sorted(span for term in includes for span in term.spans(body, folded))
    if not spans:
        return None
    start, end = spans[0]
    offset = 0
    paragraph = -1
    for code, text in zip(codes, body.split(FIELD_SEPARATOR), strict=False):
        if code == "p":
            paragraph += 1
        if offset <= start <= offset + len(text):
            name = _FIELD_NAMES.get(code, "paragraph")
            return (
                name,
                paragraph if code == "p" else None,
                text,
                start - offset,
                min(end - offset, len(text)),
                len(spans),
            )
        offset += len(text) + 1
    return None


def search_library(
    conn: sqlite3.Connection,
    query: str,
    *,
    paper: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    kind: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> LibraryResults:
    """Every article of the indexed library that matches ``query``, in issue (date) order, at most ``limit``."""
    terms = parse_query(query)
    includes = [t for t in terms if not t.exclude]
    excludes = [t for t in terms if t.exclude]
    results = LibraryResults()
    if not includes:
        return results
    issues = _allowed_issues(conn, paper, date_from, date_to)
    allowed = {row[0] for row in issues}
    candidates: dict[int, set[int]] | None = None
    for term in sorted(includes, key=lambda t: -len(t.grams)):
        found = _candidates(conn, term)
        found = {i: s for i, s in found.items() if i in allowed}
        candidates = (
            found if candidates is None else {i: candidates[i] & found[i] for i in candidates.keys() & found.keys()}
        )
        candidates = {i: s for i, s in candidates.items() if s}
        if not candidates:
            return results
    assert candidates is not None
    for term in excludes:
        if term.exact:
            for issue, locals_ in _candidates(conn, term).items():
                if issue in candidates:
                    candidates[issue] -= locals_
    verify = [t for t in includes if not t.exact]
    verify_out = [t for t in excludes if not t.exact]
    for issue, path, title, date, issue_id in issues:
        locals_ = candidates.get(issue)
        if not locals_:
            continue
        if kind:
            kinds = conn.execute("SELECT local FROM articles WHERE issue = ? AND kind = ?", (issue, kind))
            locals_ = locals_ & {row[0] for row in kinds}
        ordered = sorted(locals_)
        need_rows = verify or verify_out
        fold_rows = any(t.unfolded is None for t in (*verify, *verify_out))
        if not need_rows:
            results.total += len(ordered)
            results.issues += 1
            ordered = ordered[: max(0, limit - len(results.hits))]
            if not ordered:
                continue
        matched = 0
        for row in _rows(conn, issue, ordered):
            local, page, article_kind, article_id, headline, codes, body = row
            folded = fold_text(body) if fold_rows else ""
            if need_rows and (
                not all(_found(t, body, folded) for t in verify) or any(_found(t, body, folded) for t in verify_out)
            ):
                continue
            matched += 1
            if len(results.hits) >= limit:
                continue
            located = _locate(body, codes, includes, folded)
            if located is None:
                continue
            name, paragraph, text, start, end, count = located
            results.hits.append(
                LibraryHit(
                    path, title, date, issue_id, page, local + 1, article_id, article_kind, headline,
                    name, paragraph, text, start, end, count,
                )
            )  # fmt: skip
        if need_rows:
            results.total += matched
            results.issues += bool(matched)
    return results


def _found(term: Term, body: str, folded: str) -> bool:
    """Whether ``term`` occurs in an article's text (``folded`` is its fold, or "" when no term needs it)."""
    return next(term.spans(body, folded), None) is not None


def _rows(conn: sqlite3.Connection, issue: int, locals_: list[int]) -> list[tuple]:
    rows: list[tuple] = []
    for start in range(0, len(locals_), 500):
        chunk = locals_[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows.extend(
            conn.execute(
                "SELECT local, page, kind, article_id, headline, fields, body FROM articles"
                f" WHERE issue = ? AND local IN ({marks}) ORDER BY local",
                (issue, *chunk),
            )
        )
    return rows


def search_notes(notes: list, query: str, issue_ids: dict[str, tuple[str, str | None, str | None]]) -> list[LibraryHit]:
    """The user's notes (text and quotes) of the library's issues that match ``query``, marked as such.

    Args:
        notes: :class:`reader.annotations.Note` objects.
        issue_ids: issue id → (issue path, title, date) for the issues of the library.
    """
    terms = parse_query(query)
    includes = [t for t in terms if not t.exclude]
    excludes = [t for t in terms if t.exclude]
    hits = []
    if not includes:
        return hits
    for note in notes:
        where = issue_ids.get(note.issue_id)
        if where is None:
            continue
        for source, text in (("note", note.text), ("quote", note.quote)):
            folded = fold_text(text or "")
            if not text or not all(t.pattern.search(folded) for t in includes):
                continue
            if any(t.pattern.search(folded) for t in excludes):
                continue
            spans = sorted(m.span() for t in includes for m in t.pattern.finditer(folded))
            start, end = spans[0]
            path, title, date = where
            hits.append(
                LibraryHit(
                    path, title, date, note.issue_id, note.page, None, note.article_id, None, note.headline,
                    source, None, text, start, end, len(spans), source,
                )
            )  # fmt: skip
    return hits
