"""Frozen data types shared by the core, the CLI and the app.

Nothing here imports Textual or touches the disk. Widgets receive these objects; they never parse files.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields
from types import MappingProxyType
from typing import Any, Literal, TypeVar

ArticleKind = Literal["article", "caption", "notice", "advert", "other"]
ARTICLE_KINDS: tuple[str, ...] = ("article", "caption", "notice", "advert", "other")


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle on the page image, in pixels of the scan (layout formats convert their units to these).

    ``left``/``top`` is the corner nearest the page's origin; ``right``/``bottom`` the far one.
    """

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        """Horizontal extent."""
        return self.right - self.left

    @property
    def height(self) -> float:
        """Vertical extent."""
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class LineStyle:
    """Typography of a line where the format records it (ALTO ``TextStyle``, PAGE ``TextStyle``, hOCR)."""

    font_size: float | None = None
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a page, with its 1-based line number in the source file.

    For plain text the number is the physical line of the file; for layout formats (ALTO, PAGE XML, hOCR,
    PaddleOCR JSON) it is the n-th text line in document order. Layout formats also give the line's box, the
    id of the block or region that holds it, its style and the OCR's confidence (0..1); text pages have none.
    ``hyphenated`` says the format marked the line's last word as continued on the next line (ALTO ``HYP`` or
    ``SUBS_TYPE="HypPart1"``): the text keeps the printed hyphen, and cleaning may join without it.
    """

    number: int
    text: str
    box: Box | None = None
    region: str | None = None
    style: LineStyle | None = None
    confidence: float | None = None
    hyphenated: bool = False


def text_lines(texts: list[str]) -> tuple[Line, ...]:
    """Lines numbered from 1 with no layout (the lines of a text page), equal to ``Line(number, text)``.

    Built by :func:`slot_builder`: a frozen dataclass's ``__init__`` sets each of its seven fields with
    ``object.__setattr__``, which made reading a text page cost twice as much per line.
    """
    return tuple(map(_build_line, range(1, len(texts) + 1), texts))


@dataclass(frozen=True, slots=True)
class Region:
    """A block or region of a layout page: its id, its type as the format names it, and its box.

    ``kind`` is the format's own label (ALTO ``ComposedBlock`` TYPE, PAGE ``TextRegion`` type or its
    ``structure`` type, ``Advertisement``, ``Illustration``, ``heading`` …), or None.
    """

    id: str
    kind: str | None = None
    box: Box | None = None


@dataclass(frozen=True, slots=True)
class MappedArticle:
    """One article (or advert, or other item) of the library's own article map, as it falls on one page.

    METS logical structMaps, KB DIDL zoning and PAGE XML ``structure`` ids give these. The line numbers are
    the page's (see :class:`Line`), in the map's reading order.
    """

    id: str
    kind: str = "article"
    label: str | None = None
    lines: tuple[int, ...] = ()
    title_lines: tuple[int, ...] = ()
    byline_lines: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    """One page of an issue as read from disk.

    Attributes:
        number: 1-based page number within the issue.
        source: path of the page file, as a string.
        lines: every physical line of the file, blank ones included, numbered from 1.
        encoding: the encoding the bytes were decoded with (``utf-8``, ``gb18030``, ``big5`` …).
        encoding_confidence: 0..1, how sure the decoder is; below 0.5 the text may be mojibake.
        format: ``text`` for plain text, else the layout format read (``alto``, ``page``, ``hocr``,
            ``paddle``, ``abbyy``).
        width: the page image's width in pixels, when the format gives it.
        height: the page image's height in pixels, when the format gives it.
        regions: the blocks or regions of a layout page, in document order.
        reading_order: region ids in the page's own reading order (PAGE ``ReadingOrder``), when it has one.
        error: why the page could not be read; such a page has no lines and is shown as an error entry.
        library_articles: the library's own articles on this page (METS, DIDL), when the issue ships a map.
    """

    number: int
    source: str
    lines: tuple[Line, ...]
    encoding: str = "utf-8"
    encoding_confidence: float = 1.0
    format: str = "text"
    width: float | None = None
    height: float | None = None
    regions: tuple[Region, ...] = ()
    reading_order: tuple[str, ...] = ()
    error: str | None = None
    library_articles: tuple[MappedArticle, ...] = ()

    @property
    def text(self) -> str:
        """The page's text with its lines joined by newlines."""
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True, slots=True)
class IssueMeta:
    """Metadata of an issue: what a reader needs to cite it. Every field may be unknown."""

    title: str | None = None
    date: str | None = None
    edition: str | None = None
    note: str | None = None
    provenance: tuple[tuple[str, str, str], ...] = ()
    """``(field, source, reason)`` per known field; source is ``given`` (issue.json, METS/MODS, the user's edit)
    or ``inferred`` (path, printed date, nameplate). See ``reader.metadata``."""

    def source(self, name: str) -> str:
        """``given``, ``inferred`` or ``unknown`` for field ``name`` (a value without a record counts as given)."""
        for field_name, source, _reason in self.provenance:
            if field_name == name:
                return source
        return "given" if getattr(self, name, None) is not None else "unknown"

    def reason(self, name: str) -> str:
        """Where field ``name`` came from, in a few words ("" when not recorded)."""
        return next((reason for field_name, _source, reason in self.provenance if field_name == name), "")


