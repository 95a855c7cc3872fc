#!/usr/bin/env bash
# Makes sure Debian's coturn is installed (the TURN credential test runs a real turnserver
# against our credentials); prints the turnserver path. Idempotent; needs root or sudo to install.
set -euo pipefail
if ! command -v turnserver >/dev/null || ! command -v turnutils_uclient >/dev/null; then
  sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  echo "[cloud-appointment] installing coturn" >&2
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends coturn >&2
  # The package's own service stays off: tests start their own turnserver on a private port.
fi
command -v turnserver
