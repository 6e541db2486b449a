#!/usr/bin/env bash
# Installs what the test suite runs besides Python, when it is missing:
# Chromium and its driver (browser tests), nginx (the topology tests),
# redis-server (the tests start private ones), Node.js and npm, plus any
# Debian packages named as arguments (CI adds PostgreSQL). Does nothing when
# all is there. Node packages come from `make node_modules`.
#
#   scripts/install-test-deps.sh [debian-package ...]
set -euo pipefail

need=("$@")
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
[ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v redis-server >/dev/null || need+=(redis-server)
command -v node >/dev/null || need+=(nodejs npm)
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "Missing for the tests: ${need[*]}. Install them (apt-get install ${need[*]}) as root." >&2
  exit 1
fi
echo "Installing for the tests: ${need[*]}"
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
