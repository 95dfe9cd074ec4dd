"""Dates printed on newspaper pages: Chinese (民國 and Gregorian years, Chinese or Arabic numerals), English,
French and German, each cross-checked where the page allows (a 干支 year, a weekday).

A masthead or folio prints the issue's date near the top of the page, usually with its weekday; the same
page also mentions other dates (events, a founding date 創刊於…, a lunar date 庚申年二月十五日). Each date
found gets a score: +1 near the top, +2 for a matching weekday or 干支 year, -2 for a weekday that does not
match, -3 for a founding date. Pure functions; no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Found:
    """A date found in text: ISO ``date``, its ``score``, the 1-based ``line`` (index in the lines given) and
    the ``text`` as printed; ``reason`` says where it came from once a caller knows the page."""

    date: str
    score: int
    line: int
    text: str
    reason: str = ""


def valid_date(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD`` when the three make a real date between 1500 and 2100, else None."""
    if not 1500 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# ── Chinese ──────────────────────────────────────────────────────────────────────────────────────────

_CN_DIGITS = {
    **dict.fromkeys("〇○零", 0),
    **dict.fromkeys("一壹", 1),
    **dict.fromkeys("二貳贰兩两", 2),
    **dict.fromkeys("三參叁叄", 3),
    **dict.fromkeys("四肆", 4),
    **dict.fromkeys("五伍", 5),
    **dict.fromkeys("六陸陆", 6),
    **dict.fromkeys("七柒", 7),
    **dict.fromkeys("八捌", 8),
    **dict.fromkeys("九玖", 9),
}
_CN_TENS = {"十": 10, "拾": 10, "廿": 20, "卄": 20, "念": 20, "卅": 30, "卌": 40}
_NUM = "[〇○零一壹二貳贰兩两三參叁叄四肆五伍六陸陆七柒八捌九玖十拾廿卄卅卌百0-9０-９]"
_STEMS, _BRANCHES = "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉戌亥"
_WEEKDAYS_CN = "一二三四五六日"
_ROC = re.compile(rf"(?:中華民國|中华民国|民國|民国)({_NUM}{{1,5}})年({_NUM}{{1,3}})月({_NUM}{{1,3}})[日號号]")
_GREGORIAN_CN = re.compile(rf"(?<![{_STEMS}{_BRANCHES}])({_NUM}{{4}})年({_NUM}{{1,3}})月({_NUM}{{1,3}})[日號号]")
_GANZHI = re.compile(rf"([{_STEMS}][{_BRANCHES}])年")
_WEEKDAY_CN = re.compile(r"^[\s，,]*(?:星期|禮拜|礼拜)([一二三四五六日天])")
_FOUNDING = re.compile(r"(?:創|创|始|成立|開辦|开办|誕生)[刊辦办立]?(?:於|于)?$")


def cn_number(text: str) -> int | None:
    """A number in Chinese or Arabic numerals: 九 9, 十九 19, 廿一 21, 貳拾捌 28, 一九二〇 1920, ２０２２ 2022."""
    text = "".join(text.split())
    if not text:
        return None
    if text.isdigit():
        return int(text)  # int() reads full-width digits too
    if len(text) >= 3 and all(ch in _CN_DIGITS for ch in text):
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))  # positional: 一九二〇
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in "十拾":
            total += (current or 1) * 10
            current = 0
        elif ch in _CN_TENS:
            total += _CN_TENS[ch]
            current = 0
        elif ch in "百":
            total += (current or 1) * 100
            current = 0
        elif ch.isdigit():
            current = current * 10 + int(ch)
        else:
            return None
    return total + current


def ganzhi(year: int) -> str:
    """The 干支 name of a (lunar) year: 1920 → 庚申, 1939 → 己卯."""
    return _STEMS[(year - 4) % 10] + _BRANCHES[(year - 4) % 12]


def _joined(lines: Sequence[str]) -> tuple[str, list[int]]:
    """The lines joined without whitespace (CJK dates break across lines and OCR spaces), with the line index
    of every character."""
    pieces: list[str] = []
    owners: list[int] = []
    for index, line in enumerate(lines):
        piece = "".join(line.split())  # split() drops exactly the characters isspace() names
        pieces.append(piece)
        owners.extend([index] * len(piece))
    return "".join(pieces), owners


