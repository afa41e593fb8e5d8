#!/usr/bin/env bash
# Builds docker/Dockerfile and smoke-tests the image with the workplace's podman-based tool
# (shared/tools/docker-smoke.sh, beside this repository): the container starts, reports healthy on
# /_gureum/health, and answers real AWS CLI calls (docker/smoke-calls.sh: STS, and a Lambda function
# run by the runtimes in the image).
set -euo pipefail
cd "$(dirname "$0")/.."
tool=${DOCKER_SMOKE:-../shared/tools/docker-smoke.sh}
[ -f "$tool" ] || { echo "docker smoke tool not found at $tool" >&2; exit 1; }
port=${PORT:-5450}
PORT=$port \
RUN_ARGS="-e GUREUM_PORT=$port" \
HEALTH_PATH=/_gureum/health EXPECT_STATUS=200 EXPECT_BODY='"sts"' \
SMOKE_CMD="bash docker/smoke-calls.sh $port" \
bash "$tool"
