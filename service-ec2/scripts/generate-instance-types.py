#!/usr/bin/env python3
"""Generates service-ec2's instance type catalogue (src/main/resources/io/gureum/ec2/instance-types.tsv).

Source (data only, no code is taken): the Karpenter provider for AWS, https://github.com/aws/karpenter-provider-aws,
licensed under the Apache License 2.0. Karpenter generates these files from EC2's own DescribeInstanceTypes
answers and AWS's documentation:
  website/content/en/preview/reference/instance-types.md   vCPUs, memory, architecture, CPU maker and clock,
                                                           hypervisor, EBS and network bandwidth, local NVMe,
                                                           GPUs, EFA, encryption in transit, per instance type
  pkg/providers/instancetype/zz_generated.vpclimits.go     network interfaces, IPv4 addresses per interface,
                                                           network cards, bare metal
  pkg/providers/instancetype/zz_generated.bandwidth.go     AWS's wording ("Moderate", "High" ...) of the network
                                                           performance of the types that have no figure

Usage: generate-instance-types.py KARPENTER_CHECKOUT OUTPUT.tsv [SOURCE_COMMIT]
"""
import re
import sys
from pathlib import Path

COLUMNS = ["type", "vcpus", "memory_mib", "arch", "cpu_maker", "clock_mhz", "hypervisor", "bare_metal",
           "ebs_mbps", "network_mbps", "network_words", "enis", "ipv4_per_eni", "cards", "default_card",
           "nvme_gb", "gpu_name", "gpu_maker", "gpu_count", "gpu_memory_mib", "efa", "encryption_in_transit"]


def labels(md_text):
    """instance type -> {label: value, resource: quantity} from the Karpenter reference page."""
    types = {}
    current = None
    for line in md_text.splitlines():
        m = re.match(r"^### `([a-z0-9.\-]+)`$", line)
        if m:
            current = types.setdefault(m.group(1), {})
            continue
        m = re.match(r"^ \|([^|]+)\|([^|]*)\|$", line)
        if m and current is not None and m.group(1) not in ("Label", "Resource", "--"):
            current[m.group(1).strip()] = m.group(2).strip()
    return types


def vpc_limits(go_text):
    """instance type -> (enis, ipv4 per eni, [(card, max enis)], default card, bare metal)."""
    out = {}
    for m in re.finditer(r'^\t"([a-z0-9.\-]+)": \{(.*?)^\t\},', go_text, re.S | re.M):
        body = m.group(2)
        def num(field):
            f = re.search(field + r":\s+(\d+)", body)
            return int(f.group(1)) if f else 0
        cards = [(int(c), int(n)) for n, c in re.findall(
            r"MaximumNetworkInterfaces:\s+(\d+),\s+NetworkCardIndex:\s+(\d+)", body)]
        bare = re.search(r"IsBareMetal:\s+true", body) is not None
        out[m.group(1)] = (num("Interface"), num("IPv4PerInterface"), cards, num("DefaultNetworkCardIndex"), bare)
    return out


def network_words(go_text):
    """instance type -> AWS's wording for the types Karpenter has no bandwidth figure for."""
    return dict(re.findall(r"// ([a-z0-9.\-]+) has vague bandwidth information, bandwidth is ([A-Za-z ]+)", go_text))


def main(checkout, output, commit=None):
    root = Path(checkout)
    md = labels((root / "website/content/en/preview/reference/instance-types.md").read_text())
    limits = vpc_limits((root / "pkg/providers/instancetype/zz_generated.vpclimits.go").read_text())
    words = network_words((root / "pkg/providers/instancetype/zz_generated.bandwidth.go").read_text())
    rows = []
    for name in sorted(md):
        l = md[name]
        k = "karpenter.k8s.aws/instance-"
        arch = {"amd64": "x86_64", "arm64": "arm64"}[l["kubernetes.io/arch"]]
        enis, ipv4, cards, default_card, bare = limits.get(name, (0, 0, [], 0, l.get(k + "size", "").startswith("metal")))
        row = {
            "type": name,
            "vcpus": l[k + "cpu"],
            "memory_mib": l[k + "memory"],
            "arch": arch,
            "cpu_maker": l.get(k + "cpu-manufacturer", ""),
            "clock_mhz": l.get(k + "cpu-sustained-clock-speed-mhz", "0"),
            "hypervisor": l.get(k + "hypervisor", ""),
            "bare_metal": "1" if bare else "0",
            "ebs_mbps": l.get(k + "ebs-bandwidth", ""),
            "network_mbps": l.get(k + "network-bandwidth", ""),
            "network_words": words.get(name, ""),
            "enis": str(enis),
            "ipv4_per_eni": str(ipv4),
            "cards": ";".join(f"{c}:{n}" for c, n in cards),
            "default_card": str(default_card),
            "nvme_gb": l.get(k + "local-nvme", ""),
            "gpu_name": l.get(k + "gpu-name", ""),
            "gpu_maker": l.get(k + "gpu-manufacturer", ""),
            "gpu_count": l.get(k + "gpu-count", ""),
            "gpu_memory_mib": l.get(k + "gpu-memory", ""),
            "efa": l.get("vpc.amazonaws.com/efa", ""),
            "encryption_in_transit": "1" if l.get(k + "encryption-in-transit-supported") == "true" else "0",
        }
        rows.append("\t".join(row[c] for c in COLUMNS))
    header = [
        "# EC2 instance types, generated by service-ec2/scripts/generate-instance-types.py from the Karpenter",
        "# provider for AWS (https://github.com/aws/karpenter-provider-aws, Apache License 2.0). Do not edit.",
    ]
    if commit:
        header.append(f"# Source commit: {commit}")
    header.append("\t".join(COLUMNS))
    Path(output).write_text("\n".join(header + rows) + "\n")
    print(f"{len(rows)} instance types -> {output}")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    main(*sys.argv[1:])
