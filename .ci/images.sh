#!/usr/bin/env bash
# CI, after the tests and the smoke test: the images start as Kubernetes starts them. Builds the images with buildah
# (scripts/build-images.sh: the local Debian Java 17 base is made once, which needs the Debian mirror), then, for each
# service in turn, against the CI PostgreSQL and with the environment its Deployment gives each container
# (deploy/kubernetes/<service>.yaml, read by test-support's DeploymentManifest):
#   - without JWT_PUBLIC_KEY_LOCATION the service refuses to start;
#   - the init container `migrate` (QUARKUS_INIT_AND_EXIT, the schema owner's login) migrates and exits 0;
#   - the service's own container (its own login, no migration) answers /q/health/ready within 60 s, as uid 185,
#     and exits on SIGTERM within the pods' grace period.
# Each runs from its image with `buildah run --isolation chroot`, which shares this network namespace. Only what names
# a place outside this machine is replaced: DB_URL, the database passwords (the manifest's are templates), and the
# mounted keys (deploy/dev-keys, where the pods mount theirs). Then KubernetesManifestContract checks each image's own
# config (user, entrypoint, ports, health check, environment) against the manifests and docker-compose.yml.
set -euo pipefail
cd "$(dirname "$0")/.."
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} # as scripts/create-databases.sh
started=$SECONDS
version=1.0.0-SNAPSHOT

missing=()
for tool in buildah podman debootstrap; do
  command -v "$tool" > /dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "images: installing ${missing[*]}"
  apt-get install -y -qq "${missing[@]}" > /dev/null 2>&1 \
    || { apt-get update -qq && apt-get install -y -qq "${missing[@]}" > /dev/null; }
fi

BANKRISK_IMAGE_BUILDER=buildah scripts/build-images.sh
echo "images: built in $((SECONDS - started)) s"

PGOPTIONS='-c client_min_messages=warning' scripts/create-databases.sh --recreate tiering_image loan_risk_image \
  provision_image > /dev/null
keys="$PWD/deploy/dev-keys"
manifest_reader=(java -cp "test-support/target/classes:$(cat test-support/target/manifest-reader.classpath)"
  bankrisk.testing.DeploymentManifest "$PWD")

containers=()
running=()
cleanup() {
  local pid java
  for pid in "${running[@]}"; do
    for java in $(java_pid_under "$pid"); do kill "$java" 2> /dev/null || true; done
    kill "$pid" 2> /dev/null || true
  done
  for ctr in "${containers[@]}"; do buildah rm "$ctr" > /dev/null 2>&1 || true; done
}
trap cleanup EXIT

# The --env arguments for a container of the manifest, for this machine; `without NAME` leaves one out.
env_args() { # service db container [without NAME]
  local line name value
  "${manifest_reader[@]}" "$1" "$3" | while IFS= read -r line; do
    name=${line%%=*}
    value=${line#*=}
    [ "${4:-}" = without ] && [ "$name" = "$5" ] && continue
    case "$name" in
      DB_URL) value="jdbc:postgresql://$PGHOST:$PGPORT/$2_image" ;;
      DB_PASSWORD) value="$2_app" ;;          # scripts/create-databases.sh: each login's password is its name
      DB_MIGRATION_PASSWORD) value="$2_owner" ;;
    esac
    printf '%s\0%s\0' --env "$name=$value"
  done
}

# A fresh container of the image (a working copy; removed at exit).
new_container() { # image
  ctr=$(buildah from --pull=never "$1")
  containers+=("$ctr")
}

