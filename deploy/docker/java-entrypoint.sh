#!/bin/sh
# Entrypoint of every image (services and CLI), the same on either base: ubi's openjdk runtime and the local Debian
# base (which has no run-java.sh). The heap is half the container's memory limit (JAVA_OPTS, set by the Dockerfile):
# at the pods' 512Mi that is 256 MiB, and metaspace, code cache, thread stacks and Netty's buffers take most of the
# rest (bench/README.md). JAVA_OPTS_APPEND adds options without repeating those; arguments go to the application.
# exec: java is PID 1's process, so SIGTERM reaches Quarkus's graceful shutdown.
# shellcheck disable=SC2086 # the options are words on purpose
exec java $JAVA_OPTS $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar "$@"
