#!/usr/bin/env bash
# Builds LiveKit's own SFU (livekit-server) once, caches it outside the repo, and starts it on
# loopback for development and tests (or reuses the node(s) already running):
#
#   LIVEKIT_SERVER_BIN=$(bash infra/livekit/ensure.sh --bin | tail -n 1)   # build or reuse; print the path
#   read -r url key secret < <(bash infra/livekit/ensure.sh | tail -n 1)  # one node
#   bash infra/livekit/ensure.sh --nodes 2 | tail -n 1                    # two nodes sharing the test Redis
#   bash infra/livekit/ensure.sh --stop                                   # stops the node(s) started here
#
# The binary comes from `go install github.com/livekit/livekit-server/cmd/server@v$LIVEKIT_VERSION`
# (Go >= 1.26, the module proxy) into $XDG_CACHE_HOME/cloud-appointment/livekit-server-<version>/;
# nothing is faked: if it cannot be built, this exits non-zero with go's own error.
#
# Nodes listen on 127.0.0.1 only (--bind 127.0.0.1): node i (0, 1) takes HTTP/WebSocket port
# $CA_LIVEKIT_PORT + 10*i (default 57880), ICE/TCP that + 1, and UDP ports
# $CA_LIVEKIT_UDP_BASE + 100*i .. +99 (default 57900). One node runs alone; two nodes share the
# test Redis (infra/redis/ensure.sh) in database $CA_LIVEKIT_REDIS_DB (default 3), i.e. LiveKit's
# distributed mode. The API key pair is generated once and kept in the state directory
# $CA_LIVEKIT_DIR (default /tmp/cloud-appointment-livekit), with configs, pids and logs.
# For production see README.md here.
#
# Output contract: the LAST (and only) line on stdout is `<url>[,<url>] <api key> <api secret>`
# (or, with --bin, the binary's path); progress goes to stderr; non-zero exit on failure.
set -euo pipefail
exec 3>&1 1>&2

version="${LIVEKIT_VERSION:-1.13.5}"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/cloud-appointment/livekit-server-$version"
bin="$cache/server"
dir="${CA_LIVEKIT_DIR:-${TMPDIR:-/tmp}/cloud-appointment-livekit}"
base_port="${CA_LIVEKIT_PORT:-57880}"
udp_base="${CA_LIVEKIT_UDP_BASE:-57900}"
redis_db="${CA_LIVEKIT_REDIS_DB:-3}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log() { printf '[livekit] %s\n' "$*" >&2; }
die() { printf '[livekit] ERROR: %s\n' "$*" >&2; exit 1; }

mode=start
nodes=1
while (($# > 0)); do
  case $1 in
    --bin) mode=bin ;;
    --stop) mode=stop ;;
    --nodes) nodes="${2:-}"; shift ;;
    *) die "unknown argument: $1" ;;
  esac
  shift
done
[[ $nodes == 1 || $nodes == 2 ]] || die "--nodes takes 1 or 2"

mkdir -p "$dir" "$cache"
exec 9>"$dir.lock"
flock 9

# A binary "runs" when it answers --version with the version we asked for.
runs() { [[ -x $bin ]] && "$bin" --version 2>/dev/null | grep -q -- "$version"; }

build() {
  runs && return 0
  command -v go >/dev/null || die "Go is not installed (livekit-server $version needs Go >= 1.26 on PATH)"
  log "building livekit-server $version with $(go version) (takes minutes the first time)"
  local out="$cache/go-install.log"
  if ! GOBIN="$cache" GOFLAGS=-mod=mod nice -n 10 go install "github.com/livekit/livekit-server/cmd/server@v$version" >"$out" 2>&1; then
    tail -n 40 "$out" >&2
    die "go install github.com/livekit/livekit-server/cmd/server@v$version failed (full log: $out)"
  fi
  runs || die "the built $bin does not answer --version with $version"
}

