"""一图读懂: a report's briefing card as a PNG (key figures by section, next year's plan).

Drawing it (.draw: render_card, draw_card) needs Pillow, imported only where a card is drawn.
The names below are loaded on first use: the bot imports this package at start, for
FontNotFoundError, and the layout's figure rules (~50 ms) wait for the first card."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefings.exports import lazy_exports

if TYPE_CHECKING:
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

_HOMES = {
    "FontNotFoundError": "fonts",
    "find_font": "fonts",
    "MAX_FIGURES": "layout",
    "CardFigure": "layout",
    "CardLayout": "layout",
    "FigureGroup": "layout",
    "PromisePanel": "layout",
    "card_layout": "layout",
    "key_figures": "layout",
    "FigureText": "numbers",
    "format_amount": "numbers",
    "format_figure": "numbers",
}
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

__getattr__ = lazy_exports(__name__, _HOMES)
