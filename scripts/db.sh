#!/usr/bin/env bash
# Starts the project's own PostgreSQL cluster under .data/ on a loopback port and makes sure the
# application database, its roles and the pgvector extension exist. Idempotent and quick.
# With ConnectionStrings__Soundscape set, an external database is used and this does nothing.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if external_database; then
  log "ConnectionStrings__Soundscape is set: using the external database, not starting a local one"
  exit 0
fi

user=$(pg_os_user)
mkdir -p "$DATA_DIR"
# The cluster's OS user must be able to reach .data/ through every parent folder.
if [ "$(id -u)" = 0 ] && ! runuser -u "$user" -- test -x "$DATA_DIR"; then
  d=$DATA_DIR
  while [ "$d" != / ]; do chmod o+x "$d"; d=$(dirname "$d"); done
fi

if [ ! -f "$PG_DATA/PG_VERSION" ]; then
  log "creating a PostgreSQL $PG_VERSION cluster in $PG_DATA"
  mkdir -p "$PG_DATA" "$PG_SOCKET_DIR"
  [ "$(id -u)" = 0 ] && chown "$user" "$PG_DATA" "$PG_SOCKET_DIR"
  chmod 700 "$PG_DATA"
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  cat >> "$PG_DATA/postgresql.conf" <<CONF
# Soundscape: loopback only, socket inside the project, sized for a 2-core development machine.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
unix_socket_permissions = 0700
max_connections = 200
shared_buffers = 256MB
work_mem = 16MB
maintenance_work_mem = 256MB
timezone = 'UTC'
log_timezone = 'UTC'
CONF
fi
mkdir -p "$PG_SOCKET_DIR"
[ "$(id -u)" = 0 ] && chown "$user" "$PG_SOCKET_DIR"

if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  touch "$PG_LOG"; [ "$(id -u)" = 0 ] && chown "$user" "$PG_LOG"
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start >/dev/null; then
    log "PostgreSQL did not start (is port $PG_PORT taken? set SOUNDSCAPE_DB_PORT). Last lines of $PG_LOG:"
    tail -n 5 "$PG_LOG" >&2
    exit 1
  fi
fi

psql_super() { PGOPTIONS="-c client_min_messages=warning" as_pg psql -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres "$@"; }

# Roles: the owner runs migrations; the app role cannot bypass row-level security; the service
# role is for background work that must see every row. Passwords are local-development only:
# the cluster listens on loopback alone.
psql_super -d postgres <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'soundscape_owner') THEN
    CREATE ROLE soundscape_owner LOGIN CREATEDB PASSWORD 'soundscape_owner_local';
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'soundscape_app') THEN
    CREATE ROLE soundscape_app LOGIN NOBYPASSRLS PASSWORD 'soundscape_app_local';
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'soundscape_service') THEN
    CREATE ROLE soundscape_service LOGIN BYPASSRLS PASSWORD 'soundscape_service_local';
  END IF;
END $$;
SQL

# Everything created from template1 (the app database and each test database) gets pgvector and
# the grants, so the owner can create test databases without being a superuser. The defaults are
# broad on purpose; migrations narrow them per table (20261203140000_AppRolePrivileges: the app role
# reads no password or device key hash and writes no queue, history, device event or migration row).
# Changing the defaults changes only tables created afterwards, never those rules.
psql_super -d template1 <<'SQL'
CREATE EXTENSION IF NOT EXISTS vector;
ALTER DEFAULT PRIVILEGES FOR ROLE soundscape_owner GRANT USAGE ON SCHEMAS TO soundscape_app, soundscape_service;
ALTER DEFAULT PRIVILEGES FOR ROLE soundscape_owner GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO soundscape_app, soundscape_service;
ALTER DEFAULT PRIVILEGES FOR ROLE soundscape_owner GRANT USAGE, SELECT ON SEQUENCES TO soundscape_app, soundscape_service;
ALTER DEFAULT PRIVILEGES FOR ROLE soundscape_owner GRANT EXECUTE ON FUNCTIONS TO soundscape_app, soundscape_service;
SQL

if [ "$(psql_super -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'soundscape'")" != 1 ]; then
  log "creating database soundscape"
  psql_super -d postgres -c "CREATE DATABASE soundscape OWNER soundscape_owner TEMPLATE template1"
fi

# The Supabase-shaped template database for the Supabase end-to-end test (docs/deploy.md).
bash "$ROOT/scripts/supabase-shape.sh"