@dataclass(frozen=True, slots=True)
class Issue:
    """An issue: one or more pages plus metadata, identified by the content of its pages."""

    id: str
    source: str
    meta: IssueMeta
    pages: tuple[Page, ...]

    @property
    def title(self) -> str | None:
        """The newspaper's name, if known."""
        return self.meta.title

    @property
    def date(self) -> str | None:
        """The issue date as ``YYYY-MM-DD``, if known."""
        return self.meta.date


@dataclass(frozen=True, slots=True)
class Contributor:
    """One person named in a byline, with the role printed before the name (记者, 通讯员, 文/图 …)."""

    role: str | None
    name: str


def _frozen_reasons(reasons: Mapping[str, str] | None = None) -> Mapping[str, str]:
    return MappingProxyType(dict(reasons or {}))


@dataclass(frozen=True, slots=True)
class Confidence:
    """How sure the analysis is about an article's fields, each 0..1, with a short reason per field."""

    headline: float = 0.0
    byline: float = 0.0
    boundaries: float = 0.0
    reasons: Mapping[str, str] = field(default_factory=_frozen_reasons)

    @property
    def overall(self) -> float:
        """The weakest of the three scores: the reader warns when this is low."""
        return min(self.headline, self.byline, self.boundaries)

    def __reduce__(self) -> tuple[type[Confidence], tuple[float, float, float, dict[str, str]]]:
        # Pickled by ``reader.opening``'s prefetch; a MappingProxyType (the default ``reasons``) cannot be.
        return (Confidence, (self.headline, self.byline, self.boundaries, dict(self.reasons)))


#: Characters that cannot open a title of their own: a headline starting with one continues the kicker.
_BOUND_OPENERS = frozenset("之的與与及和或而乃")
#: Instalment numbers and their brackets: a headline of only these is a number, not a title.
_NUMBERING = frozenset("（）()〔〕[]一二三四五六七八九十百千〇○零廿卅上中下續续完0123456789０１２３４５６７８９ 　")


def _is_fragment(headline: str) -> bool:
    """Whether a headline is only a piece of its printed title (之起居注, （一）（〇）（五）, two characters, or a
    line that opens in lower case: "hopefuls' first debate" under "Poly students watch")."""
    letters = [char for char in headline if char.isalnum()]
    return (
        len(letters) <= 2
        or headline[0] in _BOUND_OPENERS
        or headline[0].islower()
        or all(char in _NUMBERING for char in headline)
    )