def _chinese_dates(lines: Sequence[str], head: int) -> list[Found]:
    text, owners = _joined(lines)
    years_named = [(m.start(), m.group(1)) for m in _GANZHI.finditer(text)]
    found = []
    for pattern, roc in ((_ROC, True), (_GREGORIAN_CN, False)):
        for match in pattern.finditer(text):
            year, month, day = (cn_number(match.group(i)) for i in (1, 2, 3))
            if year is None or month is None or day is None:
                continue
            if roc:
                year += 1911
            date = valid_date(year, month, day)
            if date is None:
                continue
            line = owners[match.start()]
            score = 1 + (line < head)
            after = text[match.end() : match.end() + 8]
            weekday = _WEEKDAY_CN.match(after)
            if weekday:
                printed = _WEEKDAYS_CN.index(weekday.group(1)) if weekday.group(1) != "天" else 6
                score += 2 if dt.date.fromisoformat(date).weekday() == printed else -2
            near = [name for start, name in years_named if abs(start - match.start()) <= 40]
            if near:
                score += 2 if any(name in (ganzhi(year), ganzhi(year - 1)) for name in near) else -1
            if _FOUNDING.search(text[max(0, match.start() - 4) : match.start()]):
                score -= 3
            found.append(Found(date, score, line + 1, match.group(0)))
    return found


# ── English, French, German ──────────────────────────────────────────────────────────────────────────

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan janvier janv januar jänner janner",
        "february feb febr février fevrier févr fevr februar",
        "march mar mars märz maerz marz",
        "april apr avril",
        "may mai",
        "june jun juin juni",
        "july jul juillet juil juli",
        "august aug août aout",
        "september sept sep septembre",
        "october oct octobre oktober",
        "november nov novembre",
        "december dec décembre decembre déc dezember",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
_WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "monday lundi montag",
        "tuesday mardi dienstag",
        "wednesday mercredi mittwoch",
        "thursday jeudi donnerstag",
        "friday vendredi freitag",
        "saturday samedi samstag sonnabend",
        "sunday dimanche sonntag",
    )
):
    for _name in _names.split():
        _WEEKDAYS[_name] = _number
_MONTH = "(" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + r")\.?"
_WEEKDAY = "(?:(" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")[,.]?\s+(?:den\s+|le\s+)?)?"
_DAY = r"(\d\s?\d|\d)(?:st|nd|rd|th|er|\.)?"
_LATIN_YEAR = r"((?:1[5-9]|20)\d\s?\d)"
_MONTH_FIRST = re.compile(rf"(?<![A-Za-z]){_WEEKDAY}{_MONTH}\s+{_DAY},?\s*{_LATIN_YEAR}(?!\d)", re.IGNORECASE)
_DAY_FIRST = re.compile(rf"(?<![A-Za-z]){_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_LATIN_YEAR}(?!\d)", re.IGNORECASE)


def _latin_dates(lines: Sequence[str], head: int) -> list[Found]:
    found = []
    for index, line in enumerate(lines):
        if not any(ch.isdigit() for ch in line):
            continue
        for pattern, month_first in ((_MONTH_FIRST, True), (_DAY_FIRST, False)):
            for match in pattern.finditer(line):
                weekday_name = match.group(1)
                month_name, day_text = (
                    (match.group(2), match.group(3)) if month_first else (match.group(3), match.group(2))
                )
                month = _MONTHS.get(month_name.casefold())
                day = int(day_text.replace(" ", ""))
                year = int(match.group(4).replace(" ", ""))
                date = valid_date(year, month, day) if month else None
                if date is None:
                    continue
                score = 1 + (index < head)
                if weekday_name:
                    printed = _WEEKDAYS[weekday_name.casefold()]
                    score += 2 if dt.date.fromisoformat(date).weekday() == printed else -2
                found.append(Found(date, score, index + 1, " ".join(match.group(0).split())))
    return found


def find_dates(lines: Sequence[str], head: int = 40) -> list[Found]:
    """Every date printed in ``lines`` (Chinese, English, French, German), scored as the module says.

    Args:
        lines: the page's lines, in order.
        head: lines counted as the top of the page (where mastheads and folios print the issue's date).
    """
    return _chinese_dates(lines, head) + _latin_dates(lines, head)
