"""Reading a fetched document's text in a child process the bot can kill.

A .docx or a PDF is untrusted input, and python-docx (lxml) and pypdf expand what they read:
a 1 MB .docx can hold 400 MB of XML, a PDF a Flate stream that inflates to gigabytes. Read in
a thread, such a file held the bot's GIL and memory for minutes (4.9 GB RSS, /start 8.5 s) and
kept the process alive past SIGTERM. So each document is read here, in a fresh child process
(`python -m bot.library.document_reader`) that:
- refuses bombs before inflating them (briefings.documents' DocumentLimits: zip entries,
  declared and really inflated sizes, PDF pages and stream sizes);
- runs under an address-space limit (RLIMIT_AS) and a CPU-time limit (RLIMIT_CPU), so what
  the limits do not foresee ends the child, never the bot;
- is killed when it takes longer than READ_SECONDS, when its caller is cancelled, and when
  the bot stops (`kill_readers`, the first step of the stop).
Every way it can fail is one UnusableDocumentError (one line, the reason the user is told).

A process per document, rather than a standing pool: documents arrive a few an hour, a
child costs ~0.3 s to start, and a fresh one carries nothing over from the last hostile file.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import resource
import sys
from pathlib import Path
from typing import Any

from briefings.documents import DocumentLimits, document_lines, unusable_document
from briefings.errors import ReportError, UnreadableReportError, UnusableDocumentError

READ_SECONDS = 30  # wall time for one document: a 300-page report's PDF reads in ~5 s
MEMORY_MB = 1_000  # the child's address space: the limits keep a real report well under it
_running: set[asyncio.subprocess.Process] = set()
_stopped: set[asyncio.subprocess.Process] = set()  # killed by kill_readers
_PROJECT = str(
    Path(__file__).resolve().parent.parent.parent
)  # so `-m bot.library.document_reader` is found


async def read_document(data: bytes, url: str, content_type: str | None = None) -> list[str]:
    """`document_lines` of the bytes, read in a child process; its fault as a ReportError
    (an UnusableDocumentError when reading failed or was cut short)."""
    seconds, memory = READ_SECONDS, MEMORY_MB  # read now: tests lower them
    request = {"url": url, "content_type": content_type, "seconds": seconds, "memory_mb": memory}
    header = json.dumps(request).encode() + b"\n"
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [_PROJECT, os.environ.get("PYTHONPATH")])),
    }
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.library.document_reader",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL, env=environment,
    )  # fmt: skip
    _running.add(child)
    stopping = False
    try:
        output, _ = await asyncio.wait_for(child.communicate(header + data), seconds)
    except TimeoutError:
        raise UnusableDocumentError(url, "too_slow", seconds=seconds) from None
    except (BrokenPipeError, ConnectionResetError):  # it died before it read everything
        output = b""
    finally:
        _running.discard(child)
        stopping = child in _stopped
        _stopped.discard(child)
        if child.returncode is None:
            child.kill()
            with contextlib.suppress(ProcessLookupError):
                await asyncio.shield(child.wait())
    return _answer(output, child.returncode, url, stopping)


def _answer(output: bytes, status: int | None, url: str, stopping: bool) -> list[str]:
    try:
        answer = json.loads(output)
    except ValueError:  # killed (by us, a limit or the kernel) before it could answer
        detail = "the bot is stopping" if stopping else f"exit status {status}"
        raise UnusableDocumentError(url, "reader_ended", detail=detail) from None
    if "lines" in answer:
        return list(answer["lines"])
    if "fault" in answer:
        raise unusable_document(url, answer["fault"], answer["values"])
    raise UnreadableReportError(url, answer["problem"])


def kill_readers() -> None:
    """Kill every document being read now (the bot is stopping); their callers get an
    UnusableDocumentError at once instead of waiting out the parse."""
    for child in list(_running):
        _stopped.add(child)
        with contextlib.suppress(ProcessLookupError):
            child.kill()


# -- in the child ------------------------------------------------------------------------------
def _limit_self(seconds: int, memory_mb: int) -> None:
    memory = memory_mb * 1_000_000
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    # CPU seconds: a child its parent could not kill (the bot killed by -9) still ends
    resource.setrlimit(resource.RLIMIT_CPU, (seconds + 5, seconds + 10))


def _read(data: bytes, url: str, content_type: str | None, memory_mb: int) -> dict[str, Any]:
    try:
        return {"lines": document_lines(data, url, content_type, DocumentLimits())}
    except UnusableDocumentError as error:
        return {"fault": error.fault, "values": error.values}
    except ReportError as error:
        return {"problem": error.problem}
    except MemoryError:
        return {"fault": "out_of_memory", "values": {"limit": memory_mb}}
    except Exception as error:  # a parser bug on hostile input: a reason, not a traceback
        return {"fault": "reader_ended", "values": {"detail": type(error).__name__}}


def main() -> None:
    import docx  # noqa: F401  (imported before the limits: the libraries are trusted)
    import pypdf  # noqa: F401

    request = json.loads(sys.stdin.buffer.readline())
    data = sys.stdin.buffer.read()
    _limit_self(request["seconds"], request["memory_mb"])
    answer = _read(data, request["url"], request["content_type"], request["memory_mb"])
    del data
    sys.stdout.buffer.write(json.dumps(answer, ensure_ascii=False).encode())


if __name__ == "__main__":
    main()
