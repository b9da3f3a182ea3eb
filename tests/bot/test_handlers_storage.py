"""Handlers and pages read and write the bot's database through its repositories (the
subscriptions, follows, chats and sources of bot/repositories.py), never the `Database` itself:
one place per table for its SQL, its retries and its faults."""

from __future__ import annotations

import ast

from bench.kits.paths import ROOT


def database_calls(source: str) -> list[int]:
    """Lines of `source` that call a method of something's `.database` (`x.database.rows()`)."""
    return sorted(
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Attribute)
        and node.func.value.attr == "database"
    )


def test_the_checker_finds_a_call_on_the_database() -> None:
    source = (
        "async def f(context):\n"
        "    name = context.state.stores.database.name\n"  # a name for a log line: no call
        "    return await context.state.stores.database.push_holder()\n"
    )
    assert database_calls(source) == [3]


def test_handlers_and_pages_reach_the_database_only_through_repositories() -> None:
    paths = [
        *sorted((ROOT / "bot/handlers").glob("*.py")),
        *sorted((ROOT / "bot/pages").glob("*.py")),
    ]
    assert len(paths) > 10
    found = {
        str(path.relative_to(ROOT)): lines
        for path in paths
        if (lines := database_calls(path.read_text(encoding="utf-8")))
    }
    assert found == {}
