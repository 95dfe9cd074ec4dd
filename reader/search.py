"""Search within an issue, matching across Chinese scripts: ``高新區`` finds ``高新区`` and the reverse.

How matching works (offsets always index the text as given, which may itself be converted for display):

1. **Folding the text, one character at a time.** Each character is mapped to a canonical form: NFKC
   (full-width ``Ａ１`` → ``A1``, compatibility ideographs → unified ones), lower case, then OpenCC ``t2s``
   applied to the character alone and repeated until it stops changing (薴 → 苧 → 苎). A step whose result is
   not exactly one character is skipped, so the folded text has the same length as the original and a match
   at ``[start, end)`` in the folded text is the same span in the original. Folds are learned lazily, per
   distinct character, in one batched OpenCC call (characters joined by newlines, which no dictionary
   phrase crosses), and cached for the process.
2. **Converting the query, phrase by phrase.** Character folding cannot relate phrases that differ in
   length or in wording, such as Taiwan's 軟體 for 软件, 隨身碟 for U盘 or 泡麵 for 方便面. So the query is
   also converted whole with OpenCC (``t2s``, ``tw2sp``, ``hk2s``, ``s2t``, ``s2twp``, ``s2hk``, plus the
   display converter when one is given); every distinct folded form is searched. A hit is where any form
   matches, so its length in the text may differ from the query's. Overlapping hits are resolved
   leftmost-longest and the spans returned never overlap.

There is never a need to map positions back through a length-changing conversion of the *text*: the text is
only ever folded character by character. Searching the displayed text directly (rather than the source and
then mapping) is what keeps hits right in ``taiwan`` mode, where 方便面 → 泡麵 shortens the text.

Matching is deliberately generous: it ignores case and width, and a query character whose variants differ by
region (着/著) also matches the other variant.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from reader.model import Article, IssueAnalysis

Convert = Callable[[str], str]

QUERY_CONFIGS: tuple[str, ...] = ("t2s", "tw2sp", "hk2s", "s2t", "s2twp", "s2hk")
"""OpenCC configs each query is converted with, so that regional phrases match one another."""

_WHITESPACE = re.compile(r"\s+")
_FOLD_CHUNK = 100_000  # characters folded per str.translate call: a few milliseconds of GIL at most
_fold_lock = threading.Lock()
_fold_table: dict[int, str] = {}  # code point -> folded character, only where the fold changes it
_fold_known: set[str] = {"\n"}  # characters whose fold has been worked out


def _fold_one(char: str) -> str:
    """Width and case folding of one character, kept only when it stays one character."""
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) != 1:
        folded = char
    lowered = folded.lower()
    return lowered if len(lowered) == 1 else folded


def _learn(chars: Iterable[str]) -> None:
    """Work out and cache the fold of characters not seen before."""
    from reader.convert import get_converter

    with _fold_lock:
        pending = {char: _fold_one(char) for char in chars if char not in _fold_known}
        if not pending:
            return
        to_simplified = get_converter("t2s")
        # Characters whose fold may still change under t2s; ASCII never does.
        active = [char for char, folded in pending.items() if not folded.isascii()]
        for _round in range(4):
            if not active:
                break
            sources = [pending[char] for char in active]
            converted = to_simplified("\n".join(sources)).split("\n")
            if len(converted) != len(sources):  # pragma: no cover - a dictionary entry spanning a newline
                converted = [to_simplified(source) for source in sources]
            still_changing = []
            for char, source, result in zip(active, sources, converted, strict=True):
                if len(result) == 1 and result != source:
                    pending[char] = result
                    still_changing.append(char)
            active = still_changing
        for char, folded in pending.items():
            if folded != char:
                _fold_table[ord(char)] = folded
        _fold_known.update(pending)


def fold(text: str) -> str:
    """The canonical form used for matching; always exactly as long as ``text`` (see the module docstring)."""
    pieces = []
    for start in range(0, len(text), _FOLD_CHUNK):
        piece = text[start : start + _FOLD_CHUNK]
        unseen = set(piece).difference(_fold_known)
        if unseen:
            _learn(unseen)
        pieces.append(piece.translate(_fold_table))
    return "".join(pieces)


class QueryForms:
    """A query prepared once for many texts: its folded forms across scripts.

    Args:
        query: what the user typed; surrounding whitespace is ignored.
        convert: the display converter, if the texts searched are converted (its form is searched too).
    """

    def __init__(self, query: str, convert: Convert | None = None) -> None:
        from reader.convert import get_converter

        self.query = query.strip()
        forms = {self.query}
        if self.query:
            if convert is not None:
                forms.add(convert(self.query))
            forms.update(get_converter(config)(self.query) for config in QUERY_CONFIGS)
        self.folded: tuple[str, ...] = tuple(sorted({fold(form) for form in forms if form}, key=len, reverse=True))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Non-overlapping ``(start, end)`` offsets into ``text`` where any form matches, in text order."""
        if not self.folded or not text:
            return []
        folded_text = fold(text)
        candidates: list[tuple[int, int]] = []
        for form in self.folded:
            start = folded_text.find(form)
            while start != -1:
                candidates.append((start, start + len(form)))
                start = folded_text.find(form, start + 1)
        candidates.sort(key=lambda span: (span[0], -span[1]))
        spans: list[tuple[int, int]] = []
        last_end = 0
        for start, end in candidates:
            if start >= last_end:
                spans.append((start, end))
                last_end = end
        return spans


