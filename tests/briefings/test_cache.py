"""The briefing cache: a hit gives back exactly what was computed, without jieba; anything
corrupt, stale or foreign is recomputed and rewritten."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bench.kits.paths import SEED, corpus_files
from bot.present import render, series, words
from bot.present.card import style as card_style
from briefings import cache, derive, figures
from briefings.briefing import Briefing
from briefings.derive import brief, brief_file
from briefings.export import export_document
from briefings.model import Metric, Report
from briefings.parse import parse_file

CORPUS = corpus_files()

FIGURES = [
    Metric(
        "m1",
        "1.3.3",
        "2.6亿条",
        2.6e8,
        "条",
        "突破",
        "归集信用数据",
        "归集信用数据突破2.6亿条",
        True,
    ),
    # said by one of the report's sentences: the cache names it by number
    Metric(
        "m2",
        "1.6.2",
        "80%",
        80.0,
        "%",
        "",
        "出庭应诉率",
        "2020年,全市行政机关负责人出庭应诉率达80%。",
        False,
    ),
]
EXTRACT_FIGURES = figures.extract_figures  # the real extractor, before the fixture replaces it


@pytest.fixture(autouse=True)
def known_figures(monkeypatch):
    """Figures to round-trip through the cache, whatever the real extractor finds."""
    monkeypatch.setattr(figures, "extract_figures", lambda report: list(FIGURES))


@pytest.fixture(scope="module")
def fresh() -> Briefing:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(figures, "extract_figures", lambda report: list(FIGURES))
        return brief(parse_file(SEED))


def _forbid_computing(monkeypatch):
    def fail(report):
        raise AssertionError("recomputed although the cache was valid")

    monkeypatch.setattr(derive, "derive_briefing", fail)


def _exported(briefing: Briefing) -> dict:
    return export_document(briefing.report, briefing)


def _cache_file(cache_dir: Path, report: Report | Briefing) -> Path:
    return cache.cache_path(cache_dir, report.digest)


def test_a_hit_returns_identical_data_without_recomputing(fresh, tmp_path, monkeypatch):
    brief(parse_file(SEED), tmp_path)
    assert _cache_file(tmp_path, fresh).is_file()
    _forbid_computing(monkeypatch)
    cached = brief(parse_file(SEED), tmp_path)
    assert _exported(cached) == _exported(fresh)
    assert list(cached.metrics) == FIGURES
    assert cached.index.to_dict() == fresh.index.to_dict()


def test_a_cache_file_stores_no_sentence_the_report_holds(fresh, tmp_path):
    brief(parse_file(SEED), tmp_path)
    data = cache.decode(_cache_file(tmp_path, fresh).read_bytes())
    assert data["metrics"][1][7] == [t for _, t in fresh.index.sentences].index(FIGURES[1].sentence)
    assert set(data["index"]) == {"vocabulary", "keywords"}  # sentences and places: the report's
    assert all(isinstance(n, int) for n in data["summary"])  # the sentences it quotes


def test_a_cache_file_is_smaller_than_its_report(tmp_path, monkeypatch):
    monkeypatch.setattr(figures, "extract_figures", EXTRACT_FIGURES)
    for path in [SEED, *CORPUS[:2]]:
        briefing = brief(parse_file(path), tmp_path)
        assert _cache_file(tmp_path, briefing).stat().st_size < path.stat().st_size / 2


@pytest.mark.skipif(not CORPUS, reason="corpus not present")
def test_corpus_briefings_read_back_from_the_cache_exactly(tmp_path, monkeypatch):
    """Sentences stored by number come back as the report's text, figures and summaries alike."""
    monkeypatch.setattr(figures, "extract_figures", EXTRACT_FIGURES)
    for path in CORPUS[:3]:
        fresh = derive.derive_briefing(parse_file(path))
        cache.save(tmp_path, fresh)
        back = cache.load(tmp_path, parse_file(path))
        assert back is not None
        assert (back.summary, back.keywords, back.sections) == (
            fresh.summary,
            fresh.keywords,
            fresh.sections,
        )
        assert back.metrics == fresh.metrics
        assert back.index.to_dict() == fresh.index.to_dict()


def test_a_cache_file_of_the_old_format_is_replaced(fresh, tmp_path):
    old = _cache_file(tmp_path, fresh).with_suffix(".json")
    old.write_text(json.dumps({"version": 5, "digest": fresh.digest}), "utf-8")
    brief(parse_file(SEED), tmp_path)
    assert not old.exists() and _cache_file(tmp_path, fresh).is_file()


def _damaged(tmp_path: Path, fresh: Briefing, damage) -> Path:
    brief(parse_file(SEED), tmp_path)
    path = _cache_file(tmp_path, fresh)
    data = cache.decode(path.read_bytes())
    damage(data)
    path.write_bytes(cache.encode(data))
    return path


