"""Typed model of a parsed government report and the briefing built on it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime


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


@dataclass
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
    children: list[Section] = field(default_factory=list)
    summary: str = ""  # filled by briefings.summaries: verbatim sentences within a budget
    keywords: list[str] = field(default_factory=list)

    @property
    def lead(self) -> str:
        return self.title

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


@dataclass
class Report:
    source: str
    digest: str
    meta: Meta
    preamble: str
    sections: list[Section]
    problems: ItemList
    plan: ItemList
    metrics: list[Metric] = field(default_factory=list)  # filled by briefings.figures
    summary: str = ""  # filled by briefings.summaries
    keywords: list[str] = field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def find(self, section_id: str) -> Section | None:
        return next((node for node in self.walk() if node.id == section_id), None)

    def body_text(self) -> str:
        parts = [self.preamble] + [section.full_text() for section in self.sections]
        return "\n".join(part for part in parts if part)
