"""On-disk cache of what is derived from a report: figures, summaries, keywords, search index.

One file per report, named by the report's content hash (Report.digest): a line of JSON saying
which report and code it is of, then the briefing as zlib-compressed JSON. Only what cannot be
read again from the report is stored: the search index's sentences and places are the parsed
report's own (rebuilt on reading, without jieba), and a summary or a figure names the sentences
it quotes by their number among them, so the file is a fraction of the report's size. A file is used
only if its format version, the fingerprint of the code that derived it, the digest and the
report's outline all match and its structure checks out; anything else is a miss, and the
caller recomputes and overwrites it. Files are written to a temporary name and moved into
place, so a crash mid-write never leaves a half file under the real name.
"""

from __future__ import annotations

import ast
import hashlib
import json
import logging
import os
import re
import tempfile
import zlib
from collections.abc import Sequence
from dataclasses import fields
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .briefing import Briefing, SectionBrief
from .model import Metric, Report
from .search import SearchIndex

# 2: Metric.upper; 3: Metric.kind and Metric.period; 4: written from a Briefing, not a Report;
# 5: Metric.bound and Metric.indicator; 6: compressed, figures as rows, summaries and figures
# naming their sentences by number, the index's sentences and places read from the report
CACHE_VERSION = 6
SUFFIX = ".brief"
_OLD_SUFFIX = ".json"  # what versions before 6 wrote: removed when a report is cached anew

log = logging.getLogger(__name__)

# JSON types accepted for each annotated Metric field type; a field of another type is only
# checked for presence.
_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "FigureKind": (str,),
    "float": (int, float),
    "bool": (bool,),
}


class CacheFormatError(ValueError):
    """A cache file is unreadable, stale, or not shaped as this module writes it."""


@cache
def code_fingerprint() -> str:
    """Hash of the code and data that derive a briefing: a cache derived by other code is stale."""
    return fingerprint_of(Path(str(resources.files("briefings"))))


# A briefing is derived by this module and those it imports, at any depth (lazily too).
DERIVER = "derive.py"


def fingerprint_of(package: Path) -> str:
    """Hash of the modules of `package` that derive a briefing (DERIVER and every module of
    the package it imports, subpackages included: a rule in figures/ shapes a briefing as much
    as one at the top) and of its data files. Nothing else changes a briefing: not /compare or
    the alerts (also the domain), nor how a briefing is shown (bot/present/)."""
    package = package.resolve()
    digest = hashlib.sha256()
    data = [path for path in (package / "data").rglob("*") if path.is_file()]
    for path in sorted({*_shaping(package), *data}, key=lambda p: p.relative_to(package).parts):
        name = path.relative_to(package).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _shaping(package: Path) -> set[Path]:
    """DERIVER and the modules of `package` it imports, followed to the end."""
    modules = set(package.rglob("*.py"))  # found once: no file is looked up per import
    found: set[Path] = set()
    todo = [package / DERIVER]
    while todo:  # bounded: each module of the package is read once
        module = todo.pop()
        if module not in found:
            found.add(module)
            todo += _imported(package, module, modules)
    return found


def _imported(package: Path, module: Path, modules: set[Path]) -> list[Path]:
    """The `modules` of `package` that `module` imports, anywhere in it, with the __init__.py
    of each subpackage on the way (importing figures.keys runs figures/__init__.py)."""
    targets: list[Path] = []
    for node in _import_statements(module.read_bytes()):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = _normal(module.parent.joinpath(*[".."] * (node.level - 1)))
            named = base.joinpath(*node.module.split(".")) if node.module else base
        elif isinstance(node, ast.ImportFrom) and _within(package, node.module or ""):
            named = package.parent.joinpath(*(node.module or "").split("."))  # spelt out
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if _within(package, a.name)]
            targets += [package.parent.joinpath(*name.split(".")) for name in names]
            continue
        else:
            continue
        targets += [named, *(named / alias.name for alias in node.names)]
    found = {p for t in targets for p in (t.with_suffix(".py"), t / "__init__.py") if p in modules}
    inits = {
        folder / "__init__.py"
        for path in found
        for folder in path.parents
        if folder.is_relative_to(package) and folder / "__init__.py" in modules
    }
    # The package's own __init__.py only re-exports (the folder and its catalogue among them).
    return [p for p in found | inits if p != package / "__init__.py"]


