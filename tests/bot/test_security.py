"""Security: the token stays out of logs and replies, the webhook wants its secret, admin
commands check the user, SQL is parameterised, user text is escaped, /healthz tells nothing."""

from __future__ import annotations

import ast
import contextlib
import io
import logging
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from telegram.ext import CommandHandler

from bench.kits.fault_api import FakeBotApi
from bench.kits.paths import ROOT
from bot.app import build_application, running
from bot.config import WEBHOOK_SECRET_ENV, ConfigError
from bot.local.answered import Turns
from bot.local.bot_api import Call, error
from bot.logs import REDACTED, configure_logging
from bot.present.words import CHINESE
from bot.web.server import SECRET_HEADER, build_web_app, serving
from tests.kits.botkit import USER, Chat, make_config, open_chat, visible
from tests.kits.fuzzkit import html_problems

SORRY = CHINESE("errors.sorry")
TOKEN = "918273645:AAH-distinctive_SECRET-t0ken-xyz"
TOKEN_SECRET = TOKEN.split(":")[1]  # the bot id before the colon is public, this part is not
WEBHOOK_SECRET = "webhook-SECRET-9f8e7d"
ADMIN = 4242


# -- the token in logs and replies -----------------------------------------------------------
@contextlib.contextmanager
def production_logging(level: int = logging.DEBUG) -> Iterator[io.StringIO]:
    """Everything logged, at DEBUG and from every library, through the bot's own set-up."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    noisy = [logging.getLogger(n) for n in ("httpx", "httpcore", "telegram", "aiohttp")]
    saved = (root.level, [n.level for n in noisy], {h: list(h.filters) for h in root.handlers})
    root.addHandler(handler)
    configure_logging([TOKEN, WEBHOOK_SECRET], level)
    root.setLevel(level)
    for logger in noisy:  # configure_logging quietens httpx; the redaction must not rely on it
        logger.setLevel(level)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(saved[0])
        for logger, old in zip(noisy, saved[1], strict=True):
            logger.setLevel(old)
        for each, filters in saved[2].items():
            each.filters = filters


@pytest.fixture
async def token_api() -> AsyncIterator[FakeBotApi]:
    server = FakeBotApi(token=TOKEN)
    await server.start()
    yield server
    await server.stop()


def _failing_once(answers: dict[str, web.Response]) -> Any:
    """A fault hook: each method named in `answers` gets that answer once."""

    async def hook(method: str, params: dict[str, Any]) -> web.StreamResponse | None:
        return answers.pop(method, None)

    return hook


async def _boom(update: Any, context: Any) -> None:
    bot = context.bot
    raise RuntimeError(f"POST {bot.base_url}/sendMessage failed (token {bot.token})")


async def test_the_token_never_reaches_the_logs_or_the_user(
    token_api: FakeBotApi, tmp_path: Path
) -> None:
    with production_logging() as log:
        async with open_chat(token_api, make_config(tmp_path)) as chat:
            # first in the main group, ahead of the unknown-command hint at its end
            chat.application.handlers[0].insert(0, CommandHandler("boom", _boom))
            token_api.fault = _failing_once({
                "sendMessage": error(500, "Internal Server Error"),
                "getUpdates": web.Response(status=502, text="<html>bad gateway</html>"),
            })  # fmt: skip
            answers = [await chat.send(text) for text in ("/plan", "/problems", "/boom", "/start")]
    text = log.getvalue()
    assert TOKEN_SECRET not in text and WEBHOOK_SECRET not in text
    assert REDACTED in text  # the token was there to redact: request URLs, the handler's error
    assert "NetworkError: Internal Server Error" in text and "bad gateway" in text
    assert "RuntimeError: POST" in text and text.count("handling an update failed") == 2
    said = " ".join(str(c.params) for c in token_api.calls)
    assert TOKEN_SECRET not in said
    assert visible(answers[0]) == visible(answers[2]) == SORRY
    assert "存在的问题" in visible(answers[1]) and "请选择要看的内容" in visible(answers[3])


# -- the webhook and /healthz ----------------------------------------------------------------
@pytest.mark.parametrize("env", [{}, {WEBHOOK_SECRET_ENV: ""}])
def test_webhook_mode_without_its_secret_does_not_start(tmp_path: Path, env: dict) -> None:
    with pytest.raises(ConfigError, match=WEBHOOK_SECRET_ENV):
        make_config(tmp_path, env=env, telegram={"mode": "webhook"})


@contextlib.asynccontextmanager
async def webhook_bot(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[tuple[str, Turns]]:
    """The bot in webhook mode (registering its webhook), its web app on a free port."""
    config = make_config(
        tmp_path,
        env={WEBHOOK_SECRET_ENV: WEBHOOK_SECRET},
        telegram={"mode": "webhook", "webhook": {"public_url": "https://bot.example.org"}},
    )
    application = build_application(replace(config, token=TOKEN, base_url=api.base_url))
    api.token = TOKEN
    turns = Turns().install(application)
    async with running(application), serving(build_web_app(application), "127.0.0.1", 0) as port:
        yield f"http://127.0.0.1:{port}", turns


@pytest.fixture
async def webhook(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[tuple[str, Turns]]:
    async with webhook_bot(api, tmp_path) as bot:
        yield bot


def _update(update_id: int, text: str) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {"message_id": update_id, "date": 0, "text": text,
                    "chat": {"id": USER, "type": "private"},
                    "from": {"id": USER, "is_bot": False, "first_name": "用户"},
                    "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}]},
    }  # fmt: skip


async def _post(base: str, body: Any, secret: str | None) -> int:
    headers = {} if secret is None else {SECRET_HEADER: secret}
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{base}/telegram", json=body, headers=headers) as response,
    ):
        return response.status


@pytest.mark.parametrize(
    "secret",
    [None, "", "wrong", WEBHOOK_SECRET[:-1], WEBHOOK_SECRET + "x", WEBHOOK_SECRET.upper(), TOKEN],
)
async def test_an_update_without_the_right_secret_is_forbidden(
    webhook: tuple[str, Turns], api: FakeBotApi, secret: str | None
) -> None:
    base, _ = webhook
    assert await _post(base, _update(1, "/plan"), secret) == 403
    assert not api.sent("sendMessage")


async def test_the_right_secret_is_answered(webhook: tuple[str, Turns], api: FakeBotApi) -> None:
    base, turns = webhook
    assert await _post(base, _update(7, "/plan"), WEBHOOK_SECRET) == 200
    await turns.wait(7, timeout=5)
    assert "工作计划" in visible(api.sent("sendMessage"))


async def test_a_malformed_body_with_the_secret_is_refused_quietly(
    webhook: tuple[str, Turns], api: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    base, turns = webhook
    bodies = [{}, [], 5, "update", {"update_id": 3, "message": {}},
              {"update_id": 4, "callback_query": {"id": "x"}}]  # fmt: skip
    with caplog.at_level(logging.WARNING):
        statuses = [await _post(base, body, WEBHOOK_SECRET) for body in bodies]
        assert await _post(base, _update(9, "/start"), WEBHOOK_SECRET) == 200
        await turns.wait(9, timeout=5)
    assert statuses == [400] * len(bodies)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "请选择要看的内容" in visible(api.sent("sendMessage"))


async def test_the_webhook_secret_is_sent_to_telegram_but_never_logged(
    api: FakeBotApi, tmp_path: Path
) -> None:
    with production_logging() as log:
        async with webhook_bot(api, tmp_path) as (base, turns):
            assert await _post(base, _update(5, "/plan"), "wrong") == 403
            assert await _post(base, _update(6, "/plan"), WEBHOOK_SECRET) == 200
            await turns.wait(6, timeout=5)
    (registered,) = api.sent("setWebhook")
    assert registered.params["secret_token"] == WEBHOOK_SECRET
    assert WEBHOOK_SECRET not in log.getvalue() and TOKEN_SECRET not in log.getvalue()
    assert "工作计划" in visible(api.sent("sendMessage"))


async def test_healthz_shows_no_secret(webhook: tuple[str, Turns]) -> None:
    base, _ = webhook
    async with aiohttp.ClientSession() as session, session.get(f"{base}/healthz") as response:
        raw = await response.text()
        headers = str(dict(response.headers))
        body = await response.json()
    assert set(body) == {"status", "reports", "briefed", "uptime_seconds", "database"}
    assert body["database"] == "ok"  # whether it can be reached, never where it is
    for secret in (TOKEN_SECRET, WEBHOOK_SECRET):
        assert secret not in raw and secret not in headers


# -- admin commands ----------------------------------------------------------------------------
@pytest.fixture
async def admin_chat(api: FakeBotApi, tmp_path: Path) -> AsyncIterator[Chat]:
    async with open_chat(api, make_config(tmp_path, admins=[ADMIN])) as opened:
        yield opened


@pytest.mark.parametrize("command", ["/reload", "/stats", "/push_now"])
async def test_admin_commands_refuse_other_users(
    admin_chat: Chat, command: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        refused = visible(await admin_chat.send(command))
        update = admin_chat.api.user_message(command, chat_id=ADMIN, user_id=ADMIN)
        before = len(admin_chat.api.calls)
        await admin_chat.turns.wait(update["update_id"], timeout=10)
        allowed = visible(admin_chat.api.calls[before:])
    assert "管理员" in refused and SORRY not in refused
    assert allowed and allowed != refused
    assert not caplog.records


# -- SQL -----------------------------------------------------------------------------------------
EXECUTES = {"execute", "executemany", "executescript"}
SQL = re.compile(
    r"(?is)^\s*(select\b.*\bfrom|insert\b.*\binto|update\b.*\bset\b|delete\b.*\bfrom|"
    r"replace\b.*\binto|(create|drop|alter)\b.*\b(table|index|view|trigger)|pragma\b)"
)


def _constant_loop_names(tree: ast.AST) -> set[str]:
    """Names bound by `for name in ("a", "b")`: f-strings of those cannot carry user data."""
    return {
        node.target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.For)
        and isinstance(node.target, ast.Name)
        and isinstance(node.iter, ast.Tuple | ast.List)
        and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.iter.elts)
    }


def _module_constants(tree: ast.Module) -> set[str]:
    """Module-level names bound once to a string built only from literals and names bound so
    before them (`_ID = "coalesce(...)"`, `_FIELDS = f"r.digest, {_ID}"`): SQL pieces written in
    the code, which cannot carry user data."""
    safe: set[str] = set()
    # Bound once anywhere in the module (a function's own binding of the name would shadow it).
    bound = [
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    ]
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(target := node.targets[0], ast.Name)
            and bound.count(target.id) == 1
            and _literal(node.value, safe)
        ):
            safe.add(target.id)
    return safe


def _literal(node: ast.AST, safe: set[str]) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.Name):
        return node.id in safe
    if isinstance(node, ast.JoinedStr):
        return all(
            _literal(v.value if isinstance(v, ast.FormattedValue) else v, safe)
            and not (isinstance(v, ast.FormattedValue) and v.format_spec)
            for v in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal(node.left, safe) and _literal(node.right, safe)
    return False


def _method(node: ast.AST) -> str | None:
    """The method name of a call like `db.execute(...)`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _integer_only(value: ast.FormattedValue) -> bool:
    spec = value.format_spec
    return isinstance(spec, ast.JoinedStr) and [
        getattr(part, "value", None) for part in spec.values
    ] == ["d"]


