"""Driving the bot's pages in headless Chromium: Debian's `chromium` through Playwright.

Playwright's own browser download cannot work here: it is launched on /usr/bin/chromium,
and the tests that need it skip when that is absent (or Playwright is not installed).
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

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
async def browser_context() -> AsyncIterator[object]:
    """A persistent Chromium context with a fresh profile folder, removed afterwards."""
    need_chromium()
    from playwright.async_api import async_playwright

    profile = tempfile.mkdtemp(prefix="pages-chromium-")
    try:
        async with async_playwright() as driver:
            context = await driver.chromium.launch_persistent_context(
                profile, executable_path=CHROMIUM, headless=True, args=ARGS
            )
            try:
                yield context
            finally:
                await context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