def _normal(path: Path) -> Path:
    """`path` with its `..` taken out (the package's files are looked up as found, unresolved)."""
    return Path(os.path.normpath(path))


# Every import statement holds the word `import`: sre finds a literal fast, where a pattern
# tried at every position (a line's start, a `:` or a `;`) took ~12 ms over the modules that
# derive a briefing, a cost each start-up reading its catalogue pays. Only the statements are
# parsed: the syntax tree of every module the briefing imports takes ~0.1 s.
_IMPORT_WORD = re.compile(rb"import[ \t\\(]")


def _statement_starts(source: bytes) -> list[int]:
    """Where the statements holding the word `import` may start: its logical line's first word
    (lines a backslash joins are one), or the first word after the last `:` (a one-line block)
    or `;` before it, when that word is `from` or `import` itself."""
    starts: dict[int, None] = {}
    for match in _IMPORT_WORD.finditer(source):
        at = match.start()
        line = source.rfind(b"\n", 0, at) + 1
        while line > 1 and source[line - 2 : line - 1] == b"\\":  # continued from the line above
            line = source.rfind(b"\n", 0, line - 1) + 1
        head = source[line:at]
        cut = max(head.rfind(b":"), head.rfind(b";")) + 1
        lead = head[cut:].lstrip(b" \t")
        if not lead or (lead.startswith(b"from") and lead[4:5] in (b" ", b"\t", b"\\")):
            starts[at - len(lead)] = None
    return list(starts)


# What an import statement's start looks like: `from` a dotted or relative module, `import`
# a dotted name (backslashes and brackets may continue either).
_IMPORT_SHAPE = re.compile(
    rb"from[\s\\]+(?:\.+[\s\\]*)?(?:[A-Za-z_][\w.]*[\s\\]+)?import\b|import[\s\\(]+[A-Za-z_]"
)


def _import_statements(source: bytes) -> list[ast.AST]:
    """The import statements of a module's `source`, each parsed alone with what continues it
    (a parenthesised list, backslashed lines); nodes of the whole tree when one does not parse
    alone (a comment inside the list), so an import is never missed; a line that only starts
    with the word (a docstring's "from the …") is not one. A docstring line that does parse as
    an import can only add to the hash."""
    statements: list[ast.AST] = []
    for start in _statement_starts(source):
        end = _line_end(source, start)
        opened = source.find(b"(", start, end)
        if opened >= 0 and source.find(b")", opened, end) < 0:  # a list over several lines
            closed = source.find(b")", end)
            end = len(source) if closed < 0 else _line_end(source, closed)
        try:
            statements += ast.parse(source[start:end]).body
        except SyntaxError:
            if _IMPORT_SHAPE.match(source, start, end):  # an import that needs its context
                return list(ast.walk(ast.parse(source)))
            # prose ("from the report's year…"): no import, and parsing the whole module
            # for it cost a start-up ~20 ms
    return statements


def _line_end(source: bytes, at: int) -> int:
    """Where the line holding `at` ends, the lines a backslash continues it on included."""
    end = source.find(b"\n", at)
    while end > 0 and source[end - 1 : end] == b"\\":
        end = source.find(b"\n", end + 1)
    return len(source) if end < 0 else end


def _within(package: Path, dotted: str) -> bool:
    return dotted.split(".")[0] == package.name


def cache_path(cache_dir: Path, digest: str) -> Path:
    return Path(cache_dir) / f"{digest}{SUFFIX}"


_METRIC_FIELDS = tuple(field.name for field in fields(Metric))
_SENTENCE = _METRIC_FIELDS.index("sentence")
Numbers = dict[str, int]  # the report's sentences by text: the number of each one's first