def _built(node: ast.AST, safe: set[str]) -> str | None:
    """The literal text of a string built from variables (f-string, %, +, .format), else None."""
    if isinstance(node, ast.JoinedStr):
        # `{n:d}` formats an int or raises: it cannot carry text (PRAGMA takes no parameters).
        values = [v.value for v in node.values
                  if isinstance(v, ast.FormattedValue) and not _integer_only(v)]  # fmt: skip
        if all(isinstance(v, ast.Name) and v.id in safe for v in values):
            return None
        return "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        parts = [node.left, node.right]
        if all(isinstance(p, ast.Constant) for p in parts):
            return None
        return "".join(str(p.value) for p in parts if isinstance(p, ast.Constant)) or " "
    if _method(node) == "format" and isinstance(node.func.value, ast.Constant):
        return str(node.func.value.value)
    return None


def sql_built_from_variables(source: str) -> list[int]:
    """Lines where SQL is built from variables: an execute() whose statement is built, or any
    SQL-looking string built with an f-string, %, + or .format."""
    tree = ast.parse(source)
    safe = _constant_loop_names(tree) | _module_constants(tree)
    lines = []
    for node in ast.walk(tree):
        text = _built(node, safe)
        if text is not None and SQL.search(text):
            lines.append(node.lineno)
        if _method(node) in EXECUTES and node.args and _built(node.args[0], safe):
            lines.append(node.lineno)
    return sorted(set(lines))


