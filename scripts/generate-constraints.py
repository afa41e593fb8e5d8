#!/usr/bin/env python3
"""Writes the input constraints of every API Gureum serves, read from botocore's JSON models.

For each API it writes ``<module>/src/main/resources/META-INF/gureum/constraints/<ClientInterface>.json``:
the constraints of every input member (required, length, pattern, range, enum) reachable from each
operation's input, the ``@http`` success code of REST operations (botocore ``http.responseCode``) and
whether a query operation's output is an empty result wrapper. Core's ``ServiceModel`` joins the file
to the build-time operation index; ``RequestValidator`` applies it before a provider runs.

The models come from botocore (https://github.com/boto/botocore, Apache License 2.0; the data files
are AWS's service models). Run offline with the installed botocore and commit the output:

    python3 scripts/generate-constraints.py

Shapes are kept by name; a shape with no constraint anywhere below it is left out, so the files
hold only what validation needs.
"""
import gzip
import json
import os
import sys

import botocore

APIS = [
    # botocore service, version (None: newest), module, SDK client interface
    ("sts", None, "service-iam", "software.amazon.awssdk.services.sts.StsClient"),
    ("iam", None, "service-iam", "software.amazon.awssdk.services.iam.IamClient"),
    ("ec2", None, "service-vpc", "software.amazon.awssdk.services.ec2.Ec2Client"),
    ("s3", None, "service-s3", "software.amazon.awssdk.services.s3.S3Client"),
    ("s3control", None, "service-s3", "software.amazon.awssdk.services.s3control.S3ControlClient"),
    ("dynamodb", None, "service-dynamodb", "software.amazon.awssdk.services.dynamodb.DynamoDbClient"),
    ("dynamodbstreams", None, "service-dynamodb",
     "software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient"),
    ("sqs", None, "service-sqs-sns", "software.amazon.awssdk.services.sqs.SqsClient"),
    ("sns", None, "service-sqs-sns", "software.amazon.awssdk.services.sns.SnsClient"),
    ("lambda", None, "service-lambda", "software.amazon.awssdk.services.lambda.LambdaClient"),
    ("logs", None, "service-logs", "software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient"),
    ("kms", None, "service-kms", "software.amazon.awssdk.services.kms.KmsClient"),
    ("secretsmanager", None, "service-secretsmanager",
     "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient"),
    ("ssm", None, "service-ssm", "software.amazon.awssdk.services.ssm.SsmClient"),
    ("organizations", None, "service-organizations",
     "software.amazon.awssdk.services.organizations.OrganizationsClient"),
    ("events", None, "service-events", "software.amazon.awssdk.services.eventbridge.EventBridgeClient"),
    ("scheduler", None, "service-scheduler", "software.amazon.awssdk.services.scheduler.SchedulerClient"),
    ("cloudwatch", None, "service-cloudwatch", "software.amazon.awssdk.services.cloudwatch.CloudWatchClient"),
    ("ecr", None, "service-ecr", "software.amazon.awssdk.services.ecr.EcrClient"),
    ("ecr-public", None, "service-ecr", "software.amazon.awssdk.services.ecrpublic.EcrPublicClient"),
    ("acm", None, "service-acm", "software.amazon.awssdk.services.acm.AcmClient"),
    ("elbv2", None, "service-elb",
     "software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client"),
    ("cloudformation", None, "service-cloudformation",
     "software.amazon.awssdk.services.cloudformation.CloudFormationClient"),
]

SCALAR_KEYS = ("min", "max", "pattern", "enum")

# Where the model's enum is narrower than what the service accepts. S3's canned ACL table
# (https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl) lists
# aws-exec-read and log-delivery-write for buckets, and says bucket-owner-read and
# bucket-owner-full-control are ignored when given for a bucket; BucketCannedACL lists four.
ENUM_AMENDMENTS = {
    ("s3", "BucketCannedACL"): ["aws-exec-read", "bucket-owner-read", "bucket-owner-full-control",
                                "log-delivery-write"],
}


