"""Documents a government site publishes, made in the test: report texts, article pages with
web chrome like the first report's, a .docx (python-docx) and a PDF with or without text."""

from __future__ import annotations

import io
from html import escape

_SECTIONS = (
    ("一、主要举措和成效", [
        "(一)坚持高位谋划,强化{topic}保障",
        "一是强化组织领导。{place}调整{topic}领导小组,由主要负责人任组长,统筹推进各项工作。",
        "二是强化督察考核。将{topic}纳入{place}综合考核,全年开展专项督察{n}次,整改问题{m}个。",
        "(二)坚持深化改革,推动政府职能转变",
        "一是深化政务服务改革。{place}接入政务服务事项{m}项,办理时限平均压缩{n}%。",
    ]),
    ("二、存在的问题", [
        "一是{topic}工作发展还不平衡,基层力量相对薄弱。",
        "二是行政执法规范化水平有待进一步提高,执法人员素质参差不齐。",
    ]),
    ("三、下一步工作安排", [
        "一是抓好{topic}规划贯彻落实,统筹推进{place}各项工作。",
        "二是坚持严格规范公正文明执法,开展执法人员法律知识培训{n}期。",
    ]),
)  # fmt: skip


def report_lines(place: str, year: int, topic: str = "法治政府建设", note: str = "") -> list[str]:
    """A short report of the genre: title, addressee, numbered sections, signature date."""
    lines = [f"关于{place}{year}年度{topic}工作的报告", "省政府:"]
    lines.append(f"{year}年,{place}坚持依法行政,{topic}取得积极成效。{note}")
    values = {"place": place, "topic": topic, "n": year % 100, "m": year % 1000 + 11}
    for heading, paragraphs in _SECTIONS:
        lines.append(heading)
        lines += [paragraph.format(**values) for paragraph in paragraphs]
    return [*lines, f"{year + 1}年2月20日"]


def article_page(
    lines: list[str], attachments: tuple[tuple[str, str], ...] = (), charset: str = "utf-8"
) -> str:
    """An article page with the chrome of the first report's site around the report text."""
    title, *rest = lines
    body = "\n".join(f"<p>{escape(line)}</p>" for line in rest)
    links = "".join(f'<p><a href="{href}">{escape(text)}</a></p>' for href, text in attachments)
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}"><title>{escape(title)}</title>
<script>var x = "<p>脚本</p>";</script></head><body>
<nav><a href="/">首页</a> &gt; <a href="/list/">政务公开</a></nav>
<ul><li>• 微信</li><li>• 微博</li><li>• 繁体字</li></ul>
<div>索引号: i618267--2022-0003 主题分类:</div>
<div>发布机构: 东湖区人民政府 生成日期: 2021-02-28 11:31</div>
<div>分享到:</div><h1>{escape(title)}</h1><div>• 浏览量: 1024</div><div>• 【字体: 大 中 小】</div>
<div class="content">{body}</div>
<div>(此件主动公开)</div>{"<div>附件:</div>" + links if links else ""}
<div>手机扫码浏览</div><div>关于我们 | 网站地图</div>
<div>主办:东湖区人民政府办公室 承办:东湖区政务服务数据管理局</div>
<div>赣ICP备05005744号-2 网站标识码:3601020001</div></body></html>"""


def make_docx(lines: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "附表", "无"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _wrap(lines: list[str], width: int) -> list[str]:
    return [line[i : i + width] for line in lines for i in range(0, len(line), width)]


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF file of `objects` (object n is objects[n-1]) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def make_pdf(lines: list[str], text_layer: bool = True, width: int = 30) -> bytes:
    """One page; the text wrapped at `width` characters like a printed page, each character a
    CID whose Unicode value the ToUnicode map gives (what a text extractor reads)."""
    if not text_layer:  # a scan: the page only paints a rectangle
        content = b"0 0 0 rg 50 50 400 600 re f"
        return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                     b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                     b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                     _stream(content)])  # fmt: skip
    wrapped = _wrap(lines, width)
    chars = sorted(set("".join(wrapped)))
    cid = {ch: index + 1 for index, ch in enumerate(chars)}
    shows = b" T*\n".join(
        b"<" + "".join(f"{cid[ch]:04X}" for ch in line).encode() + b"> Tj" for line in wrapped
    )
    content = b"BT /F1 12 Tf 14 TL 40 800 Td\n" + shows + b"\nET"
    pairs = [f"<{cid[ch]:04X}> <{ord(ch):04X}>" for ch in chars]
    blocks = "".join(
        f"{len(pairs[i : i + 100])} beginbfchar\n" + "\n".join(pairs[i : i + 100]) + "\nendbfchar\n"
        for i in range(0, len(pairs), 100)
    )
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            f"{blocks}endcmap CMapName currentdict /CMap defineresource pop end end")  # fmt: skip
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /STSong-Light /DW 1000 "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        _stream(cmap.encode()),
    ])  # fmt: skip
