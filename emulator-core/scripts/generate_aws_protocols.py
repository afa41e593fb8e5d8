#!/usr/bin/env python3
"""Writes what core must know of every AWS API, served or not, to answer in its own protocol.

Source: the service models shipped with botocore (https://github.com/boto/botocore, Apache License 2.0),
read offline from the installed package. Only metadata is copied: signing name, endpoint prefix,
protocol(s), the signing names its endpoint rules use, JSON target prefix and version, API version, XML namespace and signature version.

Usage: python3 emulator-core/scripts/generate_aws_protocols.py \
           > emulator-core/src/main/resources/io/gureum/core/protocol/aws-protocols.json
"""
import gzip
import json
import os
import re
import sys

import botocore


def load(path):
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    with gzip.open(path + ".gz", "rt", encoding="utf-8") as f:
        return json.load(f)


# Smithy protocol traits botocore's JSON models do not carry: the restXml APIs whose errors are a bare
# <Error> (@restXml(noErrorWrapping: true) on AmazonS3 in AWS's Smithy models).
NO_ERROR_WRAPPING = {"s3"}


def read_text(path):
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            return f.read()
    if os.path.exists(path + ".gz"):
        with gzip.open(path + ".gz", "rt", encoding="utf-8") as f:
            return f.read()
    return ""


def main():
    data = os.path.join(os.path.dirname(botocore.__file__), "data")
    apis = []
    for name in sorted(os.listdir(data)):
        if not os.path.isdir(os.path.join(data, name)):
            continue
        versions = sorted(v for v in os.listdir(os.path.join(data, name))
                          if os.path.isdir(os.path.join(data, name, v)))
        model = None
        rules = ""
        for version in reversed(versions):
            candidate = os.path.join(data, name, version, "service-2.json")
            if os.path.exists(candidate) or os.path.exists(candidate + ".gz"):
                model = load(candidate)
                rules = read_text(os.path.join(data, name, version, "endpoint-rule-set-1.json"))
                break
        if model is None:
            continue
        m = model["metadata"]
        namespace = m.get("xmlNamespace")
        if isinstance(namespace, dict):
            namespace = namespace.get("uri")
        signing_name = m.get("signingName") or m.get("endpointPrefix")
        # Endpoint rules may sign some requests with other names (S3: s3-object-lambda, s3express).
        aliases = sorted(set(re.findall(r'"signingName":\s*"([^"]+)"', rules)) - {signing_name})
        api = {
            "name": name,
            "serviceId": m.get("serviceId"),
            "signingName": signing_name,
            "otherSigningNames": aliases or None,
            "endpointPrefix": m.get("endpointPrefix"),
            "protocol": m.get("protocol"),
            "protocols": m.get("protocols") or [m.get("protocol")],
            "targetPrefix": m.get("targetPrefix"),
            "jsonVersion": m.get("jsonVersion"),
            "apiVersion": m.get("apiVersion"),
            "xmlNamespace": namespace,
            "signatureVersion": m.get("signatureVersion"),
            "noErrorWrapping": True if name in NO_ERROR_WRAPPING else None,
        }
        apis.append({k: v for k, v in api.items() if v is not None})
    # One API per line, so that a regeneration's diff shows what changed.
    sys.stdout.write('{"source": %s,\n "apis": [\n' % json.dumps("botocore " + botocore.__version__ + " (Apache-2.0)"))
    sys.stdout.write(",\n".join("  " + json.dumps(a) for a in apis))
    sys.stdout.write("\n]}\n")


if __name__ == "__main__":
    main()
