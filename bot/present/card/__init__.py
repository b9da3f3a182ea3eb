"""一图读懂: a report's briefing card as a PNG (key figures by section, next year's plan).

Drawing it (.draw: render_card, draw_card) needs Pillow, imported only where a card is drawn:
the bot imports this package at start, for FontNotFoundError, and Pillow costs its start-up."""

from .fonts import FontNotFoundError, find_font
from .layout import (
    MAX_FIGURES,
    CardFigure,
    CardLayout,
    FigureGroup,
    PromisePanel,
    card_layout,
    key_figures,
)
from .numbers import FigureText, format_amount, format_figure

__all__ = [
    "MAX_FIGURES",
    "CardFigure",
    "CardLayout",
    "FigureGroup",
    "FigureText",
    "FontNotFoundError",
    "PromisePanel",
    "card_layout",
    "find_font",
    "format_amount",
    "format_figure",
    "key_figures",
]
