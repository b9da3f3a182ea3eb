"""Configuration: bad values name their key; paths resolve against the file; secrets from env."""

from __future__ import annotations

import re
import shutil
import subprocess
import zoneinfo
from pathlib import Path

import pytest
import yaml

from bench.kits.paths import SEED
from bot.config import ConfigError, is_zone, load_config, parse_config

ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_shipped_config_loads(tmp_path: Path) -> None:
    config = load_config(ROOT / "config.yaml", env={"TELEGRAM_BOT_TOKEN": "1:abc"})
    assert config.mode == "polling" and config.token == "1:abc"
    assert config.timezone == "Asia/Shanghai" and config.webhook_secret is None


def test_the_shipped_config_keeps_the_operators_reports_out_of_the_tests_folder(
    tmp_path: Path,
) -> None:
    """reports_dir is a folder of its own, ignored by git, created on the first run with the
    seed report in it; seeds/, which the tests read, is never where reports are dropped."""
    shutil.copy(ROOT / "config.yaml", tmp_path / "config.yaml")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    config = load_config(tmp_path / "config.yaml", env={})
    assert config.reports_dir == tmp_path / "reports"
    assert sorted(p.name for p in config.reports_dir.iterdir()) == [SEED.name]
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "reports/new.txt"], cwd=ROOT, check=False
    )
    assert ignored.returncode == 0, "reports/ is not ignored by git"
    (config.reports_dir / SEED.name).unlink()  # the operator's choice: not copied again
    assert list(load_config(tmp_path / "config.yaml", env={}).reports_dir.iterdir()) == []


def test_relative_paths_resolve_against_the_config_folder(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "c.yaml").write_text(
        "reports_dir: reports\ndatabase: /tmp/x.db\n", encoding="utf-8"
    )
    config = load_config(tmp_path / "c.yaml", env={})
    assert config.reports_dir == tmp_path / "reports"
    assert config.database == Path("/tmp/x.db")
    assert config.token is None


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ({"telegram": {"mode": "carrier-pigeon"}}, "telegram.mode"),
        ({"telegram": {"base_url": "ftp://x"}}, "telegram.base_url"),
        ({"telegram": {"timeout_seconds": 0}}, "telegram.timeout_seconds"),
        ({"telegram": {"webhook": {"port": 70000}}}, "telegram.webhook.port"),
        ({"telegram": {"webhook": {"path": "hook"}}}, "telegram.webhook.path"),
        ({"http": {"port": "eighty"}}, "http.port"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"admins": ["alice"]}, "admins"),
        ({"push": {"rate_per_second": 0}}, "push.rate_per_second"),
        ({"push": {"max_attempts": True}}, "push.max_attempts"),
        ({"push": {"first_retry_seconds": -1}}, "push.first_retry_seconds"),
        ({"reports_dir": 5}, "reports_dir"),
        ({"reports_settle_seconds": -1}, "reports_settle_seconds"),
        ({"freeze_startup_heap": "no"}, "freeze_startup_heap"),
        ({"reports_links_into": "/srv"}, "reports_links_into"),
        ({"push": {"announcements_per_hour": 0}}, "push.announcements_per_hour"),
        ({"push": {"announce_window_seconds": "soon"}}, "push.announce_window_seconds"),
        ({"telegram": "yes"}, "telegram"),
    ],
)
def test_a_bad_value_names_its_key(raw: dict, key: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=f"'{key}'"):
        parse_config(raw, tmp_path, env={})


def test_webhook_mode_needs_the_secret_from_the_environment(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="TELEGRAM_WEBHOOK_SECRET"):
        parse_config({"telegram": {"mode": "webhook"}}, tmp_path, env={})
    config = parse_config(
        {"telegram": {"mode": "webhook"}}, tmp_path, env={"TELEGRAM_WEBHOOK_SECRET": "s"}
    )
    assert config.webhook_secret == "s"


