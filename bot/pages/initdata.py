"""Telegram Mini App `initData`, checked as Telegram specifies.

The secret is HMAC-SHA256 of the bot token keyed with "WebAppData"; the hash is HMAC-SHA256 of
the data-check string (every other field, `key=value`, sorted, one a line) keyed with that
secret. A hash that does not match is forged; an `auth_date` older than `MAX_AGE` is stale.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

MAX_AGE = 24 * 3600  # seconds: Telegram leaves the bound to the bot; a day, as a session


class InitDataError(Exception):
    """initData forged, stale or malformed: the request is refused (403)."""


@dataclass(frozen=True)
class WebAppUser:
    id: int
    language_code: str | None


def _secret(token: str) -> bytes:
    return hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()


def sign(fields: dict[str, str], token: str) -> str:
    """`fields` as an initData query string with its hash (what Telegram sends; for tests)."""
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    digest = hmac.new(_secret(token), check.encode(), hashlib.sha256).hexdigest()
    return urlencode({**fields, "hash": digest})


def validate(init_data: str, token: str, now: float | None = None) -> WebAppUser:
    """The user `init_data` was signed for; InitDataError when it is not Telegram's or too old."""
    fields = dict(parse_qsl(init_data, keep_blank_values=True))
    given = fields.pop("hash", "")
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    wanted = hmac.new(_secret(token), check.encode(), hashlib.sha256).hexdigest()
    if not given or not hmac.compare_digest(given, wanted):
        raise InitDataError("initData hash does not match")
    try:
        signed = int(fields["auth_date"])
        user = json.loads(fields["user"])
        found = WebAppUser(int(user["id"]), user.get("language_code"))
    except (KeyError, ValueError, TypeError) as error:
        raise InitDataError(f"initData malformed: {error}") from error
    if (time.time() if now is None else now) - signed > MAX_AGE:
        raise InitDataError("initData is stale")
    return found
