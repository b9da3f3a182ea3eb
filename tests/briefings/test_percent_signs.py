"""A percent sign an export printed as another token (增长8¤) is read as a percent sign before
anything reads the text; a report printing its signs, or a token standing elsewhere, is read as
printed. Short invented reports."""

from __future__ import annotations

from briefings.figures import extract_figures
from briefings.parse import parse_bytes

FILLER = "围绕中心工作，依法履行职责，持续优化服务，各项工作取得新进展，人民群众获得感不断增强。"


def _lines(sign: str) -> list[str]:
    return [
        "2031年某县政府工作报告",
        "各位代表：",
        f"现在，我代表县人民政府，向大会报告工作。{FILLER}",
        "一、2030年工作回顾",
        f"全县地区生产总值完成86亿元，比上年增长7.2{sign}；财政收入9.1亿元，同比增长11{sign}。",
        f"城镇居民人均可支配收入增长8.5{sign}，农村低保覆盖面由2{sign}提高到4{sign}。",
        "二、2031年工作安排",
        f"主要预期目标是：地区生产总值增长7{sign}以上，城镇登记失业率控制在4.5{sign}以内。",
        f"我们要重点抓好以下工作。{FILLER}",
    ]


def _figures(lines: list[str]) -> dict[str, tuple[str, str, str]]:
    report = parse_bytes("\n".join(lines).encode(), "mangled.txt")
    return {m.raw: (m.unit, m.kind, m.sentence) for m in extract_figures(report)}


def test_a_token_printed_wherever_a_percent_sign_stands_is_read_as_the_sign() -> None:
    figures = _figures(_lines("¤"))
    assert figures["7.2%"][:2] == ("%", "result")
    assert figures["11%"][0] == "%"
    assert figures["8.5%"][0] == "%"
    assert figures["7%以上"][:2] == ("%", "target")
    assert figures["4.5%"][:2] == ("%", "target")
    # after any number, not only where a percentage is expected: the sign is the sign
    assert "由2%提高到4%" in figures["4%"][2]
    assert not any("¤" in sentence for _, _, sentence in figures.values())


def test_a_mangled_sign_of_several_characters_is_read_alike() -> None:
    figures = _figures(_lines("#P#"))
    assert figures["7.2%"][0] == "%" and figures["4.5%"][:2] == ("%", "target")


def test_a_report_printing_percent_signs_keeps_its_other_tokens() -> None:
    lines = [*_lines("¤"), "全县森林覆盖率达到30%。"]
    assert "7.2%" not in _figures(lines)


def test_a_token_standing_after_counts_or_a_unit_sign_is_no_percent_sign() -> None:
    counts = [line.replace("增长", "新建").replace("率", "") for line in _lines("¤")]
    assert not any(raw.endswith("%") for raw in _figures(counts))
    permille = [line.replace("¤", "‰") for line in _lines("")]
    assert not any("%" in raw for raw in _figures(permille))