def test_unreadable_and_invalid_files_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "missing.yaml", env={})
    (tmp_path / "bad.yaml").write_text("telegram: [unclosed", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(tmp_path / "bad.yaml", env={})


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"telgram": {}}, "'telgram' is unknown (did you mean 'telegram'?)"),
        (
            {"telegram": {"mdoe": "webhook"}},
            "'telegram.mdoe' is unknown (did you mean 'telegram.mode'?)",
        ),
        ({"telegram": {"webhook": {"prot": 1}}}, "'telegram.webhook.prot' is unknown"),
        ({"push": {"rate": 5}}, "'push.rate' is unknown"),
        ({"http": {"port": 80, "host": "x"}}, "'http.host' is unknown"),
        ({"colour": "blue"}, "'colour' is unknown"),
    ],
)
def test_an_unknown_key_is_named(raw: dict, message: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        parse_config(raw, tmp_path, env={})


def test_every_shipped_key_is_known(tmp_path: Path) -> None:
    for shipped in [ROOT / "config.yaml", *sorted((ROOT / "deploy").glob("config*.yaml"))]:
        raw = yaml.safe_load(shipped.read_text(encoding="utf-8"))
        parse_config(raw, tmp_path, env={"TELEGRAM_WEBHOOK_SECRET": "s"})


@pytest.mark.parametrize("zone", ["Asia", "Asia/", "../etc/passwd", ""])
def test_a_time_zone_that_is_not_a_zone_is_named(zone: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="'timezone'"):
        parse_config({"timezone": zone}, tmp_path, env={})


def test_a_time_zone_is_one_that_zoneinfo_lists_every_zone_it_would_list() -> None:
    """The config checks its one zone name without listing them all (~600 files opened):
    every file under the zone folders, and names a walk never yields, get the same answer as
    membership in zoneinfo.available_timezones() (bar "localtime" and "Factory")."""
    listed = zoneinfo.available_timezones() - {"localtime", "Factory"}
    files = {
        path.relative_to(root).as_posix()
        for root in map(Path, zoneinfo.TZPATH)
        if root.is_dir()
        for path in root.rglob("*")
    }
    odd = {"Asia", "Asia/", "/Asia/Shanghai", "Asia//Shanghai", "Asia/../UTC", "./UTC",
           "asia/shanghai", "posix/Asia/Shanghai", "right/UTC", "posixrules", "zone.tab"}  # fmt: skip
    names = listed | files | odd
    assert {name for name in names if is_zone(name)} == listed


def test_sources_and_fetching_are_read_into_the_config(tmp_path: Path) -> None:
    raw = {
        "sources": [
            {"index": "http://127.0.0.1:8000/list/", "pattern": "法治政府建设", "name": "东湖区"},
            {"feed": "https://gov.example/rss.xml", "interval_seconds": 600},
        ],
        "fetching": {"host_interval_seconds": 2, "max_bytes": 1000},
    }
    config = parse_config(raw, tmp_path, env={})
    index, feed = config.sources
    assert (index.name, index.kind, index.pattern.pattern) == ("东湖区", "index", "法治政府建设")
    assert (feed.name, feed.kind, feed.interval_seconds) == (feed.url, "feed", 600.0)
    assert config.fetching.host_interval_seconds == 2.0 and config.fetching.max_bytes == 1000
    assert config.fetching.max_redirects == 5 and "briefing-bot" in config.fetching.user_agent
    assert parse_config({}, tmp_path, env={}).sources == ()


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ({"sources": {"url": "http://a"}}, "sources"),
        ({"sources": [{"url": "file:///etc/passwd"}]}, "sources[0].url"),
        ({"sources": [{"index": "http://a/"}]}, "sources[0].pattern"),
        ({"sources": [{"url": "http://a", "pattern": "x"}]}, "sources[0].pattern"),
        ({"sources": [{"feed": "http://a", "pattern": "("}]}, "sources[0].pattern"),
        ({"fetching": {"timeout_seconds": 0}}, "fetching.timeout_seconds"),
        ({"fetching": {"max_redirects": 2.5}}, "fetching.max_redirects"),
        ({"fetching": {"politeness": 1}}, "fetching.politeness"),
        ({"fetching": ["x"]}, "fetching"),
    ],
)
def test_a_bad_source_or_fetching_value_names_its_key(raw: dict, key: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=re.escape(f"'{key}'")) as caught:
        parse_config(raw, tmp_path, env={})
    assert "\n" not in str(caught.value)


def test_a_bad_source_stops_the_cli_with_one_line(tmp_path: Path, capsys) -> None:
    from bot.cli import main

    (tmp_path / "c.yaml").write_text(
        f"reports_dir: {ROOT / 'seeds'}\nsources: [{{url: 'ftp://gov.example/r.html'}}]\n",
        encoding="utf-8",
    )
    assert main(["--config", str(tmp_path / "c.yaml")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("briefing-bot: config key 'sources[0].url'") and "\n" not in err


def test_database_connections_default_to_four_and_must_be_a_positive_integer(
    tmp_path: Path,
) -> None:
    assert parse_config({}, tmp_path, {}).database_connections == 4
    assert parse_config({"database_connections": 2}, tmp_path, {}).database_connections == 2
    for wrong in (0, -1, "2", 1.5):
        with pytest.raises(ConfigError, match="'database_connections'"):
            parse_config({"database_connections": wrong}, tmp_path, {})
