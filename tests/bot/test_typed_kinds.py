"""Kinds are typed, and every value of a kind's type is one the code handles."""

from typing import get_args

from bot.push.runner import Job, Send
from bot.telegram.callbacks import _SHAPES, KINDS, ButtonKind, decode, encode
from briefings.figures import KINDS as FIGURE_KINDS
from briefings.model import FigureKind, Metric


def test_every_button_kind_has_its_shape_and_round_trips():
    assert set(_SHAPES) == KINDS == set(get_args(ButtonKind))
    tapped = decode(encode("use", "0123456789abcdef"))
    assert tapped is not None and tapped.kind == "use" and tapped.digest == "0123456789ab"
    assert decode("nope:0123456789ab:") is None


def test_figure_kinds_are_the_metric_kinds():
    assert get_args(FigureKind) == FIGURE_KINDS
    assert Metric.__dataclass_fields__["kind"].default in FIGURE_KINDS


def test_a_push_says_what_it_is_and_whose_record_it_is_not_a_reused_subscription_id():
    fields = set(Job.__dataclass_fields__)
    assert {"kind", "owner", "slot"} <= fields and "sub_id" not in fields
    assert {kind.value for kind in Send} == {"briefing", "news", "alert"}