def test_the_sql_checker_catches_built_statements() -> None:
    bad = [
        'db.execute(f"SELECT * FROM t WHERE id = {chat}")',
        'db.execute("DELETE FROM t WHERE id = %s" % chat)',
        'db.execute("SELECT a FROM t WHERE b = " + chat)',
        'db.executemany("INSERT INTO t VALUES ({})".format(chat), rows)',
        'sql = f"UPDATE t SET a = {value}"',
        'sql = f"UPDATE t SET a = {value:s}"',
        "db.execute(query + suffix)",
        # A module-level name rebound, or bound again inside a function, is no constant.
        '_W = "a = 1"\n_W = w\nsql = f"SELECT a FROM t WHERE {_W}"',
        '_W = "a = 1"\ndef f(w):\n    _W = w\n    return f"SELECT a FROM t WHERE {_W}"',
    ]
    good = [
        '_ID = "coalesce(f.id, 0)"\n_SQL = f"SELECT {_ID} FROM t" " WHERE b = ?"\ndb.execute(_SQL, (b,))',
        'db.execute("SELECT a FROM t WHERE b = ?", (chat,))',
        'for p in ("journal_mode=WAL", "synchronous=NORMAL"):\n    db.execute(f"PRAGMA {p}")',
        'db.execute("SELECT a " "FROM t")',
        'logger.info(f"updated {n} rows")',
        'db.execute(f"PRAGMA user_version = {version + 1:d}")',
    ]
    assert [bool(sql_built_from_variables(s)) for s in bad] == [True] * len(bad)
    assert [bool(sql_built_from_variables(s)) for s in good] == [False] * len(good)


