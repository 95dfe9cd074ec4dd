"""Datelines: the source or agency line at the head of a report (本报讯, 新华社北京12月1日电, （重慶廿二日美聯電）).

A dateline is body text: it stays at the head of its paragraph and is also reported on the article.
"""

from __future__ import annotations

import re

__all__ = ["find_dateline"]

_PATTERNS = (
    re.compile(r"^本[报報](?:[^\s，。、“”]{0,10}?)?[讯訊]"),
    re.compile(r"^(?:新[华華]社|中新社|中央社|路透社|美聯社|美联社|法新社)[^\s，。、]{0,16}?[电電]"),
    re.compile(r"^[（(][^（）()，。]{2,24}?[电電訊讯][）)]"),
    # the place in capitals, then its state or country in up to three words ("JENIN, Occupied West Bank")
    re.compile(
        r"^[A-Z][A-Z.' -]{2,30}(?:,?\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+){0,2})?\s*"
        r"(?:\((?:AP|UPI|Reuters|AFP)\))\s*[-—–]+"
    ),
    # OCR's forms: the state without its comma, a garbled bracket (API), no bracket, no agency before the dash
    re.compile(
        r"^[A-Z][A-Z'’]{2,}(?:[ .-]+[A-Z][A-Z'’]+)*\.?(?:,?\s*[A-Z][a-z]{1,5}\.)?\s*"
        r"(?:[(\[]?(?:AP|UPI)[)\]I1l]?\s*)?[—–]\s*(?=[A-Z‘“\"'])"
    ),
    re.compile(r"^\((?:PAR|DE)\s[A-ZÉÈ' ]{3,50}\)"),
)

#: The patterns tried in order in one match: the first alternative that matches wins, as in a loop.
_ANY = re.compile("|".join(f"(?:{pattern.pattern})" for pattern in _PATTERNS))


#: The characters a dateline can open with, besides the ASCII capitals: others skip the pattern.
_OPENERS = frozenset("本新中路美法（(")
#: The characters that may follow an opening capital (the place in capitals of the English patterns): a line
#: of English text (``The …``) skips the pattern.
_AFTER_CAPITAL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ.' -’")


def find_dateline(text: str) -> str | None:
    """Return the dateline at the start of ``text`` as printed, or None."""
    text = text.lstrip()
    opening = text[:1]
    if "A" <= opening <= "Z":
        if text[1:2] not in _AFTER_CAPITAL:
            return None
        # an English dateline holds the agency in brackets (``(AP)``) or a dash (— or –) after the place: a line
        # of capitals with neither (``WEEK NITE HAPPY HOUR 3-7 PM``) skips the pattern, which would otherwise
        # try its place in capitals at every length
        if "(" not in text and "—" not in text and "–" not in text:
            return None
    elif opening not in _OPENERS:
        return None
    match = _ANY.match(text)
    return match.group(0).strip() if match else None
