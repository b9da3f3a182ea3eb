"""Re-exports loaded on first use, for a package whose __init__ names what its modules hold.

Importing one module of such a package (or the package for one light name) then costs that
module alone, not every module the package re-exports: what keeps the bot's start-up from
importing rules, parsers and clients its first reply never uses."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """The module `__getattr__` of `package`: each name in `homes` from its module there
    (`homes[name]`, relative to the package), imported when the name is first asked for."""

    def getattr_(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f".{home}", package), name)

    return getattr_
