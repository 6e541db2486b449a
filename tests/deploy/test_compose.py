"""docker-compose.yml, the Dockerfile and .env.example, checked without a
Docker engine: the structure a working self-hosted install depends on."""

import ast
import itertools
import json
import re
from pathlib import Path

import pytest
import yaml

from deploy.proxy import PROXY_TEMPLATE, render_proxy_config
from deploy.server import GRACEFUL_SHUTDOWN_SECONDS, web_command
from deploy.worker import worker_command

ROOT = Path(__file__).resolve().parent.parent.parent
SETTINGS = ROOT / "onechat" / "settings.py"
ONECHAT_SERVICES = ("migrate", "web1", "web2", "worker")
WEB_SERVICES = ("web1", "web2")
LONG_RUNNING = ("postgres", "redis", "web1", "web2", "worker", "nginx")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


def settings_variables() -> set[str]:
    """Every environment variable onechat/settings.py reads, found in its source.

    Covers ``os.environ.get``/``os.environ[...]``/``os.getenv``, the settings'
    own ``env_*`` helpers and ``dj_database_url.config`` (``DATABASE_URL``).
    """
    found = set()
    for node in ast.walk(ast.parse(SETTINGS.read_text())):
        if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            found.add(ast.literal_eval(node.slice))
        if not isinstance(node, ast.Call):
            continue
        name = ast.unparse(node.func)
        if name == "dj_database_url.config":
            keyword = {k.arg: k.value for k in node.keywords}.get("env")
            found.add(ast.literal_eval(keyword) if keyword else "DATABASE_URL")
        elif name in {"os.environ.get", "os.getenv"} or name.startswith("env_"):
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
    return found


