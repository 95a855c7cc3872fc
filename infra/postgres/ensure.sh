#!/usr/bin/env bash
# Starts a private, throwaway PostgreSQL cluster for the tests (or reuses the one already
# running) and prints its DATABASE_URL:
#
#   TEST_DATABASE_URL=$(bash infra/postgres/ensure.sh | tail -n 1)
#   bash infra/postgres/ensure.sh --stop      # stops it (the data stays for the next start)
#
# Installs Debian's `postgresql` package when no server binaries are found. The cluster
# lives in $CA_PG_DIR (default /tmp/cloud-appointment-pg-<port>), listens on 127.0.0.1 only
# (port $CA_PG_PORT, default 55432) and trusts every local connection: it is for tests,
# never for data you want to keep (fsync is off). See README.md here for production.
#
# Output contract: the LAST (and only) line on stdout is the URL of the `postgres`
# database as the `postgres` superuser; progress goes to stderr; non-zero exit on failure.
set -euo pipefail
exec 3>&1 1>&2

port="${CA_PG_PORT:-55432}"
dir="${CA_PG_DIR:-${TMPDIR:-/tmp}/cloud-appointment-pg-$port}"
url="postgres://postgres@127.0.0.1:$port/postgres"
log() { printf '[postgres] %s\n' "$*" >&2; }
die() { printf '[postgres] ERROR: %s\n' "$*" >&2; exit 1; }

bindir() { find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1; }

# 1. Server binaries from Debian (postgresql-15 on Debian 12).
if [[ -z $(bindir) ]]; then
  sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  log "installing Debian's postgresql package"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends postgresql >&2
fi
bin="$(bindir)"
[[ -x $bin/pg_ctl ]] || die "no PostgreSQL server binaries under /usr/lib/postgresql"

# The server refuses to run as root: as root, the cluster belongs to the `postgres` user.
as_owner=()
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || die "user postgres is missing (it comes with the postgresql package)"
  as_owner=(runuser -u postgres --)
fi

# One caller at a time (npm test and a bare vitest may both ask).
mkdir -p "$dir"
exec 9>"$dir.lock"
flock 9

data="$dir/data"
pg_ctl() { "${as_owner[@]}" "$bin/pg_ctl" -D "$data" "$@"; }

if [[ ${1:-} == --stop ]]; then
  if [[ -f $data/postmaster.pid ]]; then pg_ctl -m fast -w stop >&2; fi
  exit 0
fi

# 2. The cluster: created once, reused while its files exist.
if [[ ! -f $data/PG_VERSION ]]; then
  log "creating a test cluster in $data"
  rm -rf "$data"
  mkdir -p "$data"
  [[ ${#as_owner[@]} -gt 0 ]] && chown postgres: "$dir" "$data"
  chmod 700 "$data"
  "${as_owner[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --no-locale --no-sync >/dev/null
  # Byte-order collation ("C", as SQLite compares text), loopback only, no durability.
  cat >>"$data/postgresql.conf" <<EOF

# cloud-appointment test cluster (infra/postgres/ensure.sh)
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$data/pg_hba.conf"
  [[ ${#as_owner[@]} -gt 0 ]] && chown postgres: "$data/postgresql.conf" "$data/pg_hba.conf"
fi

# 3. Running? Otherwise start it and wait until it accepts connections.
if ! pg_ctl status >/dev/null 2>&1; then
  log "starting the test cluster on 127.0.0.1:$port"
  # The server must not inherit our lock (fd 9) or the caller's stdout (fd 3).
  if ! pg_ctl -l "$dir/postgres.log" -w -t 60 start >/dev/null 3>&- 9>&-; then
    tail -n 20 "$dir/postgres.log" >&2 || true
    die "the test cluster did not start (is port $port taken?)"
  fi
fi
"$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -t 10 || die "the test cluster on port $port does not answer"
printf '%s\n' "$url" >&3
