"""What can be checked of the Docker image without a Docker engine: the files it copies exist,
its build step and its entrypoint command work outside Docker."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from bench.kits.paths import ROOT, SEED, SEEDS
from bot.config import parse_config
from briefings.cache import SUFFIX
from briefings.catalogue import CATALOGUE_FILE, read_catalogue

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def _instructions(name: str) -> list[str]:
    joined = DOCKERFILE.replace("\\\n", " ")
    return [line.split(None, 1)[1] for line in joined.splitlines() if line.startswith(name + " ")]


def test_every_copied_file_exists() -> None:
    for copy in _instructions("COPY"):
        *sources, _target = shlex.split(copy)
        for source in sources:
            assert (ROOT / source).exists(), f"Dockerfile copies missing {source}"


def test_image_runs_as_a_non_root_user_with_a_data_volume_and_healthcheck() -> None:
    assert _instructions("USER") == ["briefing"]
    assert '"/data"' in _instructions("VOLUME")[0]
    assert "healthz" in DOCKERFILE and "HEALTHCHECK" in DOCKERFILE
    assert "TELEGRAM_BOT_TOKEN" not in "".join(_instructions("ENV"))


def test_compose_files_are_valid_yaml_and_take_the_token_from_the_environment() -> None:
    for path in (ROOT / "deploy").glob("compose.*.yaml"):
        compose = yaml.safe_load(path.read_text(encoding="utf-8"))
        bot = compose["services"]["briefing-bot"]
        assert bot["environment"]["TELEGRAM_BOT_TOKEN"].startswith("${TELEGRAM_BOT_TOKEN")


def test_the_image_build_step_warms_the_caches(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    config = (ROOT / "deploy" / "config.docker.yaml").read_text(encoding="utf-8")
    (tmp_path / "data").mkdir()  # the image's volume
    (app / "config.yaml").write_text(config.replace("/data/", f"{tmp_path}/data/"), "utf-8")
    shutil.copytree(SEEDS, app / "seeds")
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "warm", "--config", str(app / "config.yaml")],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"cached: {SEED.name}" in result.stdout
    cache_dir = app / "cache" / "reports"
    briefings = list(cache_dir.glob(f"*{SUFFIX}"))
    assert len(briefings) == 1
    assert list(read_catalogue(cache_dir / CATALOGUE_FILE)) == [SEED.name]  # the bot lists it
    # the reports folder, in the volume, was created with the seed report in it
    assert [p.name for p in (tmp_path / "data" / "reports").iterdir()] == [SEED.name]


def test_the_replicas_compose_file_shares_one_postgresql_and_keeps_its_password_out_of_config(
    tmp_path: Path,
) -> None:
    compose = yaml.safe_load((ROOT / "deploy" / "compose.replicas.yaml").read_text("utf-8"))
    services = compose["services"]
    replicas = [services["briefing-bot"], services["briefing-bot-2"]]
    assert all(r["environment"]["PGPASSWORD"].startswith("${POSTGRES_PASSWORD") for r in replicas)
    assert "healthcheck" in services["postgres"]
    caddyfile = compose["configs"]["caddyfile"]["content"]
    assert (
        "briefing-bot:8443 briefing-bot-2:8443" in caddyfile and "health_uri /healthz" in caddyfile
    )
    content = compose["configs"]["replica-config"]["content"].replace("${PUBLIC_HOST}", "x.org")
    config = parse_config(yaml.safe_load(content), tmp_path, env={"TELEGRAM_WEBHOOK_SECRET": "s"})
    assert config.database == "postgresql://briefing@postgres:5432/briefing"
