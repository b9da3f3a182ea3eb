"""Labels that say what a figure measures on their own: shapes of text read on invented sentences."""

from __future__ import annotations

import pytest

from briefings.figures import sentence_figures


def labels(sentence: str) -> dict[str, str]:
    return {m.raw: m.label for m in sentence_figures(sentence)}


@pytest.mark.parametrize(
    ("sentence", "raw", "words"),
    [
        # The clause after a spend says what the money goes to: 用于, 支持, 办好 …
        ("区财政安排8亿元，用于城区老旧管网改造工程。", "8亿元", "老旧管网改造工程"),
        ("市财政安排资金12亿元，办好20项民生实事。", "12亿元", "民生实事"),
        ("省财政累计投入35亿元，支持中小河流综合治理。", "35亿元", "中小河流综合治理"),
        # … or the work it paid for, in the same clause or after 的.
        ("投资2.3亿元完成了全长15公里的乡村公路改造。", "2.3亿元", "乡村公路改造"),
        ("投资600万元的2个污水处理站建设进展顺利。", "600万元", "污水处理站"),
        ("投资900万元新建城东110KV变电站一座。", "900万元", "110KV变电站"),
        # 对X进行Y: what was done, and to what.
        ("投入300万元对全区8000亩果树进行病虫害防治。", "300万元", "病虫害防治"),
    ],
)  # fmt: skip
def test_a_spend_says_what_the_money_goes_to(sentence: str, raw: str, words: str) -> None:
    label = labels(sentence)[raw]
    assert words in label
    assert "投" in label or "安排" in label or "资金" in label  # the spend itself stays


@pytest.mark.parametrize(
    ("sentence", "raw", "label"),
    [
        # A measure named before the figure needs nothing from after it.
        ("完成固定资产投资20亿元，新建项目12个。", "20亿元", "完成固定资产投资"),
        # What follows after a comma without a verb of purpose is another statement.
        ("中央财政安排18亿元，比上年增加2亿元。", "18亿元", "中央财政安排"),
    ],
)  # fmt: skip
def test_a_spend_keeps_its_label_when_nothing_says_what_it_is_for(
    sentence: str, raw: str, label: str
) -> None:
    assert labels(sentence)[raw] == label
