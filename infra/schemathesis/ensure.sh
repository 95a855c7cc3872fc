#!/usr/bin/env bash
# Installs schemathesis (the property-based API fuzzer, from PyPI) into a cached virtualenv
# outside the repo, keyed by its version, and prints the path of its `st` command:
#
#   ST="$(bash infra/schemathesis/ensure.sh | tail -n 1)"
#
# The venv is $CA_CACHE_DIR/venv-schemathesis-<version> (default ~/.cache/cloud-appointment);
# a new version gets a new venv, an old one stays until removed. Needs python3 >= 3.10 with
# venv (Debian's python3-venv is installed when it is missing).
#
# Output contract: the LAST line on stdout is the path; progress goes to stderr; non-zero exit
# on failure.
set -euo pipefail
exec 3>&1 1>&2

version="${CA_SCHEMATHESIS_VERSION:-4.32.5}"
cache="${CA_CACHE_DIR:-$HOME/.cache/cloud-appointment}"
venv="$cache/venv-schemathesis-$version"
log() { printf '[schemathesis] %s\n' "$*" >&2; }
die() { printf '[schemathesis] ERROR: %s\n' "$*" >&2; exit 1; }

# A venv counts once its stamp file is written (an install cut short is redone).
if [[ ! -f $venv/.installed ]]; then
  command -v python3 >/dev/null || die "python3 is missing"
  python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' || die "schemathesis needs python3 >= 3.10"
  if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    sudo=()
    [[ $(id -u) -ne 0 ]] && sudo=(sudo)
    log "installing Debian's python3-venv package"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends python3-venv >&2
  fi
  mkdir -p "$cache"
  exec 9>"$venv.lock"
  flock 9 # one installer at a time
  if [[ ! -f $venv/.installed ]]; then
    log "installing schemathesis $version into $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$version" >&2 || die "pip install of schemathesis $version failed"
    touch "$venv/.installed"
  fi
fi
"$venv/bin/st" --version >&2 || die "$venv/bin/st does not run"
echo "$venv/bin/st" >&3