def _quoted(text: str, numbers: Numbers) -> str | list[int]:
    """A summary (its sentences a line each) as the numbers of its sentences, or as itself
    when one of its lines is not a sentence of the report."""
    lines = text.split("\n")
    if text and all(line in numbers for line in lines):
        return [numbers[line] for line in lines]
    return text


def _unquoted(value: Any, sentences: Sequence[tuple[int, str]]) -> str:
    """The summary `_quoted` wrote."""
    if isinstance(value, str):
        return value
    if not isinstance(value, list) or not value:
        raise CacheFormatError("a summary is neither text nor sentence numbers")
    return "\n".join(_sentence_at(n, sentences) for n in value)


def _sentence_at(number: Any, sentences: Sequence[tuple[int, str]]) -> str:
    if isinstance(number, bool) or not isinstance(number, int):
        raise CacheFormatError("a sentence number is not a number")
    if not 0 <= number < len(sentences):
        raise CacheFormatError("a sentence number is out of range")
    return sentences[number][1]


def _metric_row(metric: Metric, numbers: Numbers) -> list[Any]:
    """A figure as its fields in Metric's order, its sentence as the number of the report's
    sentence that says it (its text when none is: a title)."""
    row: list[Any] = [getattr(metric, name) for name in _METRIC_FIELDS]
    row[_SENTENCE] = numbers.get(metric.sentence, metric.sentence)
    return row


def cache_entry(briefing: Briefing) -> dict[str, Any]:
    """The briefing as the JSON object of its cache file (the report itself is not stored:
    it is parsed again from its file, which is fast)."""
    numbers: Numbers = {}
    for n, (_, text) in enumerate(briefing.index.sentences):
        numbers.setdefault(text, n)
    return {
        "version": CACHE_VERSION,
        "code": code_fingerprint(),
        "digest": briefing.digest,
        "summary": _quoted(briefing.summary, numbers),
        "keywords": list(briefing.keywords),
        "sections": [
            [sid, _quoted(brief.summary, numbers), list(brief.keywords)]
            for sid, brief in briefing.sections.items()
        ],
        "metrics": [_metric_row(metric, numbers) for metric in briefing.metrics],
        "index": {
            "vocabulary": sorted(briefing.index.vocabulary),
            "keywords": list(briefing.index.keywords),
        },
    }


def _string_list(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise CacheFormatError("expected a list of strings")
    return value


def _section(row: Any, sentences: Sequence[tuple[int, str]]) -> tuple[str, SectionBrief]:
    if not (isinstance(row, list) and len(row) == 3 and isinstance(row[0], str)):
        raise CacheFormatError("a section is not [id, summary, keywords]")
    return row[0], SectionBrief(_unquoted(row[1], sentences), tuple(_string_list(row[2])))


def _valid(value: Any, kind: str) -> bool:
    accepted = _JSON_TYPES.get(kind)
    if accepted is None:
        return True
    if isinstance(value, bool):  # bool is an int to isinstance, never a float here
        return bool in accepted
    return isinstance(value, accepted)


def _metric(row: Any, sentences: Sequence[tuple[int, str]]) -> Metric:
    """The figure `_metric_row` wrote, its sentence read from the report's `sentences`."""
    kinds = {f.name: getattr(f.type, "__name__", str(f.type)) for f in fields(Metric)}
    if not isinstance(row, list) or len(row) != len(kinds):
        raise CacheFormatError("a metric does not have Metric's fields")
    data = dict(zip(_METRIC_FIELDS, row, strict=True))
    if not isinstance(data["sentence"], str):
        data["sentence"] = _sentence_at(data["sentence"], sentences)
    wrong = [name for name, kind in kinds.items() if not _valid(data[name], kind)]
    if wrong:
        raise CacheFormatError(f"metric fields of the wrong type: {', '.join(wrong)}")
    values: dict[str, Any] = {n: float(v) if kinds[n] == "float" else v for n, v in data.items()}
    return Metric(**values)


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list):
        raise CacheFormatError(f"{key} is not a list")
    return value


