"""What the card shows: exactly the report's key figures by section, its plan, its source."""

from __future__ import annotations

from dataclasses import replace

from bench.kits.card_sample import quoted_metric, sample_metrics, sample_report
from bench.kits.paths import SEED
from bot.library.cards import CardSubject, card_caption
from bot.present.card import MAX_FIGURES, card_layout
from bot.present.words import spoken
from briefings.model import ItemList, Metric
from briefings.promises import Promises, promises


def test_every_sample_figure_is_quoted_from_its_section() -> None:
    report = sample_report()
    for metric in sample_metrics(report):
        section = report.find(metric.section)
        assert section is not None
        assert metric.raw in metric.sentence
        assert metric.sentence in section.text


def test_card_lists_exactly_the_key_figures_in_report_order() -> None:
    report = sample_report()
    layout = card_layout(report, sample_metrics(report))
    key = [metric for metric in sample_metrics(report) if metric.key]
    assert [figure.metric_id for figure in layout.figures] == [metric.id for metric in key]
    assert [figure.label for figure in layout.figures] == [metric.label for metric in key]
    assert "政务服务事项" not in [figure.label for figure in layout.figures]


def test_figures_read_the_chinese_way() -> None:
    report = sample_report()
    shown = [figure.text.text for figure in card_layout(report, sample_metrics(report)).figures]
    assert shown == ["819项", "231万人", "2.6亿条", "370余件", "80%", "1700余支", "99.3%", "5.71万余人次"]  # fmt: skip


def test_figures_are_grouped_under_their_subsection_titles() -> None:
    report = sample_report()
    groups = card_layout(report, sample_metrics(report)).groups
    assert [group.section for group in groups] == ["1.2", "1.3", "1.4", "1.6", "1.7", "1.8"]
    for group in groups:
        assert group.title == report.find(group.section).title
    assert [figure.text.number for figure in groups[0].figures] == ["819", "231万"]


def test_more_than_nine_key_figures_keeps_the_first_nine() -> None:
    report = sample_report()
    extra = [("52个", 52, "个", "", "数据归集部门"), ("14.2万条", 142_000, "条", "", "公示行政许可和行政处罚信息"),
             ("9877条", 9877, "条", "", "公示“红黑名单”信息")]  # fmt: skip
    extras = [quoted_metric(report, 20 + n, *figure, True) for n, figure in enumerate(extra)]
    metrics = sample_metrics(report) + extras
    layout = card_layout(report, metrics)
    expected = [metric.id for metric in metrics if metric.key][:MAX_FIGURES]
    assert len(layout.figures) == MAX_FIGURES == 9
    # The ninth (m20, section 1.3) joins its section's group, after 2.6亿条.
    assert sorted(figure.metric_id for figure in layout.figures) == sorted(expected)
    assert [figure.metric_id for figure in layout.groups[1].figures] == ["m4", "m20"]
    assert "公示“红黑名单”信息" not in [figure.label for figure in layout.figures]


def test_figures_of_one_section_stay_together_whatever_the_order_given() -> None:
    report = sample_report()
    by_id = {metric.id: metric for metric in sample_metrics(report)}
    shuffled: list[Metric] = [by_id["m1"], by_id["m4"], by_id["m3"]]  # 1.2, 1.3, 1.2
    groups = card_layout(report, shuffled).groups
    assert [[f.metric_id for f in group.figures] for group in groups] == [["m1", "m3"], ["m4"]]


def test_plan_headings_are_the_plan_leads_under_the_plan_year() -> None:
    report = sample_report()
    layout = card_layout(report, sample_metrics(report))
    assert layout.plan_items == tuple(item.lead for item in report.plan.items)
    assert len(layout.plan_items) == 7
    assert layout.plan_heading == "2021年工作思路"


def test_plan_heading_names_the_year_when_the_part_title_does_not() -> None:
    report = sample_report()
    plan = replace(report.plan, section=None)
    assert card_layout(replace(report, plan=plan), sample_metrics(report)).plan_heading == (
        "2021年工作计划"
    )


def test_title_byline_and_footer_name_the_source() -> None:
    report = sample_report()
    layout = card_layout(report, sample_metrics(report))
    assert layout.title == "关于南昌市2020年度法治政府建设工作的报告"
    assert layout.byline == "东湖区人民政府 · 2021年2月28日"
    for part in (layout.title, "东湖区人民政府", SEED.name):
        assert part in layout.footer


def test_report_without_figures_or_plan_keeps_its_title() -> None:
    report = replace(sample_report(), plan=ItemList(None, ()))
    layout = card_layout(report, [])
    assert (layout.groups, layout.figures, layout.plan_items) == ((), (), ())
    assert layout.title == report.meta.title


def _linchuan_promises() -> Promises:
    from tests.kits.promises import RESULTS, TARGETS, _briefed

    return promises(_briefed(TARGETS, "a.txt"), _briefed(RESULTS, "b.txt"))


def test_the_card_shows_a_promises_panel_when_the_report_has_a_pair_in_both_languages() -> None:
    report = sample_report()
    found = _linchuan_promises()
    panel = card_layout(report, sample_metrics(report), found).promises
    assert panel is not None
    assert panel.heading == "2024年主要目标完成情况"
    assert "2025年报告" in panel.note and "未提及不等于未完成" in panel.note
    assert panel.cells == (
        (1, "达成", "met"),
        (2, "未达成", "missed"),
        (1, "未提及", "not_reported"),
        (2, "难以判断", "unclear"),
    )
    english = card_layout(report, sample_metrics(report), found, spoken("en")).promises
    assert english is not None and english.heading == "2024 main targets"
    assert [label for _, label, _ in english.cells] == [
        "met",
        "missed",
        "not mentioned",
        "unclear",
    ]
    assert card_layout(report, sample_metrics(report)).promises is None


def test_the_cards_caption_says_the_promises_score_in_the_chats_language() -> None:
    report = sample_report()
    found = _linchuan_promises()
    chinese = card_caption(CardSubject(report, (), found))
    assert chinese.endswith("\n2024年主要目标：达成 1 项，未达成 2 项，未提及 1 项")
    english = card_caption(CardSubject(report, (), found, spoken("en")), spoken("en"))
    assert english.endswith("\n2024 main targets: 1 met, 2 missed, 1 not mentioned")
    assert "主要目标" not in card_caption(CardSubject(report, ()))
    # drawn in the chat's language: one card per language
    assert CardSubject(report, (), found).key != CardSubject(report, (), found, spoken("en")).key
