#!/usr/bin/env bash
# Sets up whatever this machine is missing to run (and, with --for-tests, to test)
# Cloud Appointment, then exports MEDIASOUP_WORKER_BIN (and, for tests, TEST_DATABASE_URL and LIVEKIT_SERVER_BIN).
# Safe to run every time: each step checks first and is a no-op when done. Meant to be
# sourced by start.sh/test.sh.
#
#   source infra/setup.sh [--for-tests]
set -euo pipefail

CA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CA_ROOT
ca_log() { printf '[setup] %s\n' "$*" >&2; }

ca_for_tests=false
for arg in "$@"; do [[ $arg == --for-tests ]] && ca_for_tests=true; done

# Installs Debian packages that are not installed yet (needs root, or sudo).
ca_apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  local sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  ca_log "installing system packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# 1. The mediasoup worker: built once from the npm package's sources, cached outside the repo.
if [[ -z ${MEDIASOUP_WORKER_BIN:-} || ! -x ${MEDIASOUP_WORKER_BIN:-} ]]; then
  MEDIASOUP_WORKER_BIN="$(bash "$CA_ROOT/infra/mediasoup-worker/build.sh" | tail -n 1)"
fi
export MEDIASOUP_WORKER_BIN

# 1b. ffmpeg for server-side recording (a PlainTransport per recorded track feeds one ffmpeg; the composed
#     video is made by ffmpeg too). Needed to run the server, not only the tests.
bash "$CA_ROOT/infra/recording/ensure.sh" >/dev/null

# 2. Browser for the end-to-end tests: Debian's Chromium (Playwright's own download is not reachable),
#    with CJK fonts so the Chinese, Japanese and Korean pages (and their screenshots) show glyphs, not boxes.
if $ca_for_tests; then
  ca_apt_install chromium fonts-noto-cjk
fi

# 2b. PostgreSQL for the store tests: a private throwaway cluster on 127.0.0.1 (Debian's package, installed if missing).
if $ca_for_tests && [[ -z ${TEST_DATABASE_URL:-} ]]; then
  TEST_DATABASE_URL="$(bash "$CA_ROOT/infra/postgres/ensure.sh" | tail -n 1)"
  export TEST_DATABASE_URL
fi

# 2c. coturn: the TURN credential test checks our credentials against a real turnserver.
if $ca_for_tests; then
  ca_apt_install coturn
fi

# 2d. Test hosts for e2e/tests/network-conditions.spec.ts: network namespaces and veth links (iproute2),
#     bandwidth shaping (tc, also iproute2) and a packet filter that blocks UDP inside a namespace (nftables).
if $ca_for_tests; then
  ca_apt_install iproute2 nftables
fi

# 2e. schemathesis (PyPI) for the API fuzz test: a cached venv outside the repo, keyed by version.
if $ca_for_tests; then
  bash "$CA_ROOT/infra/schemathesis/ensure.sh" >/dev/null
fi

# 2e. LiveKit's SFU for the stage-on-LiveKit tests: built once with `go install` (needs Go >= 1.26), cached per version.
# If it cannot be built this stops the run with go's error: the LiveKit tests never skip.
if $ca_for_tests && [[ -z ${LIVEKIT_SERVER_BIN:-} || ! -x ${LIVEKIT_SERVER_BIN:-} ]]; then
  LIVEKIT_SERVER_BIN="$(bash "$CA_ROOT/infra/livekit/ensure.sh" --bin | tail -n 1)"
  export LIVEKIT_SERVER_BIN
fi

# 3. npm dependencies, when package-lock.json changed since the last install.
# Native addons (better-sqlite3) build with node-gyp, which would download Node's headers from
# nodejs.org (not reachable here); point it at the installed Node's own headers instead.
if [[ -z ${npm_config_nodedir:-} ]]; then
  node_prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
  if [[ -f $node_prefix/include/node/node.h ]]; then
    export npm_config_nodedir="$node_prefix"
  fi
fi
lock_hash="$(sha256sum "$CA_ROOT/package-lock.json" | cut -c1-16)"
stamp="$CA_ROOT/node_modules/.ca-installed-$lock_hash"
if [[ ! -f $stamp ]]; then
  ca_log "installing npm dependencies (npm ci)"
  (cd "$CA_ROOT" && npm ci --no-audit --no-fund >&2)
  touch "$stamp"
fi

# 4. Build: TypeScript project references are incremental; the client rebuilds when its sources changed.
ca_log "building server"
(cd "$CA_ROOT" && npx tsc -b signaling server >&2)
client_index="$CA_ROOT/client/dist/index.html"
if [[ ! -f $client_index ]] ||
  [[ -n $(find "$CA_ROOT/client/src" "$CA_ROOT/client/index.html" "$CA_ROOT/client/vite.config.ts" \
    "$CA_ROOT/client/public" "$CA_ROOT/signaling/src" -newer "$client_index" -print -quit 2>/dev/null) ]]; then
  ca_log "building client"
  (cd "$CA_ROOT" && npm run build -w client >&2)
fi
ca_log "ready (mediasoup worker: $MEDIASOUP_WORKER_BIN)"
