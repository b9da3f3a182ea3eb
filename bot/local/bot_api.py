"""A minimal Telegram Bot API server on 127.0.0.1, in process.

It stands in for Telegram in the local terminal chat (no token needed; the real PTB Application
talks to it over HTTP). It speaks the subset of the Bot API this bot uses; the tests' fake
Telegram (tests/kits/fault_api.py) extends it with fault injection and permissions.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from .api_rules import RefusedRequest, check_inline_answer, check_message

BOT_USER: dict[str, Any] = {
    "id": 777000111,
    "is_bot": True,
    "first_name": "政务简报",
    "username": "briefing_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}
_JSON_FIELDS = {"reply_markup", "entities", "link_preview_options", "commands", "scope",
                "allowed_updates", "reply_parameters", "results", "button"}  # fmt: skip

_CHECKED = {"sendMessage", "editMessageText", "sendPhoto"}  # refused as Telegram would
_ADMIN_RIGHTS = ("can_manage_chat", "can_delete_messages",
                 "can_manage_video_chats", "can_restrict_members", "can_promote_members",
                 "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories",
                 "can_delete_stories")  # fmt: skip


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    result: Any = None  # what the server answered, e.g. the message a button sits under


def _dumps(value: Any) -> str:
    # UTF-8 as Telegram answers, not \u escapes: a third of the bytes for Chinese text
    return json.dumps(value, ensure_ascii=False)


def ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result}, dumps=_dumps)


def error(code: int, description: str, **parameters: Any) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=code, dumps=_dumps)


class LocalBotApi:
    """Holds the updates waiting for getUpdates and every call the bot made."""

    def __init__(self, token: str = "123456:LOCAL-TOKEN") -> None:
        self.token = token
        self.calls: list[Call] = []
        self.files: dict[str, bytes] = {}  # file_id -> an uploaded photo, as the bot sent it
        self._file_ids: dict[bytes, str] = {}
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._new_update = asyncio.Event()
        self._new_call = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        app.router.add_get("/bot{token}/{method}", self._handle)
        app.router.add_post("/file/bot{token}/{path:.*}", self._not_found)
        return app

    async def start(self, port: int = 0) -> None:
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        self.port = self._runner.addresses[0][1]  # the port the OS picked

    async def stop(self) -> None:
        self._new_update.set()  # ends pending long polls now rather than at their timeout
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- updates the "user" sends -------------------------------------------------------
    def add_update(self, update: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._update_ids), **update}
        self._updates.append(update)
        self._new_update.set()
        return update

    def user_message(
        self, text: str, chat_id: int = 1001, user_id: int = 1001, chat_type: str = "private",
        thread_id: int | None = None,
    ) -> dict[str, Any]:  # fmt: skip
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": chat_type, "first_name": "用户"},
            "from": {
                "id": user_id,
                "is_bot": False,
                "first_name": "用户",
                "language_code": "zh-hans",
            },
            "text": text,
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        return self.add_update({"message": message})

    def tap(self, message: dict[str, Any], data: str, user_id: int = 1001) -> dict[str, Any]:
        """The user taps an inline button with `data` under a message the bot sent."""
        query = {
            "id": str(next(self._message_ids)),
            "from": {"id": user_id, "is_bot": False, "first_name": "用户"},
            "chat_instance": "local",
            "message": message,
            "data": data,
        }
        return self.add_update({"callback_query": query})

    def inline_query(self, query: str, user_id: int = 1001) -> dict[str, Any]:
        """The user types `@bot query` in some chat."""
        asked = {
            "id": str(next(self._message_ids)),
            "from": {"id": user_id, "is_bot": False, "first_name": "用户"},
            "query": query,
            "offset": "",
        }
        return self.add_update({"inline_query": asked})

    # -- what the bot sent ---------------------------------------------------------------
    async def wait_calls(self, count: int) -> None:
        """Return once the bot has made more than `count` calls."""
        while len(self.calls) <= count:
            self._new_call.clear()
            await self._new_call.wait()

    # -- the HTTP side ----------------------------------------------------------------------
    async def _not_found(self, request: web.Request) -> web.Response:
        return error(404, "Not Found")

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return error(404, "Not Found")
        method = request.match_info["method"]
        return await self._answer(request, method, await _read_params(request))

    async def _answer(
        self, request: web.Request, method: str, params: dict[str, Any]
    ) -> web.StreamResponse:
        """Telegram's answer to one call, recorded in `calls` unless it is refused."""
        if method == "getUpdates":
            return ok(await self._get_updates(params))
        try:
            if method in _CHECKED:
                check_message(params)
            elif method == "answerInlineQuery":
                check_inline_answer(params)
        except RefusedRequest as refused:
            return error(400, str(refused))
        result = self._result(method, params)
        self._record(Call(method, params, result))
        return ok(result)

    def _record(self, call: Call) -> None:
        self.calls.append(call)
        self._new_call.set()

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates:
            self._new_update.clear()
            timeout = min(float(params.get("timeout") or 0), 10.0)
            try:
                await asyncio.wait_for(self._new_update.wait(), timeout)
            except TimeoutError:
                return []
        limit = int(params.get("limit") or 100)
        return self._updates[:limit]

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method in {"sendMessage", "sendPhoto", "sendDocument"}:
            return self._message(params)
        if method == "editMessageText":
            return self._message(params, int(params.get("message_id") or 0))
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        if method == "getMyCommands":
            return []
        if method == "getChatMember":
            return self._member(int(params["chat_id"]), int(params["user_id"]))
        return True

    def _keep(self, photo: bytes | str) -> str:
        """The file_id of an upload, kept under it; a photo sent by file_id keeps its id."""
        if isinstance(photo, str):
            return photo
        file_id = self._file_ids.setdefault(photo, f"photo{len(self._file_ids) + 1}")
        self.files[file_id] = photo
        return file_id

    def _member(self, chat_id: int, user_id: int) -> dict[str, Any]:
        """The terminal chat's one user made every group it is in, so is its administrator."""
        user = {"id": user_id, "is_bot": False, "first_name": "用户"}
        rights = dict.fromkeys(_ADMIN_RIGHTS, True)
        return {"status": "administrator", "user": user, "can_be_edited": False,
                "is_anonymous": False, **rights}  # fmt: skip

    def _message(self, params: dict[str, Any], message_id: int | None = None) -> dict[str, Any]:
        chat_id = int(params.get("chat_id") or 0)
        message: dict[str, Any] = {
            "message_id": message_id or next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
            "from": BOT_USER,
        }
        if "text" in params:
            message["text"] = params["text"]
        if "caption" in params:
            message["caption"] = params["caption"]
        if "photo" in params:
            file_id = self._keep(params["photo"])
            message["photo"] = [{"file_id": file_id, "file_unique_id": file_id, "width": 1080,
                                 "height": 1080}]  # fmt: skip
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        if params.get("message_thread_id"):
            message["message_thread_id"] = int(params["message_thread_id"])
        return message


async def _read_params(request: web.Request) -> dict[str, Any]:
    """A JSON body or a form; an object field may come JSON-encoded in a string in either, as
    Telegram accepts (PTB sends reply_markup that way)."""
    if request.content_type == "application/json":
        fields = dict(await request.json())
    else:
        form = await request.post()
        fields = {k: v.file.read() if hasattr(v, "file") else v for k, v in form.items()}
    return {
        key: json.loads(value) if key in _JSON_FIELDS and isinstance(value, str) else value
        for key, value in fields.items()
    }
