#!/usr/bin/env bash
# Smoke test of the packaged system: the contracts compile with stock protoc, each service starts from
# `java -jar`, answers its health check, and a Node.js client built from the .proto files alone can call it.
set -euo pipefail
cd "$(dirname "$0")/.."

protoc=$(ls ~/.m2/repository/com/google/protobuf/protoc/*/protoc-*-linux-x86_64.exe 2>/dev/null | sort -V | tail -1 || true)
if [ -n "$protoc" ]; then
  chmod +x "$protoc"
  "$protoc" -I proto/src/main/proto --descriptor_set_out=/dev/null $(cd proto/src/main/proto && find . -name '*.proto' | sed 's|^\./||')
  echo "smoke: the contracts compile with stock protoc ($(basename "$protoc"))"
fi

scripts/create-databases.sh --recreate tiering_smoke loan_risk_smoke provision_smoke

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
# The services trust the repository's sample key (deploy/dev-keys); the client's tokens are signed with it by the CLI.
keys="$PWD/deploy/dev-keys"
start() { # service database-prefix: each service with its two logins (scripts/create-databases.sh)
  DB_URL="jdbc:postgresql://127.0.0.1:5432/$2_smoke" DB_USER="$2_app" DB_PASSWORD="$2_app" \
    DB_MIGRATION_USER="$2_owner" DB_MIGRATION_PASSWORD="$2_owner" JWT_PUBLIC_KEY_LOCATION="$keys/jwt-public.pem" \
    SERVICE_TOKEN_KEY_LOCATION="$keys/jwt-private.pem" java -Xmx256m -jar "$1/target/quarkus-app/quarkus-run.jar" \
    > "$1/target/smoke.log" 2>&1 &
  pids+=($!)
}
start tiering-service tiering
start loan-risk-service loan_risk
start provision-service provision

for port in 8080 8180 8280; do
  for _ in $(seq 1 180); do
    curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null && break
    sleep 1
  done
  curl -fs "http://127.0.0.1:$port/q/health" | grep -q '"status": *"UP"' || { echo "service on $port is not healthy"; tail -50 */target/smoke.log; exit 1; }
done
echo "smoke: the three services started from java -jar and are healthy"

token() { java -jar cli/target/quarkus-app/quarkus-run.jar token --private-key "$keys/jwt-private.pem" --subject "$1" --role "$2"; }
export TIER_ADMIN_TOKEN=$(token smoke-admin tier-admin) RISK_OFFICER_TOKEN=$(token smoke-officer risk-officer) \
  FINANCE_TOKEN=$(token smoke-finance finance)
(cd .ci/smoke && npm ci --no-audit --no-fund --silent && node client.mjs)
