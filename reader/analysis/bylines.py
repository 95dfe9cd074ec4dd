"""Bylines: recognise a printed byline and split it into contributors.

Three shapes are recognised: a modern Chinese credit line (``记者 孙庆辉 通讯员 陈璐 文/图``), a pen name in
full-width brackets or a name line ending in 著/譯/撰 (``（丹翁）``, ``李涵秋著``) and a Latin ``By NAME``.
Instalment numbers (``（十）``), agency datelines (``（重慶廿二日美聯電）``) and notes (``（見…）``) are not
bylines.
"""

from __future__ import annotations

import re

from reader.model import Contributor

__all__ = [
    "CHINESE_ROLES",
    "ROLE_WORDS",
    "author_names",
    "is_role_word",
    "is_byline_line",
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
_LATIN_ROLE = re.compile(
    r"(?:\b(?:" + "|".join(re.escape(w) for w in sorted(ROLE_WORDS, key=len, reverse=True) if w.isascii()) + r")\b"
    r"|\b(?:mustang\s+)?daily\s+(?:staff\s+)?(?:writer|reporter|editor)\b)",
    re.IGNORECASE,
)
_ROLE_WORD_SET = frozenset(word.casefold() for word in ROLE_WORDS)
_FULL_ROLE_PREFIX = re.compile(
    "^(?:"
    + "|".join(re.escape(w) for w in sorted(ROLE_WORDS, key=len, reverse=True) if not w.isascii() and len(w) > 1)
    + ")+[:：]?"
)
_CREDIT_SUFFIXES = frozenset({"文/图", "文／图", "文/圖", "文／圖", "图/文", "圖/文", "摄", "攝", "图", "圖", "文"})
_HAN_NAME = re.compile(r"[\u3400-\u9fff\ue000-\uf8ff]{2,4}")
#: The longest token of a credit line: the longest role with a four-character name run on.
_MAX_TOKEN = max(len(role) for role in CHINESE_ROLES) + 4
_ROLE_PREFIX = re.compile("^(" + "|".join(re.escape(role) for role in CHINESE_ROLES if len(role) > 1) + ")(.+)$")

_OPEN, _CLOSE = "（(", "）)"
_NUMERAL = re.compile(r"^[一二三四五六七八九十百千〇○零廿卅0-9０-９上中下續续完未之]+$")
_NOT_PEN_NAME = re.compile(r"[電电訊讯社見见名譯按註注附答案昨日題题圖图攝摄照影寄稿]|[，。、；：？！0-9]")
_PEN_SUFFIX = re.compile(r"^[^\s，。、；：]{1,10}?(?:遺著|遺作|女士作|著|譯|譔|撰|遺稿)$")
_PEN_SUFFIX_ENDS = frozenset("著作譯譔撰稿")
_LATIN_BY = re.compile(r"^(?:by|par|von|door)\s+\S", re.IGNORECASE)
_STAFF = re.compile(
    r"^(?:(?:mustang\s+)?(?:daily\s+)?(?:staff|special|contributing|editorial|sports|news|assistant)\b.{0,30}"
    r"(?:writer|editor|reporter|correspondent|photographer|to the daily)|"
    r"(?:staff|special|assistant)\s+\w+)\.?$",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,3} is an? [\w ,-]{0,40}(?:senior|junior|major|student|writer|editor)",
    re.IGNORECASE,
)


def _strip(text: str) -> str:
    return " ".join(text.split())  # str.split() also splits at the ideographic space U+3000


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
        elif match and _HAN_NAME.fullmatch(match.group(2)):
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
    return bool(_PEN_SUFFIX.match("".join(text.split())))


def is_staff_line(text: str) -> bool:
    """The staff line under a Latin byline (``Staff Writer``, ``Special to the Daily``)."""
    return bool(_STAFF.match(_strip(text)))


def is_signature_line(text: str) -> bool:
    """A credit line that may close a text block without a blank line before it (``记者 孙庆辉``, ``By X``)."""
    if not _CREDIT_SHAPE.fullmatch(text) and not _LATIN_BY.match(text.lstrip()):
        return False  # neither shape, whatever the spacing
    stripped = _strip(text)
    return len(stripped) <= 60 and (
        _is_credit_line(stripped) or (bool(_LATIN_BY.match(stripped)) and len(stripped.split()) <= 6)
    )


def is_byline_line(text: str) -> bool:
    """Return True when ``text`` on its own line is a byline as printed."""
    stripped = _strip(text)
    if not stripped or len(stripped) > 60:
        return False
    if _is_credit_line(stripped):
        return True
    # the other shapes need a bracket at an end, a 著/譯… ending, or a Latin opening; test those first
    if (stripped[0] in _OPEN or stripped[-1] in _CLOSE) and _is_pen_name(stripped):
        return True
    if stripped[-1] in _PEN_SUFFIX_ENDS and is_name_only_line(stripped):
        return True
    if ord(stripped[0]) >= 0x2E80:
        return False  # an ideograph or CJK punctuation: neither "By X" nor a Latin sign-off
    if (
        _LATIN_BY.match(stripped)
        and len(stripped.split()) <= 8
        and not stripped.endswith((".", ":"))
        or (_LATIN_BY.match(stripped) and len(stripped.split()) <= 5)
    ):
        return True
    return bool(_SIGN_OFF.match(stripped)) and len(stripped) < 200


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


def is_role_word(text: str) -> bool:
    """True when ``text`` is only a role, desk or agency (``记者``, ``Staff Writer``, ``Associated Press``)."""
    stripped = _strip(text).strip(" ,.;:：，、()（）")
    return stripped.casefold() in _ROLE_WORD_SET or bool(stripped) and not _LATIN_ROLE.sub("", stripped).strip(" ,.;")


def author_names(byline: str | None) -> tuple[str, ...]:
    """The people named in a byline, role words removed: ``记者 孙庆辉 通讯员 陈璐 文/图`` → 孙庆辉, 陈璐;
    ``By Monique McCarty Staff Writer`` → Monique McCarty; ``Associated Press`` → nothing."""
    if not byline or not byline.strip():
        return ()
    stripped = _strip(byline)
    if re.search(r"[A-Za-z]{2}", stripped) and not re.search(r"[\u3400-\u9fff]", stripped):
        sign_off = re.match(r"^(.+?) is an? ", stripped)
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
