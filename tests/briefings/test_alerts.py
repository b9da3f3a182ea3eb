"""Topic alerts: followed words normalised, sentences matched with every term (or a synonym)
(briefings/alerts.py), quoted as printed with their section, bounded (bot/present/alerts.py)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from bench.kits.paths import SEED
from bot.present.alerts import render as render_alert
from bot.present.words import CHINESE
from briefings import alerts
from briefings.model import ItemList, Meta, Report, Section
from briefings.parse import parse_file


@pytest.fixture(scope="module")
def seed() -> Report:
    return parse_file(SEED)


def _tiny(*texts: str, title: str = "测试报告") -> Report:
    sections = [Section(str(n), f"{n}、", f"第{n}部分", text, "cn")
                for n, text in enumerate(texts, start=1)]  # fmt: skip
    return Report("t.txt", "d", Meta(title=title), "", sections, ItemList(None, ()),
                  ItemList(None, ()))  # fmt: skip


def _plain(html: str) -> str:
    return unescape(re.sub(r"</?b>", "", html))


def test_words_typed_differently_are_one_follow():
    assert alerts.terms("营商环境 信用") == alerts.terms("信用，营商环境") == ("信用", "营商环境")
    assert alerts.terms("ＧＤＰ") == alerts.terms("gdp") == ("gdp",)  # full width, case
    assert alerts.terms("<法治> & 营商环境") == ("法治", "营商环境")  # markup is no word


@pytest.mark.parametrize(
    ("words", "says"),
    [
        ("", "请在 /follow 后写上"),
        ("，。", "请在 /follow 后写上"),
        ("甲乙 丙丁 戊己 庚辛 壬癸", "最多 4 个"),
        ("营商环境" * 11, "最多 40 个字"),
        ("营商环境 水", "“水”太短了"),
    ],
)
def test_unusable_words_say_why(words: str, says: str):
    with pytest.raises(alerts.WordsError) as refused:
        alerts.terms(words)
    assert says in refused.value.say(CHINESE)


def test_a_sentence_matches_when_it_holds_every_term_as_printed_or_a_synonym():
    report = _tiny("地区生产总值增长5%。营商环境持续优化。", "营商环境和信用体系建设并进。")
    follows = {"gdp": ("gdp",), "信用 营商环境": ("信用", "营商环境"), "低空经济": ("低空经济",)}
    found = alerts.match_report(report, follows)
    assert set(found) == {"gdp", "信用 营商环境"}
    assert [m.sentence for m in found["gdp"].matches] == ["地区生产总值增长5%。"]
    [both] = found["信用 营商环境"].matches
    assert (both.section_id, both.section_title, both.sentence) == (
        "2", "第2部分", "营商环境和信用体系建设并进。",
    )  # fmt: skip


def test_seed_sentences_are_quoted_verbatim_with_their_section(seed: Report):
    found = alerts.match_report(seed, {"营商环境": ("营商环境",)})["营商环境"]
    assert found.total == 5
    body = seed.body_text()
    assert all(match.sentence in body for match in found.matches)
    # An item whose title is its own sentence is named by the heading above it.
    first = found.matches[0]
    assert (first.section_id, first.sentence) == ("1.3", "扎实开展营商环境专项行动。")
    text = render_alert(seed, "营商环境", ("营商环境",), found)
    assert text.startswith("🔔 关注“营商环境”：新报告<b>《关于南昌市2020年度法治政府建设")
    assert "扎实开展<b>营商环境</b>专项行动。" in text
    assert "<b>1.4.2 坚持常态化清理机制</b>" in text


def test_an_alert_is_bounded_and_counts_the_rest():
    report = _tiny("".join(f"第{n}项营商环境措施落实。" for n in range(40)))
    found = alerts.match_report(report, {"营商环境": ("营商环境",)})["营商环境"]
    assert (len(found.matches), found.total) == (alerts.MAX_SENTENCES, 40)
    text = render_alert(report, "营商环境", ("营商环境",), found, updated=True)
    assert "已更正重发" in text
    assert "另有 35 句提到" in _plain(text)
    assert len(text) < 4096


def test_words_and_sentences_are_escaped():
    report = _tiny("A<B>营商环境&更多。", title="<标题>")
    found = alerts.match_report(report, {"营商环境": ("营商环境",)})["营商环境"]
    text = render_alert(report, "<i>营商环境</i>", ("营商环境",), found)
    assert "“&lt;i&gt;营商环境&lt;/i&gt;”" in text and "《&lt;标题&gt;》" in text
    assert "A&lt;B&gt;<b>营商环境</b>&amp;更多。" in text
