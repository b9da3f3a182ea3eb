"""How much work a parse does: the page split, the rejoining of part titles and the outline
read the same lines, and a page of 150,000 lines paid for each reading."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from briefings import outline
from briefings.outline import Classifier, classify
from briefings.parse import parse_bytes

FILLER = "围绕中心工作，依法履行职责，持续优化服务，各项工作取得新进展，人民群众获得感不断增强。"
REPORT = "\n".join([
    "关于某县2023年度法治政府建设情况的报告", "市政府：", FILLER,
    "一、2023年工作回顾", f"（一）强化组织领导。{FILLER}", f"（二）完善制度体系：一是立规矩；二是建机制。{FILLER}",
    "二、2024年目标任务和", "重点工作", f"1.深化改革。{FILLER}", f"2.优化服务。{FILLER}",
    "结束语", FILLER, "2024年1月10日",
])  # fmt: skip


class _Counting:
    """A numbering pattern that counts the lines matched against it: every classification
    tries the first style first."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.seen = pattern, Counter[str]()

    def match(self, folded: str) -> re.Match[str] | None:
        self.seen[folded] += 1
        return self.pattern.match(folded)


def test_a_parse_classifies_each_line_once(monkeypatch: pytest.MonkeyPatch) -> None:
    (first, pattern), *others = outline.STYLES
    counting = _Counting(pattern)
    monkeypatch.setattr(outline, "STYLES", ((first, counting), *others))
    report = parse_bytes(REPORT.encode(), "work.txt")
    assert [s.title for s in report.sections] == [
        "2023年工作回顾",
        "2024年目标任务和重点工作",
        "结束语",
    ]
    assert [s.title for s in report.sections[0].children[1].children] == ["立规矩", "建机制"]
    assert counting.seen["(一)强化组织领导。" + FILLER.replace("，", ",")] == 1
    assert max(counting.seen.values()) == 1, counting.seen.most_common(3)


@pytest.mark.parametrize(
    "text", ["一、总体要求", "2024年工作安排", "结束语", "二是建机制", FILLER, "第一部分", ""]
)
@pytest.mark.parametrize("bare_headings", [False, True])
def test_a_remembered_classification_is_the_classification(text: str, bare_headings: bool) -> None:
    classified = Classifier()
    first = classified(text, not bare_headings)  # the other reading first, as a parse may
    assert classified(text, bare_headings) == classify(text, bare_headings)
    assert first == classify(text, not bare_headings)
