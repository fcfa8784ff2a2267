#!/usr/bin/env bash
# Sets everything up, installs the extension into a throwaway cluster and runs a real diff:
# public (today's schema) against public_next (the schema we want), then applies the plan and
# shows that nothing is left.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/setup.sh
. scripts/cluster.sh

WORK=${MIGRA_DEMO_DIR:-/tmp/migra-demo}
say "cargo pgrx install"
cargo pgrx install --pg-config "$PG_CONFIG" >"${TMPDIR:-/tmp}/migra-demo-install.log" 2>&1 \
  || { cat "${TMPDIR:-/tmp}/migra-demo-install.log"; exit 1; }
cluster_start "$WORK"
trap 'cluster_stop "$WORK"' EXIT

psql() { command "$PG_BIN/psql" -X -h "$CLUSTER_HOST" -p "$CLUSTER_PORT" -U postgres "$@"; }
psql -q -d postgres -c 'DROP DATABASE IF EXISTS migra_demo' -c 'CREATE DATABASE migra_demo'
psql -q -d migra_demo -v ON_ERROR_STOP=1 <<'SQL'
CREATE EXTENSION migra;

-- today
CREATE TABLE public.customers (id serial PRIMARY KEY, email varchar(100) NOT NULL);
CREATE TABLE public.orders (id int PRIMARY KEY, customer_id int, total numeric(10,2));

-- what we want
CREATE SCHEMA public_next;
CREATE TABLE public_next.customers (
  id serial PRIMARY KEY,
  email varchar(200) NOT NULL UNIQUE,
  "Display Name" text COLLATE "C"
);
CREATE TABLE public_next.orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id int NOT NULL REFERENCES public_next.customers ON DELETE CASCADE,
  total numeric(12,2) CHECK (total >= 0),
  placed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_recent ON public_next.orders (placed_at DESC) WHERE total > 0;
SQL

echo
echo "SELECT * FROM migra_diff('public', 'public_next');"
psql -d migra_demo -P pager=off -c "SELECT * FROM migra_diff('public', 'public_next')"

echo "Applying the plan with \\gexec, then diffing again:"
echo "SELECT statement FROM migra_diff('public', 'public_next') ORDER BY ordinal \gexec" \
  | psql -q -d migra_demo -v ON_ERROR_STOP=1
psql -d migra_demo -P pager=off -c "SELECT count(*) AS statements_left FROM migra_diff('public', 'public_next')"
