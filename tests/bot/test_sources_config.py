"""The `sources:` and `fetching:` settings, and the polite client's limits and pacing."""

from __future__ import annotations

import pytest

from bench.kits.gov_site import GovSite
from bot.sources import (
    FetchError,
    FetchPolicy,
    HostPacer,
    PoliteClient,
    SourcesConfigError,
    parse_fetching,
    parse_sources,
)


def test_each_kind_of_source_is_read_with_its_defaults() -> None:
    feed, index, page = parse_sources([
        {"feed": "https://gov.example/rss.xml"},
        {"index": "http://gov.example/list/", "pattern": "法治政府建设|政府工作报告",
         "max_pages": 5, "name": "东湖区", "interval_seconds": 600},
        {"url": "https://gov.example/art/1.html"},
    ])  # fmt: skip
    assert (feed.kind, feed.name, feed.pattern, feed.interval_seconds) == (
        "feed", "https://gov.example/rss.xml", None, 3600.0)  # fmt: skip
    assert index.pattern.search("关于2021年度政府工作报告") and index.max_pages == 5
    assert (index.name, index.interval_seconds) == ("东湖区", 600.0)
    assert page.kind == "url"
    assert parse_sources(None) == ()


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ({"url": "x"}, "'sources' must be a list"),
        (["http://x"], "'sources[0]' must be a mapping"),
        ([{"feed": "http://a", "url": "http://b"}], "'sources[0]' needs exactly one"),
        ([{"url": "http://a"}, {"url": "http://b", "every": 5}], "'sources[1].every' is not known"),
        ([{"url": "http://a", "pattern": "报告"}], "'sources[0].pattern' is not known"),
        ([{"index": "http://a", "pattern": "报告("}], "'sources[0].pattern' is not valid"),
        ([{"url": "file:///etc/passwd"}], "'sources[0].url' only http and https"),
        ([{"feed": "ftp://gov.example/a"}], "'sources[0].feed' only http and https"),
        ([{"url": 5}], "'sources[0].url' must be a URL"),
        (
            [{"index": "http://a", "pattern": "报告", "max_pages": 0}],
            "'sources[0].max_pages' must be a positive",
        ),
        (
            [{"index": "http://a", "pattern": "报告", "max_pages": 1.5}],
            "'sources[0].max_pages' must be a whole",
        ),
        ([{"index": "http://a"}], "'sources[0].pattern' is required for an index"),
        ([{"url": "http://a", "name": "x"}, {"url": "http://b", "name": "x"}], "two sources"),
    ],
)
def test_a_bad_source_entry_names_its_key(raw, key) -> None:
    with pytest.raises(SourcesConfigError, match=key.replace("(", r"\(").replace("[", r"\[")):
        parse_sources(raw)


def test_fetching_etiquette_has_polite_defaults_and_checks_its_keys() -> None:
    policy = parse_fetching(None)
    assert policy == FetchPolicy()
    assert policy.host_interval_seconds == 1.0 and "briefing-bot" in policy.user_agent
    assert parse_fetching({"timeout_seconds": 5, "max_bytes": 1000}).max_bytes == 1000
    with pytest.raises(SourcesConfigError, match=r"'fetching\.retries' is not known"):
        parse_fetching({"retries": 3})
    with pytest.raises(SourcesConfigError, match=r"'fetching\.timeout_seconds' must be"):
        parse_fetching({"timeout_seconds": -1})


def test_listing_caps_and_concurrency_are_set_under_fetching_and_checked() -> None:
    policy = parse_fetching({"max_entries": 30, "max_attachments": 5, "listing_seconds": 9.5,
                             "sources_at_once": 2})  # fmt: skip
    assert (policy.max_entries, policy.max_attachments) == (30, 5)
    assert (policy.listing_seconds, policy.sources_at_once) == (9.5, 2)
    for key, value in (("max_entries", 0), ("max_attachments", 2.5), ("sources_at_once", "4"),
                       ("listing_seconds", -1)):  # fmt: skip
        with pytest.raises(SourcesConfigError, match=rf"'fetching\.{key}' must be"):
            parse_fetching({key: value})


async def test_requests_to_one_host_are_spaced_and_other_hosts_do_not_wait() -> None:
    now = [0.0]
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = HostPacer(1.0, clock=lambda: now[0], sleep=sleep)
    for host in ("a.gov", "a.gov", "b.gov", "a.gov"):
        await pacer.wait(host)
    assert slept == [1.0, 1.0]


async def _get(site: GovSite, path: str, **policy) -> FetchError:
    client = PoliteClient(FetchPolicy(host_interval_seconds=0.0, **policy))
    try:
        with pytest.raises(FetchError) as caught:
            await client.get(site.url(path))
    finally:
        await client.close()
    return caught.value


async def test_a_declared_size_over_the_limit_is_refused_before_reading(site: GovSite) -> None:
    error = await _get(site, "/art/a1.html", max_bytes=1000)
    size = round(len(site.pages["/art/a1.html"].body) / 1000)
    assert f"the page is {size} kB, over the 1 kB limit" in str(error)


async def test_redirects_are_limited_and_never_leave_http(site: GovSite) -> None:
    error = await _get(site, "/fault/loop-a.html", max_redirects=0)
    assert str(error).endswith("more than 0 redirects")
    error = await _get(site, "/fault/to-file.html")
    assert "redirected to file:///etc/passwd: only http and https" in str(error)
