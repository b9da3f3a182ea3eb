"""The card as a PNG: valid, 1080 px wide, byte-for-byte repeatable, with a clear font error."""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from bench.kits.card_sample import sample_card, sample_report
from bench.kits.paths import corpus_files
from bot.present.card import FontNotFoundError, find_font
from bot.present.card import fonts as card_fonts
from bot.present.card.draw import draw_card, render_card
from bot.present.card.fonts import load_font
from bot.present.card.layout import card_layout
from bot.present.card.wrap import title_wrap, wrap
from bot.present.words import spoken
from briefings.errors import ReportError
from briefings.model import ItemList
from briefings.parse import parse_file
from briefings.promises import promises

CORPUS = corpus_files()


def _installed_font() -> str | None:
    try:
        return find_font()
    except FontNotFoundError:
        return None


FONT = _installed_font()
needs_font = pytest.mark.skipif(FONT is None, reason="no CJK font installed (fonts-wqy-microhei)")


def _image(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


@needs_font
def test_card_is_a_1080_wide_png() -> None:
    image = _image(render_card(*sample_card()))
    assert image.format == "PNG"
    assert image.width == 1080
    assert image.height > 1080


@needs_font
def test_rendering_twice_gives_the_same_bytes() -> None:
    assert render_card(*sample_card()) == render_card(*sample_card())


@needs_font
def test_card_without_figures_or_plan_still_renders_shorter() -> None:
    report, metrics = sample_card()
    full = _image(render_card(report, metrics))
    no_figures = _image(render_card(report, []))
    bare = _image(render_card(replace(report, plan=ItemList(None, ())), []))
    assert full.width == no_figures.width == bare.width == 1080
    assert full.height > no_figures.height > bare.height


@needs_font
def test_a_card_with_a_promises_panel_is_taller_and_repeatable() -> None:
    from tests.kits.promises import RESULTS, TARGETS, _briefed

    found = promises(_briefed(TARGETS, "a.txt"), _briefed(RESULTS, "b.txt"))
    report, metrics = sample_card()
    plain = _image(render_card(report, metrics))
    panel = render_card(report, metrics, promises=found)
    assert _image(panel).height > plain.height
    assert panel == render_card(report, metrics, promises=found)
    assert panel != render_card(report, metrics, promises=found, words=spoken("en"))


@needs_font
def test_the_accent_colour_heads_the_card() -> None:
    image = _image(render_card(*sample_card())).convert("RGB")
    assert image.getpixel((5, 5)) == (0xB3, 0x26, 0x1E)


def test_missing_font_path_names_the_package_to_install() -> None:
    with pytest.raises(FontNotFoundError) as raised:
        render_card(*sample_card(), font_path="/nonexistent/NotoSansCJK-Regular.ttc")
    assert isinstance(raised.value, ReportError)
    assert "/nonexistent/NotoSansCJK-Regular.ttc" in str(raised.value)
    assert "fonts-noto-cjk" in str(raised.value)


def test_no_installed_cjk_font_names_both_packages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(card_fonts, "_CANDIDATES", ())
    monkeypatch.setattr(card_fonts, "_fontconfig_fonts", tuple)
    with pytest.raises(FontNotFoundError, match="fonts-noto-cjk or fonts-wqy-microhei"):
        render_card(*sample_card())


@pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig not installed")
@needs_font
def test_fontconfig_finds_a_font_that_draws_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(card_fonts, "_CANDIDATES", ())
    card_fonts._fontconfig_fonts.cache_clear()
    found = find_font()
    # fc-match :lang=zh would offer DejaVuSans here, which draws 中 as an empty box.
    assert "DejaVu" not in found
    assert load_font(found, 40).getbbox("中")[2] > 20


def test_a_file_that_is_not_a_font_gives_the_typed_error(tmp_path) -> None:
    fake = tmp_path / "fake.ttc"
    fake.write_bytes(b"not a font")
    with pytest.raises(FontNotFoundError, match="fonts-wqy-microhei"):
        draw_card(card_layout(*sample_card()), str(fake))


@needs_font
def test_wrapped_lines_fit_and_keep_every_character() -> None:
    font = load_font(FONT, 30)
    lead = sample_report().plan.items[5].lead
    lines = wrap(lead, font, 400)
    assert len(lines) > 2
    assert "".join(lines) == lead
    assert all(font.getlength(line.rstrip(",，、。")) <= 400 for line in lines)
    assert not any(line[0] in ",，、。”）》" for line in lines)


@needs_font
def test_titles_break_after_a_clause_when_they_can() -> None:
    font = load_font(FONT, 24)
    title = "坚持依法履职,持续优化法治化营商环境"
    assert title_wrap(title, font, 392) == ["坚持依法履职,", "持续优化法治化营商环境"]


@needs_font
@pytest.mark.skipif(not CORPUS, reason="corpus of 政府工作报告 not present")
@pytest.mark.parametrize("path", CORPUS, ids=lambda path: path.stem)
def test_every_corpus_report_gets_a_card_of_its_plan(path: Path) -> None:
    report = parse_file(path)
    layout = card_layout(report, [])
    assert layout.plan_items == tuple(item.lead for item in report.plan.items)
    assert str(report.plan.year) in layout.plan_heading
    assert _image(render_card(report, [])).width == 1080
