package io.gureum.ec2.instances;

import java.util.Locale;

/**
 * EC2's vCPU-based On-Demand quotas: running and pending instances count against the quota of their
 * instance family's bucket (https://docs.aws.amazon.com/ec2/latest/instancetypes/ec2-instance-quotas.html).
 * Quotas differ per account; Gureum applies {@link #DEFAULT_LIMIT} to each bucket.
 */
final class VcpuQuota {
    /** vCPUs each bucket allows (the figure an ordinary, established account tends to have). */
    static final int DEFAULT_LIMIT = 1152;

    private VcpuQuota() {
    }

    /** The quota bucket of an instance type: Standard (A, C, D, H, I, M, R, T, Z), or its family's own letter(s). */
    static String bucket(String instanceType) {
        String family = instanceType.substring(0, instanceType.indexOf('.')).toLowerCase(Locale.ROOT);
        if (family.startsWith("inf")) {
            return "inf";
        }
        if (family.startsWith("dl")) {
            return "dl";
        }
        if (family.startsWith("trn")) {
            return "trn";
        }
        if (family.startsWith("hpc")) {
            return "hpc";
        }
        if (family.startsWith("vt") || family.startsWith("g")) {
            return "g";
        }
        if (family.startsWith("u-")) {
            return "u";
        }
        return switch (family.charAt(0)) {
            case 'a', 'c', 'd', 'h', 'i', 'm', 'r', 't', 'z' -> "standard";
            default -> String.valueOf(family.charAt(0));
        };
    }
}
