"""Painting a CardLayout: measured pieces stacked top to bottom, then saved as a PNG."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from briefings.model import Metric, Report
from briefings.promises import Promises

from ..words import CHINESE, Words
from . import style as s
from .fonts import find_font, load_font
from .layout import CardFigure, CardLayout, FigureGroup, card_layout
from .numbers import FigureText
from .wrap import title_wrap, wrap

# A fixed compression level and no text chunks keep the bytes a function of the report alone.
PNG_COMPRESSION = 3  # zlib level 3: ~30 ms quicker than 6 and no larger on flat colour
BOX_PAD = 32
BOX_WIDTH = (s.CONTENT - s.GUTTER) // 2
BOX_INNER = BOX_WIDTH - 2 * BOX_PAD
BADGE = 44
BADGE_INDENT = BADGE + 22
SECTION_PAD = 64
RUN_GAP = 6

Paint = Callable[[ImageDraw.ImageDraw, int, int], None]


@dataclass(frozen=True)
class Piece:
    """A measured part of the card: its height, and how to paint it with its top-left at x, y."""

    height: int
    paint: Paint


def render_card(
    report: Report,
    metrics: Sequence[Metric],
    font_path: str | None = None,
    promises: Promises | None = None,
    words: Words = CHINESE,
) -> bytes:
    """The report's briefing card (key figures of `metrics`, its briefing's; the promises
    panel of its pair, in `words`) as PNG bytes, 1080 px wide; the same report and figures,
    the same bytes."""
    return draw_card(card_layout(report, metrics, promises, words), find_font(font_path))


def draw_card(layout: CardLayout, font_path: str) -> bytes:
    painter = _Painter(font_path)
    parts = [painter.figures(layout), painter.promises(layout), painter.plan(layout)]
    body = _inset(_stack(parts), s.MARGIN)
    card = _stack([painter.header(layout), body, _space(SECTION_PAD), painter.footer(layout)])
    image = Image.new("RGB", (s.WIDTH, card.height), s.BACKGROUND)
    card.paint(ImageDraw.Draw(image), 0, 0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=PNG_COMPRESSION)
    return buffer.getvalue()


def _stack(pieces: list[Piece], gap: int = 0) -> Piece:
    shown = [piece for piece in pieces if piece.height]

    def paint(draw: ImageDraw.ImageDraw, x: int, y: int) -> None:
        for piece in shown:
            piece.paint(draw, x, y)
            y += piece.height + gap

    return Piece(sum(piece.height for piece in shown) + gap * max(0, len(shown) - 1), paint)


def _space(height: int) -> Piece:
    return Piece(height, lambda draw, x, y: None)


def _inset(piece: Piece, left: int) -> Piece:
    return Piece(piece.height, lambda draw, x, y: piece.paint(draw, x + left, y))


def _line_height(size: int) -> int:
    return round(size * s.LEADING)


class _Painter:
    def __init__(self, font_path: str) -> None:
        self.font_path = font_path

    def font(self, size: int) -> ImageFont.FreeTypeFont:
        return load_font(self.font_path, size)

    def para(self, text: str, size: int, width: int, fill: str, bold: bool = False,
             titled: bool = True, words: bool = False) -> Piece:  # fmt: skip
        """Wrapped text; titles and labels break by clause or evenly, running text fills lines;
        with `words` (the report's title) never inside a word."""
        font, step = self.font(size), _line_height(size)
        lines = (title_wrap if titled else wrap)(text, font, width, words) if text else []

        def paint(draw: ImageDraw.ImageDraw, x: int, y: int) -> None:
            for n, line in enumerate(lines):
                draw.text((x, y + n * step + step // 2), line, font=font, fill=fill,
                          anchor="lm", stroke_width=int(bold), stroke_fill=fill)  # fmt: skip

        return Piece(step * len(lines), paint)

    def header(self, layout: CardLayout) -> Piece:
        title = self.para(layout.title, s.TITLE_SIZE, s.CONTENT, s.ON_ACCENT, bold=True, words=True)
        byline = self.para(layout.byline, s.BYLINE_SIZE, s.CONTENT, s.ON_ACCENT_MUTED)
        body = _stack(
            [
                _space(72),
                self.kicker(layout.kicker),
                _space(28),
                title,
                _space(16),
                byline,
                _space(64),
            ]
        )

        def paint(draw: ImageDraw.ImageDraw, x: int, y: int) -> None:
            draw.rectangle((0, y, s.WIDTH, y + body.height), fill=s.ACCENT)
            draw.rectangle((0, y + body.height - 10, s.WIDTH, y + body.height), fill=s.GOLD)
            body.paint(draw, s.MARGIN, y)

        return Piece(body.height, paint)

    def kicker(self, text: str) -> Piece:
        font, height = self.font(s.KICKER_SIZE), 52
        width = round(font.getlength(text)) + 44

        def paint(draw: ImageDraw.ImageDraw, x: int, y: int) -> None:
            draw.rounded_rectangle((x, y, x + width, y + height), radius=height // 2, fill=s.GOLD)
            draw.text((x + width // 2, y + height // 2), text, font=font,
                      fill=s.ACCENT_DARK, anchor="mm", stroke_width=1, stroke_fill=s.ACCENT_DARK)  # fmt: skip

        return Piece(height, paint)

    def heading(self, text: str) -> Piece:
        title = self.para(text, s.HEADING_SIZE, s.CONTENT - 28, s.INK, bold=True)
        bar = _line_height(s.HEADING_SIZE)

        def paint(draw: ImageDraw.ImageDraw, x: int, y: int) -> None:
            draw.rounded_rectangle((x, y + 10, x + 8, y + bar - 10), radius=4, fill=s.ACCENT)
            title.paint(draw, x + 28, y)

        return Piece(title.height, paint)

    def section(self, heading: str, body: Piece) -> Piece:
        if not body.height:
            return _space(0)
        return _stack([_space(SECTION_PAD), self.heading(heading), _space(32), body])

    def figures(self, layout: CardLayout) -> Piece:
        size = self.number_size(layout.figures)
        boxes = [self.group_box(group, size) for group in layout.groups]
        rows = [self.box_row(boxes[n : n + 2]) for n in range(0, len(boxes), 2)]
        return self.section(layout.figures_heading, _stack(rows, gap=s.GUTTER))

    def group_box(self, group: FigureGroup, number_size: int) -> Piece:
        title = self.para(group.title, s.GROUP_SIZE, BOX_INNER, s.ACCENT_DARK)
        figures = [self.figure(figure, number_size) for figure in group.figures]
        return _stack([title, _stack(figures, gap=28)], gap=14)

    def box_row(self, boxes: list[Piece]) -> Piece:
        height = max(box.height for box in boxes) + 2 * BOX_PAD
        # A lone last group spans the row rather than leave a hole beside it.
        width = BOX_WIDTH if len(boxes) > 1 else s.CONTENT

        def paint(draw: ImageDraw.ImageDraw, x: int, y: int) -> None:
            for n, box in enumerate(boxes):
                left = x + n * (BOX_WIDTH + s.GUTTER)
                draw.rounded_rectangle((left, y, left + width, y + height), 20, fill=s.TINT)
                box.paint(draw, left + BOX_PAD, y + BOX_PAD)

        return Piece(height, paint)

    def figure(self, figure: CardFigure, number_size: int) -> Piece:
        number = self.number_line(figure.text, number_size)
        label = self.para(figure.label, s.LABEL_SIZE, BOX_INNER, s.MUTED)
        return _stack([number, label], gap=4)

    def runs(self, text: FigureText, number_size: int) -> list[tuple[str, int, str]]:
        small = [(text.prefix, s.UNIT_SIZE, s.ACCENT), (text.number, number_size, s.ACCENT)]
        return [*small, (text.suffix + text.unit, s.UNIT_SIZE, s.MUTED)]

    def run_width(self, text: FigureText, number_size: int) -> float:
        runs = self.runs(text, number_size)
        return sum(self.font(size).getlength(run) + RUN_GAP for run, size, _ in runs if run)

    def number_size(self, figures: tuple[CardFigure, ...]) -> int:
        """One size for every number, so the figures read as peers; the largest that fits."""
        fitting = (size for size in s.NUMBER_SIZES
                   if all(self.run_width(f.text, size) <= BOX_INNER for f in figures))  # fmt: skip
        return next(fitting, s.NUMBER_SIZES[-1])

    def number_line(self, text: FigureText, number_size: int) -> Piece:
        height = round(number_size * 1.15)
        runs = self.runs(text, number_size)

        def paint(draw: ImageDraw.ImageDraw, x: int, y: int) -> None:
            baseline = y + round(number_size * 0.95)
            for run, size, fill in runs:
                font = self.font(size)
                draw.text((x, baseline), run, font=font, fill=fill, anchor="ls",
                          stroke_width=int(size == number_size), stroke_fill=fill)  # fmt: skip
                x += round(font.getlength(run)) + (RUN_GAP if run else 0)

        return Piece(height, paint)

    def promises(self, layout: CardLayout) -> Piece:
        """The promises panel: one tinted cell per verdict, its count over its name, then the
        note naming the reviewing report."""
        panel = layout.promises
        if panel is None:
            return _space(0)
        width = (s.CONTENT - s.GUTTER * (len(panel.cells) - 1)) // len(panel.cells)
        cells = [self.promise_cell(count, label, s.VERDICT_INK[verdict], width)
                 for count, label, verdict in panel.cells]  # fmt: skip
        height = max(cell.height for cell in cells) + BOX_PAD  # half of it above, half below

        def paint(draw: ImageDraw.ImageDraw, x: int, y: int) -> None:
            for n, cell in enumerate(cells):
                left = x + n * (width + s.GUTTER)
                draw.rounded_rectangle((left, y, left + width, y + height), 20, fill=s.TINT)
                cell.paint(draw, left + width // 2, y + BOX_PAD // 2)

        note = self.para(panel.note, s.LABEL_SIZE, s.CONTENT, s.MUTED, titled=False)
        return self.section(panel.heading, _stack([Piece(height, paint), note], gap=16))

    def promise_cell(self, count: int, label: str, ink: str, width: int) -> Piece:
        """A count over its label, centred on x."""
        number, name = self.font(s.PROMISE_SIZE), self.font(s.LABEL_SIZE)
        high, low = round(s.PROMISE_SIZE * 1.15), _line_height(s.LABEL_SIZE)

        def paint(draw: ImageDraw.ImageDraw, x: int, y: int) -> None:
            draw.text((x, y + high // 2), str(count), font=number, fill=ink, anchor="mm",
                      stroke_width=1, stroke_fill=ink)  # fmt: skip
            draw.text((x, y + high + low // 2), label, font=name, fill=s.MUTED, anchor="mm")

        return Piece(high + low, paint)

    def plan(self, layout: CardLayout) -> Piece:
        items = [self.plan_item(n, lead) for n, lead in enumerate(layout.plan_items, start=1)]
        return self.section(layout.plan_heading, _stack(items, gap=26))

    def plan_item(self, number: int, lead: str) -> Piece:
        text = self.para(lead, s.PLAN_SIZE, s.CONTENT - BADGE_INDENT, s.INK, titled=False)
        middle = _line_height(s.PLAN_SIZE) // 2

        def paint(draw: ImageDraw.ImageDraw, x: int, y: int) -> None:
            top = y + middle - BADGE // 2
            draw.ellipse((x, top, x + BADGE, top + BADGE), fill=s.ACCENT)
            draw.text((x + BADGE // 2, y + middle), str(number), font=self.font(s.BADGE_SIZE),
                      fill=s.ON_ACCENT, anchor="mm")  # fmt: skip
            text.paint(draw, x + BADGE_INDENT, y)

        return Piece(max(text.height, BADGE), paint)

    def footer(self, layout: CardLayout) -> Piece:
        text = self.para(layout.footer, s.FOOTER_SIZE, s.CONTENT, s.FOOTER_INK, titled=False)
        body = _stack([_space(36), text, _space(36)])

        def paint(draw: ImageDraw.ImageDraw, x: int, y: int) -> None:
            draw.rectangle((0, y, s.WIDTH, y + body.height), fill=s.FOOTER_BG)
            body.paint(draw, s.MARGIN, y)

        return Piece(body.height, paint)
