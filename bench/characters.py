"""Writes briefings/characters.py: the 2,048 characters most frequent in the sentences of the
reports named, in order of frequency, which the cross-report index packs into one or two bytes
(briefings.corpus_index: `pack`).

    /work/venv/bin/python bench/characters.py REPORT... > briefings/characters.py

Any reports of the kind the bot reads will do: the order measured on half of the corpus packs
the other half as well as its own order does (0.467× the text either way). The index's format
names a hash of the table, so a new table rebuilds older indexes.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from briefings.parse import parse_file  # noqa: E402
from briefings.search import SearchIndex  # noqa: E402

COUNT = 2048  # UTF-8's one- and two-byte code points
LINE = 40


def main(paths: list[Path]) -> None:
    counted: Counter[str] = Counter()
    for path in paths:
        index = SearchIndex.of(parse_file(path), (), ())
        for _, text in index.sentences:
            counted.update(text)
    # Surrogates cannot be written as UTF-8; every character else can be packed.
    order = [c for c, _ in counted.most_common() if not 0xD800 <= ord(c) <= 0xDFFF][:COUNT]
    # Too few reports: the table is completed in code point order from CJK's first block.
    order += [c for c in map(chr, range(0x4E00, 0xA000)) if c not in set(order)][
        : COUNT - len(order)
    ]
    lines = ["".join(order[i : i + LINE]) for i in range(0, COUNT, LINE)]
    print('"""The characters the cross-report index packs into one or two bytes, most frequent')
    print(f"first ({len(paths)} reports counted; written by bench/characters.py: see there and")
    print('briefings.corpus_index.pack)."""')
    print()
    print("CHARACTERS = (")
    for line in lines:
        print(f"    {line!r}")
    print(")")


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]])
