"""Bylines: recognise a printed byline and split it into contributors.

Three shapes are recognised: a modern Chinese credit line (``记者 孙庆辉 通讯员 陈璐 文/图``), a pen name in
full-width brackets or a name line ending in 著/譯/撰 (``（丹翁）``, ``李涵秋著``) and a Latin ``By NAME``.
Instalment numbers (``（十）``), agency datelines (``（重慶廿二日美聯電）``) and notes (``（見…）``) are not
bylines.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.model import Contributor

__all__ = [
    "CHINESE_ROLES",
    "LATIN_ROLES",
    "OPENING_BYLINE_MAX_CHARS",
    "ROLE_WORDS",
    "author_names",
    "is_role_word",
    "is_byline_line",
    "opens_article",
    "parse_byline_lines",
    "is_name_only_line",
    "is_signature_line",
    "is_staff_line",
    "parse_contributors",
]

#: Roles printed before a name in modern Chinese credit lines, longest first so that 本报记者 wins over 记者.
CHINESE_ROLES: tuple[str, ...] = tuple(
    sorted(
        {
            "本报记者",
            "本報記者",
            "特约记者",
            "特約記者",
            "见习记者",
            "見習記者",
            "记者",
            "記者",
            "通讯员",
            "通訊員",
            "实习生",
            "實習生",
            "责任编辑",
            "責任編輯",
            "编辑",
            "編輯",
            "摄影",
            "攝影",
            "摄",
            "攝",
            "文/图",
            "文／图",
            "文/圖",
            "文／圖",
            "图/文",
            "图／文",
            "圖/文",
            "圖／文",
            "文",
            "图",
            "圖",
            "撰文",
            "整理",
            "校对",
            "校對",
        },  # fmt: skip
        key=len,
        reverse=True,
    )
)
_ROLE_SET = frozenset(CHINESE_ROLES)

#: Roles and sources printed with a Latin byline: a staff line under "By NAME", after "NAME /", or alone
#: (a wire story). Lower case, single spaces; :func:`is_role_word` compares OCR-garbled lines against them.
LATIN_ROLES: tuple[str, ...] = (
    "staff writer",
    "staff reporter",
    "staff photographer",
    "staff artist",
    "staff report",
    "daily staff writer",
    "daily staff report",
    "daily staff",
    "mustang daily staff writer",
    "mustang daily staff",
    "special to the daily",
    "contributing writer",
    "contributing editor",
    "guest columnist",
    "columnist",
    "correspondent",
    "editor",
    "managing editor",
    "editor in chief",
    "news editor",
    "sports editor",
    "assistant sports editor",
    "opinion editor",
    "arts editor",
    "photo editor",
    "copy editor",
    "assistant editor",
    "associated press",
    "the associated press",
    "united press international",
    "college press service",
    "reuters",
    "wire reports",
)
#: Every word that stands in a byline for a role, a desk or an agency and is never a person's name: the
#: credit-line roles above, longer Chinese titles, and the English staff lines and agencies. The one list
#: for citations and for protecting names from script conversion (``author_names``).
ROLE_WORDS: tuple[str, ...] = (
    *CHINESE_ROLES,
    *("特约撰稿人", "特約撰稿人", "撰稿人", "本报评论员", "本報評論員", "评论员", "評論員"),
    *("新华社记者", "新華社記者", "首席记者", "首席記者", "本报特约记者", "本報特約記者"),
    *("Staff Writer", "Staff Reporter", "Staff Photographer", "Staff Correspondent", "Contributing Writer"),
    *("Special Correspondent", "Special to the Daily", "Special to The New York Times", "Correspondent"),
    *("Associated Press", "The Associated Press", "AP", "United Press International", "UPI", "Reuters"),
    *("Sports Editor", "News Editor", "Managing Editor", "Editor", "Staff"),
)
#: Latin role words (and the lower-case :data:`LATIN_ROLES`) by their letters: OCR-garbled staff lines are
#: compared with these (``is_role_word(..., fuzzy=True)``).
_LATIN_ROLE_KEYS = {
    "".join(char for char in word.casefold() if char.isalpha())
    for word in (*ROLE_WORDS, *LATIN_ROLES)
    if word.isascii() and len(word) > 3
}
_LONGEST_ROLE_KEY = max(map(len, _LATIN_ROLE_KEYS))
_NOT_LETTER = re.compile(r"[^a-z]+")
_ROLE_PAIRS = {key: {key[i : i + 2] for i in range(len(key) - 1)} for key in _LATIN_ROLE_KEYS}
#: The role keys a garbled key of a given first letter and length may be compared with: those of its first
#: letter whose length is within a quarter of their own (the fuzzy test's first condition), found by one look-up.
_LATIN_ROLES_BY_SHAPE: dict[tuple[str, int], list[tuple[str, Counter[str]]]] = {}
for _key in sorted(_LATIN_ROLE_KEYS):
    for _length in range(len(_key) - len(_key) // 4, len(_key) + len(_key) // 4 + 1):
        _LATIN_ROLES_BY_SHAPE.setdefault((_key[0], _length), []).append((_key, Counter(_key)))
_LATIN_ROLE = re.compile(
    r"(?:\b(?:" + "|".join(re.escape(w) for w in sorted(ROLE_WORDS, key=len, reverse=True) if w.isascii()) + r")\b"
    r"|\b(?:mustang\s+)?daily\s+(?:staff\s+)?(?:writer|reporter|editor)\b)",
    re.IGNORECASE,
)
_ROLE_WORD_SET = frozenset(word.casefold() for word in (*ROLE_WORDS, *LATIN_ROLES))
_FULL_ROLE_PREFIX = re.compile(
    "^(?:"
    + "|".join(re.escape(w) for w in sorted(ROLE_WORDS, key=len, reverse=True) if not w.isascii() and len(w) > 1)
    + ")+[:：]?"
)
_CREDIT_SUFFIXES = frozenset({"文/图", "文／图", "文/圖", "文／圖", "图/文", "圖/文", "摄", "攝", "图", "圖", "文"})
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_HAN_NAME = re.compile(r"[\u3400-\u9fff\ue000-\uf8ff]{2,4}")
#: The longest token of a credit line: the longest role with a four-character name run on.
_MAX_TOKEN = max(len(role) for role in CHINESE_ROLES) + 4
#: Roles that are also verbs opening a phrase (整理物價, 撰文紀念): run on to a word, they credit no one.
_VERB_ROLES = frozenset({"整理", "撰文", "校对", "校對"})
#: The roles that :data:`_ROLE_PREFIX` splits off the front of a token (记者孙庆辉 → 记者, 孙庆辉).
_ROLE_OPENINGS = tuple(role for role in CHINESE_ROLES if len(role) > 1)
_ROLE_PREFIX = re.compile("^(" + "|".join(re.escape(role) for role in _ROLE_OPENINGS) + ")(.+)$")

_OPEN, _CLOSE = "（(", "）)"
_NUMERAL = re.compile(r"^[一二三四五六七八九十百千〇○零廿卅0-9０-９上中下續续完未之]+$")
_NOT_PEN_NAME = re.compile(r"[電电訊讯社見见名譯按註注附答案昨日題题圖图攝摄照影寄稿址路街]|[，。、；：？！0-9]")
_PEN_SUFFIX = re.compile(r"^(?:[^\s，。、；：]{1,10}?(?:遺著|遺作|女士作|著|譯|譔|撰|遺稿)|[^\s，。、；：]{4,10}作)$")
_PEN_SUFFIX_ENDS = frozenset("著作譯譔撰稿")
_LATIN_BY = re.compile(r"^(?:by|par|von|door)\s+\S", re.IGNORECASE)
_STAFF = re.compile(
    r"^(?:(?:mustang\s+)?(?:daily\s+)?(?:staff|special|contributing|editorial|sports|news|assistant)\b.{0,30}"
    r"(?:writer|editor|reporter|correspondent|photographer|to the daily)|"
    r"(?:staff|special|assistant)\s+\w+)\.?$",
    re.IGNORECASE,
)
#: "Jane Roe is a journalism senior.", also after a bullet (``• Jane Roe is a …``) and with the paper's name
#: (``Jane Roe is Mustang Daily’s opinion editor``).
_SIGN_OFF = re.compile(
    r"^(?:[•·*]\s*)?[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3} is (?:an?|[A-Z][\w ]{0,30}['’]s) [\w ,'’-]{0,40}"
    r"(?:senior|junior|sophomore|freshman|major|student|writer|editor)",
    re.IGNORECASE,
)


#: The word "By" as printed or as OCR misreads it (``BY``, ``ly``, ``Hy``, ``IJy``, ``Ry``), and "Story by".
_LATIN_BY_WORD = re.compile(r"^(?:(?:story|text|story and photos?)\s+by|by|ly|hy|ijy|ry|bv)\b[:.]?\s*", re.I)
#: A name after "By": capitalised words, initials and joiners, nothing that reads as a sentence.
_LATIN_NAME = re.compile(
    r"^(?:[A-Z][\w.'’-]*|and|&|van|von|de|la|del|der|da|di|le)(?:\s+(?:[A-Z][\w.'’-]*|and|&|van|von|de|la|del|der|da|di|le)){0,7}[.,]?$"
)


#: Cheap test before the full pattern: "by" (or its OCR forms) near the start of the line.
_BY_HINT = re.compile(r"(?:^|[^a-z])(?:b|l|h|ij|r)[yv](?:[^a-z]|$)", re.IGNORECASE)
#: The letter pair that :data:`_BY_HINT` needs somewhere: a plain character class the regex engine scans for
#: quickly, tested first. Both cases are spelt out: IGNORECASE would fold every character scanned (no other
#: character folds to one of these letters, checked over all of Unicode by a test).
_BY_PAIR = re.compile(r"[blhrjBLHRJ][yvYV]")
#: The longest "By NAME" line, rules and staff line run on included.
OPENING_BYLINE_MAX_CHARS = 90


def opens_article(text: str) -> bool:
    """A Latin "By NAME" line (also ``BY``, OCR-garbled ``ly``/``Hy``/``IJy`` and ``Story by``): it heads a story."""
    if len(text) > OPENING_BYLINE_MAX_CHARS or not _BY_PAIR.search(text, 0, 40) or not _BY_HINT.search(text, 0, 40):
        return False
    stripped = _strip(text.replace("_", " ")).lstrip(".,:;-|'\"1 ")
    match = _LATIN_BY_WORD.match(stripped)
    if not match:
        return False
    rest = stripped[match.end() :].strip(" .,")
    if not rest:
        return False
    exact = stripped[: match.end()].strip().casefold().endswith("by")
    # "by" itself may stand before a name in lower case; a garbled one needs the name's capitals
    if _LATIN_NAME.match(rest) or (exact and len(rest.split()) <= 4 and rest[:1].isupper()):
        return True
    return exact and _name_then_role(rest)


def _name_then_role(rest: str) -> bool:
    """A name run on into its role on one line: ``Jennifer Harrison Special to the Daily``."""
    words = rest.split()
    for cut in range(2, min(len(words) - 1, 5) + 1):
        if _LATIN_NAME.match(" ".join(words[:cut])) and is_role_word(" ".join(words[cut:])):
            return True
    return False


def _strip(text: str) -> str:
    return " ".join(text.split())  # str.split() also splits at the ideographic space U+3000


def _single_spaced(text: str) -> bool:
    """Whether ``text`` is printable and single-spaced (no space at either end, none doubled): then
    ``_strip(text) == text``, as every whitespace character but the space is unprintable."""
    return text[:1] != " " and text[-1:] != " " and "  " not in text and text.isprintable()


#: The shape of a credit line: tokens of ideographs (names and roles) or the slash of 文/图, none longer
#: than :data:`_MAX_TOKEN`, between whitespace.
_CREDIT_SHAPE = re.compile(
    rf"\s*[\u3400-\u9fff\ue000-\uf8ff/／]{{1,{_MAX_TOKEN}}}(?:\s+[\u3400-\u9fff\ue000-\uf8ff/／]{{1,{_MAX_TOKEN}}})*\s*"
)


def _credit_tokens(text: str) -> list[str] | None:
    """Split a Chinese credit line into role and name tokens, or return None when it is not one."""
    if not _CREDIT_SHAPE.fullmatch(text):
        return None  # a character that no role or name holds, or a token too long
    stripped = _strip(text)
    if not stripped:
        return None
    tokens: list[str] = []
    for token in stripped.split(" "):
        if len(token) > _MAX_TOKEN:
            return None
        match = _ROLE_PREFIX.match(token)
        if token in _ROLE_SET:
            tokens.append(token)
        elif match and match.group(1) not in _VERB_ROLES and _HAN_NAME.fullmatch(match.group(2)):
            tokens.extend(match.groups())
        elif _HAN_NAME.fullmatch(token):
            tokens.append(token)
        else:
            return None
    return tokens


def _is_credit_line(text: str) -> bool:
    return _is_credit(_credit_tokens(text))


def _is_credit(tokens: list[str] | None) -> bool:
    if not tokens or len(tokens) < 2:
        return False
    if tokens[0] not in _ROLE_SET and tokens[-1] not in _CREDIT_SUFFIXES:
        return False
    return any(token not in _ROLE_SET for token in tokens)


def _is_pen_name(text: str) -> bool:
    """A pen name in brackets: （丹翁）, （馬二先生）; also one half of a name broken over two lines."""
    edge = text.strip(" \u3000")  # its first and last characters are those of the compact text
    if not edge:
        return False
    opened, closed = edge[0] in _OPEN, edge[-1] in _CLOSE
    if not (opened or closed):
        return False
    compact = edge.replace(" ", "").replace("\u3000", "")
    inner = compact.lstrip(_OPEN).rstrip(_CLOSE)
    if not inner:
        return opened != closed or len(compact) >= 2
    if len(inner) > 12 or _NUMERAL.match(inner) or any(c in inner for c in _OPEN + _CLOSE):
        return False
    if _NOT_PEN_NAME.search(inner):
        return inner.endswith(("寄", "作", "稿", "譯")) and not re.search(r"[電电訊讯見见，。、]", inner)
    return True


def is_name_only_line(text: str) -> bool:
    """A bare author line: a name ending in 著/譯/撰 (``李涵秋著``, ``諍　諍　譯``)."""
    if text.rstrip()[-1:] not in _PEN_SUFFIX_ENDS:
        return False
    compact = "".join(text.split())
    if compact.find("（") > 0 or compact.find("(") > 0:
        return False  # a title before the instalment number: 烏托邦 （二）畢倚虹遺著 is a title line
    return bool(_PEN_SUFFIX.match(compact))


def is_staff_line(text: str) -> bool:
    """The staff line under a Latin byline (``Staff Writer``, ``Special to the Daily``)."""
    return bool(_STAFF.match(_strip(text)))


#: The letters :data:`_LATIN_BY` opens with (no other character folds to one of them).
_LATIN_BY_OPENERS = frozenset("bBpPvVdD")


def _credit_shaped(text: str) -> bool:
    """``_CREDIT_SHAPE.fullmatch(text)``; a line of one token too long for it (most lines of CJK text) skips it."""
    if len(text) > _MAX_TOKEN:
        tokens = text.split(None, 1)
        if len(tokens) == 1 and len(tokens[0]) > _MAX_TOKEN:
            return False
    return _CREDIT_SHAPE.fullmatch(text) is not None


def is_signature_line(text: str) -> bool:
    """A credit line that may close a text block without a blank line before it (``记者 孙庆辉``, ``By X``)."""
    if not _credit_shaped(text) and not (text.lstrip()[:1] in _LATIN_BY_OPENERS and _LATIN_BY.match(text.lstrip())):
        return False  # neither shape, whatever the spacing
    stripped = _strip(text)
    # a credit line has two tokens: a space between them, or a role run on to a name (as in is_byline_line)
    return len(stripped) <= 60 and (
        ((" " in stripped or stripped.startswith(_ROLE_OPENINGS)) and _is_credit_line(stripped))
        or (bool(_LATIN_BY.match(stripped)) and len(stripped.split()) <= 6)
    )


def is_byline_line(text: str) -> bool:
    """Return True when ``text`` on its own line is a byline as printed."""
    if len(text) > 4 * 60:
        return False  # longer than any byline even with its spacing collapsed; skips the split below
    # a long line (most lines of an English page) is mostly single-spaced already: not split into its words
    stripped = text if len(text) > 60 and _single_spaced(text) else _strip(text)
    if not stripped:
        return False
    if len(stripped) > 60:  # only a sign-off runs longer ("Jane Roe is a journalism senior and …")
        return (
            (stripped[:1].isupper() or stripped[:1] in _SIGN_OFF_BULLETS)
            and len(stripped) < 200
            and _is_sign_off(stripped)
        )
    ascii_only = stripped.isascii()
    # a credit line holds ideographs, and two tokens: a space (the only whitespace left) or a role run on
    if not ascii_only and (" " in stripped or stripped.startswith(_ROLE_OPENINGS)) and _is_credit_line(stripped):
        return True
    # the other shapes need a bracket at an end, a 著/譯… ending, or a Latin opening; test those first
    if (
        (stripped[0] in _OPEN or stripped[-1] in _CLOSE)
        and not _LATIN_LETTER.search(stripped)
        and _is_pen_name(stripped)
    ):
        return True
    if not ascii_only and stripped[-1] in _PEN_SUFFIX_ENDS and is_name_only_line(stripped):
        return True
    if ord(stripped[0]) >= 0x2E80:
        return False  # an ideograph or CJK punctuation: neither "By X" nor a Latin sign-off
    if opens_article(stripped):
        return True
    if stripped[:3].casefold() == "by ":
        pass  # an English "by" that does not open a byline is a line of text ("by check only to a")
    elif stripped[0] in _LATIN_BY_OPENERS and _LATIN_BY.match(stripped):  # the opening letter first: cheap
        words = len(stripped.split())
        if words <= 5 or (words <= 8 and not stripped.endswith((".", ":"))):
            return True
    return len(stripped) < 200 and _is_sign_off(stripped)


#: A sign-off's " is " stands within this many characters of its start (a bullet and a name of four words).
SIGN_OFF_NAME_CHARS = 64
#: Marks that may stand before a sign-off's name.
_SIGN_OFF_BULLETS = "•·*"


def _is_sign_off(text: str) -> bool:
    """``_SIGN_OFF.match(text)``; text without " is " after its first words (most) skips the pattern."""
    if " is " not in text[:SIGN_OFF_NAME_CHARS]:
        return False
    return _SIGN_OFF.match(text) is not None


def _latin_name_and_role(text: str) -> tuple[str | None, str | None]:
    """A Latin byline line as (name, role): ``By Jane Roe`` → (Jane Roe, None); ``Staff Writer`` → (None, role);
    ``Jane Roe / Staff Writer`` → both."""
    stripped = _strip(text.replace("_", " ")).strip(" .,;")
    if is_role_word(stripped, fuzzy=True):
        return None, stripped
    match = _LATIN_BY_WORD.match(stripped.lstrip(".,:;-|'\"1 "))
    if match:
        stripped = stripped.lstrip(".,:;-|'\"1 ")[match.end() :].strip(" .,")
    for separator in (" / ", "/", " | ", ", "):
        name, _, role = stripped.rpartition(separator)
        if name and is_role_word(role, fuzzy=True):
            return name.strip(" ,") or None, role.strip()
    return stripped or None, None


def parse_byline_lines(lines: list[str]) -> tuple[Contributor, ...]:
    """Contributors of a byline printed over ``lines``: a role line goes with the names above it.

    ``["By Jane Roe and John Doe", "Staff Writers"]`` gives both names the role; a line that is only a role
    (``Associated Press``) with no name above it is a contributor of its own (a wire story).
    """
    if not lines or not any(_LATIN_LETTER.search(line) for line in lines):
        return tuple(c for line in lines for c in parse_contributors(line))
    contributors: list[Contributor] = []
    waiting: list[int] = []  # contributors still without a role
    for line in lines:
        name, role = _latin_name_and_role(line)
        if name and not role and waiting and not opens_article(line) and not line.lstrip().startswith("and "):
            name, role = None, _strip(line.replace("_", " ")).strip(" .,;")  # the garbled staff line under names
        if name:
            parsed = parse_contributors(name if _LATIN_BY.match(name) else f"by {name}")
            waiting = [*waiting, *range(len(contributors), len(contributors) + len(parsed))]
            contributors.extend(parsed)
        if role:
            if waiting:
                for index in waiting:
                    contributors[index] = Contributor(role, contributors[index].name)
                waiting = []
            elif not name:
                contributors.append(Contributor(role, role))
    return tuple(contributors)


def parse_contributors(byline: str) -> tuple[Contributor, ...]:
    """Split a printed byline into contributors with the role printed before (or after) each name."""
    stripped = _strip(byline)
    tokens = _credit_tokens(stripped)
    if tokens and _is_credit(tokens):
        contributors: list[Contributor] = []
        role: str | None = None
        for token in tokens:
            if token in _ROLE_SET:
                if token in _CREDIT_SUFFIXES and contributors and contributors[-1].role is None:
                    contributors[-1] = Contributor(token, contributors[-1].name)
                else:
                    role = token
            else:
                contributors.append(Contributor(role, token))
        return tuple(contributors)
    latin = _LATIN_BY.match(stripped)
    if latin:
        names = re.split(r",\s*|\s+and\s+|\s+&\s+|\s+et\s+", stripped.split(None, 1)[1].rstrip(". "))
        return tuple(Contributor(None, name.strip()) for name in names if name.strip())
    compact = stripped.replace(" ", "")
    inner = compact.strip("".join(_OPEN + _CLOSE))
    for suffix in ("遺著", "遺作", "女士作", "著", "譯", "譔", "撰", "遺稿"):
        if inner.endswith(suffix) and len(inner) > len(suffix):
            return (Contributor(suffix, inner[: -len(suffix)]),)
    return (Contributor(None, inner),) if inner else ()


def is_role_word(text: str, fuzzy: bool = False) -> bool:
    """True when ``text`` is only a role, desk or agency (``记者``, ``Staff Writer``, ``Associated Press``).

    Args:
        text: a token or line as printed.
        fuzzy: also accept an OCR-garbled Latin role (``Staff Writ**``, ``StaN Writer``, ``Associated Piess``):
            at most about one letter in four differs.
    """
    stripped = _strip(text).strip(" ,.;:：，、()（）_-/|")
    if stripped.casefold() in _ROLE_WORD_SET:
        return True
    # several roles in a row ("Staff Writer, Associated Press"): nothing is left once they are removed
    if stripped and _LATIN_ROLE.search(stripped) and not _LATIN_ROLE.sub("", stripped).strip(" ,.;"):
        return True
    if not fuzzy:
        return False
    key = _NOT_LETTER.sub("", stripped.casefold())
    if not 5 <= len(key) <= _LONGEST_ROLE_KEY + _LONGEST_ROLE_KEY // 4 or not stripped.isascii():
        return False
    candidates = _LATIN_ROLES_BY_SHAPE.get((key[0], len(key)))
    if not candidates:
        return False  # OCR rarely garbles the first letter of a staff line; it keeps this test cheap
    from difflib import SequenceMatcher  # only for short lines that failed the exact test

    letters: Counter[str] | None = None
    pairs = {key[i : i + 2] for i in range(len(key) - 1)}
    matcher: SequenceMatcher[str] | None = None
    for role, role_letters in candidates:
        # a garbled role keeps some of its letter pairs; set arithmetic rules out most lines at once
        if 5 * len(pairs & _ROLE_PAIRS[role]) < len(role):
            continue
        letters = letters or Counter(key)
        matcher = matcher or SequenceMatcher(None, "", key)  # the second sequence is the indexed one
        # letters in common bound the ratio from above: most roles fail here without an alignment
        if 2 * sum((letters & role_letters).values()) < 0.75 * (len(role) + len(key)):
            continue
        matcher.set_seq1(role)
        if matcher.ratio() >= 0.75:
            return True
    return False


def author_names(byline: str | None) -> tuple[str, ...]:
    """The people named in a byline, role words removed: ``记者 孙庆辉 通讯员 陈璐 文/图`` → 孙庆辉, 陈璐;
    ``By Monique McCarty Staff Writer`` → Monique McCarty; ``Associated Press`` → nothing."""
    if not byline or not byline.strip():
        return ()
    stripped = _strip(re.sub(r"[_=~*]{2,}|[-—–]{3,}", " ", byline))  # OCR'd rules: "Staff Writer______"
    if not stripped:
        return ()
    if re.search(r"[A-Za-z]{2}", stripped) and not re.search(r"[\u3400-\u9fff]", stripped):
        sign_off = re.match(r"^[•·*\s]*(.+?) is ", stripped)
        text = sign_off.group(1) if sign_off else re.sub(r"^(?:by|par|von|door)\s+", "", stripped, flags=re.I)
        names = []
        for piece in re.split(r",|;|\s+and\s+|\s+&\s+|\s+et\s+|\s+und\s+", text):
            name = " ".join(_LATIN_ROLE.sub(" ", piece).split()).strip(" .")
            if name and any(ch.isalpha() for ch in name) and name not in names:
                names.append(name)
        return tuple(names)
    tokens = _credit_tokens(stripped)
    if tokens and _is_credit(tokens) or stripped[0] in _OPEN or stripped[-1] in _CLOSE + "著譯譔撰作稿":
        candidates = [contributor.name for contributor in parse_contributors(stripped)]
    else:  # names and roles between spaces or commas: 特约撰稿人 张三, 甲 乙 丙 丁
        candidates = [token for token in re.split(r"[\s,，、;；]+", stripped) if token]
    names: list[str] = []
    for candidate in candidates:
        name = _FULL_ROLE_PREFIX.sub("", candidate.strip("()（）:：")).strip("()（）:：")
        if name and not is_role_word(name) and any(ch.isalnum() for ch in name) and name not in names:
            names.append(name)
    return tuple(names)
