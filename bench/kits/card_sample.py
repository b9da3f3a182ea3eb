"""The first report with synthetic key figures, each quoted from the sentence that prints it.

The card tests hand these to the card by hand, so a change to the figure rules cannot move them.
"""

from __future__ import annotations

from bench.kits.paths import SEED
from bot.present.card import FontNotFoundError, find_font
from briefings.model import Metric, Report
from briefings.parse import parse_file
from briefings.text import sentences

# (raw as printed, value, unit, qualifier, label, key)
FIGURES = (
    ("819项", 819, "项", "", "“赣服通”全市接入事项", True),
    ("578项", 578, "项", "", "政务服务事项", False),
    ("231万人", 2_310_000, "人", "", "“赣服通”累计注册用户", True),
    ("2.6亿条", 260_000_000, "条", "", "归集信用数据", True),
    ("370余件", 370, "件", "approx", "全年审查报送的各类文件、协议、重大决策等", True),
    ("80%", 80, "%", "", "全市行政机关负责人出庭应诉率", True),
    ("1700余支", 1700, "支", "approx", "矛盾纠纷排查信息员队伍", True),
    ("99.3%", 99.3, "%", "", "调解成功率", True),
    ("5.71万余人次", 57_100, "人次", "approx", "全市公共法律服务机构提供法律服务", True),
)


def quoted_metric(report: Report, n: int, raw: str, value: float, unit: str, qualifier: str,
                  label: str, key: bool) -> Metric:  # fmt: skip
    """A Metric for `raw`, traced to the first section and sentence of the report printing it."""
    for section in report.walk():
        sentence = next((text for text in sentences(section.text) if raw in text), None)
        if sentence:
            return Metric(f"m{n}", section.id, raw, value, unit, qualifier, label, sentence, key)
    raise AssertionError(f"{raw} is not printed in {report.source}")


def sample_report() -> Report:
    return parse_file(SEED)


def sample_metrics(report: Report) -> list[Metric]:
    """The sample figures of `report` (the first report)."""
    return [quoted_metric(report, n, *figure) for n, figure in enumerate(FIGURES, start=1)]


def sample_card() -> tuple[Report, list[Metric]]:
    """What a card is drawn from: the first report and its sample figures."""
    report = sample_report()
    return report, sample_metrics(report)


def has_cjk_font() -> bool:
    """Whether a card can be drawn here (a CJK font is installed)."""
    try:
        find_font()
    except FontNotFoundError:
        return False
    return True
