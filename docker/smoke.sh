#!/usr/bin/env bash
# Builds docker/Dockerfile and smoke-tests the image: the container starts, answers 200 on
# /_gureum/health, passes the image's own HEALTHCHECK, and answers real AWS CLI calls
# (docker/smoke-calls.sh: STS, and a Lambda function run by the runtimes in the image).
#
# Engines, first match wins:
#   SMOKE_HELPER=/path/to/tool   an existing smoke tool of the CI environment, called with PORT,
#                                RUN_ARGS, HEALTH_PATH, EXPECT_STATUS, EXPECT_BODY and SMOKE_CMD
#                                (the interface of the workplace's docker-smoke.sh)
#   SMOKE_ENGINE=docker|podman   force one engine; otherwise Docker when its daemon answers,
#                                else podman (installed from Debian when missing and run as root)
# With podman, the Dockerfile's base images are pulled, or, where no registry can be reached,
# built from Debian by docker/smoke-bases.sh.
#
# Settings: PORT (host port, 5450), IMAGE (tag to build, localhost/gureum:smoke),
# KEEP_IMAGE=1 (keep it afterwards), START_TIMEOUT (seconds to wait for health, 180).
set -euo pipefail
cd "$(dirname "$0")/.."

port=${PORT:-5450}
image=${IMAGE:-localhost/gureum:smoke}
start_timeout=${START_TIMEOUT:-180}
helper=${SMOKE_HELPER:-${DOCKER_SMOKE:-}}
log() { printf '[smoke %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

if [ -n "$helper" ]; then
  [ -f "$helper" ] || die "SMOKE_HELPER=$helper does not exist"
  log "using the environment's smoke tool $helper"
  PORT=$port RUN_ARGS="-e GUREUM_PORT=$port" \
  HEALTH_PATH=/_gureum/health EXPECT_STATUS=200 EXPECT_BODY='"sts"' \
  SMOKE_CMD="bash docker/smoke-calls.sh $port" \
  exec bash "$helper"
fi

engine=${SMOKE_ENGINE:-}
if [ -z "$engine" ]; then
  if command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    engine=docker
  else
    engine=podman
  fi
fi
log "engine: $engine"

if [ "$engine" = podman ]; then
  # Sets PM (the podman command line, with this machine's configuration) and makes the FROM images exist.
  # shellcheck source=docker/smoke-bases.sh
  source docker/smoke-bases.sh
  ce() { "${PM[@]}" "$@"; }
  build=(build --pull=never --network=host --format docker --layers)
  # The build stage runs Maven: reuse this machine's repository instead of downloading it again.
  [ -d "$HOME/.m2/repository" ] && build+=(-v "$HOME/.m2:/root/.m2")
  run=(run -d --network=host --health-interval=disable -e "GUREUM_PORT=$port")
else
  ce() { docker "$@"; }
  build=(build)
  run=(run -d -p "127.0.0.1:$port:$port" -e "GUREUM_PORT=$port")
fi

name="gureum-smoke-$$"
# An init hook the container runs once ready (/etc/gureum/init/ready.d): it creates a queue with awslocal.
hooks=$(mktemp -d)
chmod 755 "$hooks"
printf 'set -e\nawslocal sqs create-queue --queue-name smoke-init\n' >"$hooks/10-seed.sh"
chmod 644 "$hooks/10-seed.sh"
run+=(-v "$hooks:/etc/gureum/init/ready.d:ro")
cleanup() {
  ce rm -f "$name" >/dev/null 2>&1 || true
  rm -rf "${chatter:-}" "${body:-}" "$hooks"
  [ "${KEEP_IMAGE:-0}" = 1 ] || ce rmi -f "$image" >/dev/null 2>&1 || true
}
trap cleanup EXIT

log "building $image from docker/Dockerfile (the build stage compiles the project: minutes)"
build_log=$(mktemp)
if ! ce "${build[@]}" -f docker/Dockerfile -t "$image" . >"$build_log" 2>&1; then
  tail -40 "$build_log"; die "image build failed"
fi
rm -f "$build_log"
log "built $image"

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  die "port $port is already in use on this machine; set PORT"
fi
# podman without systemd reports at error level that it cannot schedule health timers: not a failure,
# so its chatter is shown only when the smoke test fails.
chatter=$(mktemp)
ce "${run[@]}" --name "$name" "$image" >/dev/null 2>"$chatter" || { cat "$chatter"; die "the container did not start"; }
body=$(mktemp)
deadline=$(( $(date +%s) + start_timeout ))
status=000
while [ "$(date +%s)" -lt "$deadline" ]; do
  status=$(curl -s -m 5 -o "$body" -w '%{http_code}' "http://127.0.0.1:$port/_gureum/health" || true)
  [ "$status" = 200 ] && break
  [ "$(ce inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" = true ] || break
  sleep 1
done
if [ "$status" != 200 ] || ! grep -q '"sts"' "$body"; then
  ce logs "$name" 2>&1 | tail -40
  die "GET /_gureum/health answered $status: $(head -c 300 "$body")"
fi
log "healthy: $(head -c 120 "$body")"

# The image's HEALTHCHECK, run once by hand (podman's timer needs systemd; Docker's takes 10 s).
if [ "$engine" = podman ]; then
  ce healthcheck run "$name" >/dev/null || die "the image's HEALTHCHECK fails"
  log "HEALTHCHECK passes"
fi

bash docker/smoke-calls.sh "$port" || { ce logs "$name" 2>&1 | tail -40; die "AWS CLI calls against the container"; }
init_state=""
for _ in $(seq 1 "$start_timeout"); do
  init_state=$(curl -s -m 5 "http://127.0.0.1:$port/_gureum/init" || true)
  case "$init_state" in *'"READY":true'*) break;; esac
  sleep 1
done
case "$init_state" in
  *'"name":"10-seed.sh","state":"SUCCESSFUL"'*) log "init hook ran: $init_state";;
  *) ce logs "$name" 2>&1 | tail -40; die "the init hook did not succeed: $init_state";;
esac
log "AWS CLI calls pass (STS, Lambda create and invoke, S3)"
ce stop -t 20 "$name" >/dev/null 2>>"$chatter"
log "passed"
