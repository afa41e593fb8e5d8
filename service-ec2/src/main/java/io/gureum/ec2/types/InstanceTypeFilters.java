package io.gureum.ec2.types;

import io.gureum.ec2common.Ec2Filters;
import java.math.BigDecimal;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.EbsInfo;
import software.amazon.awssdk.services.ec2.model.InstanceStorageInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.NetworkInfo;

/**
 * The DescribeInstanceTypes filters the catalogue has data for (the API reference lists them under
 * Filters: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypes.html). The
 * others (auto-recovery-supported, hibernation-supported, dedicated-hosts-supported, disk layout, Nitro
 * enclave and TPM support …) answer InvalidParameterValue rather than match on made-up values.
 */
public final class InstanceTypeFilters {
    private InstanceTypeFilters() {
    }

    public static Ec2Filters<InstanceTypeInfo> describeInstanceTypes() {
        return new Ec2Filters<InstanceTypeInfo>()
                .on("instance-type", InstanceTypeInfo::instanceTypeAsString)
                .on("bare-metal", InstanceTypeInfo::bareMetal)
                .on("burstable-performance-supported", InstanceTypeInfo::burstablePerformanceSupported)
                .on("current-generation", InstanceTypeInfo::currentGeneration)
                .on("free-tier-eligible", InstanceTypeInfo::freeTierEligible)
                .on("hypervisor", InstanceTypeInfo::hypervisorAsString)
                .on("instance-storage-supported", InstanceTypeInfo::instanceStorageSupported)
                .on("instance-storage-info.total-size-in-gb", storage(InstanceStorageInfo::totalSizeInGB))
                .on("instance-storage-info.nvme-support", storage(InstanceStorageInfo::nvmeSupportAsString))
                .on("instance-storage-info.encryption-support", storage(InstanceStorageInfo::encryptionSupportAsString))
                .on("memory-info.size-in-mib", t -> t.memoryInfo().sizeInMiB())
                .on("vcpu-info.default-vcpus", t -> t.vCpuInfo().defaultVCpus())
                .on("vcpu-info.default-cores", t -> t.vCpuInfo().defaultCores())
                .on("vcpu-info.default-threads-per-core", t -> t.vCpuInfo().defaultThreadsPerCore())
                .on("processor-info.supported-architecture", t -> t.processorInfo().supportedArchitecturesAsStrings())
                .on("processor-info.sustained-clock-speed-in-ghz", t -> decimal(t.processorInfo().sustainedClockSpeedInGhz()))
                .on("ebs-info.ebs-optimized-support", ebs(EbsInfo::ebsOptimizedSupportAsString))
                .on("ebs-info.encryption-support", ebs(EbsInfo::encryptionSupportAsString))
                .on("ebs-info.nvme-support", ebs(EbsInfo::nvmeSupportAsString))
                .on("ebs-info.ebs-optimized-info.maximum-bandwidth-in-mbps",
                        ebs(e -> e.ebsOptimizedInfo() == null ? null : e.ebsOptimizedInfo().maximumBandwidthInMbps()))
                .on("network-info.network-performance", network(NetworkInfo::networkPerformance))
                .on("network-info.maximum-network-interfaces", network(NetworkInfo::maximumNetworkInterfaces))
                .on("network-info.maximum-network-cards", network(NetworkInfo::maximumNetworkCards))
                .on("network-info.ipv4-addresses-per-interface", network(NetworkInfo::ipv4AddressesPerInterface))
                .on("network-info.ipv6-addresses-per-interface", network(NetworkInfo::ipv6AddressesPerInterface))
                .on("network-info.ipv6-supported", network(NetworkInfo::ipv6Supported))
                .on("network-info.ena-support", network(NetworkInfo::enaSupportAsString))
                .on("network-info.efa-supported", network(NetworkInfo::efaSupported))
                .on("network-info.efa-info.maximum-efa-interfaces",
                        network(n -> n.efaInfo() == null ? null : n.efaInfo().maximumEfaInterfaces()))
                .on("network-info.encryption-in-transit-supported", network(NetworkInfo::encryptionInTransitSupported))
                .on("supported-boot-mode", InstanceTypeInfo::supportedBootModesAsStrings)
                .on("supported-root-device-type", InstanceTypeInfo::supportedRootDeviceTypesAsStrings)
                .on("supported-usage-class", InstanceTypeInfo::supportedUsageClassesAsStrings)
                .on("supported-virtualization-type", InstanceTypeInfo::supportedVirtualizationTypesAsStrings);
    }

    private static Function<InstanceTypeInfo, Object> storage(Function<InstanceStorageInfo, Object> f) {
        return t -> t.instanceStorageInfo() == null ? null : f.apply(t.instanceStorageInfo());
    }

    private static Function<InstanceTypeInfo, Object> ebs(Function<EbsInfo, Object> f) {
        return t -> t.ebsInfo() == null ? null : f.apply(t.ebsInfo());
    }

    private static Function<InstanceTypeInfo, Object> network(Function<NetworkInfo, Object> f) {
        return t -> t.networkInfo() == null ? null : f.apply(t.networkInfo());
    }

    /** {@code 2.5} as {@code "2.5"} and {@code 3.0} as {@code "3"}, as a user types the filter value. */
    private static String decimal(Double d) {
        return d == null ? null : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