def _rebuilt_from(path: Path, tmp_path: Path, fresh: Briefing) -> None:
    rebuilt = brief(parse_file(SEED), tmp_path)
    assert _exported(rebuilt) == _exported(fresh)
    assert cache.load(tmp_path, parse_file(SEED)) is not None, "the bad file was not rewritten"


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.update(version=cache.CACHE_VERSION + 1),
        lambda d: d.update(code="derived by other code"),
        lambda d: d.update(digest="0" * 64),
        lambda d: d["sections"].pop(),
        lambda d: d["sections"][0].__setitem__(2, "not a list"),
        lambda d: d["metrics"][0].__setitem__(3, "2.6亿"),  # value
        lambda d: d["metrics"][0].__setitem__(8, 1),  # key
        lambda d: d["metrics"][0].pop(6),  # label
        lambda d: d["metrics"][1].__setitem__(7, 10_000),  # sentence: no such number
        lambda d: d["metrics"][1].__setitem__(7, True),
        lambda d: d["index"].update(vocabulary=None),
        lambda d: d.update(index=[]),
        lambda d: d.update(summary=None),
        lambda d: d.update(summary=[]),
        lambda d: d["sections"][0].__setitem__(1, [10_000]),  # no such sentence
    ],
)
def test_a_stale_or_malformed_cache_is_rebuilt(fresh, tmp_path, damage):
    path = _damaged(tmp_path, fresh, damage)
    assert cache.load(tmp_path, parse_file(SEED)) is None
    _rebuilt_from(path, tmp_path, fresh)


@pytest.mark.parametrize(
    "garbage", [b"", b'{"version": 1, ', b"\xff\xfe\x00garbage", b"[]", b"null"]
)
def test_a_corrupted_cache_file_is_rebuilt(fresh, tmp_path, garbage):
    path = _cache_file(tmp_path, fresh)
    path.write_bytes(garbage)
    _rebuilt_from(path, tmp_path, fresh)


def test_a_cache_of_another_report_is_not_used(fresh, tmp_path):
    if not CORPUS:
        pytest.skip("corpus not present")
    other = brief(parse_file(CORPUS[0]), tmp_path)
    _cache_file(tmp_path, other).rename(_cache_file(tmp_path, fresh))
    assert _exported(brief(parse_file(SEED), tmp_path)) == _exported(fresh)


def test_a_cache_whose_outline_differs_is_not_used(fresh, tmp_path):
    brief(parse_file(SEED), tmp_path)
    report = parse_file(SEED)
    top = report.sections[0]
    renumbered = replace(top, children=(replace(top.children[0], id="1.9"), *top.children[1:]))
    changed = replace(report, sections=(renumbered, *report.sections[1:]))
    assert cache.load(tmp_path, changed) is None


