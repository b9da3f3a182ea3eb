"""Typed model of a parsed government report: frozen once parsed. What is derived from it
(figures, summaries, keywords, search index) is a `briefings.briefing.Briefing`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any, Literal, Protocol

from .text import sentences


@dataclass(frozen=True)
class Meta:
    title: str
    issuer: str | None = None
    published: date | None = None
    signed: date | None = None
    addressee: str | None = None
    index_no: str | None = None
    year: int | None = None
    source_url: str | None = None  # where a fetched report was published
    fetched: datetime | None = None  # when it was fetched (UTC)

    def as_record(self) -> dict[str, Any]:
        """The facts as JSON values: dates and times in ISO form (the export's "meta")."""
        record = asdict(self)
        for name in ("published", "signed", "fetched"):
            value = record[name]
            record[name] = value.isoformat() if value else None
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Meta:
        """The facts `as_record` wrote; TypeError or ValueError when they are not."""
        fields = dict(record)
        for name in ("published", "signed"):
            fields[name] = date.fromisoformat(fields[name]) if fields[name] else None
        fetched = fields["fetched"]
        fields["fetched"] = datetime.fromisoformat(fetched) if fetched else None
        return cls(**fields)


def _paragraphs(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(sentences(line)) for line in text.splitlines())


@dataclass(frozen=True)
class Section:
    """A node of the report's outline: a numbered heading or an enumerated item.

    `title` is the heading as printed after its ordinal, or for a paragraph item its lead
    phrase (the text up to the first 。). `text` is everything the node says itself,
    children excluded, with the ordinal removed.
    """

    id: str
    ordinal: str
    title: str
    text: str
    style: str
    children: tuple[Section, ...] = ()

    @cached_property
    def paragraphs(self) -> tuple[tuple[str, ...], ...]:
        """The node's own text, line by line, split into sentences once: figures, keywords,
        summaries and the search index all read these."""
        return _paragraphs(self.text)

    @cached_property
    def sentences(self) -> tuple[str, ...]:
        """The node's own sentences, verbatim, in order."""
        return tuple(sentence for paragraph in self.paragraphs for sentence in paragraph)

    def subtree_sentences(self) -> list[str]:
        """The sentences of the node and its descendants, in report order."""
        return [sentence for node in self.walk() for sentence in node.sentences]

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    def full_text(self) -> str:
        """The node's own text followed by its descendants', in report order."""
        parts = [self.text] + [child.full_text() for child in self.children]
        return "\n".join(part for part in parts if part)


@dataclass(frozen=True)
class Item:
    ordinal: str
    lead: str
    text: str
    section: str


@dataclass(frozen=True)
class ItemList:
    """Problems admitted, or the next year's plan: where the report states them and the items."""

    section: str | None
    items: tuple[Item, ...]
    year: int | None = None


# How a figure's number bounds what it measures, as printed: 5%左右 about, 不低于 at_least,
# 以上 at_least, 以内 / 控制在 at_most, 超过 / 突破 more_than, 不到 less_than, 6%－6.5% range.
Bound = Literal["exact", "about", "at_least", "at_most", "more_than", "less_than", "range"]
# What a figure is: result (achieved in the period reviewed), target (an expected target of the
# coming period), plan (a quantity the plan will do), start (X of 从X增加到Y), threshold (a bar
# in a name or condition: 超200亿元的县), cumulative (over a span: 累计).
FigureKind = Literal["result", "target", "plan", "start", "threshold", "cumulative"]


@dataclass(frozen=True)
class Metric:
    """A quantitative figure, traceable to its section and sentence."""

    id: str
    section: str
    raw: str
    value: float
    unit: str
    qualifier: str
    label: str
    sentence: str
    key: bool = False
    upper: float | None = None  # a range's upper bound (6%－6.5%: value 6, upper 6.5)
    kind: FigureKind = "result"
    period: str | None = None  # the year ('2024') or span ('2021-2025') it refers to
    bound: Bound = "exact"
    # The canonical indicator measured (briefings/data/indicators.yaml: gdp_growth …), only
    # when it is the report's own place's; None for every other figure.
    indicator: str | None = None


class Listed(Protocol):
    """What names a report in a list: a parsed Report, or a catalogue's listing of one."""

    @property
    def source(self) -> str: ...
    @property
    def digest(self) -> str: ...
    @property
    def meta(self) -> Meta: ...
    @property
    def display_title(self) -> str: ...


@dataclass(frozen=True)
class Report:
    source: str
    digest: str
    meta: Meta
    preamble: str
    sections: tuple[Section, ...]
    problems: ItemList
    plan: ItemList

    @property
    def display_title(self) -> str:
        """The report's title, or its file name when it has none (unescaped)."""
        return self.meta.title or self.source

    @cached_property
    def preamble_paragraphs(self) -> tuple[tuple[str, ...], ...]:
        """The preamble, line by line, split into sentences once."""
        return _paragraphs(self.preamble)

    @cached_property
    def preamble_sentences(self) -> tuple[str, ...]:
        return tuple(sentence for paragraph in self.preamble_paragraphs for sentence in paragraph)

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def find(self, section_id: str) -> Section | None:
        return next((node for node in self.walk() if node.id == section_id), None)

    def body_text(self) -> str:
        parts = [self.preamble] + [section.full_text() for section in self.sections]
        return "\n".join(part for part in parts if part)
