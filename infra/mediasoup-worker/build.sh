#!/usr/bin/env bash
# Get a working mediasoup-worker binary onto this machine and print its path.
#
#   MEDIASOUP_WORKER_BIN=$(bash infra/mediasoup-worker/build.sh)
#
# mediasoup's own install downloads a prebuilt worker from GitHub, or builds
# one with pip + meson wraps that download from GitHub/openssl.org/wrapdb.
# None of that is reachable here (only the npm registry and Debian apt), so we
# build the worker sources shipped in the npm tarball against Debian's system
# libraries, with the per-version patch next to this script
# (see README.md in this folder).
#
# Output contract: the LAST (and only) line on stdout is the absolute path of
# the binary; all progress goes to stderr; non-zero exit on failure.
#
# Environment:
#   MEDIASOUP_WORKER_BIN        if it points to an executable file, just print it
#   MEDIASOUP_VERSION           override the version (default: the exact version
#                               pinned in server/package.json, else 3.19.3)
#   XDG_CACHE_HOME              cache root (default: ~/.cache)
#   MEDIASOUP_WORKER_KEEP_BUILD=1  keep the temporary build dir (debugging)

set -euo pipefail

# Keep the real stdout on fd 3 for the final path; everything else (including
# the output of every tool we run) goes to stderr.
exec 3>&1 1>&2

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "${SCRIPT_DIR}/../.." && pwd)"
DEFAULT_VERSION="3.19.3"

# Debian packages needed to build the worker (the -dev packages also pull in
# the runtime libraries the binary links to: libssl3, libuv1, libsrtp2-1,
# libusrsctp2, libabsl20220623).
APT_PACKAGES=(
  build-essential python3 meson ninja-build pkg-config
  libssl-dev libuv1-dev libsrtp2-dev libusrsctp-dev libabsl-dev
  libflatbuffers-dev flatbuffers-compiler
)

log() { printf '[mediasoup-worker] %s\n' "$*" >&2; }
die() { printf '[mediasoup-worker] ERROR: %s\n' "$*" >&2; exit 1; }

# Print the final answer on the real stdout and stop.
emit() { printf '%s\n' "$1" >&3; exit 0; }

# A worker binary "runs" when it starts and refuses to continue without the
# MEDIASOUP_VERSION env var (its exit code 41). A missing shared library makes
# the dynamic loader exit with 127 instead.
worker_runs() {
  local bin="$1" rc=0
  [[ -f "$bin" && -x "$bin" ]] || return 1
  env -u MEDIASOUP_VERSION "$bin" </dev/null >/dev/null 2>&1 || rc=$?
  [[ "$rc" -eq 41 ]]
}

# --- 1. An explicitly given binary wins --------------------------------------
if [[ -n "${MEDIASOUP_WORKER_BIN:-}" ]]; then
  if [[ -f "${MEDIASOUP_WORKER_BIN}" && -x "${MEDIASOUP_WORKER_BIN}" ]]; then
    emit "$(realpath -s "${MEDIASOUP_WORKER_BIN}")"
  fi
  log "MEDIASOUP_WORKER_BIN=${MEDIASOUP_WORKER_BIN} is not an executable file; ignoring it"
fi

# --- 2. Which mediasoup version ------------------------------------------------
VERSION="${MEDIASOUP_VERSION:-}"
if [[ -z "$VERSION" ]]; then
  PKG_JSON="${REPO_ROOT}/server/package.json"
  if [[ -f "$PKG_JSON" ]]; then
    VERSION="$(node -p "((require(process.argv[1]).dependencies || {}).mediasoup) || ''" "$PKG_JSON")"
  fi
  if [[ -z "$VERSION" ]]; then
    VERSION="$DEFAULT_VERSION"
    log "no mediasoup version pinned in server/package.json (missing file or dependency); using default ${VERSION}"
  fi
fi
# The patch is per exact version and the worker must match the JS side, so a
# range like ^3.19.3 is refused.
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] \
  || die "mediasoup version '${VERSION}' is not an exact version; pin it exactly (e.g. \"3.19.3\") in server/package.json"

PATCH_FILE="${SCRIPT_DIR}/mediasoup-${VERSION}.patch"
[[ -f "$PATCH_FILE" ]] \
  || die "no patch for mediasoup ${VERSION}: expected ${PATCH_FILE} (see ${SCRIPT_DIR}/README.md, 'Bumping the version')"

