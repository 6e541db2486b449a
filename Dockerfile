# OneChat web image: uvicorn serving HTTP and the /cable websockets.
# Built and run by docker-compose.yml; see README.md, "Self-hosting".
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DEBUG=0 \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/srv/onechat/media

RUN groupadd --system --gid 10001 onechat \
    && useradd --system --uid 10001 --gid onechat --no-create-home \
        --home-dir /app --shell /usr/sbin/nologin onechat

WORKDIR /app

# Dependencies first, in their own layer: a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
# Editable, so the code runs from /app, where the templates and each app's
# static files live next to it (they are not Python package data).
RUN pip install --no-deps -e . \
    && SECRET_KEY=collectstatic-only python manage.py collectstatic --no-input -v 0 \
    && install -d -o onechat -g onechat /srv/onechat/media

USER onechat
EXPOSE 8000

HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-m", "deploy.healthcheck"]

# On SIGTERM the websocket clients get server_restart and reconnect elsewhere,
# then uvicorn finishes the requests in flight and exits.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/deploy/entrypoint.sh"]
# The command line of deploy/server.py (tests/deploy/test_compose.py
# checks they match). uvicorn, not daphne: see README.md, "Performance".
CMD ["uvicorn", "onechat.asgi:application", "--host", "0.0.0.0", "--port", "8000", \
     "--ws", "websockets-sansio", "--ws-per-message-deflate", "false", \
     "--proxy-headers", "--forwarded-allow-ips", "127.0.0.1,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16", \
     "--timeout-graceful-shutdown", "5", "--lifespan", "off", "--no-access-log"]