def documented_variables() -> set[str]:
    """Variables .env.example sets or shows commented out with their default."""
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def test_every_variable_the_settings_read_is_documented():
    """Each variable onechat/settings.py reads has a line in .env.example."""
    read = settings_variables()
    # The scan itself must keep working as the settings change shape.
    assert {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DEBUG"} <= read
    assert read - documented_variables() == set()


def test_every_compose_variable_is_documented():
    """Each ${VARIABLE} docker-compose.yml reads from .env is documented."""
    text = (ROOT / "docker-compose.yml").read_text()
    used = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", text))
    assert {"POSTGRES_PASSWORD", "HTTP_PORT"} <= used
    assert used - documented_variables() == set()


def test_required_values_are_placeholders_in_the_example():
    """The example never ships a usable secret: both must be changed."""
    text = (ROOT / ".env.example").read_text()
    assert re.search(r"^SECRET_KEY=change-me$", text, flags=re.MULTILINE)
    assert re.search(r"^POSTGRES_PASSWORD=change-me$", text, flags=re.MULTILINE)


def test_services(services):
    """PostgreSQL, Redis, a one-shot migrate, two web processes, the job worker
    and nginx; coturn only with the "turn" profile."""
    assert set(services) == {
        "postgres",
        "redis",
        "migrate",
        "web1",
        "web2",
        "worker",
        "nginx",
        "coturn",
    }
    profiled = {name for name, service in services.items() if "profiles" in service}
    assert profiled == {"coturn"}
    for name in ONECHAT_SERVICES:
        assert services[name]["build"] == "."
        assert services[name]["env_file"] == ".env"
    assert services["migrate"]["command"] == ["migrate"]
    assert services["migrate"]["restart"] == "no"
    assert services["nginx"]["ports"] == ["${HTTP_PORT:-80}:80"]
    # Only nginx is reachable from outside.
    published = {name for name, service in services.items() if "ports" in service}
    assert published == {"nginx"}


def test_coturn_checks_the_secret_calls_sign_with(services):
    """The optional TURN relay takes the credentials OneChat makes from
    TURN_SECRET (coturn's use-auth-secret), and relays to no private network."""
    coturn = services["coturn"]
    assert coturn["image"].startswith("coturn/coturn")
    assert coturn["profiles"] == ["turn"]
    assert "--use-auth-secret" in coturn["command"]
    assert "--static-auth-secret=${TURN_SECRET:-}" in coturn["command"]
    # An empty secret would let anybody relay: coturn does not start.
    assert coturn["entrypoint"][:2] == ["sh", "-c"]
    assert 'test -n "$$TURN_SECRET"' in coturn["entrypoint"][2]
    assert coturn["environment"] == {"TURN_SECRET": "${TURN_SECRET:-}"}
    denied = [arg for arg in coturn["command"] if arg.startswith("--denied-peer-ip=")]
    assert "--denied-peer-ip=10.0.0.0-10.255.255.255" in denied
    assert "--denied-peer-ip=127.0.0.0-127.255.255.255" in denied


def test_restart_policies(services):
    """Long-running services come back after a crash or a host reboot."""
    for name in LONG_RUNNING:
        assert services[name]["restart"] == "unless-stopped", name


def test_health_checks(services):
    """Every long-running service has a health check that probes it for real."""
    for name in LONG_RUNNING:
        assert services[name]["healthcheck"]["test"][0] in {"CMD", "CMD-SHELL"}, name
    assert "pg_isready" in services["postgres"]["healthcheck"]["test"][1]
    assert services["redis"]["healthcheck"]["test"][1:] == ["redis-cli", "ping"]
    for name in WEB_SERVICES:
        assert services[name]["healthcheck"]["test"][1:] == [
            "python",
            "-m",
            "deploy.healthcheck",
        ]
    assert services["migrate"]["healthcheck"] == {"disable": True}


def test_web_services_run_uvicorn(services):
    """Both web processes run the image's command, the one uvicorn command line
    of deploy/server.py (the Dockerfile test checks the CMD is it):
    websockets sans-I/O, nginx's forwarded headers trusted, a bounded graceful
    shutdown within compose's stop grace period."""
    command = web_command()
    assert command[:2] == ["uvicorn", "onechat.asgi:application"]
    options = dict(itertools.pairwise(command))
    assert options["--ws"] == "websockets-sansio"
    assert options["--ws-per-message-deflate"] == "false"
    assert options["--host"] == "0.0.0.0"
    assert options["--port"] == "8000"
    assert "--proxy-headers" in command
    assert "172.16.0.0/12" in options["--forwarded-allow-ips"].split(",")
    grace = int(options["--timeout-graceful-shutdown"])
    assert grace == GRACEFUL_SHUTDOWN_SECONDS > 0
    for name in WEB_SERVICES:
        assert "command" not in services[name], name
        # Docker kills the container at the end of its stop grace period:
        # uvicorn's own wait must end well before.
        stop_grace = int(services[name]["stop_grace_period"].removesuffix("s"))
        assert grace * 2 <= stop_grace, name


def test_worker_runs_the_images_entry_point(services):
    """The worker service runs the image with ``worker``, which the entry point
    turns into deploy/worker.py's command line (every queue, no code reloads),
    waits for migrations and PostgreSQL, and is healthy while no due job waits
    long for it."""
    worker = services["worker"]
    assert worker["command"] == ["worker"]
    entrypoint = (ROOT / "deploy" / "entrypoint.sh").read_text()
    assert re.search(
        r'"\$\{1:-\}" = "worker" \]; then\s+shift\s+exec python -m deploy.worker "\$@"',
        entrypoint,
    )
    command = worker_command("python")
    assert command[:3] == ["python", "manage.py", "db_worker"]
    options = dict(itertools.pairwise(command))
    assert options["--queue-name"] == "*"
    assert "--no-reload" in command
    assert worker["depends_on"] == {
        "migrate": {"condition": "service_completed_successfully"},
        "postgres": {"condition": "service_healthy"},
    }
    assert worker["healthcheck"]["test"] == [
        "CMD",
        "python",
        "-m",
        "deploy.worker",
        "health",
    ]
    assert "ports" not in worker


def test_start_order_waits_for_health_and_migrations(services):
    """Web waits for healthy data stores and finished migrations; nginx for web."""
    for name in WEB_SERVICES:
        assert services[name]["depends_on"] == {
            "migrate": {"condition": "service_completed_successfully"},
            "postgres": {"condition": "service_healthy"},
            "redis": {"condition": "service_healthy"},
        }
    assert services["migrate"]["depends_on"] == {
        "postgres": {"condition": "service_healthy"}
    }
    assert services["nginx"]["depends_on"] == {
        name: {"condition": "service_healthy"} for name in WEB_SERVICES
    }


def test_volumes(compose, services):
    """Named volumes keep the database and the uploads across re-creation."""
    assert set(compose["volumes"]) == {"postgres-data", "uploads"}
    assert services["postgres"]["volumes"] == ["postgres-data:/var/lib/postgresql/data"]
    for name in ONECHAT_SERVICES:
        assert "uploads:/srv/onechat/media" in services[name]["volumes"]
    assert "uploads:/srv/onechat/media:ro" in services["nginx"]["volumes"]


def test_nginx_renders_the_shared_proxy_template(services):
    """nginx renders the one template the loopback topology renders too."""
    nginx = services["nginx"]
    template = PROXY_TEMPLATE.relative_to(ROOT)
    assert (
        f"./{template}:/etc/nginx/templates/default.conf.template:ro"
        in nginx["volumes"]
    )
    config = render_proxy_config(nginx["environment"])
    assert "${ONECHAT_" not in config
    upstream = re.search(r"upstream onechat_web \{(.*?)\n\}", config, re.S)[1]
    assert re.findall(r"server (\S+)", upstream) == ["web1:8000", "web2:8000"]
    assert "alias /srv/onechat/media/;" in config


def test_nginx_upgrades_cable_websockets():
    """/cable reaches the web processes as a websocket over HTTP/1.1 with a long
    read timeout."""
    template = PROXY_TEMPLATE.read_text()
    server = template[template.index("server {") :]
    cable = re.search(r"location /cable \{(.*?)\}", server, re.S)[1]
    assert "proxy_pass http://onechat_web;" in cable
    assert re.search(r"proxy_read_timeout (\d+)h;", cable)
    # Headers set for the whole server apply to /cable, which sets none itself.
    assert "proxy_set_header" not in cable
    assert "proxy_http_version 1.1;" in server
    assert "proxy_set_header Upgrade $http_upgrade;" in server
    assert "proxy_set_header Connection $onechat_connection;" in server
    assert re.search(
        r"map \$http_upgrade \$onechat_connection \{\s*default upgrade;", template
    )
    assert "proxy_set_header X-Forwarded-Proto $onechat_forwarded_proto;" in server
    assert "proxy_set_header Host $http_host;" in server


def test_render_refuses_a_missing_value():
    """A template value left out fails loudly instead of reaching nginx."""
    with pytest.raises(KeyError, match="ONECHAT_MEDIA_ROOT"):
        render_proxy_config(
            {
                "ONECHAT_LISTEN": "80",
                "ONECHAT_UPSTREAM": "server web1:8000;",
                "ONECHAT_MAX_BODY_SIZE": "25m",
            }
        )


def dockerfile_instructions() -> list[tuple[str, str]]:
    """The Dockerfile as (INSTRUCTION, arguments), continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    instructions = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, arguments = line.partition(" ")
            instructions.append((keyword.upper(), arguments.strip()))
    return instructions


def test_dockerfile_runs_uvicorn_as_a_non_root_user_with_a_health_check():
    """Slim Python base, static files collected at build, non-root uvicorn
    with the command line compose's web services run."""
    instructions = dockerfile_instructions()
    keywords = [keyword for keyword, _ in instructions]
    values = dict(instructions)
    assert values["FROM"] == "python:3.11-slim"
    users = [arguments for keyword, arguments in instructions if keyword == "USER"]
    assert users and users[-1] not in {"root", "0", "0:0"}
    # Everything after the last USER runs unprivileged: no RUN may follow it.
    last_user = len(keywords) - 1 - keywords[::-1].index("USER")
    assert "RUN" not in keywords[last_user:]
    runs = " ".join(run for keyword, run in instructions if keyword == "RUN")
    assert "collectstatic --no-input" in runs
    assert "deploy.healthcheck" in values["HEALTHCHECK"]
    assert values["ENTRYPOINT"] == '["/app/deploy/entrypoint.sh"]'
    assert json.loads(values["CMD"]) == web_command()
    assert "DEBUG=0" in values["ENV"]


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    """.env, the git history and local databases never reach the build context."""
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    for entry in (".env", ".git", "db.sqlite3*", "media", "tests"):
        assert entry in ignored