@dataclass(frozen=True, slots=True)
class Article:
    """One article (or caption, notice, advert, other furniture) reconstructed from a page.

    ``paragraphs`` hold cleaned text in reading order; ``source_lines`` the 1-based line numbers of every
    source line used, title and byline included. ``segmentation`` says whose boundaries these are: ``ours``
    (the analysis found them) or ``library`` (the issue's METS/DIDL article map).
    """

    id: str
    kind: str
    page_number: int
    kicker: str | None
    headline: str | None
    subheadline: str | None
    byline: str | None
    contributors: tuple[Contributor, ...]
    dateline: str | None
    paragraphs: tuple[str, ...]
    source_lines: tuple[int, ...]
    confidence: Confidence
    headline_lines: tuple[int, ...] = ()
    byline_lines: tuple[int, ...] = ()
    paragraph_starts: tuple[int, ...] = ()
    segmentation: str = "ours"
    continues_on: str | None = None
    """The id of the article this one continues on (a jump "See GOATS, page 3"), in the same issue."""
    continued_from: str | None = None
    """The id of the article this one continues (its "From page 1" part), in the same issue."""

    @property
    def full_title(self) -> str | None:
        """Kicker, headline and subheadline as one line, as printed; None without any."""
        parts = [part for part in (self.kicker, self.headline, self.subheadline) if part]
        return " ".join(parts) if parts else None

    @property
    def display_title(self) -> str:
        """The headline (the whole printed title when the headline alone is a fragment such as 之起居注 or
        （一）（〇）（五）), or the first words of the text when there is none."""
        if self.headline:
            if (self.kicker or self.subheadline) and _is_fragment(self.headline):
                return self.full_title or self.headline
            return self.headline
        for text in (self.kicker, self.subheadline, *self.paragraphs):
            if text:
                return text[:24] + ("…" if len(text) > 24 else "")
        return "(untitled)"

    @property
    def text(self) -> str:
        """All cleaned paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)


_Frozen = TypeVar("_Frozen")


def slot_builder(cls: type[_Frozen], *, positional: bool = False) -> Callable[..., _Frozen]:
    """A function that builds ``cls`` (a frozen dataclass with slots) as its ``__init__`` would, through the
    slots' own setters.

    A frozen dataclass's ``__init__`` sets each field with ``object.__setattr__``; the slots' setters make the
    same object in about half the time (the analysis builds an :class:`Article` and a :class:`Confidence` per
    article). The function takes the same arguments, by keyword only, with the same plain defaults (a field
    with a default factory must be given); it is generated once from the dataclass's fields, as
    ``dataclasses`` generates ``__init__``, so a new field needs no change here. ``cls`` may have no
    ``__post_init__``. ``positional`` makes it take the fields by position instead, in declaration order
    (the analysis cache's rows).
    """
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__ that the builder would skip")
    names: dict[str, Any] = {"new": object.__new__, "cls": cls}
    parameters: list[str] = []
    body: list[str] = ["    made = new(cls)"]
    for item in fields(cls):
        names[f"set_{item.name}"] = getattr(cls, item.name).__set__
        if item.default is MISSING:
            parameters.append(item.name)
        else:
            names[f"default_{item.name}"] = item.default
            parameters.append(f"{item.name}=default_{item.name}")
        body.append(f"    set_{item.name}(made, {item.name})")
    star = "" if positional else "*, "
    source = "\n".join([f"def build({star}{', '.join(parameters)}):", *body, "    return made"])
    exec(source, names)  # noqa: S102 - source built above from the dataclass's own field names
    build: Callable[..., _Frozen] = names["build"]
    return build


_build_line = slot_builder(Line, positional=True)


@dataclass(frozen=True, slots=True)
class PageAnalysis:
    """The articles found on one page."""

    page: Page
    articles: tuple[Article, ...]


@dataclass(frozen=True, slots=True)
class IssueAnalysis:
    """An issue with the analysis of each of its pages, in page order."""

    issue: Issue
    pages: tuple[PageAnalysis, ...]

    @property
    def articles(self) -> tuple[Article, ...]:
        """Every article of the issue in reading order: page by page."""
        return tuple(article for page in self.pages for article in page.articles)
