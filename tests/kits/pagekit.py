"""Driving the bot's pages in headless Chromium: Debian's `chromium` through Playwright.

Playwright's own browser download cannot work here: it is launched on /usr/bin/chromium,
and the tests that need it skip when that is absent (or Playwright is not installed).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTEFACTS = Path(__file__).resolve().parent.parent.parent / "test-artefacts" / "pages"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]  # fmt: skip


def need_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright.async_api")


@contextlib.asynccontextmanager
async def chromium() -> AsyncIterator[Any]:
    """Debian's Chromium, launched once for whoever holds it: a test module's tests share it
    (a launch is ~1-2 s of the driver and the browser starting), each in a context of its own."""
    need_chromium()
    from playwright.async_api import async_playwright

    async with async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            await browser.close()


@contextlib.asynccontextmanager
async def browser_context(browser: Any, **options: Any) -> AsyncIterator[Any]:
    """A fresh context of `browser` (cookies, storage and cache of its own), closed afterwards."""
    context = await browser.new_context(**options)
    try:
        yield context
    finally:
        await context.close()