def test_sql_is_parameterised_everywhere() -> None:
    found = {
        str(path.relative_to(ROOT)): lines
        for folder in ("bot", "briefings")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if (lines := sql_built_from_variables(path.read_text(encoding="utf-8")))
    }
    assert not found, f"SQL built from variables (use ? parameters): {found}"


# -- user text in HTML replies -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "raw", "escaped"),
    [
        ("/summary <i>", "<i>", "&lt;i&gt;"),
        ("/summary <b>1</b>&", "<b>1</b>", "&lt;b&gt;1&lt;/b&gt;&amp;"),
        ("/metrics <script>", "<script>", "&lt;script&gt;"),
        ("/metrics <a href='x'>", "<a href", "&lt;a href="),
        ("/metrics &amp;", "“&amp;”", "&amp;amp;"),
        ("/foo<b>x", "<b>x", "/foo&lt;b&gt;x"),
        # A search drops tags and entities from its query: nothing of them comes back.
        ("/search <b>x</b>&", "<b>x", None),
        ("<tg-spoiler>法治</tg-spoiler>&amp;", "<tg-spoiler>", None),
    ],
)
async def test_user_text_is_escaped_in_replies(
    chat: Chat, text: str, raw: str, escaped: str | None
) -> None:
    sent: list[Call] = [c for c in await chat.send(text) if c.method == "sendMessage"]
    html = "\n".join(c.params["text"] for c in sent)
    assert sent and raw not in html
    assert escaped is None or escaped in html
    assert all(not html_problems(c.params["text"]) for c in sent)


def test_the_html_check_rejects_what_telegram_would() -> None:
    assert html_problems('<b>概要</b> &lt;b&gt; &amp; &#36; <a href="https://x">x</a>') == []
    for bad in ("<b>x", "x</b>", "<script>x</script>", "a & b", "<b><i>x</b></i>", "1 < 2"):
        assert html_problems(bad), bad
