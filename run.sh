#!/usr/bin/env bash
# The main job in one command: builds what is missing, then runs the demo — PostgreSQL (DEMO_DB_URL or PGHOST if
# set, otherwise an embedded one), the three services, a generated sample bank, tiers, five-category grades,
# provisions, the finance reports in reports/ and a summary. Everything it starts is stopped at the end.
#   ./run.sh                      # reports into reports/
#   ./run.sh --out /tmp/r --seed 7 --month 2026-09    # any `demo` option (see ./run.sh --help)
set -euo pipefail
cd "$(dirname "$0")"

jars=(tiering-service/target/quarkus-app/quarkus-run.jar loan-risk-service/target/quarkus-app/quarkus-run.jar
      provision-service/target/quarkus-app/quarkus-run.jar cli/target/quarkus-app/quarkus-run.jar)
missing=0
for jar in "${jars[@]}"; do [ -f "$jar" ] || missing=1; done
if [ "$missing" = 1 ] || [ "${REBUILD:-0}" = 1 ]; then
  echo "building the services and the CLI (./mvnw package -DskipTests; a few minutes the first time)..." >&2
  ./mvnw -B -q -pl tiering-service,loan-risk-service,provision-service,cli -am package -DskipTests >&2
fi

has_out=0
for arg in "$@"; do case "$arg" in --out|--out=*|-h|--help|-V|--version) has_out=1 ;; esac; done
if [ "$has_out" = 1 ]; then
  exec java -jar cli/target/quarkus-app/quarkus-run.jar demo "$@"
fi
exec java -jar cli/target/quarkus-app/quarkus-run.jar demo --out reports/ "$@"