# Runs the image's entrypoint in the container, with the key files where the pods mount them.
run_entrypoint() { # container image log [buildah-run-options...] [-- arguments...]
  local ctr=$1 image=$2 log=$3 entrypoint options=()
  shift 3
  while [ $# -gt 0 ] && [ "$1" != -- ]; do
    options+=("$1")
    shift
  done
  [ $# -eq 0 ] || shift
  mapfile -t entrypoint < <(buildah inspect --type image \
    -f '{{range .Docker.Config.Entrypoint}}{{println .}}{{end}}' "$image" | sed '/^$/d')
  buildah run --isolation chroot "${options[@]}" \
    -v "$keys/jwt-public.pem:/etc/bankrisk/jwt/jwt-public.pem:ro" \
    -v "$keys/jwt-private.pem:/etc/bankrisk/service-key/private.pem:ro" \
    "$ctr" -- "${entrypoint[@]}" "$@" > "$log" 2>&1
}

java_pid_under() { # pid: the java process buildah run started
  local child
  for child in $(ps -o pid= --ppid "$1"); do
    if [ "$(ps -o comm= -p "$child")" = java ]; then echo "$child"; else java_pid_under "$child"; fi
  done
}

fail() { echo "images: $1" >&2; [ -f "${2:-}" ] && tail -40 "$2" >&2; exit 1; }

# Runs the entrypoint until it exits (within a time limit) and sets `status` to its exit status.
run_to_exit() { # seconds image log [buildah-run-options...] [-- arguments...]
  local seconds=$1 pid java
  shift
  new_container "$1"
  run_entrypoint "$ctr" "$@" &
  pid=$!
  running+=("$pid")
  for _ in $(seq 1 "$seconds"); do
    kill -0 "$pid" 2> /dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2> /dev/null; then
    java=$(java_pid_under "$pid")
    [ -z "$java" ] || kill "$java"
    fail "$1 still runs after $seconds s" "$2"
  fi
  status=0
  wait "$pid" || status=$?
}

check_service() { # service db
  local service=$1 db=$2 image=bankrisk/$1:$version log t pid java uid port
  local -a env
  port=$("${manifest_reader[@]}" "$service" "$service" | sed -n 's/^HTTP_PORT=//p')

  t=$SECONDS
  log=$service/target/image-without-key.log
  mapfile -d '' env < <(env_args "$service" "$db" "$service" without JWT_PUBLIC_KEY_LOCATION)
  run_to_exit 60 "$image" "$log" "${env[@]}"
  [ "$status" -ne 0 ] || fail "$service started without JWT_PUBLIC_KEY_LOCATION" "$log"
  # Quarkus names the property the variable feeds (application.properties: ${JWT_PUBLIC_KEY_LOCATION}, no default).
  grep -q 'mp.jwt.verify.publickey.location' "$log" || fail "$service's refusal does not name the key's property" "$log"
  echo "images: $service refuses to start without JWT_PUBLIC_KEY_LOCATION (exit $status, $((SECONDS - t)) s)"

  t=$SECONDS
  log=$service/target/image-migrate.log
  mapfile -d '' env < <(env_args "$service" "$db" migrate)
  run_to_exit 120 "$image" "$log" "${env[@]}"
  [ "$status" -eq 0 ] || fail "$service's init container migrate exited $status" "$log"
  echo "images: $service's init container migrate applied $(psql -X -d "${db}_image" -tAc \
    "SELECT count(*) || ' migrations as ' || string_agg(DISTINCT installed_by, ',') FROM flyway_schema_history WHERE success") and exited ($((SECONDS - t)) s)"

  # Whatever answers must be this container (another process on the port would pass the readiness check).
  curl -s -o /dev/null "http://127.0.0.1:$port/" && fail "port $port is taken: stop what listens there"
  t=$SECONDS
  log=$service/target/image-service.log
  mapfile -d '' env < <(env_args "$service" "$db" "$service")
  new_container "$image"
  run_entrypoint "$ctr" "$image" "$log" "${env[@]}" &
  pid=$!
  running+=("$pid")
  until curl -fs "http://127.0.0.1:$port/q/health/ready" > /dev/null; do
    kill -0 "$pid" 2> /dev/null || fail "$service's container exited" "$log"
    [ $((SECONDS - t)) -lt 60 ] || fail "$service is not ready within 60 s" "$log"
    sleep 1
  done
  java=$(java_pid_under "$pid")
  uid=$(ps -o uid= -p "$java" | tr -d ' ')
  [ "$uid" = 185 ] || fail "$service runs as uid $uid, not 185" "$log"
  echo "images: $service ready from its image in $((SECONDS - t)) s, as uid $uid"
  t=$SECONDS
  kill -TERM "$java"
  # Within the pods' terminationGracePeriodSeconds (45), or the kubelet would kill it.
  while kill -0 "$pid" 2> /dev/null; do
    [ $((SECONDS - t)) -lt 45 ] || fail "$service still runs 45 s after SIGTERM" "$log"
    sleep 1
  done
  status=0
  wait "$pid" || status=$?
  echo "images: $service exited $((SECONDS - t)) s after SIGTERM (status $status)"
}

check_service tiering-service tiering
check_service loan-risk-service loan_risk
check_service provision-service provision

# The CLI's image (the month-end CronJob's): its entrypoint takes the CLI's arguments.
t=$SECONDS
run_to_exit 60 "bankrisk/cli:$version" cli/target/image-help.log -- --help
[ "$status" -eq 0 ] && grep -q '^Usage: bankrisk' cli/target/image-help.log || fail "the CLI's image does not run" cli/target/image-help.log
echo "images: the CLI's image runs the CLI ($((SECONDS - t)) s)"

# The images' own config against the manifests and docker-compose.yml: KubernetesManifestTest reads the
# target/image.json the build wrote. jar:jar only hands the reactor each module's already compiled classes, so
# nothing is built again. (Not alongside the services: on two cores it slowed their start more than it saved.)
t=$SECONDS
./mvnw -B -o -q -pl tiering-service,loan-risk-service,provision-service -am jar:jar surefire:test \
  -Dtest=KubernetesManifestTest -Dsurefire.failIfNoSpecifiedTests=false -Dbankrisk.images.built=true
echo "images: KubernetesManifestTest holds for the built images ($((SECONDS - t)) s)"

# CPU time beside the wall time: on a shared machine the wall time says more about the neighbours.
times > test-support/target/image-times.txt # not in a pipe: a subshell's times count no children
echo "images: all done in $((SECONDS - started)) s (CPU user/system of its processes: $(tail -1 test-support/target/image-times.txt))"
