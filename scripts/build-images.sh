#!/usr/bin/env bash
# Builds the container images of the three services and the CLI from their Maven builds (`target/quarkus-app`, so
# run `./mvnw -B -DskipTests package` first) and prints each image's size.
#   scripts/build-images.sh          with Docker when `docker info` answers (the Dockerfiles' default base, ubi9
#                                    openjdk-17-runtime), else with buildah from the local Debian base
#   scripts/build-images.sh --base   only make sure the local base exists (needs the Debian mirror: run it where
#                                    there is network before building somewhere without)
# BANKRISK_IMAGE_BUILDER=buildah chooses buildah even where Docker runs (CI does: the images it starts are these).
# The local base, localhost/bankrisk-base-jre17:bookworm (Debian bookworm minbase, OpenJDK 17 JRE headless, curl for
# the health check, user 185), is made once with debootstrap and reused; `podman rmi` it to take newer packages.
set -euo pipefail
cd "$(dirname "$0")/.."

version=1.0.0-SNAPSHOT
modules=(tiering-service loan-risk-service provision-service cli)
base=localhost/bankrisk-base-jre17:bookworm

debian_mirror() { # the first Debian archive this machine's apt uses (deb822 or one-line sources)
  local uri
  uri=$(cat /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
    | grep -oE '^(URIs:|deb) +[^ ]+' | awk '{print $2}' | grep -E '/debian/?$' | head -1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

make_base() {
  local root tar
  root=$(mktemp -d /var/tmp/bankrisk-base.XXXXXX)
  tar=$root.tar
  # shellcheck disable=SC2064 # expand now: the paths are this call's
  trap "umount '$root/proc' 2>/dev/null || true; rm -rf '$root' '$tar' '$root.log'" EXIT
  echo "build-images: creating $base from $(debian_mirror) (once)"
  debootstrap --variant=minbase bookworm "$root" "$(debian_mirror)" > "$root.log" 2>&1 \
    || { tail -20 "$root.log"; exit 1; }
  # The JRE's post-install step needs /proc.
  mount -t proc proc "$root/proc"
  chroot "$root" apt-get install -y -q --no-install-recommends -o APT::Sandbox::User=root \
    openjdk-17-jre-headless curl ca-certificates > "$root.log" 2>&1 || { tail -20 "$root.log"; exit 1; }
  rm -f "$root.log"
  chroot "$root" apt-get clean
  umount "$root/proc"
  # The user the images run as (uid 185, as in ubi's Java images; group 0 so an arbitrary uid can share its files).
  chroot "$root" useradd --system --uid 185 --gid 0 --home-dir /deployments --no-create-home \
    --shell /usr/sbin/nologin java
  # 55 MB nobody in the container reads (the packages' copyright files stay).
  find "$root/usr/share/doc" -type f ! -name copyright -delete
  rm -rf "$root"/usr/share/man/* "$root"/usr/share/locale/* "$root"/usr/share/info/*
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/log/* "$root"/tmp/*
  tar -C "$root" -cf "$tar" .
  podman import --change 'ENV LANG=C.UTF-8' "$tar" "$base" > /dev/null
  rm -rf "$root" "$tar"
  trap - EXIT
}

ensure_buildah() {
  for tool in buildah podman debootstrap; do
    command -v "$tool" > /dev/null || { echo "build-images: $tool is missing (apt-get install buildah podman debootstrap)" >&2; exit 1; }
  done
  buildah inspect --type image "$base" > /dev/null 2>&1 || make_base
}

if [ "${1:-}" = --base ]; then
  ensure_buildah
  exit 0
fi

for module in "${modules[@]}"; do
  [ -f "$module/target/quarkus-app/quarkus-run.jar" ] || { echo "build-images: $module is not built: ./mvnw -B -DskipTests package" >&2; exit 1; }
done

builder=${BANKRISK_IMAGE_BUILDER:-}
if [ -z "$builder" ]; then
  if command -v docker > /dev/null && docker info > /dev/null 2>&1; then builder=docker; else builder=buildah; fi
fi
[ "$builder" = buildah ] && ensure_buildah

for module in "${modules[@]}"; do
  image=bankrisk/$module:$version
  started=$SECONDS
  if [ "$builder" = docker ]; then
    docker build -q -f "$module/src/main/docker/Dockerfile.jvm" -t "$image" . > /dev/null
    size=$(docker image inspect -f '{{.Size}}' "$image")
    # The shape buildah inspect writes, for KubernetesManifestContract.
    echo "{\"FromImage\": \"$image\", \"Docker\": {\"config\": $(docker image inspect -f '{{json .Config}}' "$image")}}" \
      > "$module/target/image.json"
  else
    replaced=$(buildah inspect --type image -f '{{.FromImageID}}' "$image" 2> /dev/null || true)
    # Docker format, not OCI: OCI image configs have no HEALTHCHECK.
    buildah build -q --isolation chroot --format docker --pull=never --build-arg "BASE_IMAGE=$base" \
      -f "$module/src/main/docker/Dockerfile.jvm" -t "$image" . > /dev/null
    size=$(podman image inspect -f '{{.Size}}' "$image")
    # The image's own configuration (user, entrypoint, ports, health check, environment), for
    # KubernetesManifestContract (./mvnw ... -Dbankrisk.images.built=true).
    buildah inspect --type image "$image" > "$module/target/image.json"
    # The previous build of the image, now untagged (kept if a container still uses it).
    if [ -n "$replaced" ] && [ "$replaced" != "$(buildah inspect --type image -f '{{.FromImageID}}' "$image")" ]; then
      buildah rmi "$replaced" > /dev/null 2>&1 || true
    fi
  fi
  printf 'build-images: %-42s %4d MB  built in %2d s (%s)\n' "$image" $((size / 1000000)) $((SECONDS - started)) "$builder"
done
