"""Polite HTTP GETs: a User-Agent naming the bot, conditional requests, a timeout, a size limit,
a redirect limit with loop detection, and at most one request per interval per host."""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Literal
from urllib.parse import urldefrag, urljoin, urlsplit

import aiohttp

from .settings import FetchPolicy, check_url

_REDIRECTS = {301, 302, 303, 307, 308}
_CHUNK = 64 * 1024


FetchFault = Literal["timeout", "connection", "status", "too_large"]


class FetchError(Exception):
    """A URL could not be fetched; the message is one line naming the URL."""

    def __init__(
        self,
        url: str,
        problem: str,
        retry_after: float | None = None,
        fault: FetchFault | None = None,
        **values: str | int,
    ) -> None:
        problem = " ".join(problem.split())
        super().__init__(f"{url}: {problem}")
        self.url = url
        self.problem = problem
        self.retry_after = retry_after  # seconds the server asked us to wait (Retry-After)
        # The common faults by name, so a chat says them in its own words (sources.fetch_*).
        self.fault = fault
        self.values = values


@dataclass(frozen=True)
class Validators:
    """What the server said about the copy we hold, sent back to ask 'changed since?'."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 when our copy is current
    body: bytes
    content_type: str | None
    validators: Validators
    digest: str = ""  # the body's SHA-256: the same bytes as last time means nothing new

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class HostPacer:
    """Spaces the requests to one host `interval` seconds apart; other hosts do not wait."""

    def __init__(
        self,
        interval: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._interval = interval
        self._clock = clock
        self._sleep = sleep
        self._next: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def wait(self, host: str) -> None:
        async with self._locks.setdefault(host, asyncio.Lock()):
            delay = self._next.get(host, 0.0) - self._clock()
            if delay > 0:
                await self._sleep(delay)
            self._next[host] = self._clock() + self._interval


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds: given as seconds or as an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time()) if when.tzinfo else None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size / 1000:.0f} kB"


class PoliteClient:
    """GETs for the source poller; one aiohttp session, closed with `close()`."""

    def __init__(self, policy: FetchPolicy, pacer: HostPacer | None = None) -> None:
        self.policy = policy
        self.pacer = pacer or HostPacer(policy.host_interval_seconds)
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                headers={"User-Agent": self.policy.user_agent},
                timeout=aiohttp.ClientTimeout(total=self.policy.timeout_seconds),
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def get(self, url: str, validators: Validators | None = None) -> Response:
        """The page at `url`, following redirects; FetchError (one line) when it cannot be had."""
        problem = check_url(url)
        if problem:
            raise FetchError(url, problem)
        chain = [url]
        for _hop in range(self.policy.max_redirects + 1):
            target = await self._get_once(chain[-1], validators or Validators())
            if isinstance(target, Response):
                return target
            if target in chain:
                raise FetchError(url, "redirect loop: " + " → ".join([*chain, target]))
            chain.append(target)
        raise FetchError(url, f"more than {self.policy.max_redirects} redirects")

    async def _get_once(self, url: str, validators: Validators) -> Response | str:
        """The response, or the URL a redirect points to."""
        await self.pacer.wait(urlsplit(url).netloc)
        try:
            async with self._client().get(
                url, headers=validators.headers(), allow_redirects=False
            ) as response:
                return await self._handle(url, response)
        except TimeoutError as exc:
            seconds = f"{self.policy.timeout_seconds:g}"
            raise FetchError(
                url, f"no answer within {seconds} s", fault="timeout", seconds=seconds
            ) from exc
        except aiohttp.ClientError as exc:
            problem = f"connection failed ({exc or type(exc).__name__})"
            raise FetchError(url, problem, fault="connection") from exc

    async def _handle(self, url: str, response: aiohttp.ClientResponse) -> Response | str:
        if response.status in _REDIRECTS:
            location = response.headers.get("Location")
            if not location:
                raise FetchError(url, f"HTTP {response.status} redirect without a Location")
            target = urldefrag(urljoin(url, location)).url
            problem = check_url(target)
            if problem:
                raise FetchError(url, f"redirected to {target}: {problem}")
            return target
        if response.status not in {200, 304}:
            wait = _retry_after(response.headers.get("Retry-After"))
            problem = f"HTTP {response.status} {response.reason or ''}"
            raise FetchError(url, problem, wait, "status", status=response.status)
        body = b"" if response.status == 304 else await self._read(url, response)
        kept = Validators(response.headers.get("ETag"), response.headers.get("Last-Modified"))
        # hashing 10 MB takes tens of ms; hashlib lets go of the GIL, so a thread frees the loop
        digest = await asyncio.to_thread(_sha256, body)
        kind = response.headers.get("Content-Type")
        return Response(url, response.status, body, kind, kept, digest)

    async def _read(self, url: str, response: aiohttp.ClientResponse) -> bytes:
        limit = self.policy.max_bytes
        if response.content_length is not None and response.content_length > limit:
            size = _megabytes(response.content_length)
            problem = f"the page is {size}, over the {_megabytes(limit)} limit"
            raise FetchError(url, problem, fault="too_large", limit=_megabytes(limit))
        body = bytearray()
        async for chunk in response.content.iter_chunked(_CHUNK):
            body += chunk
            if len(body) > limit:
                problem = f"the page is over the {_megabytes(limit)} limit"
                raise FetchError(url, problem, fault="too_large", limit=_megabytes(limit))
        return bytes(body)
