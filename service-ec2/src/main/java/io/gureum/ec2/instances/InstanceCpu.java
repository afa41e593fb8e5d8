package io.gureum.ec2.instances;

import io.gureum.ec2.types.InstanceTypeCatalogue;
import io.gureum.ec2common.Ec2Errors;
import software.amazon.awssdk.services.ec2.model.CpuOptions;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

/**
 * An instance's CPU options (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-optimize-cpu.html):
 * active cores times threads per core. The catalogue has each type's vCPUs (and, for Graviton, one thread per
 * core); x86 types with an even vCPU count run two threads per core by default. AWS's per-type lists of valid
 * core counts are not in the catalogue, so any count from 1 to the type's default cores is accepted.
 */
final class InstanceCpu {
    private static final InstanceTypeCatalogue TYPES = InstanceTypeCatalogue.standard();

    private InstanceCpu() {
    }

    /** The type's default threads per core. */
    static int defaultThreads(String type) {
        InstanceTypeInfo info = TYPES.info(type);
        if (info == null) {
            return 1;
        }
        Integer t = info.vCpuInfo().defaultThreadsPerCore();
        if (t != null) {
            return t;
        }
        int vcpus = info.vCpuInfo().defaultVCpus();
        return vcpus % 2 == 0 ? 2 : 1;
    }

    static int defaultCores(String type) {
        InstanceTypeInfo info = TYPES.info(type);
        return info == null ? 1 : info.vCpuInfo().defaultVCpus() / defaultThreads(type);
    }

    /** What DescribeInstances shows: the options set, else the type's defaults. */
    static CpuOptions options(Instance i) {
        int threads = i.threadsPerCore != null ? i.threadsPerCore : defaultThreads(i.instanceType);
        int cores = i.coreCount != null ? i.coreCount : defaultCores(i.instanceType);
        return CpuOptions.builder().coreCount(cores).threadsPerCore(threads).build();
    }

    /** Checks core count and threads per core for {@code type}; either may be null (the default). */
    static void check(String type, Integer coreCount, Integer threadsPerCore) {
        int maxThreads = defaultThreads(type);
        if (threadsPerCore != null && (threadsPerCore < 1 || threadsPerCore > maxThreads)) {
            throw Ec2Errors.invalidValue(String.valueOf(threadsPerCore), "ThreadsPerCore", "Valid values for "
                    + type + " are " + (maxThreads == 1 ? "1" : "1 and " + maxThreads) + ".");
        }
        int maxCores = defaultCores(type);
        if (coreCount != null && (coreCount < 1 || coreCount > maxCores)) {
            throw Ec2Errors.invalidValue(String.valueOf(coreCount), "CoreCount", "Valid values for " + type
                    + " are from 1 to " + maxCores + ".");
        }
    }
}