# --- 3. Cache key: version + distro + patch hash -----------------------------
DISTRO="$(
  # shellcheck disable=SC1091
  . /etc/os-release 2>/dev/null || true
  printf '%s%s' "${ID:-unknown}" "${VERSION_ID:-${VERSION_CODENAME:-}}"
)"
PATCH_HASH="$(sha256sum "$PATCH_FILE" | cut -c1-12)"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/cloud-appointment"
CACHED_BIN="${CACHE_DIR}/mediasoup-worker-${VERSION}-${DISTRO}-${PATCH_HASH}"

# Fast path: nothing to do (no apt, no network).
if worker_runs "$CACHED_BIN"; then
  emit "$CACHED_BIN"
fi

mkdir -p "$CACHE_DIR"

# Serialise concurrent builds on this machine (e.g. parallel CI jobs), then
# check again: another process may have finished the build while we waited.
exec 9>"${CACHED_BIN}.lock"
if command -v flock >/dev/null 2>&1; then
  log "taking build lock ${CACHED_BIN}.lock (waits if another build is running)"
  flock 9
  if worker_runs "$CACHED_BIN"; then
    emit "$CACHED_BIN"
  fi
fi

if [[ -e "$CACHED_BIN" ]]; then
  log "cached binary ${CACHED_BIN} exists but does not run; rebuilding"
fi
log "building mediasoup-worker ${VERSION} for ${DISTRO} (patch ${PATCH_HASH}); this takes several minutes"
START_SECONDS=$SECONDS

# --- 4. Build dependencies from apt (only when something is missing) --------
MISSING=()
for pkg in "${APT_PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
  [[ "$status" == "install ok installed" ]] || MISSING+=("$pkg")
done
if ((${#MISSING[@]} > 0)); then
  log "installing missing apt packages: ${MISSING[*]}"
  command -v apt-get >/dev/null 2>&1 \
    || die "apt-get not found; install these packages manually: ${MISSING[*]}"
  if [[ "$(id -u)" -eq 0 ]]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    die "not root and sudo is unavailable; install these packages as root: ${MISSING[*]}"
  fi
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${MISSING[@]}"
fi

# --- 5. Fetch the worker sources from the npm registry ------------------------
WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/mediasoup-worker-build.XXXXXX")"
cleanup() {
  if [[ "${MEDIASOUP_WORKER_KEEP_BUILD:-0}" == "1" ]]; then
    log "keeping build dir ${WORK_DIR}"
  else
    rm -rf "$WORK_DIR"
  fi
  rm -f "${CACHED_BIN}.tmp.$$"
}
trap cleanup EXIT

log "npm pack mediasoup@${VERSION}"
(cd "$WORK_DIR" && npm pack "mediasoup@${VERSION}" --silent)
TARBALL="${WORK_DIR}/mediasoup-${VERSION}.tgz"
[[ -f "$TARBALL" ]] || die "npm pack did not produce ${TARBALL}"
tar -xzf "$TARBALL" -C "$WORK_DIR"
SRC_DIR="${WORK_DIR}/package/worker"
[[ -f "${SRC_DIR}/meson.build" ]] || die "no worker sources in ${TARBALL}"

# --- 6. Patch the sources ------------------------------------------------------
log "applying $(basename "$PATCH_FILE")"
if ! (cd "$SRC_DIR" && patch -p1 --forward --batch --dry-run <"$PATCH_FILE" >/dev/null 2>&1); then
  # Show patch's own report of the failing files/hunks before giving up.
  (cd "$SRC_DIR" && patch -p1 --forward --batch --dry-run <"$PATCH_FILE") || true
  die "$(basename "$PATCH_FILE") does not apply to the worker sources of mediasoup ${VERSION}; regenerate it (see ${SCRIPT_DIR}/README.md)"
fi
(cd "$SRC_DIR" && patch -p1 --forward --batch <"$PATCH_FILE")

# --- 7. Configure and build ---------------------------------------------------
cd "$SRC_DIR"
meson setup --buildtype release -Db_ndebug=true -Dms_disable_liburing=true \
  --wrap-mode=nofallback out/Release
# The flatbuffers code generation has no ordering edge to libwebrtc, which
# includes FBS/*.h: generate it first.
ninja -C out/Release fbs/FBS
ninja -C out/Release -j"$(nproc)" mediasoup-worker

# --- 8. Strip, check and publish atomically into the cache ---------------------
TMP_BIN="${CACHED_BIN}.tmp.$$"
strip -o "$TMP_BIN" out/Release/mediasoup-worker
chmod 0755 "$TMP_BIN"
worker_runs "$TMP_BIN" || die "the freshly built worker does not run (missing shared libraries?)"
mv -f "$TMP_BIN" "$CACHED_BIN"

log "built in $((SECONDS - START_SECONDS)) s: ${CACHED_BIN}"
emit "$CACHED_BIN"
