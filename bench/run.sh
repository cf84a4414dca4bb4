#!/usr/bin/env bash
# Issue 8 benchmark: builds the harness and the three services, recreates the bench databases, starts the packaged
# services on ports 38000-38007, runs every workload against its reference in the same run and prints one table.
#   bench/run.sh                                   # 1,000,000 loans, 200,000 customers x 31 days (long)
#   bench/run.sh --loans 10000 --customers 2000    # a quick run
# Options: --loans N, --customers N, --month yyyy-mm (default 2026-10, 31 days), --unary-seconds S (default 5),
#          --rows 1,2,... (measure only these rows; what they build on still runs, untimed), --skip-build,
#          --jmh (then the JMH benchmarks of the in-process hot paths, services stopped).
# Environment: PGHOST/PGPORT/PGUSER (default 127.0.0.1:5432 postgres), BENCH_BASE_PORT (38000), BENCH_DB_SUFFIX
#          (appended to the database names tiering_bench, loan_risk_bench, provision_bench, so that runs can coexist),
#          SERVICE_JAVA_OPTS (default -Xmx256m -XX:+UseSerialGC: what the JVM runs with in the 512Mi pods, where
#          the heap is half the limit and a 1-2 CPU / <2 GB container is not a "server-class machine", so no G1),
#          BENCH_JAVA_OPTS (default -Xmx1g).
# Everything started here is stopped on exit (trap), also on failure and Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

loans=1000000 customers=200000 month=2026-10 unary=5 build=1 jmh=0 rows=1,2,3,4,5,6,7
while [ $# -gt 0 ]; do
  case "$1" in
    --loans) loans=$2; shift 2 ;;
    --customers) customers=$2; shift 2 ;;
    --month) month=$2; shift 2 ;;
    --unary-seconds) unary=$2; shift 2 ;;
    --rows) rows=$2; shift 2 ;;
    --skip-build) build=0; shift ;;
    --jmh) jmh=1; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER
base=${BENCH_BASE_PORT:-38000}
suffix=${BENCH_DB_SUFFIX:-}
svc_opts=${SERVICE_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}
work=$(mktemp -d /tmp/bankrisk-bench.XXXXXX)
echo "bench: logs and scratch files in $work" >&2

if [ "$build" = 1 ]; then
  echo "bench: building the harness and the services (one Maven build at a time)..." >&2
  ./mvnw -B -q -Pbench -pl bench,tiering-service,loan-risk-service,provision-service -am package -DskipTests >&2
fi

# Each database with its service's two logins, as in a deployment (the harness itself reads them as PGUSER).
scripts/create-databases.sh --recreate tiering_bench$suffix loan_risk_bench$suffix provision_bench$suffix >&2

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  pids=()
}
trap stop_all EXIT

# start <service> <http port> <grpc port> <database> [extra env...]
# The services trust the sample key of deploy/dev-keys; the harness signs its bearer tokens with it.
keys="$PWD/deploy/dev-keys"
start() {
  local name=$1 http=$2 grpc=$3 db=$4; shift 4
  local login=${db%%_bench*}
  env HTTP_PORT="$http" GRPC_PORT="$grpc" DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$db" DB_USER="${login}_app" \
      DB_PASSWORD="${login}_app" DB_MIGRATION_USER="${login}_owner" DB_MIGRATION_PASSWORD="${login}_owner" \
      JWT_PUBLIC_KEY_LOCATION="$keys/jwt-public.pem" \
      SERVICE_TOKEN_KEY_LOCATION="$keys/jwt-private.pem" "$@" \
      java $svc_opts -jar "$name/target/quarkus-app/quarkus-run.jar" > "$work/$name.log" 2>&1 &
  pids+=($!)
  echo $! > "$work/$name.pid"
}

start tiering-service $((base)) $((base + 1)) tiering_bench$suffix
start loan-risk-service $((base + 2)) $((base + 3)) loan_risk_bench$suffix
start provision-service $((base + 4)) $((base + 5)) provision_bench$suffix \
  LOAN_RISK_GRPC_HOST=127.0.0.1 LOAN_RISK_GRPC_PORT=$((base + 3)) TIERING_GRPC_HOST=127.0.0.1 TIERING_GRPC_PORT=$((base + 1))

for pair in tiering-service:$((base)) loan-risk-service:$((base + 2)) provision-service:$((base + 4)); do
  name=${pair%%:*} port=${pair##*:}
  for i in $(seq 1 360); do
    if curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null 2>&1; then break; fi
    if ! kill -0 "$(cat "$work/$name.pid")" 2>/dev/null; then echo "$name stopped; last lines:" >&2; tail -20 "$work/$name.log" >&2; exit 1; fi
    if [ "$i" = 360 ]; then echo "$name not ready after 180 s; see $work/$name.log" >&2; exit 1; fi
    sleep 0.5
  done
  echo "bench: $name ready (pid $(cat "$work/$name.pid"))" >&2
done

java ${BENCH_JAVA_OPTS:--Xmx1g} -cp "bench/target/bench.jar:bench/target/lib/*" bankrisk.bench.Bench \
  --customers "$customers" --loans "$loans" --month "$month" --unary-seconds "$unary" --rows "$rows" --db-suffix "$suffix" \
  --tiering 127.0.0.1:$((base + 1)) --loan-risk 127.0.0.1:$((base + 3)) --provision 127.0.0.1:$((base + 5)) \
  --replay-port $((base + 7)) --pg "jdbc:postgresql://$PGHOST:$PGPORT/" --pg-user "$PGUSER" --work "$work" \
  --pids "tiering=$(cat "$work/tiering-service.pid"),loan-risk=$(cat "$work/loan-risk-service.pid"),provision=$(cat "$work/provision-service.pid")"

stop_all
if [ "$jmh" = 1 ]; then
  echo "bench: JMH (services stopped, so they do not share the CPUs)..." >&2
  java -cp "bench/target/bench.jar:bench/target/lib/*" org.openjdk.jmh.Main HotPaths
fi