def load_model(service, version):
    base = os.path.join(os.path.dirname(botocore.__file__), "data", service)
    version = version or sorted(v for v in os.listdir(base) if os.path.isdir(os.path.join(base, v)))[-1]
    path = os.path.join(base, version, "service-2.json")
    if os.path.exists(path + ".gz"):
        with gzip.open(path + ".gz", "rt", encoding="utf-8") as f:
            model = json.load(f)
    else:
        with open(path, encoding="utf-8") as f:
            model = json.load(f)
    for (api, shape), values in ENUM_AMENDMENTS.items():
        if api == service:
            model["shapes"][shape]["enum"] = model["shapes"][shape]["enum"] + values
    return version, model


def number(value):
    return int(value) if float(value).is_integer() else value


class Compactor:
    """Keeps the shapes reachable from operation inputs that carry a constraint somewhere below."""

    def __init__(self, shapes):
        self.shapes = shapes
        self.out = {}
        self.state = {}  # name -> True (has constraints) / False / None (in progress)

    def keep(self, name):
        if name in self.state:
            return self.state[name] is not False  # recursive shapes: assume kept
        self.state[name] = None
        shape = self.shapes[name]
        kind = shape["type"]
        entry = {"type": kind}
        for key in SCALAR_KEYS:
            if key in shape and not (key == "pattern" and kind not in ("string",)):
                entry[key] = number(shape[key]) if key in ("min", "max") else shape[key]
        if kind == "structure":
            members = {}
            required = set(shape.get("required", []))
            for member, ref in shape.get("members", {}).items():
                m = {}
                if member in required:
                    m["required"] = True
                if self.keep(ref["shape"]):
                    m["shape"] = ref["shape"]
                if m:
                    members[member] = m
            if members:
                entry["members"] = members
        elif kind == "list":
            if self.keep(shape["member"]["shape"]):
                entry["member"] = shape["member"]["shape"]
        elif kind == "map":
            if self.keep(shape["key"]["shape"]):
                entry["key"] = shape["key"]["shape"]
            if self.keep(shape["value"]["shape"]):
                entry["value"] = shape["value"]["shape"]
        kept = len(entry) > 1
        if kept and shape.get("sensitive"):
            entry["sensitive"] = True  # AWS leaves the value out of the message
        self.state[name] = kept
        if kept:
            self.out[name] = entry
        return kept


def streams_events(shapes, shape_name):
    """Whether a request or response shape has an event-stream member (StartLiveTail's response)."""
    members = shapes[shape_name].get("members", {}) if shape_name else {}
    return any(shapes[m["shape"]].get("eventstream") for m in members.values())


def constraints(service, version):
    version, model = load_model(service, version)
    protocol = model["metadata"]["protocol"]
    shapes = model["shapes"]
    compactor = Compactor(shapes)
    operations = {}
    for name, op in sorted(model["operations"].items()):
        entry = {}
        if "input" in op and compactor.keep(op["input"]["shape"]):
            entry["input"] = op["input"]["shape"]
        code = op.get("http", {}).get("responseCode")
        if code is not None and code != 200 and protocol in ("rest-json", "rest-xml"):
            entry["successCode"] = code
        output = op.get("output")
        if (protocol == "query" and output and output.get("resultWrapper")
                and not shapes[output["shape"]].get("members")):
            entry["emptyResult"] = True
        if op.get("authtype") == "none" or op.get("auth") == ["smithy.api#noAuth"]:
            entry["unsigned"] = True
        if any(streams_events(shapes, op.get(side, {}).get("shape")) for side in ("input", "output")):
            # Only on the SDK's asynchronous client, so absent from the operation index Gureum builds
            # from the synchronous one: core answers it 501 by name instead of as an unknown operation.
            entry["eventStream"] = True
        if entry:
            operations[name] = entry
    return {
        "source": "botocore %s data/%s/%s/service-2.json (Apache-2.0)" % (botocore.__version__, service, version),
        "protocol": protocol,
        "operations": operations,
        "shapes": dict(sorted(compactor.out.items())),
    }


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for service, version, module, client in APIS:
        data = constraints(service, version)
        directory = os.path.join(root, module, "src", "main", "resources", "META-INF", "gureum", "constraints")
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, client + ".json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=None, separators=(",", ":"), sort_keys=False, ensure_ascii=True)
            f.write("\n")
        print("%-16s %4d operations %5d shapes -> %s" % (service, len(data["operations"]), len(data["shapes"]),
                                                         os.path.relpath(path, root)), file=sys.stderr)


if __name__ == "__main__":
    main()
