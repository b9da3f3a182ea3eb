"""一图读懂: a report's briefing card as a PNG (key figures by section, next year's plan)."""

from .draw import draw_card, render_card
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
    "draw_card",
    "find_font",
    "format_amount",
    "format_figure",
    "key_figures",
    "render_card",
]
