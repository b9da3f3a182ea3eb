"""Writes briefings/common_grams.py: the Chinese bigrams and characters said by the most
sentences of the reports named, in order of frequency, whose matches the cross-report index
counts per report when it indexes one (briefings.corpus_index: `common`).

    /work/venv/bin/python bench/common_grams.py REPORT... > briefings/common_grams.py

A bigram said by at least GRAM_SHARE of the sentences, a character by CHARACTER_SHARE (a
one-character query is every token it begins: FTS5 merges them anew each time): at 10,000
reports these are the words whose matches (tens of thousands) cost a search most to count,
report by report. Any reports of the kind the bot reads will do. The index's format names a
hash of the lists, so new lists rebuild older indexes.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from briefings.corpus_index import grams  # noqa: E402
from briefings.parse import parse_file  # noqa: E402
from briefings.search import SearchIndex  # noqa: E402

GRAM_SHARE = 0.005
CHARACTER_SHARE = 0.01
LINE = 20  # bigrams a line
_CHINESE = re.compile(r"[\u3400-\u9fff]+")


def main(paths: list[Path]) -> None:
    bigrams: Counter[str] = Counter()
    characters: Counter[str] = Counter()
    sentences = 0
    for path in paths:
        index = SearchIndex.of(parse_file(path), (), ())
        for _, text in index.sentences:
            sentences += 1
            tokens = set(grams(text).split())
            bigrams.update(t for t in tokens if len(t) == 2 and _CHINESE.fullmatch(t))
            characters.update({t[0] for t in tokens if _CHINESE.fullmatch(t[0])})
    common = [g for g, n in bigrams.most_common() if n >= GRAM_SHARE * sentences]
    chars = "".join(c for c, n in characters.most_common() if n >= CHARACTER_SHARE * sentences)
    print('"""The Chinese bigrams and characters said by the most sentences, most frequent first')
    print(f"({len(paths)} reports counted; written by bench/common_grams.py: see there and")
    print('briefings.corpus_index: `common`)."""')
    print()
    print("COMMON_GRAMS = (")
    for at in range(0, len(common), LINE):
        print(f'    "{"".join(common[at : at + LINE])}"')
    print(")")
    print("COMMON_CHARACTERS = (")
    for at in range(0, len(chars), 2 * LINE):
        print(f'    "{chars[at : at + 2 * LINE]}"')
    print(")")


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]])