def read_cache_entry(data: Any, report: Report) -> Briefing:
    """The cached briefing of `report`; raises CacheFormatError (or IndexFormatError) if the
    data is stale, belongs to another report, or is not shaped as `cache_entry` writes it."""
    if not isinstance(data, dict):
        raise CacheFormatError("not a JSON object")
    expected = {"version": CACHE_VERSION, "code": code_fingerprint(), "digest": report.digest}
    stale = [key for key, value in expected.items() if data.get(key) != value]
    if stale:
        raise CacheFormatError(f"stale: {', '.join(stale)} differ")
    stored = data.get("index")
    if not isinstance(stored, dict):
        raise CacheFormatError("index is not an object")
    vocabulary = _string_list(stored.get("vocabulary"))
    index = SearchIndex.of(report, vocabulary, _string_list(stored.get("keywords")))
    sentences = index.sentences
    sections = dict(_section(row, sentences) for row in _list(data, "sections"))
    if list(sections) != [section.id for section in report.walk()]:
        raise CacheFormatError("sections differ from the report's outline")
    metrics = tuple(_metric(item, sentences) for item in _list(data, "metrics"))
    keywords = tuple(_string_list(data.get("keywords")))
    summary = _unquoted(data.get("summary"), sentences)
    return Briefing(report, metrics, summary, keywords, sections, index)


def _header(digest: str) -> bytes:
    """The first line of a current cache file of `digest`: cache_entry's first keys."""
    head = {"version": CACHE_VERSION, "code": code_fingerprint(), "digest": digest}
    return json.dumps(head, ensure_ascii=False).encode() + b"\n"


def encode(entry: dict[str, Any]) -> bytes:
    """A cache file's bytes: `entry`'s header line, then all of it as compressed JSON."""
    body = json.dumps(entry, ensure_ascii=False).encode()
    return _header(entry["digest"]) + zlib.compress(body)


def decode(data: bytes) -> Any:
    """The JSON object of a cache file's bytes (ValueError, zlib.error: not such a file)."""
    _, newline, body = data.partition(b"\n")
    if not newline:
        raise CacheFormatError("no header line")
    return json.loads(zlib.decompress(body))


def is_current(cache_dir: Path, digest: str) -> bool:
    """Whether the cache holds a briefing of `digest` written by this code, judged from the
    file's first bytes only: cheap enough to ask of a thousand reports at start-up. `load`
    still checks the whole file when the briefing is read."""
    header = _header(digest)
    try:
        with cache_path(cache_dir, digest).open("rb") as file:
            return file.read(len(header)) == header
    except OSError:
        return False


def load(cache_dir: Path, report: Report) -> Briefing | None:
    """The cached briefing of `report`, or None when there is no usable one."""
    path = cache_path(cache_dir, report.digest)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        log.info("not using cache file %s: %s", path, error)
        return None
    return from_bytes(data, report, str(path))


def from_bytes(data: bytes, report: Report, where: str) -> Briefing | None:
    """The briefing of `report` in a cache file's bytes (read from `where`, which a log line
    names), or None when they hold no usable one."""
    try:
        return read_cache_entry(decode(data), report)
    except (ValueError, TypeError, RecursionError, zlib.error) as error:
        # ValueError covers bad UTF-8, bad JSON, CacheFormatError and IndexFormatError.
        log.info("not using cache file %s: %s", where, error)
        return None


def to_bytes(briefing: Briefing) -> bytes:
    """The briefing as its cache file's bytes (what `save` writes, `from_bytes` reads)."""
    return encode(cache_entry(briefing))


def write_atomically(path: Path, data: str | bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data.encode() if isinstance(data, str) else data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def save(cache_dir: Path, briefing: Briefing) -> None:
    """Write the briefing's cache file. Failing to write only costs a recomputation next
    time, so an unwritable cache directory is logged, not raised."""
    keep(cache_dir, briefing.digest, to_bytes(briefing))


def keep(cache_dir: Path, digest: str, data: bytes) -> None:
    """Write `data`, the bytes of the briefing of `digest`, as its cache file (see `save`)."""
    path = cache_path(cache_dir, digest)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
        path.with_suffix(_OLD_SUFFIX).unlink(missing_ok=True)
    except OSError as error:
        log.warning("could not write cache file %s: %s", path, error)
