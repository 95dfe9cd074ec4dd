"""Unit tests for each analysis stage on small hand-made pages."""

from __future__ import annotations

from reader.analysis import analyze_page
from reader.analysis.blocks import continues_across, display_width, split_blocks
from reader.analysis.bylines import is_byline_line, parse_contributors
from reader.analysis.clean import clean_paragraph, join_wrapped, map_glyphs, remove_ocr_spaces
from reader.analysis.datelines import find_dateline
from reader.analysis.fingerprint import article_fingerprint
from reader.analysis.roles import classify_blocks
from reader.model import Contributor, Line, Page


def make_page(text: str, number: int = 1) -> Page:
    """A page whose lines are the lines of ``text``, numbered from 1."""
    return Page(number=number, source="test.txt", lines=tuple(Line(i, t) for i, t in enumerate(text.split("\n"), 1)))


# --- clean ---------------------------------------------------------------------------------------------


def test_clean_removes_ocr_spaces_in_numbers_and_between_cjk() -> None:
    assert remove_ocr_spaces("11月 29日") == "11月29日"
    assert remove_ocr_spaces("资 3.7 亿元") == "资3.7亿元"
    assert clean_paragraph(["项目共 4", "个，总投资"]) == "项目共4个，总投资"


def test_clean_keeps_meaningful_spaces() -> None:
    assert clean_paragraph(["本报讯 11月 29日，高新区"], dateline="本报讯") == "本报讯 11月29日，高新区"
    assert remove_ocr_spaces("the Daily news") == "the Daily news"
    assert remove_ocr_spaces("一\u3000睡態") == "一\u3000睡態"


def test_clean_dehyphenates_latin_and_joins_with_space() -> None:
    assert join_wrapped(["The infor-", "mation was", "released."]) == "The information was released."
    assert join_wrapped(["well-", "Known"]) == "well- Known"


def test_clean_joins_cjk_without_separator_and_maps_glyphs() -> None:
    assert join_wrapped(["监管检査", "力度"]) == "监管检査力度"
    assert map_glyphs("检査") == "检查"


# --- blocks --------------------------------------------------------------------------------------------


def test_column_break_versus_paragraph_end() -> None:
    page = make_page(
        "一二三四五六七八九十一二三四五六\n一二三四五六七八九十一二三四五六\n一二三四五六七八九十一二三四的丰\n\n"
        "富内涵，一二三四五六七八九十一二\n一二三四五六七八九十一二三四五六\n短句。\n\n"
        "新段落开始了，一二三四五六七八九\n一二三四五六七八九十一二三四五六"
    )
    first, second, third = split_blocks(page.lines)
    assert continues_across(first, second)  # ends mid-word at full width
    assert not continues_across(second, third)  # ends a sentence on a short line


def test_display_width_counts_wide_characters_twice() -> None:
    assert display_width("ab") == 2
    assert display_width("中文") == 4


def test_paragraph_per_line_pages_split_every_line() -> None:
    long_line = "word " * 40
    page = make_page("\n".join([long_line, long_line, long_line]))
    assert len(split_blocks(page.lines)) == 3


# --- bylines and datelines -----------------------------------------------------------------------------


def test_byline_with_three_roles() -> None:
    byline = "记者 孙庆辉 通讯员 陈璐 实习生 王小明 文/图"
    assert is_byline_line(byline)
    assert parse_contributors(byline) == (
        Contributor("记者", "孙庆辉"),
        Contributor("通讯员", "陈璐"),
        Contributor("实习生", "王小明"),
    )


def test_pen_names_and_latin_bylines() -> None:
    assert is_byline_line("（丹翁）")
    assert parse_contributors("（丹翁）") == (Contributor(None, "丹翁"),)
    assert parse_contributors("李涵秋著") == (Contributor("著", "李涵秋"),)
    assert is_byline_line("By Jim Malone")
    assert parse_contributors("By Jim Malone and Ann Lee") == (
        Contributor(None, "Jim Malone"),
        Contributor(None, "Ann Lee"),
    )


def test_instalments_and_agency_datelines_are_not_bylines() -> None:
    assert not is_byline_line("（十）")
    assert not is_byline_line("（三三五）")
    assert not is_byline_line("（重慶廿二日美聯電）")
    assert find_dateline("（重慶廿二日美聯電）今日") == "（重慶廿二日美聯電）"
    assert find_dateline("本报讯 11月29日") == "本报讯"
    assert find_dateline("新华社北京12月1日电 记者") == "新华社北京12月1日电"


