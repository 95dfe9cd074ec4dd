"""Page furniture (running heads, captions, notices, adverts) folds into one line per page; ``f`` unfolds it;
the issue never opens on it and ``]`` / ``[`` land on a page's first real article."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len

from reader.widgets.article_list import TITLE_CELLS, ArticleList, clip_title, fold_line
from tests.app.conftest import FIXTURES, settle

PAGE = (FIXTURES / "masthead-issue" / "page-01.txt").read_text(encoding="utf-8")


def _two_page_issue(tmp_path: Path) -> Path:
    """Two pages, each opening with a running head (furniture) above a real article."""
    issue = tmp_path / "issue"
    issue.mkdir()
    (issue / "page-01.txt").write_text(PAGE, encoding="utf-8")
    second = PAGE.replace("第一版", "第二版").replace("城南新聞", "城北消息").replace("運動會", "音樂會")
    (issue / "page-02.txt").write_text(second, encoding="utf-8")
    return issue


def _option_texts(article_list: ArticleList) -> list[str]:
    return [str(article_list.get_option_at_index(i).prompt) for i in range(article_list.option_count)]


def test_the_fold_line_counts_each_kind() -> None:
    assert fold_line({"advert": 3, "caption": 1}).plain.strip() == "⋯ 3 adverts, 1 caption (f)"
    assert fold_line({"other": 2}).plain.strip() == "⋯ 2 other items (f)"


async def test_furniture_is_folded_per_page_and_f_shows_it(make_app, tmp_path: Path) -> None:
    app = make_app(_two_page_issue(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        article_list = app.screen.query_one(ArticleList)
        furniture = [a for a in article_list.articles if a.kind != "article"]
        assert len(furniture) == 2 and {a.page_number for a in furniture} == {1, 2}
        texts = _option_texts(article_list)
        assert sum("⋯ 1 other item (f)" in text for text in texts) == 2  # one fold line per page
        assert not any("第一版" in text or "第二版" in text for text in texts)
        assert app.current_article.kind == "article"  # never opens on the furniture
        await pilot.press("f")
        await pilot.pause()
        texts = _option_texts(article_list)
        assert any("第一版" in text for text in texts) and not any("⋯" in text for text in texts)
        await pilot.press("f")
        await pilot.pause()
        assert any("⋯" in text for text in _option_texts(article_list))


async def test_page_keys_land_on_the_first_real_article(make_app, tmp_path: Path) -> None:
    """Even with the furniture shown, ] goes to the page's article, not to the running head above it."""
    app = make_app(_two_page_issue(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.current_article.page_number == 2 and app.current_article.kind == "article"
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.current_article.page_number == 1 and app.current_article.kind == "article"


def test_a_long_title_is_clipped_to_three_lines_of_the_list() -> None:
    assert clip_title("Budget  vote\ndelayed") == "Budget vote delayed"
    long_chinese = "言下之意，总而言之，有“一点点”缺点错误，无足轻重、不足挂齿。" * 4
    clipped = clip_title(long_chinese)
    assert clipped.endswith("…") and cell_len(clipped) <= TITLE_CELLS
    assert long_chinese.startswith(clipped[:-1])
    english = "Cal Poly professors get six NSF grants for lab equipment " * 3
    assert cell_len(clip_title(english)) <= TITLE_CELLS and clip_title(english).endswith("…")
