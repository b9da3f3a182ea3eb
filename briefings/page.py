"""Separating a scraped page into its metadata, its body and the web chrome around them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from .model import Meta
from .outline import Classifier, first_part
from .text import cn_number, fold

META_KEYS = (
    "索引号", "主题分类", "发布机构", "生成日期", "发布日期", "成文日期", "文件编号", "发文字号",
    "有效性", "公开范围", "公开方式", "来源", "信息来源", "发布时间", "更新时间", "作者", "日期",
    "原文链接", "抓取时间",  # the provenance header a fetched report's file starts with
)  # fmt: skip
_META_RE = re.compile(r"(" + "|".join(META_KEYS) + r")\s*:\s*")
_CHROME_RE = re.compile(
    r"^(?:[•·●▪■◆]|分享到|浏览量|浏览次数|【?字体|【打印|打印本页|关闭窗口|\[?关闭\]?$|微信$|微博$|繁体字?$"
    r"|手机扫码|扫一扫|关于我们|网站地图|联系我们|主办\s*:|承办\s*:|版权所有|.*ICP备|网站标识码|.*公网安备"
    r"|技术支持|\(此件[^)]*公开\)$|Baidu$|map$|当前位置|首页\s*>|字号)",
    re.IGNORECASE,
)
# Where the report ends: an attachment, a glossary (a 名词解释 heading or its first "[1]…：指…"
# entry), a licence note or the site footer. Nothing after it is the report's text, but for a
# glossary printed between two parts: the report resumes at the part numbered next.
# However it is numbered (四、名词解释, 附件1:名词解释) or worded (政府工作报告名词、术语注释,
# 《政府工作报告》有关内容名词注释), and the page's own end: 相关报道, 责任编辑.
_CLOSING_ORDINAL = r"(?:[一二三四五六七八九十]+\s*[、.]|\(\s*[一二三四五六七八九十\d]+\s*\)|\d{1,2}\s*[、.]|第[一二三四五六七八九十]+部分)?\s*"
# A glossary's heading: where it sits between two parts, the report goes on after it.
_GLOSSARY = (
    _CLOSING_ORDINAL + r"(?:附\s*:?\s*)?[※*◆■\s]*(?:名词解释|名词注释|注释|注解)[※*◆■\s]*:?$"
    r"|"
    + _CLOSING_ORDINAL
    + r"[^。!?]{0,24}(?:名词|术语)[^。!?]{0,8}(?:解释|注释|释义|说明)[^。!?]{0,12}$"
)
_GLOSSARY_RE = re.compile(r"^(?:附\s*[\d一二三四五六七八九十]*\s*:\s*)?(?:" + _GLOSSARY + r")")
_FOOTER_RE = re.compile(
    r"^(?:(?:附件|附表|附录)\s*[\d一二三四五六七八九十]*\s*(?::.*)?$|附:?$"
    r"|"
    + _GLOSSARY
    + r"|[(\[【]?\s*(?:相关(?:报道|链接|新闻|阅读|文章)|延伸阅读)\s*(?::|$|[)\]】])"
    r"|[(\[【]?\s*(?:责任编辑|责编|编辑|审核|校对|监制)\s*:"
    r"|[\[【〔]\s*\d{1,3}\s*[\]】〕]\s*\S[^。]{0,40}:"
    r"|注\s*:.*(?:维基|Wiki|公有领域|版权)|Public domain$|本作品|手机扫码|关于我们|网站地图|联系我们"
    r"|主办\s*:|版权所有|\(此件[^)]*公开\)$)",
    re.IGNORECASE,
)
# Page fields that date a page, most specific first.
_DATE_KEYS = ("生成日期", "发布日期", "发布时间", "更新时间", "成文日期", "日期")
_ADDRESSEE_RE = re.compile(r"^[\u4e00-\u9fff、,]{2,30}:$")
# A line ending in a colon that announces what follows (现将有关情况报告如下:) addresses nobody.
_NOT_ADDRESSEE_RE = re.compile(r"如下|报告|汇报|情况|总结|主要|具体|是:$")
_DATE_RE = re.compile(r"([0-9〇○零一二三四五六七八九]{4})\s*年\s*([0-9一二三四五六七八九十]{1,3})\s*月"
                      r"\s*([0-9一二三四五六七八九十]{1,3})\s*日")  # fmt: skip
_DATE_LINE_RE = re.compile(r"^[(（]?\s*" + _DATE_RE.pattern + r"\s*[)）]?$")
# The delivery line of a speech: ——2025年1月14日在…人民代表大会…会议上, or (2008年3月27日).
_DELIVERY_RE = re.compile(r"^(?:[-—―]+|[(（]|来源)|在.{2,40}会议上")
_ISO_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
_ISSUER_RE = re.compile(r"代表((?:[^,。\s]{2,20}?)人民政府|国务院)")
_TITLE_PLACE_RE = re.compile(
    r"^(?:\d{4}\s*年)?(.{1,12}?[省市区县州旗])(?:\d{4}\s*年)?(?:人民)?政府工作报告"
)
_SOURCE_ORG_RE = re.compile(r"^([\u4e00-\u9fff]{2,20}?(?:人民政府|国务院|办公厅|办公室))")
_SENTENCE_END_RE = re.compile(r"[。！？]$")
_ORG_LINE_RE = re.compile(r"^[\u4e00-\u9fff]{2,30}(?:人民政府|委员会|办公室|办公厅|局|厅)$")


@dataclass(frozen=True)
class Page:
    meta: Meta
    body: tuple[str, ...]


def is_chrome(line: str) -> bool:
    folded = fold(line)
    return bool(_CHROME_RE.match(folded)) or bool(_META_RE.match(folded))


def read_meta_fields(lines: tuple[str, ...]) -> dict[str, str]:
    """Every `key: value` of the metadata block; one line may hold several keys."""
    fields: dict[str, str] = {}
    for line in lines:
        folded = fold(line)
        matches = list(_META_RE.finditer(folded))
        for match, following in zip(matches, [*matches[1:], None], strict=False):
            end = following.start() if following else len(line)
            value = line[match.end() : end].strip()
            if value and match.group(1) not in fields:
                fields[match.group(1)] = value
    return fields


def _to_int(part: str) -> int | None:
    if part.isdigit():
        return int(part)
    if len(part) == 4:  # a year written digit by digit: 二〇二一
        part = part.replace("零", "〇").replace("○", "〇")
        digits = "".join(str("〇一二三四五六七八九".find(ch)) for ch in part)
        return int(digits) if "-" not in digits else None
    return cn_number(part)


def _make_date(year: int | None, month: int | None, day: int | None) -> date | None:
    try:
        return date(year, month, day) if year and month and day else None
    except ValueError:
        return None


def parse_date(text: str | None) -> date | None:
    if not text:
        return None
    match = _ISO_DATE_RE.search(fold(text))
    return _make_date(*(int(g) for g in match.groups())) if match else None


def _parse_datetime(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def date_line(line: str) -> date | None:
    """The date of a line that is nothing but a date (the signature date closing a report)."""
    match = _DATE_LINE_RE.match(fold(line).replace(" ", ""))
    return _make_date(*(_to_int(g) for g in match.groups())) if match else None


def delivery_date(head: tuple[str, ...]) -> date | None:
    """The date a speech was delivered, printed under its title (——2025年1月14日在…会议上)."""
    for line in head:
        folded = fold(line).replace(" ", "")
        match = _DATE_RE.search(folded)
        if match and (_DELIVERY_RE.search(folded) or date_line(line)):
            return _make_date(*(_to_int(g) for g in match.groups()))
    return None


def _first_heading(lines: tuple[str, ...], classified: Classifier) -> int | None:
    bare = first_part(lines, classified) is None
    top_styles = {"part", "cn", "bare"}
    styles = [classified(line, bare).style for line in lines]
    wanted = top_styles if top_styles & set(styles) else {s for s in styles if s}
    return next((i for i, style in enumerate(styles) if style in wanted), None)


def _addresses(line: str) -> bool:
    folded = fold(line)
    return bool(_ADDRESSEE_RE.match(folded)) and not _NOT_ADDRESSEE_RE.search(folded)


def _title(head: tuple[str, ...]) -> str:
    candidates = [
        line for line in head
        if 4 <= len(line) <= 120 and not is_chrome(line) and not _addresses(line)
        and not fold(line).startswith(("--", "——")) and not _SENTENCE_END_RE.search(line)
    ]  # fmt: skip
    reports = [line for line in candidates if "报告" in line]
    return (reports or candidates or [""])[0]


def _part_number(line: str, classified: Classifier, entry: bool = False) -> tuple[str, int] | None:
    """The style and number of a top-level part heading (三、…, 第三部分…), else None;
    `entry`: a glossary entry numbered alike, which defines its term after a colon, counts."""
    numbered = classified(line)
    if numbered.style not in {"cn", "part"} or (":" in fold(line) and not entry):
        return None
    number = cn_number(re.sub(r"[第部分、.\s]", "", fold(numbered.ordinal)))
    return (numbered.style, number) if number else None


def _glossary_end(
    lines: tuple[str, ...], start: int, at: int, classified: Classifier
) -> int | None:
    """Where the report resumes after a glossary printed between two parts: the part numbered
    next after the last one before it (or after the glossary's own number), else None; never
    once the glossary numbers its own entries in the parts' style (一、…二、…: its list)."""
    before = [n for n in (_part_number(line, classified) for line in lines[start : at + 1]) if n]
    if not before:
        return None
    style, number = before[-1]
    for index in range(at + 1, len(lines)):
        if _part_number(lines[index], classified, entry=True) == (style, 1):
            return None
        if _part_number(lines[index], classified) == (style, number + 1):
            return index
    return None


def _body_end(
    lines: tuple[str, ...], start: int, classified: Classifier
) -> tuple[int, date | None, str | None, tuple[range, ...]]:
    """Index where the body ends, the signature date and the signing body if printed, and
    the glossaries printed between parts (left out of the body)."""
    skipped: list[range] = []
    index = start
    while index < len(lines):
        folded = fold(lines[index])
        glossary = _GLOSSARY_RE.match(folded)
        resumes = _glossary_end(lines, start, index, classified) if glossary else None
        if resumes is not None:
            skipped.append(range(index, resumes))
            index = resumes
            continue
        signed = date_line(lines[index])
        if signed or _FOOTER_RE.match(folded):
            signer = (
                lines[index - 1] if index > start and _ORG_LINE_RE.match(lines[index - 1]) else None
            )
            return (index - 1 if signer else index), signed, signer, tuple(skipped)
        index += 1
    return len(lines), None, None, tuple(skipped)


def _issuer(fields: dict[str, str], signer: str | None, title: str, body: list[str]) -> str | None:
    if fields.get("发布机构"):
        return fields["发布机构"]
    if signer:
        return signer
    source = _SOURCE_ORG_RE.match(fold(fields.get("来源", "")))
    if source:
        return source.group(1)
    named = [m.group(1) for m in map(_ISSUER_RE.search, map(fold, body[:5])) if m]
    place = _TITLE_PLACE_RE.match(fold(title))
    with_place = [name for name in named if len(name) > len("自治区人民政府") or name == "国务院"]
    if with_place or not place:
        return (with_place or named or [None])[0]
    return f"{place.group(1)}人民政府"


def _year(title: str, body: list[str], delivered: date | None) -> int | None:
    """The year the title names; a speech titled without one is of the year it was given."""
    titled = _YEAR_RE.search(fold(title).replace(" ", ""))
    if titled:
        return int(titled.group(1))
    if delivered:
        return delivered.year
    match = next((m for m in map(_YEAR_RE.search, map(fold, body[:3])) if m), None)
    return int(match.group(1)) if match else None


def split_page(lines: tuple[str, ...], classified: Classifier) -> Page:
    """Metadata and body of a page; chrome above and below the body is dropped. `classified`
    is the parse's own: the outline reads the same lines again."""
    first = _first_heading(lines, classified)
    head = lines[: first if first is not None else min(len(lines), 12)]
    addressee_at = max((i for i, line in enumerate(head) if _addresses(line)), default=None)
    title = _title(head[:addressee_at] if addressee_at is not None else head)
    start = (
        addressee_at + 1 if addressee_at is not None else (head.index(title) + 1 if title else 0)
    )
    end, signed, signer, glossaries = _body_end(lines, max(start, first or 0), classified)
    body = [
        line
        for i, line in enumerate(lines[start:end], start)
        if not is_chrome(line) and not any(i in glossary for glossary in glossaries)
    ]
    fields = read_meta_fields(lines[: max(start, first or 0)])
    delivered = delivery_date(head[:addressee_at] if addressee_at is not None else head)
    meta = Meta(
        title=title,
        issuer=_issuer(fields, signer, title, body),
        published=delivered
        or parse_date(next((fields[key] for key in _DATE_KEYS if fields.get(key)), None)),
        signed=signed,
        addressee=lines[addressee_at].rstrip(":：").strip() if addressee_at is not None else None,
        index_no=fields.get("索引号"),
        year=_year(title, body, delivered),
        source_url=fields.get("原文链接"),
        fetched=_parse_datetime(fields.get("抓取时间")),
    )
    return Page(meta, tuple(body))