def warm_up() -> None:
    """Build the OpenCC converters that searching uses (a few hundred milliseconds the first time).

    Call it from a worker thread after the first paint; otherwise the first search pays this cost.
    """
    from reader.convert import preload

    preload(QUERY_CONFIGS)


@lru_cache(maxsize=64)
def query_forms(query: str, convert: Convert | None = None) -> QueryForms:
    """A :class:`QueryForms`, cached: highlighting paragraph after paragraph prepares the query once."""
    return QueryForms(query, convert)


def find_spans(text: str, query: str, *, convert: Convert | None = None) -> list[tuple[int, int]]:
    """Every non-overlapping match of ``query`` in ``text``, across scripts, as ``(start, end)`` offsets.

    ``find_spans("高新区梧桐园区", "高新區")`` is ``[(0, 3)]``. Offsets index ``text`` as given, so pass the
    text as displayed (converted or not) and highlight ``text[start:end]``.

    Args:
        text: the text to search (for example a displayed paragraph).
        query: what to look for, in any script; an empty or blank query matches nothing.
        convert: the converter that produced ``text``, if any; it lets a query typed in the source's script
            find the converted phrase (``软件`` finds ``軟體`` in ``taiwan`` text).
    """
    return query_forms(query, convert).spans(text)


@dataclass(frozen=True, slots=True)
class Hit:
    """One match in an issue, located in the text as displayed.

    Attributes:
        article_number: 1-based number of the article, as ``reader list --all`` numbers it.
        article: the article.
        page_number: the page the article is on.
        field: ``kicker``, ``headline``, ``subheadline``, ``byline`` or ``paragraph``.
        paragraph_index: index into ``article.paragraphs`` for a ``paragraph`` hit, else None.
        text: the searched field as displayed (after conversion); ``start``/``end`` index into it.
        start: offset of the first matched character in ``text``.
        end: offset just past the match in ``text``.
    """

    article_number: int
    article: Article
    page_number: int
    field: str
    paragraph_index: int | None
    text: str
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        """``(start, end)`` in ``text``."""
        return self.start, self.end

    @property
    def match(self) -> str:
        """The matched text as displayed."""
        return self.text[self.start : self.end]

    def context(self, width: int = 20) -> tuple[str, str, str]:
        """``(before, match, after)`` for a one-line snippet: up to ``width`` characters each side,
        whitespace runs collapsed to one space, ``…`` where the text goes on."""
        before = _one_line(self.text[max(0, self.start - width) : self.start])
        after = _one_line(self.text[self.end : self.end + width])
        if self.start > width:
            before = "…" + before.lstrip()
        if self.end + width < len(self.text):
            after = after.rstrip() + "…"
        return before, _one_line(self.match), after

    @property
    def snippet(self) -> str:
        """A one-line snippet with the match marked: ``…高新区«梧桐»园区运营…``."""
        before, match, after = self.context()
        return f"{before}«{match}»{after}"


def _one_line(text: str) -> str:
    return _WHITESPACE.sub(" ", text)


def _fields(article: Article) -> Iterator[tuple[str, int | None, str]]:
    """The searchable fields of an article in reading order: titles, byline, then paragraphs."""
    for field in ("kicker", "headline", "subheadline", "byline"):
        value = getattr(article, field)
        if value:
            yield field, None, value
    for index, paragraph in enumerate(article.paragraphs):
        yield "paragraph", index, paragraph


def search_issue(analysis: IssueAnalysis, query: str, convert: Convert | str | None = None) -> list[Hit]:
    """Every match of ``query`` in an issue, in reading order, located in the displayed text.

    Each field (headline, byline, each paragraph …) is converted on its own and then searched, so hits index
    the displayed text even when conversion changes its length, and no single call blocks for long. For a
    large issue run it in a worker thread.

    Args:
        analysis: the analyzed issue.
        query: what to look for, in any script.
        convert: how the text is displayed: a converter (``get_converter(name)``), a script or config name,
            or None for the text as printed. Use the same converter as the display so offsets agree.

    Raises:
        ReaderError: ``convert`` is an unknown script name.
    """
    if isinstance(convert, str):
        from reader.convert import get_converter

        convert = get_converter(convert)
    forms = query_forms(query, convert)
    if not forms.folded:
        return []
    hits: list[Hit] = []
    from reader.convert import for_article

    for number, article in enumerate(analysis.articles, start=1):
        shown_as = for_article(article, convert) if convert is not None else None  # names kept, as displayed
        for field, paragraph_index, value in _fields(article):
            shown = shown_as(value) if shown_as is not None else value
            for start, end in forms.spans(shown):
                hits.append(Hit(number, article, article.page_number, field, paragraph_index, shown, start, end))
    return hits
