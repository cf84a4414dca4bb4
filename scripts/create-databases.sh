#!/usr/bin/env bash
# Creates each service's database (and its test databases) on a PostgreSQL server if missing, each with its two
# logins (deploy/postgres/service-database.sql): <service>_owner, which owns the schema and runs the migrations, and
# <service>_app, which the service connects as. Local runs, tests and CI only: each login's password is its name.
#   scripts/create-databases.sh                         the services' and the tests' databases
#   scripts/create-databases.sh [--recreate] db...      these databases (dropped first with --recreate); the service
#                                                       is the name's prefix: tiering*, loan_risk*, provision*
# Connection from the usual libpq variables: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD.
set -euo pipefail
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
script="$(cd "$(dirname "$0")/.." && pwd)/deploy/postgres/service-database.sql"

recreate=0
if [ "${1:-}" = --recreate ]; then
  recreate=1
  shift
fi
databases=("$@")
if [ ${#databases[@]} -eq 0 ]; then
  databases=(tiering loan_risk provision tiering_test loan_risk_test provision_test tiering_tls_test provision_tls_test)
fi

for db in "${databases[@]}"; do
  case "$db" in
    tiering*) service=tiering ;;
    loan_risk*) service=loan_risk ;;
    provision*) service=provision ;;
    *) echo "$db: not a service's database (tiering*, loan_risk*, provision*)" >&2; exit 2 ;;
  esac
  [[ "$db" =~ ^[a-z0-9_]+$ ]] || { echo "$db: not a plain database name" >&2; exit 2; }
  if [ "$recreate" = 1 ]; then
    psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  fi
  if [ -z "$(psql -X -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
    psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db"
    echo "created database $db"
  fi
  PGOPTIONS="-c bankrisk.owner=${service}_owner -c bankrisk.owner_password=${service}_owner \
-c bankrisk.service=${service}_app -c bankrisk.service_password=${service}_app" \
    psql -X -q -v ON_ERROR_STOP=1 -d "$db" -f "$script"
done
