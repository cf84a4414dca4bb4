#!/usr/bin/env bash
# Creates each service's database (and its test database) on a PostgreSQL server if missing.
# Connection from the usual libpq variables: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD.
set -euo pipefail
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
for db in tiering loan_risk provision tiering_test loan_risk_test provision_test tiering_tls_test provision_tls_test; do
  if [ -z "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
    psql -d postgres -qc "CREATE DATABASE $db"
    echo "created database $db"
  fi
done