def test_wire_dateline_names_a_place_of_several_words_or_after_a_full_stop() -> None:
    assert find_dateline("HEBRON, Occupied West Bank (AP) — Soldiers") == "HEBRON, Occupied West Bank (AP) —"
    assert find_dateline("LIMA, Peru (AP) — The city") == "LIMA, Peru (AP) —"
    assert find_dateline("MACON. Ga. (AP) - The team") == "MACON. Ga. (AP) -"
    assert find_dateline("The Three Old Towns (AP) — a note") is None


# --- roles ---------------------------------------------------------------------------------------------


def test_roles_of_title_byline_body_caption_advert() -> None:
    page = make_page(
        "盲從\n\n（丹翁）\n\n擇善而從、古訓也、旣不能自立、又不能師人之長、\n人何以人、國何以國、\n\n"
        "图为工人在施工现场\n\n大減價\n每瓶洋二角\n電話一二三"
    )
    roles = [role.role for role in classify_blocks(split_blocks(page.lines))]
    assert roles == ["title", "byline", "body", "caption", "advert"]


# --- assembly and the whole pipeline -------------------------------------------------------------------

BODY_A = "本报讯 市图书馆昨日开放新馆，新馆共有藏书十万册，\n读者可以免费借阅，开放时间为每天九点到五点。"
BODY_B = "全市公交线路今日起调整，新开通三条线路，\n市民出行更加方便，公交公司提醒乘客注意。"


def test_displaced_title_goes_to_the_article_it_echoes() -> None:
    page = make_page(f"{BODY_A}\n记者 张三\n\n{BODY_B}\n记者 李四\n\n市图书馆新馆开放\n\n公交线路今日调整")
    articles = [a for a in analyze_page(page) if a.kind == "article"]
    assert [a.headline for a in articles] == ["市图书馆新馆开放", "公交线路今日调整"]
    assert articles[0].byline == "记者 张三"
    assert "away from" in articles[0].confidence.reasons["headline"]


def test_wide_lead_goes_first_in_its_article() -> None:
    lead = "今日全市公交线路调整工作全面完成，新开通的三条线路正式运营，市民乘车更加方便快捷。"
    body = "\n".join(["公交公司表示新线路覆盖城区，乘客"] * 24 + ["运营时间延长。"])
    page = make_page(f"公交线路调整\n\n{body}\n记者 李四\n\n{lead}\n{lead}")
    (article,) = [a for a in analyze_page(page) if a.kind == "article"]
    assert article.paragraphs[0].startswith("今日全市公交线路")
    assert article.paragraph_starts[0] == len(body.split("\n")) + 5


def test_caption_and_advert_become_their_own_entries() -> None:
    page = make_page(f"新馆开放\n\n{BODY_A}\n\n图为读者在新馆阅读\n\n大減價\n每瓶洋二角")
    kinds = [a.kind for a in analyze_page(page)]
    assert kinds == ["article", "caption", "advert"]


def test_article_fields_and_stable_ids() -> None:
    page = make_page(f"\n市图书馆新馆昨日开放\n\n谈认识 话感悟\n\n{BODY_A}\n记者 张三 通讯员 王五")
    (article,) = analyze_page(page)
    assert article.headline == "市图书馆新馆昨日开放"
    assert article.subheadline == "谈认识 话感悟"
    assert article.dateline == "本报讯"
    assert article.contributors == (Contributor("记者", "张三"), Contributor("通讯员", "王五"))
    assert article.source_lines == (2, 4, 6, 7, 8)
    assert article.headline_lines == (2, 4)
    assert article.byline_lines == (8,)
    assert article.paragraph_starts == (6,)
    assert article.id == analyze_page(make_page(page.text, number=1))[0].id
    assert article.id.startswith("p1-") and len(article.id) == 15
    assert set(article.confidence.reasons) >= {"headline", "byline", "boundaries"}


def test_fingerprint_ignores_spacing_and_punctuation() -> None:
    assert article_fingerprint("资 3.7 亿元。") == article_fingerprint("资3.7亿元")
    assert article_fingerprint("a") != article_fingerprint("b")


def test_latin_page_with_by_line() -> None:
    page = make_page(
        "Hawk wins runoff race\n\nBy Jim Malone\nStaff Writer\n\nDennis Hawk captured the presi-\ndency on Thursday."
    )
    (article,) = analyze_page(page)
    assert article.headline == "Hawk wins runoff race"
    assert article.byline == "By Jim Malone Staff Writer"
    assert article.paragraphs == ("Dennis Hawk captured the presidency on Thursday.",)
