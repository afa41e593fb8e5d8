#!/usr/bin/env bash
# Builds docker/Dockerfile and smoke-tests the image with the workplace's podman-based tool
# (shared/tools/docker-smoke.sh, beside this repository): the container starts, reports healthy on
# /_gureum/health, and answers a real AWS CLI call.
set -euo pipefail
cd "$(dirname "$0")/.."
tool=${DOCKER_SMOKE:-../shared/tools/docker-smoke.sh}
[ -f "$tool" ] || { echo "docker smoke tool not found at $tool" >&2; exit 1; }
port=${PORT:-5450}
cli="AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_MAX_ATTEMPTS=1"
cli="$cli aws --endpoint-url http://127.0.0.1:$port"
PORT=$port \
RUN_ARGS="-e GUREUM_PORT=$port" \
HEALTH_PATH=/_gureum/health EXPECT_STATUS=200 EXPECT_BODY='"sts"' \
SMOKE_CMD="$cli sts get-caller-identity | grep -q '\"Account\": \"000000000000\"'" \
bash "$tool"
