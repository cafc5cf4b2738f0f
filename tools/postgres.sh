#!/usr/bin/env bash
# Start a local PostgreSQL server for the store's tests, and print its URL.
#
# Uses the server named by COMMUNITY_POLICING_POSTGRES_URL if that is set. Otherwise it finds the
# distribution's PostgreSQL (installing the `postgresql` package with apt-get when it is missing
# and this runs as root), keeps a cluster of its own in a temporary directory, starts it on a
# loopback port if it is not running, creates the test database, and prints its URL on stdout.
# Messages go to stderr; without a way to get a server it prints nothing and exits 0, and the
# PostgreSQL tests skip saying how to start one.
set -euo pipefail

if [[ -n "${COMMUNITY_POLICING_POSTGRES_URL:-}" ]]; then
    echo "$COMMUNITY_POLICING_POSTGRES_URL"
    exit 0
fi

PORT="${COMMUNITY_POLICING_POSTGRES_PORT:-54329}"
DATA="${TMPDIR:-/tmp}/community-policing-postgres-$PORT"
DATABASE=community_policing_test
URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/$DATABASE"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

BIN="$(find_bin)"
if [[ -z "$BIN" ]]; then
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        echo "postgres: installing the distribution's postgresql package" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2 || true
        BIN="$(find_bin)"
    fi
fi
if [[ -z "$BIN" ]]; then
    echo "postgres: no PostgreSQL server found; the PostgreSQL tests will skip" >&2
    exit 0
fi

# The server refuses to run as root: run it as the package's postgres user then.
as_server() {
    if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if ! as_server "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    if [[ ! -f "$DATA/PG_VERSION" ]]; then
        mkdir -p "$DATA"
        [[ "$(id -u)" == 0 ]] && chown postgres "$DATA"
        as_server "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C >/dev/null
    fi
    as_server "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
        -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
fi
as_server "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'" | grep -q 1 ||
    as_server "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DATABASE"
echo "$URL"
