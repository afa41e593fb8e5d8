#!/usr/bin/env bash
# What docker/smoke.sh asks of a running container, with the real AWS CLI: the caller's identity, and
# a Python function created from a zip and invoked (the image carries the Lambda runtimes).
set -euo pipefail
port=${1:?port}
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1 AWS_MAX_ATTEMPTS=1
aws="aws --endpoint-url http://127.0.0.1:$port"
$aws sts get-caller-identity | grep -q '"Account": "000000000000"'

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'def handler(event, context):\n    return {"hello": event["name"]}\n' > "$work/app.py"
(cd "$work" && python3 -m zipfile -c fn.zip app.py)
$aws lambda create-function --function-name smoke --runtime python3.12 --handler app.handler \
    --role arn:aws:iam::000000000000:role/smoke --zip-file "fileb://$work/fn.zip" > /dev/null
# CLI v2 reads a blob argument as base64 unless told otherwise; v1 takes it as it is.
raw=()
aws --version 2>&1 | grep -q '^aws-cli/2' && raw=(--cli-binary-format raw-in-base64-out)
$aws lambda invoke --function-name smoke "${raw[@]}" --payload '{"name":"gureum"}' "$work/out.json" > /dev/null
grep -q '"hello": *"gureum"' "$work/out.json"

# S3, through the CLI's high-level commands (path-style against the endpoint).
$aws s3 mb s3://smoke > /dev/null
$aws s3 ls | grep -q ' smoke$'
