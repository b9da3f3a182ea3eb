"""The card's look: one width, one accent, a type scale. Sizes are pixels at 1080 wide."""

from __future__ import annotations

WIDTH = 1080
MARGIN = 72
CONTENT = WIDTH - 2 * MARGIN
GUTTER = 24

BACKGROUND = "#FFFFFF"
ACCENT = "#B3261E"
ACCENT_DARK = "#8C1D18"
GOLD = "#F2C14E"
TINT = "#FBF1EF"
INK = "#262626"
MUTED = "#5C5C5C"
ON_ACCENT = "#FFFFFF"
ON_ACCENT_MUTED = "#F6D5D1"
FOOTER_BG = "#F4F1EC"
FOOTER_INK = "#85807A"
# The promises panel's counts: met, missed, not mentioned, unclear.
VERDICT_INK = {"met": "#2E7D32", "missed": ACCENT, "not_reported": MUTED, "unclear": "#9A6B00"}

KICKER_SIZE = 28
TITLE_SIZE = 54
BYLINE_SIZE = 28
HEADING_SIZE = 38
GROUP_SIZE = 24
NUMBER_SIZES = (80, 68, 58, 50)  # the largest that fits every figure on one line
UNIT_SIZE = 30
LABEL_SIZE = 26
PLAN_SIZE = 30
PROMISE_SIZE = 64  # a promises panel's counts
BADGE_SIZE = 24
FOOTER_SIZE = 22
LEADING = 1.45  # line height as a multiple of the type size
