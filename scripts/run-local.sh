#!/usr/bin/env bash
# Runs the three services on this machine against a PostgreSQL server (127.0.0.1:5432 unless PGHOST/PGPORT say
# otherwise), building them first when they are not built. Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432}

pg_isready -q || { echo "No PostgreSQL at $PGHOST:$PGPORT. Start one, or set PGHOST/PGPORT."; exit 1; }
scripts/create-databases.sh

for svc in tiering-service loan-risk-service provision-service; do
  [ -f "$svc/target/quarkus-app/quarkus-run.jar" ] || { ./mvnw -B -q package -DskipTests; break; }
done

pids=()
trap 'echo "stopping"; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT INT TERM
start() { # service database
  mkdir -p "$1/target"
  # Each service with its two logins, as scripts/create-databases.sh made them (local passwords: the logins' names).
  DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$2" DB_USER="$2_app" DB_PASSWORD="$2_app" \
    DB_MIGRATION_USER="$2_owner" DB_MIGRATION_PASSWORD="$2_owner" \
    java -jar "$1/target/quarkus-app/quarkus-run.jar" > "$1/target/run.log" 2>&1 &
  pids+=($!)
}
start tiering-service tiering
start loan-risk-service loan_risk
start provision-service provision

for entry in "tiering-service 8080 9000" "loan-risk-service 8180 9100" "provision-service 8280 9200"; do
  set -- $entry
  until curl -fs "http://127.0.0.1:$2/q/health/ready" > /dev/null; do
    kill -0 "${pids[@]}" 2>/dev/null || { echo "$1 stopped; see $1/target/run.log"; exit 1; }
    sleep 1
  done
  echo "$1 is up: gRPC 127.0.0.1:$3, health http://127.0.0.1:$2/q/health, metrics http://127.0.0.1:$2/q/metrics"
done
echo "Logs in <service>/target/run.log. Ctrl-C stops all three."
wait
