"""PTB's HTTP transport on aiohttp, for the bot's replies, its long poll and pushes.

PTB's default transport (httpx over anyio and h11) costs several times aiohttp's CPU per
request and form-encodes every body, so a thousand-character Chinese reply becomes 9,000
characters of percent escapes. On this bot's replies that was most of the per-update cost:
bench/bot.py went from 0.75x the echo bot's replies per second to 1.4x. Errors map to PTB's
exceptions as its own transport does (TimedOut, NetworkError; HTTP statuses are PTB's to read).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TypeGuard

from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

if TYPE_CHECKING:
    import aiohttp

JSON = {"Content-Type": "application/json"}


class AiohttpRequest(BaseRequest):
    def __init__(self, connections: int, read_timeout: float = 10.0, connect_timeout: float = 5.0):
        self.connections = connections
        self._timeouts = (connect_timeout, read_timeout)
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._timeouts[1]

    async def initialize(self) -> None:
        # Imported here, not with the module: `briefing-bot export` and the tests that build
        # no bot never pay for it.
        import aiohttp

        if self._session is None or self._session.closed:
            connect, read = self._timeouts
            timeout = aiohttp.ClientTimeout(sock_connect=connect, sock_read=read)
            connector = aiohttp.TCPConnector(limit=self.connections)
            self._session = aiohttp.ClientSession(connector=connector, timeout=timeout)

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None,
        read_timeout: object = None, write_timeout: object = None,
        connect_timeout: object = None, pool_timeout: object = None,
    ) -> tuple[int, bytes]:  # fmt: skip
        import aiohttp

        await self.initialize()
        assert self._session is not None
        body, headers = _body(request_data)
        # PTB passes a number only where a call needs its own timeout (getUpdates' long poll).
        connect, read = self._timeouts
        timeout = aiohttp.ClientTimeout(
            sock_connect=connect_timeout if _given(connect_timeout) else connect,
            sock_read=read_timeout if _given(read_timeout) else read,
        )
        try:
            async with self._session.request(
                method, url, data=body, headers=headers, timeout=timeout
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp: {exc!r}") from exc


def _given(timeout: object) -> TypeGuard[float]:
    return isinstance(timeout, int | float) and not isinstance(timeout, bool)


def _body(request_data: RequestData | None) -> tuple[bytes | aiohttp.FormData | None, dict]:
    """JSON for text; a multipart form when a file goes along (the weekly card).

    The JSON is built from the parameters themselves, not PTB's json_payload, which nests each
    object as a JSON string and escapes every Chinese character as \\uXXXX.
    """
    if request_data is None:
        return None, JSON
    if not request_data.multipart_data:
        return json.dumps(request_data.parameters, ensure_ascii=False).encode(), JSON
    import aiohttp

    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form, {}
