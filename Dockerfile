# 政务简报 (briefing-bot): a slim image, a non-root user, caches built at build time.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    # jieba writes its dictionary cache to the temp dir: keep it inside the image.
    TMPDIR=/app/cache/tmp

RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 briefing
WORKDIR /app

COPY pyproject.toml README.md ./
COPY briefings ./briefings
COPY bot ./bot
RUN pip install .

COPY seeds ./seeds
COPY deploy/config.docker.yaml ./config.yaml
RUN mkdir -p /app/cache/tmp /data \
    && briefing-bot warm --config /app/config.yaml \
    && chown -R briefing:briefing /app/cache /data

USER briefing
VOLUME ["/data"]
EXPOSE 8080 8443

# /healthz is served on http.port in polling mode and on the webhook port in webhook mode.
ENV HEALTH_URL=http://127.0.0.1:8080/healthz
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(os.environ['HEALTH_URL'], timeout=4)"

# The token comes from the environment only: docker run -e TELEGRAM_BOT_TOKEN=...
CMD ["briefing-bot", "run", "--config", "/app/config.yaml"]
