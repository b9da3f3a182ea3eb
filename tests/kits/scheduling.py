"""The order xdist hands test modules to its workers under `--dist loadfile`: longest first.

xdist's own order is by number of tests, most first, so the modules of one or two long tests
(a soak, a kill -9 round, the 150,000-link page) came last, and one worker worked through them
while the other waited (~30 s of CI's wall time). Handing out the longest modules first, the
short ones fill the end evenly. Every module still runs on one worker, whole, as before (the
modules of a TOGETHER group on the same one).

MODULE_SECONDS are the modules' summed test durations (setup and teardown included) in one
`pytest -n 2 --dist loadfile --junitxml=run.xml` on busy cores: only their ratios matter. A module
missing from it counts a second a test (above most modules' real time, so a new long module is
not left to the end). `python -m tests.kits.scheduling run.xml` prints a fresh table.
"""

from __future__ import annotations

import collections
import sys
import xml.etree.ElementTree as ElementTree
from typing import Any

import pytest

SECONDS_A_TEST = 1.0
MODULE_SECONDS = {
    "tests/bot/test_sources_fetch.py": 121,
    "tests/bot/test_reports_folder.py": 85,
    "tests/bot/test_hostile_documents.py": 68,
    "tests/bot/test_pages.py": 86,
    "tests/bot/test_sources_cli.py": 55,
    "tests/bot/test_bot_localchat.py": 75,
    "tests/bot/test_sources_hostile.py": 72,
    "tests/bot/test_push_crash.py": 66,
    "tests/bot/test_replicas.py": 59,
    "tests/bot/test_postgres.py": 47,
    "tests/bot/test_startup.py": 45,
    "tests/bot/test_handlers_escape_rights_and_bounds.py": 45,
    "tests/bot/test_bot_briefing.py": 45,
    "tests/briefings/test_cache.py": 41,
    "tests/bot/test_sources_bot.py": 39,
    "tests/bench/test_variants.py": 38,
    "tests/bot/test_short_summary.py": 35,
    "tests/briefings/test_promise_labels.py": 33,
    "tests/bot/test_push_faults.py": 32,
    "tests/bot/test_follow.py": 31,
    "tests/bot/test_push_delivery.py": 29,
    "tests/briefings/test_corpus_index_exact.py": 20,
    "tests/bot/test_bot_across.py": 18,
    "tests/bot/test_fault_soak.py": 13,
    "tests/bot/test_card_render.py": 12,
    "tests/briefings/test_labels_figures.py": 12,
    "tests/bot/test_bot_commands.py": 11,
    "tests/bot/test_deploy.py": 11,
    "tests/bot/test_walk_every_command.py": 11,
    "tests/bot/test_webhook_limits.py": 10,
    "tests/bot/test_pages_chat.py": 10,
    "tests/briefings/test_labels_figures_blind.py": 9,
    "tests/bot/test_bot_search_across.py": 9,
    "tests/bot/test_search_unwritable_cache.py": 8,
    "tests/bot/test_bot_promises.py": 8,
    "tests/bot/test_command_table.py": 8,
    "tests/bot/test_briefing_pool.py": 7,
    "tests/bot/test_push_stop.py": 6,
    "tests/bot/test_fuzz_updates.py": 6,
    "tests/bot/test_shared_briefings.py": 6,
    "tests/bot/test_promises_news.py": 6,
    "tests/briefings/test_figures_corpus.py": 6,
    "tests/bot/test_bad_input.py": 6,
    "tests/bot/test_database_faults.py": 5,
    "tests/bot/test_data_safety.py": 5,
    "tests/bot/test_push_pacing.py": 5,
    "tests/briefings/test_search.py": 5,
    "tests/bot/test_item_lists.py": 5,
    "tests/bot/test_security.py": 4,
    "tests/bot/test_push_commands.py": 4,
    "tests/bot/test_bot_search.py": 4,
    "tests/briefings/test_parse_closing_and_lists.py": 3,
    "tests/briefings/test_corpus_index.py": 3,
    "tests/briefings/test_figures_kinds.py": 3,
    "tests/bot/test_bot_lang.py": 3,
    "tests/bot/test_migrations.py": 3,
    "tests/bot/test_promises.py": 2,
    "tests/bot/test_library.py": 2,
    "tests/bot/test_bot_card.py": 2,
    "tests/bot/test_transport.py": 2,
    "tests/briefings/test_input_reasons.py": 2,
    "tests/bot/test_compare_kept.py": 2,
    "tests/briefings/test_figures_rules.py": 2,
    "tests/bot/test_cli_export.py": 2,
    "tests/bot/test_bot_split.py": 2,
}  # fmt: skip


# Modules one worker runs, one after the other, as one unit: they share what a test process
# computes once (tests/kits/corpus_briefings.py), which two workers would each compute.
TOGETHER = (("tests/bot/test_short_summary.py", "tests/briefings/test_summaries.py"),)
_UNIT_OF = {module: group[0] for group in TOGETHER for module in group}


def unit_of(nodeid: str) -> str:
    """The work unit of a test: its module, or the first module of its TOGETHER group."""
    module = nodeid.split("::", 1)[0]
    return _UNIT_OF.get(module, module)


def module_seconds(module: str, tests: int) -> float:
    """How long a module's (or a TOGETHER group's) tests take, as far as the table knows."""
    members = next((group for group in TOGETHER if group[0] == module), (module,))
    known = [MODULE_SECONDS[member] for member in members if member in MODULE_SECONDS]
    return sum(known) if known else tests * SECONDS_A_TEST


def longest_first(queue: dict[str, dict[str, bool]]) -> dict[str, dict[str, bool]]:
    """The work queue (module: its tests) reordered longest module first."""
    ordered = sorted(queue.items(), key=lambda unit: -module_seconds(unit[0], len(unit[1])))
    return dict(ordered)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """`--dist loadfile`, longest module first, TOGETHER modules as one unit (any other --dist
    is xdist's own)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class LongestFirst(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return unit_of(nodeid)

        def _assign_work_unit(self, node: Any) -> None:
            # the queue is complete by the first assignment: reorder it once, in place
            if not getattr(self, "_reordered", False):
                ordered = longest_first(dict(self.workqueue))
                self.workqueue.clear()
                self.workqueue.update(ordered)
                self._reordered = True
            super()._assign_work_unit(node)

    return LongestFirst(config, log)


def junit_module_seconds(path: str) -> dict[str, int]:
    """Each module's summed test durations in a --junitxml report, longest first."""
    seconds: collections.Counter[str] = collections.Counter()
    for case in ElementTree.parse(path).iter("testcase"):
        parts = case.get("classname", "").split(".")
        last = max(n for n, part in enumerate(parts) if part.startswith("test_"))
        seconds["/".join(parts[: last + 1]) + ".py"] += float(case.get("time", 0))
    return {module: round(took) for module, took in seconds.most_common() if took >= 1.5}


if __name__ == "__main__":
    for module, took in junit_module_seconds(sys.argv[1]).items():
        print(f'    "{module}": {took},')
