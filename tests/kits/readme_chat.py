"""The README's sample chat ("## A short chat") as a real run of the terminal chat produces it.

    .venv/bin/python -m tests.kits.readme_chat           # print a real run of the sample's inputs
    .venv/bin/python -m tests.kits.readme_chat --write   # and put it in README.md

The sample is the chat a newcomer has first (NEWCOMER: the menu, the one-screen summary with
the plan's head, problems, figures, a search), piped to `briefing-bot` in a fresh folder (its own database and
cache, the project's seed reports). tests/bot/test_bot_localchat.py checks that the README's
block equals such a run.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from bench.kits.paths import ROOT
from bot.local.chat import PROMPT
from tests.kits.terminal import run_script, write_config

README = ROOT / "README.md"
NEWCOMER = ["/start", "/summary", "/problems", "/metrics", "/search 信用"]
_BLOCK = re.compile(r"(## A short chat\n.*?```text\n)(.*?)(\n```)", re.S)


def sample(readme: str) -> str:
    """The README's sample chat block, without its fences."""
    found = _BLOCK.search(readme)
    if found is None:
        raise ValueError("README.md has no '## A short chat' text block")
    return found.group(2)


def inputs(block: str) -> list[str]:
    return [line.removeprefix(PROMPT) for line in block.splitlines() if line.startswith(PROMPT)]


def transcript(lines: list[str]) -> str:
    """What the terminal chat shows for `lines`, from the first line typed (no banner)."""
    with tempfile.TemporaryDirectory() as folder:
        output = run_script(write_config(Path(folder)), lines)
    start = output.index(PROMPT)
    return output[start:].rstrip("\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="replace the block in README.md")
    args = parser.parse_args()
    readme = README.read_text(encoding="utf-8")
    run = transcript(NEWCOMER)
    print(run)
    if args.write:
        updated = _BLOCK.sub(lambda m: m.group(1) + run + m.group(3), readme, count=1)
        README.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
