"""nginx for the loopback topology, from the proxy template compose uses.

docker-compose.yml mounts ``nginx/default.conf.template`` into the nginx image,
which renders it with envsubst at start. Here the same template is rendered in
Python with loopback values and included from a small main configuration that
keeps every file nginx writes inside one directory, so it needs no root-owned
path and stays in the foreground as a child process.
"""

import re
import subprocess
from collections.abc import Mapping
from pathlib import Path

from deploy.processes import wait_for_port

PROXY_TEMPLATE = Path(__file__).resolve().parent / "nginx" / "default.conf.template"
NGINX = "/usr/sbin/nginx"
PLACEHOLDER = re.compile(r"\$\{(ONECHAT_[A-Z_]+)\}")

# The main nginx.conf for loopback (the nginx image ships its own).
LOOPBACK_NGINX_CONF = """\
daemon off;
worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/nginx-error.log warn;

events {{
    worker_connections 1024;
}}

http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {directory}/nginx-access.log;
    client_body_temp_path {directory}/nginx-temp/body;
    proxy_temp_path {directory}/nginx-temp/proxy;
    fastcgi_temp_path {directory}/nginx-temp/fastcgi;
    uwsgi_temp_path {directory}/nginx-temp/uwsgi;
    scgi_temp_path {directory}/nginx-temp/scgi;
    include {directory}/default.conf;
}}
"""


def render_proxy_config(values: Mapping[str, str]) -> str:
    """Render the proxy template as the nginx image's envsubst would.

    Every ``${ONECHAT_*}`` placeholder must have a value: a missing one is an
    error here rather than an nginx configuration that fails to load.
    """
    template = PROXY_TEMPLATE.read_text()
    missing = set(PLACEHOLDER.findall(template)) - set(values)
    if missing:
        raise KeyError(f"no value for {', '.join(sorted(missing))}")
    return PLACEHOLDER.sub(lambda match: values[match[1]], template)


def start_nginx(
    *,
    directory: Path,
    port: int,
    upstream_ports: list[int],
    media_root: Path,
    max_body_size: str,
) -> subprocess.Popen:
    """Write both configuration files into ``directory`` and start nginx."""
    (directory / "nginx-temp").mkdir()
    (directory / "default.conf").write_text(
        render_proxy_config(
            {
                "ONECHAT_LISTEN": f"127.0.0.1:{port}",
                "ONECHAT_UPSTREAM": " ".join(
                    f"server 127.0.0.1:{upstream};" for upstream in upstream_ports
                ),
                "ONECHAT_MEDIA_ROOT": str(media_root),
                "ONECHAT_MAX_BODY_SIZE": max_body_size,
            }
        )
    )
    (directory / "nginx.conf").write_text(
        LOOPBACK_NGINX_CONF.format(directory=directory)
    )
    process = subprocess.Popen(
        [
            NGINX,
            "-p",
            str(directory),
            "-e",
            str(directory / "nginx-error.log"),
            "-c",
            str(directory / "nginx.conf"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        # Ctrl-C reaches only the topology, which stops its children in order.
        process_group=0,
    )
    wait_for_port(port, process, "nginx")
    return process