pid_of() { cat "$dir/node$1.pid" 2>/dev/null || true; }
alive() { local pid; pid="$(pid_of "$1")"; [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; }
http_port() { echo $((base_port + 10 * $1)); }
answers() { [[ $(curl -s --max-time 1 "http://127.0.0.1:$(http_port "$1")/" 2>/dev/null) == OK ]]; }

stop_node() {
  local pid
  pid="$(pid_of "$1")"
  log "stopping node $1 (pid $pid)"
  kill -INT "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$dir/node$1.pid"
}

stop_nodes() {
  for i in 0 1; do
    if alive "$i"; then stop_node "$i"; fi
  done
  rm -f "$dir/mode"
}

if [[ $mode == stop ]]; then
  stop_nodes
  exit 0
fi

build
if [[ $mode == bin ]]; then
  printf '%s\n' "$bin" >&3
  exit 0
fi

# The key pair: generated once (a secret of 32+ characters, as LiveKit asks outside dev mode).
if [[ ! -s $dir/keys ]]; then
  printf 'API%s %s\n' "$(openssl rand -hex 6)" "$(openssl rand -base64 36 | tr -d '/+=\n')" >"$dir/keys"
  chmod 600 "$dir/keys"
fi
read -r api_key api_secret <"$dir/keys"

redis_url=""
if ((nodes == 2)); then
  redis_url="$(bash "$here/../redis/ensure.sh" | tail -n 1)"
fi

# Running in another mode (one node vs. two)? Start over in the one asked for.
if [[ -f $dir/mode && $(cat "$dir/mode") != "$nodes" ]]; then stop_nodes; fi

urls=()
for ((i = 0; i < nodes; i++)); do
  port="$(http_port "$i")"
  urls+=("ws://127.0.0.1:$port")
  # A node started before its config had the Prometheus port is started again with it.
  if alive "$i" && answers "$i" && grep -q '^prometheus:' "$dir/node$i.yaml" 2>/dev/null; then continue; fi
  if alive "$i"; then stop_node "$i"; fi
  udp_start=$((udp_base + 100 * i))
  config="$dir/node$i.yaml"
  {
    printf 'port: %s\n' "$port"
    printf 'bind_addresses: ["127.0.0.1"]\n'
    printf 'rtc:\n  tcp_port: %s\n  port_range_start: %s\n  port_range_end: %s\n' "$((port + 1))" "$udp_start" "$((udp_start + 99))"
    printf '  use_external_ip: false\n  node_ip: 127.0.0.1\n  enable_loopback_candidate: true\n'
    printf 'keys:\n  %s: %s\n' "$api_key" "$api_secret"
    printf 'logging:\n  level: info\n'
    # Prometheus exposition (packet and loss counters: the stage-engines bench reads them).
    printf 'prometheus:\n  port: %s\n' "$((port + 2))"
    if [[ -n $redis_url ]]; then
      printf 'redis:\n  address: %s\n  db: %s\n' "${redis_url#redis://}" "$redis_db"
    fi
  } >"$config"
  log "starting node $i on 127.0.0.1:$port (udp $udp_start-$((udp_start + 99)))${redis_url:+, redis $redis_url/$redis_db}"
  # The node must not inherit our lock (fd 9) or the caller's stdout (fd 3).
  setsid "$bin" --config "$config" --bind 127.0.0.1 --node-ip 127.0.0.1 >"$dir/node$i.log" 2>&1 3>&- 9>&- </dev/null &
  echo $! >"$dir/node$i.pid"
  for _ in $(seq 1 100); do
    answers "$i" && break
    alive "$i" || { tail -n 20 "$dir/node$i.log" >&2; die "node $i exited (log: $dir/node$i.log)"; }
    sleep 0.1
  done
  answers "$i" || { tail -n 20 "$dir/node$i.log" >&2; die "node $i does not answer on port $port"; }
done
echo "$nodes" >"$dir/mode"

(IFS=,; printf '%s %s %s\n' "${urls[*]}" "$api_key" "$api_secret") >&3
