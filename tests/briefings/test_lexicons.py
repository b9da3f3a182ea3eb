"""The rule lexicons are data: each list under a comment naming the text it serves, each entry
a valid pattern, one stop-word file."""

import re
from importlib import resources

import pytest
import yaml

from briefings import lexicon

DATA = resources.files("briefings").joinpath("data")
LEXICONS = ["problem_words", "heading_words", "time_words", "stopwords"]


@pytest.mark.parametrize("name", LEXICONS)
def test_every_lexicon_list_says_what_text_it_serves(name):
    lines = DATA.joinpath(f"{name}.yaml").read_text("utf-8").splitlines()
    keys = [n for n, line in enumerate(lines) if re.match(r"^[a-z_]+:", line)]
    assert keys
    for at in keys:
        assert lines[at - 1].startswith("#"), f"{lines[at]} in {name}.yaml has no comment"


@pytest.mark.parametrize("name", ["problem_words", "heading_words", "time_words"])
def test_every_lexicon_entry_is_a_pattern(name):
    data = yaml.safe_load(DATA.joinpath(f"{name}.yaml").read_text("utf-8"))
    for key, value in data.items():
        if isinstance(value, list):
            for entry in value:
                re.compile(entry)
            assert lexicon.pattern(name, key).search("") is None, key


def test_one_stop_word_file_serves_keywords_and_labels():
    names = [p.name for p in DATA.iterdir()]
    assert "stopwords.txt" not in names
    assert "stopwords" not in yaml.safe_load(DATA.joinpath("figure_words.yaml").read_text("utf-8"))
    assert {"推进", "全市"} <= set(lexicon.words("stopwords", "keywords")) | set(
        lexicon.words("stopwords", "labels")
    )


def test_a_lexicon_word_steers_the_rule_that_reads_it():
    from briefings.problems import _DEFICIT

    assert _DEFICIT.search("基础研究投入还不足") and not _DEFICIT.search("经济运行稳中向好")
