#!/usr/bin/env bash
# Builds the Supabase-shaped template database `soundscape_supabase_template` on the project's own cluster
# (scripts/supabase/shape.sql says what it holds) and the cluster-wide roles it needs: anon, authenticated,
# service_role (BYPASSRLS), supabase_auth_admin, and supabase_owner (a non-superuser standing in for Supabase's
# `postgres`). The Supabase end-to-end test copies the template into a fresh database per run. Idempotent: the
# template is rebuilt only when shape.sql changed. Called by scripts/db.sh.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SHAPE=$ROOT/scripts/supabase/shape.sql
TEMPLATE=soundscape_supabase_template

psql_super() { PGOPTIONS="-c client_min_messages=warning" as_pg psql -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$PG_PORT" -U postgres "$@"; }

psql_super -d postgres <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'anon') THEN CREATE ROLE anon NOLOGIN NOINHERIT; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'authenticated') THEN CREATE ROLE authenticated NOLOGIN NOINHERIT; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'service_role') THEN CREATE ROLE service_role NOLOGIN NOINHERIT BYPASSRLS; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'supabase_auth_admin') THEN
    CREATE ROLE supabase_auth_admin LOGIN NOINHERIT PASSWORD 'supabase_auth_admin_local';
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'supabase_owner') THEN
    CREATE ROLE supabase_owner LOGIN CREATEDB CREATEROLE NOSUPERUSER PASSWORD 'supabase_owner_local';
  END IF;
END $$;
GRANT anon, authenticated, service_role TO supabase_owner;
SQL

want=$(sha256sum "$SHAPE" | cut -d' ' -f1)
have=$(psql_super -d postgres -tAc "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$TEMPLATE'")
if [ "$have" != "$want" ]; then
  log "building the Supabase-shaped template database $TEMPLATE"
  psql_super -d postgres <<SQL
UPDATE pg_database SET datistemplate = false WHERE datname = '$TEMPLATE';
DROP DATABASE IF EXISTS $TEMPLATE;
CREATE DATABASE $TEMPLATE OWNER supabase_owner TEMPLATE template0;
SQL
  psql_super -d "$TEMPLATE" -f "$SHAPE"
  # A template any role with CREATEDB may copy; nobody connects to it.
  psql_super -d postgres -c "COMMENT ON DATABASE $TEMPLATE IS '$want'" \
    -c "UPDATE pg_database SET datistemplate = true, datallowconn = false WHERE datname = '$TEMPLATE'"
fi
