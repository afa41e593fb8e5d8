package io.gureum.ec2.ebs;

import io.gureum.ec2common.Ec2Errors;
import java.util.Map;

/**
 * Size, IOPS and throughput rules of each EBS volume type
 * (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html).
 */
public final class VolumeRules {
    private record Rule(int minSize, int maxSize, Integer minIops, Integer maxIops, Integer iopsPerGib,
            boolean iopsRequired, Integer defaultIops, Integer defaultThroughput) {
    }

    private static final Map<String, Rule> RULES = Map.of(
            "gp2", new Rule(1, 16384, null, null, null, false, null, null),
            "gp3", new Rule(1, 16384, 3000, 16000, 500, false, 3000, 125),
            "io1", new Rule(4, 16384, 100, 64000, 50, true, null, null),
            "io2", new Rule(4, 65536, 100, 256000, 1000, true, null, null),
            "st1", new Rule(125, 16384, null, null, null, false, null, null),
            "sc1", new Rule(125, 16384, null, null, null, false, null, null),
            "standard", new Rule(1, 1024, null, null, null, false, null, null));

    /** The checked settings of a volume: its type, size, IOPS and throughput (defaults filled in). */
    public record Settings(String type, int size, Integer iops, Integer throughput) {
    }

    private VolumeRules() {
    }

    public static Settings check(String type, Integer size, Integer iops, Integer throughput) {
        String t = type == null ? "gp2" : type;
        Rule rule = RULES.get(t);
        if (rule == null) {
            throw Ec2Errors.invalidValue(t, "volumeType", "Valid values are standard, io1, io2, gp2, gp3, sc1, st1.");
        }
        if (size == null) {
            throw Ec2Errors.missing("size");
        }
        if (size < rule.minSize) {
            throw Ec2Errors.invalidParameterValue("Volume of " + size + "GiB is too small; minimum is " + rule.minSize + "GiB.");
        }
        if (size > rule.maxSize) {
            throw Ec2Errors.invalidParameterValue("Volume of " + size + "GiB is too large; maximum is " + rule.maxSize + "GiB.");
        }
        if (iops != null && rule.maxIops == null) {
            throw Ec2Errors.combination("The parameter iops is not supported for " + t + " volumes.");
        }
        if (iops == null && rule.iopsRequired) {
            throw Ec2Errors.missing("iops");
        }
        if (throughput != null && !t.equals("gp3")) {
            throw Ec2Errors.combination("The parameter throughput is not supported for " + t + " volumes.");
        }
        Integer effectiveIops = iops != null ? iops : rule.defaultIops;
        if (t.equals("gp2")) {
            effectiveIops = Math.min(16000, Math.max(100, size * 3));
        }
        if (iops != null) {
            if (iops < rule.minIops) {
                throw Ec2Errors.invalidParameterValue("Volume iops of " + iops + " is too low; minimum is " + rule.minIops + ".");
            }
            if (iops > rule.maxIops) {
                throw Ec2Errors.invalidParameterValue("Volume iops of " + iops + " is too high; maximum is " + rule.maxIops + ".");
            }
            if ((long) iops > (long) size * rule.iopsPerGib && iops > rule.minIops) {
                throw Ec2Errors.invalidParameterValue(String.format(java.util.Locale.ROOT,
                        "Iops to volume size ratio of %.6f is too high; maximum is %d.000000.", (double) iops / size,
                        rule.iopsPerGib));
            }
        }
        Integer effectiveThroughput = throughput != null ? throughput : rule.defaultThroughput;
        if (throughput != null) {
            if (throughput < 125 || throughput > 1000) {
                throw Ec2Errors.invalidParameterValue("Throughput of " + throughput + " MiB/s is not valid; it must be "
                        + "between 125 and 1000 MiB/s.");
            }
            if (throughput > effectiveIops / 4) {
                throw Ec2Errors.invalidParameterValue("Throughput (MiBps) to iops ratio of "
                        + String.format(java.util.Locale.ROOT, "%.6f", (double) throughput / effectiveIops)
                        + " is too high; maximum is 0.250000 MiBps per iops.");
            }
        }
        return new Settings(t, size, effectiveIops, effectiveThroughput);
    }
}
