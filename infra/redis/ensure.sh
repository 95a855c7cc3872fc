#!/usr/bin/env bash
# Starts a private, throwaway Redis for the tests (or reuses the one already running)
# and prints its URL:
#
#   TEST_REDIS_URL=$(bash infra/redis/ensure.sh | tail -n 1)
#   bash infra/redis/ensure.sh --stop
#
# Installs Debian's `redis-server` package when the binary is missing. The instance
# listens on 127.0.0.1 only (port $CA_REDIS_PORT, default 56379), keeps nothing on disk
# (--save '' --appendonly no) and runs daemonized with its pid and log in $CA_REDIS_DIR
# (default /tmp/cloud-appointment-redis-<port>). It is for tests; see redis.conf here
# for production.
#
# Output contract: the LAST (and only) line on stdout is the URL; progress goes to
# stderr; non-zero exit on failure.
set -euo pipefail
exec 3>&1 1>&2

port="${CA_REDIS_PORT:-56379}"
dir="${CA_REDIS_DIR:-${TMPDIR:-/tmp}/cloud-appointment-redis-$port}"
url="redis://127.0.0.1:$port"
log() { printf '[redis] %s\n' "$*" >&2; }
die() { printf '[redis] ERROR: %s\n' "$*" >&2; exit 1; }

# 1. The server binary from Debian (redis-server 7.0 on Debian 12; redis-cli comes with it).
if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
  sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  log "installing Debian's redis-server package"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends redis-server >&2
fi
command -v redis-server >/dev/null || die "redis-server is not installed"

# One caller at a time (npm test, a bare vitest and Playwright may all ask).
mkdir -p "$dir"
exec 9>"$dir.lock"
flock 9

ping() { [[ $(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null) == PONG ]]; }

if [[ ${1:-} == --stop ]]; then
  if ping; then redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || true; fi
  exit 0
fi

# 2. The instance: reused while it answers, else started.
if ! ping; then
  log "starting a test redis on 127.0.0.1:$port"
  redis-server --port "$port" --bind 127.0.0.1 --protected-mode yes \
    --save '' --appendonly no --dir "$dir" \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >&2 3>&- 9>&-
  for _ in $(seq 1 50); do
    ping && break
    sleep 0.1
  done
  ping || die "redis did not answer on port $port (see $dir/redis.log)"
fi

echo "$url" >&3
