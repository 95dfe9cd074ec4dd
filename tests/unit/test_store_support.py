"""Hand-made articles and analyses for the store, export and notes CLI tests (no tests of its own)."""

from __future__ import annotations

from reader.model import Article, Confidence, Issue, IssueAnalysis, IssueMeta, Line, Page, PageAnalysis


def make_article(
    article_id: str,
    headline: str | None,
    paragraphs: tuple[str, ...],
    source_lines: tuple[int, ...],
    *,
    page: int = 1,
    byline: str | None = None,
) -> Article:
    """An article built by hand, as the analysis would return it."""
    return Article(
        id=article_id,
        kind="article",
        page_number=page,
        kicker=None,
        headline=headline,
        subheadline=None,
        byline=byline,
        contributors=(),
        dateline=None,
        paragraphs=paragraphs,
        source_lines=source_lines,
        confidence=Confidence(),
    )


def make_analysis(
    articles: tuple[Article, ...],
    *,
    issue_id: str = "issue0001",
    title: str | None = "人民日报",
    date: str | None = "1949-10-01",
    edition: str | None = None,
    source: str = "/library/issue-1949-10-01",
) -> IssueAnalysis:
    """An issue analysis of one page holding ``articles``."""
    page = Page(number=1, source=f"{source}/page-01.txt", lines=(Line(1, "x"),))
    issue = Issue(id=issue_id, source=source, meta=IssueMeta(title=title, date=date, edition=edition), pages=(page,))
    return IssueAnalysis(issue, (PageAnalysis(page, articles),))


ARTICLE_A = make_article(
    "p1-aaaaaaaaaaaa",
    "中央人民政府成立",
    ("本报讯 中华人民共和国中央人民政府今日在首都北京宣告成立。", "典礼于下午三时开始。"),
    (1, 2, 3, 4),
    byline="新华社记者 李普",
)
ARTICLE_B = make_article(
    "p1-bbbbbbbbbbbb",
    "首都三十万人集会",
    ("本报讯 首都三十万群众今日齐集天安门广场，参加开国大典。", "游行队伍直至入夜。"),
    (6, 7, 8, 9),
)
ARTICLE_C = make_article(
    "p1-cccccccccccc",
    "各地热烈庆祝",
    ("本报讯 全国各大城市今日举行集会，热烈庆祝中央人民政府成立。",),
    (11, 12, 13),
)


def sample_analysis(**kwargs: object) -> IssueAnalysis:
    """The three sample articles A, B, C on page 1."""
    return make_analysis((ARTICLE_A, ARTICLE_B, ARTICLE_C), **kwargs)  # type: ignore[arg-type]
