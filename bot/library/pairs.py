"""The promises of a pair of reports (briefings.promises), worked out in a thread once for the
replies and the pages alike: a digest names a report's content, so a pair worked out stays
right, kept for the buttons under a reply, the next chat asking and the report's page."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from briefings.briefing import Briefing
from briefings.model import Listed

if TYPE_CHECKING:
    from briefings.promises import Promises

KEPT_PAIRS = 64
_PAIRS: OrderedDict[tuple[str, str], Promises] = OrderedDict()  # by the two reports' digests


async def pair_promises(
    target: Listed, result: Listed, briefed: Callable[[Listed], Awaitable[Briefing | None]]
) -> Promises | None:
    """The pair's promises, the least recently asked pair going first; None while `briefed`
    (how the caller gets a report's briefing) has no briefing of either report."""
    key = (target.digest, result.digest)
    kept = _PAIRS.get(key)
    if kept is not None:
        _PAIRS.move_to_end(key)
        return kept
    briefings = []
    for listing in (target, result):
        briefing = await briefed(listing)
        if briefing is None:
            return None
        briefings.append(briefing)
    # With the figures' rules it loads, briefings.promises costs a start ~50 ms: imported here.
    from briefings.promises import promises

    found = await asyncio.to_thread(promises, briefings[0], briefings[1])
    _PAIRS[key] = found
    while len(_PAIRS) > KEPT_PAIRS:
        _PAIRS.popitem(last=False)
    return found
