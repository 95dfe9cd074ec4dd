"""The library index: every article of every issue, by folded word and CJK character, in one SQLite file.

Derived data: it lives in the cache folder (``index/<library hash>.sqlite``), is rebuilt when it is damaged or
made by another analyser, and never holds notes. What it stores:

- ``issues``: each issue folder with a fingerprint of its pages' paths, sizes and mtimes (an issue whose
  fingerprint changed is analyzed again, through the analysis cache, and re-indexed; one that is gone is
  dropped), its title, date and counts.
- ``articles``: each article's page, kind, id, headline and searchable text (kicker, headline, subheadline,
  byline and paragraphs, separated by ``\\x1f``), as printed; snippets come from here, nothing is analyzed.
- ``postings``: for each gram and issue, the articles (numbers within the issue, ``uint16``) that contain
  it. Grams come from the folded text (:mod:`reader.fold`): every CJK character and every pair of adjacent
  CJK characters, and every Latin (Greek, Cyrillic, Hangul) word; a hyphenated or elided word is indexed as
  its parts and joined (``co-operate`` as ``co``, ``operate`` and ``cooperate``).

Why this shape: an in-memory index must be loaded whole by every ``reader search`` process, which for
10,000 pages costs more than the 150 ms a query may take; SQLite reads only the postings a query names.
Measured against FTS5 (the trigram tokenizer, plus a table of CJK characters and bigrams, since trigrams
cannot answer one- and two-character queries) on the articles of a 300-page library: FTS5 took 19 MB, these
postings with the original text for snippets 11 MB (FTS5 would need that text besides); both count a query's
articles in under a few milliseconds, and making the 200 snippets dominates either way. Latin is indexed
here by whole words, which trigrams do not give.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from reader.errors import InputError
from reader.fold import fold_text

if TYPE_CHECKING:
    from reader.model import Article, IssueAnalysis

INDEX_FORMAT = "1"
FIELD_SEPARATOR = "\x1f"
FIELD_CODES = {"kicker": "k", "headline": "h", "subheadline": "s", "byline": "b", "paragraph": "p"}
MAX_ARTICLES_PER_ISSUE = 65535  # article numbers are stored as uint16
BATCH_ISSUES = 10
"""Issues written per transaction: few enough that the last batch, written once the workers are done, is short."""
CACHE_KIB = 64 * 1024

CJK_CLASS = "\u2e80-\u2fdf\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
WORD_CLASS = "0-9a-z\u00df-\u024f\u0370-\u03ff\u0400-\u052f\u1e00-\u1eff\uac00-\ud7af"
CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
WORD = re.compile(f"[{WORD_CLASS}]+(?:[-'\u2019][{WORD_CLASS}]+)*")
JOINERS = re.compile("[-'\u2019]")
"""What may join the parts of a word: ``co-operate``, ``o'clock``, ``it’s``."""

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS dirs(path TEXT PRIMARY KEY, mtime INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS issues(
    issue INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, fingerprint TEXT NOT NULL, dir_mtime INTEGER,
    issue_id TEXT, title TEXT, date TEXT, edition TEXT, pages INTEGER NOT NULL, articles INTEGER NOT NULL,
    error TEXT);
CREATE TABLE IF NOT EXISTS articles(
    issue INTEGER NOT NULL, local INTEGER NOT NULL, page INTEGER NOT NULL, kind TEXT NOT NULL,
    article_id TEXT NOT NULL, headline TEXT, fields TEXT NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY(issue, local)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS postings(
    gram TEXT NOT NULL, issue INTEGER NOT NULL, locals BLOB NOT NULL, PRIMARY KEY(gram, issue)) WITHOUT ROWID;
"""


def grams_of(folded: str) -> set[str]:
    """The grams of a folded text (see the module docstring)."""
    grams: set[str] = set()
    for run in CJK_RUN.findall(folded):
        grams.update(run)
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    for word in WORD.findall(folded):
        if JOINERS.search(word):
            grams.update(part for part in JOINERS.split(word) if part)
            grams.add(JOINERS.sub("", word))
        else:
            grams.add(word)
    return grams


def article_fields(article: Article) -> tuple[str, str]:
    """``(codes, body)``: one letter per searchable field (:data:`FIELD_CODES`) and the fields joined."""
    codes: list[str] = []
    texts: list[str] = []
    for name in ("kicker", "headline", "subheadline", "byline"):
        value = getattr(article, name)
        if value:
            codes.append(FIELD_CODES[name])
            texts.append(value.replace(FIELD_SEPARATOR, " "))
    for paragraph in article.paragraphs:
        codes.append("p")
        texts.append(paragraph.replace(FIELD_SEPARATOR, " "))
    return "".join(codes), FIELD_SEPARATOR.join(texts)


Piece = tuple[list[tuple[int, str, str, str | None, str, str]], dict[str, list[int]]]
"""What a page (or consecutive pages) adds to the index: its articles' rows ``(page, kind, id, headline,
codes, body)`` and, for each gram, the articles (numbered from 0, ascending) that contain it."""
IssueRows = tuple[list[tuple], list[tuple[str, bytes]]]
"""An issue ready to write: its article rows ``(local, page, kind, id, headline, codes, body)`` and postings
``(gram, locals)``."""


def page_index(articles: Iterable[Article]) -> Piece:
    """The index rows and postings of one page's articles (made in the worker processes, so that the parent
    only writes)."""
    rows = []
    postings: dict[str, list[int]] = {}
    for number, article in enumerate(articles):
        codes, body = article_fields(article)
        rows.append((article.page_number, article.kind, article.id, article.headline, codes, body))
        for gram in grams_of(fold_text(body)):
            found = postings.get(gram)
            if found is None:
                postings[gram] = [number]
            else:
                found.append(number)
    return rows, postings


def merge_pieces(pieces: Sequence[Piece]) -> Piece:
    """Consecutive pieces as one, articles numbered on from piece to piece, cut at
    :data:`MAX_ARTICLES_PER_ISSUE` (the pieces' lists are reused)."""
    limit = MAX_ARTICLES_PER_ISSUE
    rows: list = []
    postings: dict[str, list[int]] = {}
    for piece_rows, piece_postings in pieces:
        offset = len(rows)
        room = limit - offset
        if room <= 0:
            break
        if len(piece_rows) > room:
            piece_rows = piece_rows[:room]
            cut = {gram: [n for n in found if n < room] for gram, found in piece_postings.items()}
            piece_postings = {gram: found for gram, found in cut.items() if found}
        rows.extend(piece_rows)
        if offset == 0:  # no earlier piece had articles: nothing to merge with
            postings = piece_postings
            continue
        for gram, found in piece_postings.items():
            shifted = [offset + local for local in found]
            merged = postings.get(gram)
            if merged is None:
                postings[gram] = shifted
            else:
                merged += shifted
    return rows, postings


def issue_rows(piece: Piece) -> IssueRows:
    """A whole issue's merged piece as the rows :func:`_store_issue` inserts."""
    articles = [(local, *row) for local, row in enumerate(piece[0])]
    # in gram order, the order of the postings' primary key: SQLite then appends to neighbouring B-tree pages
    # instead of touching a random page per gram
    return articles, [(gram, array("H", piece[1][gram]).tobytes()) for gram in sorted(piece[1])]


def index_path(cache_root: Path, library: Path) -> Path:
    """The index file of a library folder (one per folder, by absolute path)."""
    from reader.index import index_dir

    name = hashlib.sha256(str(library.absolute()).encode()).hexdigest()[:20]
    return index_dir(cache_root) / f"{name}.sqlite"


def _mtime(path: str) -> int | None:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return None


def fingerprint(files: list[str], folder: str) -> str:
    """What decides whether an issue is indexed again: its page files' paths, sizes and mtimes, and issue.json's.

    The page files are listed in the fingerprint itself, so that an unchanged folder is checked with one
    ``stat`` per page and no listing.
    """
    stats = []
    for path in (*files, os.path.join(folder, "issue.json")):
        try:
            st = os.stat(path)
            stats.append([path, st.st_size, st.st_mtime_ns])
        except OSError:
            stats.append([path, -1, 0])
    return orjson.dumps(stats).decode("utf-8")


def _files_of(fingerprint_text: str) -> list[str]:
    return [entry[0] for entry in orjson.loads(fingerprint_text)[:-1]]


def _walk(library: Path) -> tuple[list[tuple[str, list[str], int | None]], dict[str, int]]:
    """Every issue (folder, page files, folder mtime) at any depth, and the mtimes of the folders above them."""
    from reader.ingest.folders import find_page_files, natural_key
    from reader.ingest.issue import MAX_LIBRARY_DEPTH

    issues: list[tuple[str, list[str], int | None]] = []
    dirs: dict[str, int] = {}

    def visit(folder: Path, depth: int) -> None:
        mtime = _mtime(str(folder))
        if mtime is None:
            return
        dirs[str(folder.absolute())] = mtime
        try:
            children = sorted(folder.iterdir(), key=natural_key)
        except OSError:
            return
        for child in children:
            if child.name.startswith(".") or child.is_symlink() or not child.is_dir():
                continue
            try:
                pages = find_page_files(child)
            except InputError:
                pages = []
            if pages:
                issues.append((str(child.absolute()), [str(p.absolute()) for p in pages], _mtime(str(child))))
            elif depth > 1:
                visit(child, depth - 1)

    visit(library, MAX_LIBRARY_DEPTH)
    return issues, dirs


def _current_issues(
    conn: sqlite3.Connection, library: Path, stored: dict[str, tuple[int, str, int | None]]
) -> list[tuple[str, list[str], int | None]] | None:
    """The issues as they are now, from the stored listing when no folder above them changed; None otherwise."""
    stored_dirs = dict(conn.execute("SELECT path, mtime FROM dirs"))
    if not stored_dirs or any(_mtime(path) != mtime for path, mtime in stored_dirs.items()):
        return None
    current = []
    for path, (_issue, fingerprint_text, dir_mtime) in stored.items():
        mtime = _mtime(path)
        if mtime is None:
            return None
        if mtime == dir_mtime:
            files = _files_of(fingerprint_text)
        else:  # files came or went in this issue folder: list it again
            from reader.ingest.folders import find_page_files

            try:
                files = [str(p.absolute()) for p in find_page_files(Path(path))]
            except InputError:
                return None
            if not files:
                return None
        current.append((path, files, mtime))
    return current


def _expected_meta() -> dict[str, str]:
    from reader.cache import analyser_version
    from reader.fold import TABLE_FILE

    fold_hash = hashlib.sha256(TABLE_FILE.read_bytes()).hexdigest()[:16]
    return {"format": INDEX_FORMAT, "analyser": analyser_version(), "fold": fold_hash}


def connect(path: Path) -> sqlite3.Connection:
    """Open (or create) an index; a damaged one, or one built by another analyser, is deleted and begun anew."""
    path.parent.mkdir(parents=True, exist_ok=True)
    expected = _expected_meta()
    for attempt in range(2):
        try:
            conn = sqlite3.connect(path, timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=OFF")  # derived data: a power cut may cost the index, never notes
            # Postings go in at random places of a B-tree of millions of rows: with SQLite's default 2 MB page
            # cache they cost 12 s for 2,000 pages, with 64 MB 7 s (the memory is taken only as it is used).
            conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            conn.executescript(SCHEMA)
            found = dict(conn.execute("SELECT key, value FROM meta"))
            if found != expected:
                with conn:
                    conn.execute("BEGIN IMMEDIATE")
                    for table in ("meta", "dirs", "issues", "articles", "postings"):
                        conn.execute(f"DELETE FROM {table}")
                    conn.executemany("INSERT INTO meta VALUES (?, ?)", expected.items())
            return conn
        except sqlite3.DatabaseError:
            if attempt:
                raise
            try:
                conn.close()
            except Exception:  # noqa: BLE001 - it is being thrown away
                pass
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
    raise AssertionError("unreachable")  # pragma: no cover


def indexed_counts(library: Path, cache_root: Path | None = None) -> dict[str, int]:
    """Article counts by issue folder from the library's index, without refreshing it ({} when there is none).

    The library screen shows these at once; an issue indexed before it changed shows its old count.
    """
    if cache_root is None:
        from reader.cache import cache_dir

        cache_root = cache_dir()
    path = index_path(cache_root, library)
    if not path.is_file():
        return {}
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return dict(conn.execute("SELECT path, articles FROM issues WHERE error IS NULL"))
        finally:
            conn.close()
    except sqlite3.Error:
        return {}


@dataclass(frozen=True, slots=True)
class RefreshReport:
    """What a refresh did."""

    issues: int
    indexed: int
    removed: int
    errors: tuple[tuple[str, str], ...]


def _store_issue(
    conn: sqlite3.Connection, issue: int, analysis: IssueAnalysis, chunks: Sequence[Piece | IssueRows | None] = ()
) -> int:
    """Write one issue's articles and postings. ``chunks`` is the index as the workers made it (see
    :func:`reader.cache_analysis.analyze_issues_for_index`): one item, ready to write, or pieces to merge;
    without them, or with one missing, the issue's index is made here from ``analysis``."""
    if len(chunks) == 1 and chunks[0] is not None and isinstance(chunks[0][1], list):
        articles, postings = chunks[0]
    elif chunks and all(chunk is not None for chunk in chunks):
        articles, postings = issue_rows(merge_pieces(chunks))  # type: ignore[arg-type]
    else:
        articles, postings = issue_rows(merge_pieces([page_index(page.articles) for page in analysis.pages]))
    issue = int(issue)  # in the statements: the rows are inserted as the workers made them
    conn.executemany(f"INSERT INTO articles VALUES ({issue}, ?, ?, ?, ?, ?, ?, ?)", articles)
    conn.executemany(f"INSERT INTO postings VALUES (?, {issue}, ?)", postings)
    return len(articles)


def _drop_issue(conn: sqlite3.Connection, issue: int) -> None:
    conn.execute("DELETE FROM articles WHERE issue = ?", (issue,))
    conn.execute("DELETE FROM postings WHERE issue = ?", (issue,))
    conn.execute("DELETE FROM issues WHERE issue = ?", (issue,))


def refresh(
    conn: sqlite3.Connection,
    library: Path,
    *,
    cache: object | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    indexed: Callable[[dict[str, int]], None] | None = None,
    first: Sequence[str] = (),
) -> RefreshReport:
    """Bring the index up to date with the library folder: new and changed issues indexed, gone ones dropped.

    Unchanged issues cost a ``stat`` per page. Changed ones are opened through the analysis cache (cold pages
    in a process pool), and committed in batches, so an interrupted refresh keeps what it finished; after each
    batch, ``indexed`` gets the article count of each issue in it (by folder). ``progress`` gets pages done and
    pages to analyse. Issue folders named in ``first`` are indexed first, in that order (the app passes the
    order of its list, so that the rows on screen get their counts first).

    Raises:
        InputError: the library folder cannot be read.
    """
    if not library.is_dir():
        raise InputError(f"{library}: a library must be a folder of issue folders")
    stored = {
        path: (issue, fp, dir_mtime)
        for issue, path, fp, dir_mtime in conn.execute("SELECT issue, path, fingerprint, dir_mtime FROM issues")
    }
    folders = _current_issues(conn, library, stored)
    walked = folders is None
    if folders is None:
        folders, dirs = _walk(library)
    else:  # no folder above an issue changed: the stored listing stands
        dirs = dict(conn.execute("SELECT path, mtime FROM dirs"))
    if not folders:
        raise InputError(f"{library}: no issue folders with page files")
    known = {path: (issue, fp) for path, (issue, fp, _) in stored.items()}
    wanted: dict[str, str] = {}
    mtimes: dict[str, int | None] = {}
    changed: list[Path] = []
    for folder, files, dir_mtime in folders:
        wanted[folder] = fingerprint(files, folder)
        mtimes[folder] = dir_mtime
        if known.get(folder, (None, None))[1] != wanted[folder]:
            changed.append(Path(folder))
    if first:
        rank = {folder: position for position, folder in enumerate(first)}
        changed.sort(key=lambda folder: rank.get(str(folder), len(rank)))
    gone = [issue for path, (issue, _) in known.items() if path not in wanted]
    if gone or changed or walked:
        # The folder listing is trusted only once every issue in it is indexed: forget it until then, so that
        # a refresh killed half-way walks the whole library next time.
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("DELETE FROM dirs")
            for issue in gone:
                _drop_issue(conn, issue)
    errors: list[tuple[str, str]] = []
    done = 0
    if changed:
        from reader.cache_analysis import analyze_issues_for_index

        results = analyze_issues_for_index(changed, cache, workers=workers, progress=progress)  # type: ignore[arg-type]
        batch: list[tuple[Path, object, tuple]] = []
        for item in results:
            batch.append(item)
            if len(batch) >= BATCH_ISSUES:
                done += _write_batch(conn, batch, wanted, mtimes, errors, indexed)
                batch = []
        done += _write_batch(conn, batch, wanted, mtimes, errors, indexed)
    if gone or changed or walked:
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany("INSERT OR REPLACE INTO dirs VALUES (?, ?)", dirs.items())
    return RefreshReport(len(folders), done, len(gone), tuple(errors))


def _write_batch(
    conn: sqlite3.Connection,
    batch: Iterable[tuple[Path, object, tuple]],
    wanted: dict[str, str],
    mtimes: dict[str, int | None],
    errors: list[tuple[str, str]],
    indexed: Callable[[dict[str, int]], None] | None = None,
) -> int:
    from reader.ingest.issue import read_meta
    from reader.model import IssueAnalysis

    done = 0
    counts: dict[str, int] = {}
    with conn:
        conn.execute("BEGIN IMMEDIATE")
        for folder, analysis, pages in batch:
            key = str(folder)
            old = conn.execute("SELECT issue FROM issues WHERE path = ?", (key,)).fetchone()
            if old is not None:
                _drop_issue(conn, old[0])
            if not isinstance(analysis, IssueAnalysis):
                errors.append((str(folder), str(analysis)))
                try:
                    meta = read_meta(folder)
                except Exception:  # noqa: BLE001 - the error row says what is wrong already
                    meta = None
                conn.execute(
                    "INSERT INTO issues(path, fingerprint, dir_mtime, title, date, pages, articles, error)"
                    " VALUES (?, ?, ?, ?, ?, 0, 0, ?)",
                    (key, wanted[key], mtimes[key], meta and meta.title, meta and meta.date, str(analysis)),
                )
                continue
            meta = analysis.issue.meta
            cursor = conn.execute(
                "INSERT INTO issues(path, fingerprint, dir_mtime, issue_id, title, date, edition, pages, articles)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    key,
                    wanted[key],
                    mtimes[key],
                    analysis.issue.id,
                    meta.title,
                    meta.date,
                    meta.edition,
                    len(analysis.pages),
                    0,
                ),  # fmt: skip
            )
            issue = int(cursor.lastrowid or 0)
            count = _store_issue(conn, issue, analysis, pages)
            conn.execute("UPDATE issues SET articles = ? WHERE issue = ?", (count, issue))
            counts[key] = count
            done += 1
    if indexed is not None and counts:
        indexed(counts)  # committed: a search sees them now
    return done