def test_writing_leaves_no_temporary_files(tmp_path):
    brief(parse_file(SEED), tmp_path)
    brief(parse_file(SEED), tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [_cache_file(tmp_path, parse_file(SEED)).name]


def test_an_unwritable_cache_directory_only_costs_the_cache(fresh, tmp_path, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    report = brief(parse_file(SEED), blocker / "cache")
    assert _exported(report) == _exported(fresh)
    assert "could not write cache file" in caplog.text


def test_briefing_leaves_the_report_as_parsed(fresh, tmp_path):
    assert fresh.report == parse_file(SEED)
    assert fresh.index.digest == fresh.digest
    cached = brief(parse_file(SEED), tmp_path)
    assert brief(parse_file(SEED), tmp_path).report == cached.report == parse_file(SEED)


def test_brief_file_passes_the_cache_directory(tmp_path):
    briefing = brief_file(SEED, tmp_path / "cache")
    assert briefing.summary and briefing.report.source == SEED.name
    assert _cache_file(tmp_path / "cache", briefing.report).is_file()


def test_a_cache_hit_does_not_load_jieba(tmp_path):
    brief(parse_file(SEED), tmp_path)
    script = (
        "import sys\n"
        "from briefings.derive import brief_file\n"
        "from briefings.corpus_index import CorpusIndex, Entry\n"
        f"briefing = brief_file({str(SEED)!r}, cache_dir={str(tmp_path)!r})\n"
        "corpus = CorpusIndex(None)\n"
        "corpus.add(Entry(briefing.digest, '', '', None), briefing.index)\n"
        "assert briefing.summary and corpus.search('信用', None, 10, 10, 10).hits\n"
        "print('jieba' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    "rule",
    [
        "figures/keys.py",
        "figures/__init__.py",
        "summaries.py",
        "plan.py",
        "outline.py",
        "data/stopwords.yaml",
        "data/problem_words.yaml",
        "data/heading_words.yaml",
        "data/time_words.yaml",
    ],
)
def test_changing_any_briefing_rule_rebuilds_the_cache(fresh, tmp_path, monkeypatch, rule):
    """A copy of the package stands in for the code: editing any file that shapes a briefing,
    in a subpackage too, makes the cached briefing stale and it is computed again."""
    package = tmp_path / "briefings"
    shutil.copytree(
        Path(cache.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__")
    )
    monkeypatch.setattr(cache, "code_fingerprint", lambda: cache.fingerprint_of(package))
    brief(parse_file(SEED), tmp_path)
    assert cache.load(tmp_path, parse_file(SEED)) is not None
    with (package / rule).open("a", encoding="utf-8") as edited:
        edited.write("\n# a changed rule\n")
    assert cache.load(tmp_path, parse_file(SEED)) is None, f"{rule} is not in the fingerprint"
    computed, compute = [], derive.derive_briefing
    monkeypatch.setattr(
        derive, "derive_briefing", lambda report: computed.append(report) or compute(report)
    )
    brief(parse_file(SEED), tmp_path)
    assert computed, "the stale briefing was served instead of rebuilt"


def test_changing_a_reply_layout_a_card_colour_or_a_message_rebuilds_no_cached_briefing(
    fresh, tmp_path, monkeypatch
):
    """A copy of the code stands in for it: editing how a briefing is shown (the reply's HTML,
    the push chapters, the card's colours, the bot's words) serves the cached briefing as it
    was, while editing a rule (test above) rebuilds it."""
    root = Path(cache.__file__).parents[1]  # the checkout holding briefings/ and bot/
    tree = tmp_path / "code"
    for package in ("briefings", "bot"):
        ignore = shutil.ignore_patterns("__pycache__")
        shutil.copytree(root / package, tree / package, ignore=ignore)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: cache.fingerprint_of(tree / "briefings"))
    cached = tmp_path / "cache"
    brief(parse_file(SEED), cached)
    shown = [render.__file__, series.__file__, card_style.__file__, words.__file__]
    shown += [
        Path(words.__file__).parent / "data" / "words" / f"{lang}.yaml" for lang in ("zh", "en")
    ]
    for path in shown:
        with (tree / Path(path).relative_to(root)).open("a", encoding="utf-8") as edited:
            edited.write("\n# a new look\n")
    assert cache.load(cached, parse_file(SEED)) is not None, "a presentation edit rebuilt it"


@pytest.mark.parametrize(
    "module", ["compare.py", "alerts.py", "corpus_index.py", "characters.py", "export.py"]
)
def test_changing_domain_code_that_derives_no_briefing_rebuilds_none(
    fresh, tmp_path, monkeypatch, module
):
    """/compare, the alerts, the search engine and the JSON export read briefings but derive
    none: editing them serves the cached briefing as it was."""
    package = tmp_path / "briefings"
    shutil.copytree(
        Path(cache.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__")
    )
    monkeypatch.setattr(cache, "code_fingerprint", lambda: cache.fingerprint_of(package))
    brief(parse_file(SEED), tmp_path)
    with (package / module).open("a", encoding="utf-8") as edited:
        edited.write("\n# a change elsewhere\n")
    assert cache.load(tmp_path, parse_file(SEED)) is not None, f"{module} rebuilt it"


INVENTED_MODULES = {
    "derive.py": '"""Derives a briefing."""\n\nfrom . import plain\n'
    "if True: from .oneline import c\nx = 1; import briefings.semi\n"
    "from .continued \\\n    import d\n\n\ndef late():\n    from .lazy import e\n",
    "lazy.py": '"""A module.\n\nfrom the folder, read what is asked: prose that reads like an import.\n"""\n'
    "from .listed import (\n    a,  # a comment with a parenthesis )\n    b,\n)\n",
    **{f"{name}.py": "a = b = c = d = e = 1\n" for name in
       ("plain", "oneline", "semi", "continued", "listed", "unrelated")},
}  # fmt: skip


@pytest.mark.parametrize(
    ("module", "shapes"),
    [
        ("plain.py", True),  # from . import plain
        ("oneline.py", True),  # after the colon of a one-line block
        ("semi.py", True),  # after a semicolon, spelt out
        ("continued.py", True),  # a statement a backslash continues
        ("lazy.py", True),  # imported inside a function
        ("listed.py", True),  # by lazy.py, in a list whose comment holds a parenthesis
        ("unrelated.py", False),  # imported by none
    ],
)
def test_the_code_fingerprint_follows_every_shape_of_import(tmp_path, module, shapes):
    """The fingerprint reads only the import statements of each module, not its whole syntax
    tree: whatever the statement's shape, the module it imports is in the hash."""
    package = tmp_path / "briefings"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name, text in INVENTED_MODULES.items():
        (package / name).write_text(text, encoding="utf-8")
    before = cache.fingerprint_of(package)
    with (package / module).open("a", encoding="utf-8") as edited:
        edited.write("f = 2\n")
    assert (cache.fingerprint_of(package) != before) == shapes
