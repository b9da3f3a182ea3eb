"""An aiohttp transport for PTB's Bot, used for pushes only.

Pushes get their own connection pool, so a large push never makes an interactive reply wait for
a connection; and aiohttp costs a fraction of httpx's CPU per request, which is what decides
the sending rate on a small machine (see bench/push.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
        # aiohttp is imported on the first push, not at start-up (~0.1 s of cold start)
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
        # Per-call timeouts are not used by pushes; the session's apply to every request.
        import aiohttp

        await self.initialize()
        assert self._session is not None
        body, headers = _body(request_data)
        try:
            async with self._session.request(method, url, data=body, headers=headers) as response:
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp: {exc!r}") from exc


def _body(request_data: RequestData | None) -> tuple[bytes | aiohttp.FormData | None, dict]:
    """JSON for text; a multipart form when a file goes along (the weekly card)."""
    if request_data is None:
        return None, JSON
    if not request_data.multipart_data:
        return request_data.json_payload, JSON
    import aiohttp

    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form, {}
