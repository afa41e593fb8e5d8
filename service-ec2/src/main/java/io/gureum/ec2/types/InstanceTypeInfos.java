package io.gureum.ec2.types;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.EbsInfo;
import software.amazon.awssdk.services.ec2.model.EbsOptimizedInfo;
import software.amazon.awssdk.services.ec2.model.EfaInfo;
import software.amazon.awssdk.services.ec2.model.GpuDeviceInfo;
import software.amazon.awssdk.services.ec2.model.GpuDeviceMemoryInfo;
import software.amazon.awssdk.services.ec2.model.GpuInfo;
import software.amazon.awssdk.services.ec2.model.InstanceStorageInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.MemoryInfo;
import software.amazon.awssdk.services.ec2.model.NetworkCardInfo;
import software.amazon.awssdk.services.ec2.model.NetworkInfo;
import software.amazon.awssdk.services.ec2.model.ProcessorInfo;
import software.amazon.awssdk.services.ec2.model.VCpuInfo;

/**
 * A catalogue row as DescribeInstanceTypes answers it. The row's facts are passed through; the fields
 * derived here follow AWS's documented rules, each cited below. Fields the source has no fact for
 * (HibernationSupported, AutoRecoverySupported, DedicatedHostsSupported, instance store disk layout) are
 * left out rather than guessed.
 */
final class InstanceTypeInfos {
    /**
     * The families AWS lists as previous generation
     * (https://aws.amazon.com/ec2/previous-generation/): CurrentGeneration is false for them.
     */
    static final Set<String> PREVIOUS_GENERATION = Set.of("t1", "m1", "m2", "m3", "c1", "c3", "cc1", "cc2", "cg1",
            "cr1", "g2", "hi1", "hs1", "i2", "r3");

    /**
     * The instance types that also run 32-bit AMIs
     * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-types.html, "i386").
     */
    private static final Set<String> I386 = Set.of("t1.micro", "t2.nano", "t2.micro", "t2.small", "t2.medium",
            "m1.small", "m1.medium", "c1.medium", "c3.large");

    /** The AWS Free Tier's instance types (https://aws.amazon.com/free/): t2.micro, and t3.micro where t2 is not offered. */
    private static final Set<String> FREE_TIER = Set.of("t2.micro", "t3.micro");

    /** Burstable performance instances (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-performance-instances.html). */
    private static final Set<String> BURSTABLE = Set.of("t2", "t3", "t3a", "t4g");

    /** Xen-based families with the Elastic Network Adapter (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/enhanced-networking-ena.html). */
    private static final Set<String> XEN_ENA = Set.of("f1", "g3", "g3s", "h1", "i3", "m4", "p2", "p3", "r4", "x1", "x1e");

    /** Families that have no IPv6 (the oldest, EC2-Classic-era ones). */
    private static final Set<String> NO_IPV6 = Set.of("t1", "m1", "m2", "m3", "c1", "cc2", "cg1", "cr1", "hi1", "hs1",
            "g2");

    private InstanceTypeInfos() {
    }

    static InstanceTypeInfo of(CatalogueRow r) {
        String family = r.family();
        boolean nitro = "nitro".equals(r.hypervisor()) || r.bareMetal();
        boolean previous = PREVIOUS_GENERATION.contains(family);
        InstanceTypeInfo.Builder b = InstanceTypeInfo.builder()
                .instanceType(r.type())
                .currentGeneration(!previous)
                .freeTierEligible(FREE_TIER.contains(r.type()))
                .supportedUsageClassesWithStrings("on-demand", "spot")
                .supportedRootDeviceTypesWithStrings(nitro || !previous ? List.of("ebs") : List.of("ebs", "instance-store"))
                .supportedVirtualizationTypesWithStrings(previous ? List.of("hvm", "paravirtual") : List.of("hvm"))
                .bareMetal(r.bareMetal())
                .hypervisor(r.bareMetal() ? null : r.hypervisor())
                .processorInfo(processor(r))
                .vCpuInfo(vcpus(r))
                .memoryInfo(MemoryInfo.builder().sizeInMiB(r.memoryMib()).build())
                .instanceStorageSupported(r.nvmeGb() != null)
                .ebsInfo(ebs(r, nitro))
                .networkInfo(network(r, nitro, family))
                .burstablePerformanceSupported(BURSTABLE.contains(family))
                // UEFI only on Graviton; Nitro x86 boots both; Xen legacy BIOS (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-boot.html).
                .supportedBootModesWithStrings(r.architecture().equals("arm64") ? List.of("uefi")
                        : nitro ? List.of("legacy-bios", "uefi") : List.of("legacy-bios"));
        if (r.nvmeGb() != null) {
            // NVMe instance store is always encrypted at rest
            // (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ssd-instance-store.html).
            b.instanceStorageInfo(InstanceStorageInfo.builder().totalSizeInGB((long) r.nvmeGb())
                    .nvmeSupport("required").encryptionSupport("required").build());
        }
        if (r.gpuCount() != null) {
            b.gpuInfo(GpuInfo.builder()
                    .gpus(GpuDeviceInfo.builder().name(gpuName(r.gpuName())).manufacturer(maker(r.gpuMaker()))
                            .count(r.gpuCount())
                            .memoryInfo(GpuDeviceMemoryInfo.builder().sizeInMiB(r.gpuMemoryMib()).build()).build())
                    .totalGpuMemoryInMiB(r.gpuCount() * r.gpuMemoryMib()).build());
        }
        return b.build();
    }

    private static ProcessorInfo processor(CatalogueRow r) {
        ProcessorInfo.Builder p = ProcessorInfo.builder()
                .supportedArchitecturesWithStrings(I386.contains(r.type()) ? List.of("i386", "x86_64")
                        : List.of(r.architecture()))
                .manufacturer(maker(r.cpuMaker()));
        if (r.clockMhz() > 0) {
            p.sustainedClockSpeedInGhz(BigDecimal.valueOf(r.clockMhz()).movePointLeft(3).doubleValue());
        }
        return p.build();
    }

    private static VCpuInfo vcpus(CatalogueRow r) {
        VCpuInfo.Builder v = VCpuInfo.builder().defaultVCpus(r.vcpus());
        if (r.architecture().equals("arm64")) {
            // Graviton has one thread per core (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/cpu-options-supported-instances-values.html).
            v.defaultCores(r.vcpus()).defaultThreadsPerCore(1);
        }
        return v.build();
    }

    private static EbsInfo ebs(CatalogueRow r, boolean nitro) {
        EbsInfo.Builder e = EbsInfo.builder()
                .ebsOptimizedSupport(nitro ? "default" : r.ebsMbps() != null ? "supported" : "unsupported")
                .encryptionSupport("supported")
                .nvmeSupport(nitro ? "required" : "unsupported");
        if (r.ebsMbps() != null) {
            e.ebsOptimizedInfo(EbsOptimizedInfo.builder().maximumBandwidthInMbps(r.ebsMbps()).build());
        }
        return e.build();
    }

    private static NetworkInfo network(CatalogueRow r, boolean nitro, String family) {
        List<NetworkCardInfo> cards = new ArrayList<>();
        for (int[] card : r.cards()) {
            NetworkCardInfo.Builder c = NetworkCardInfo.builder().networkCardIndex(card[0]).maximumNetworkInterfaces(card[1]);
            // The source's bandwidth is the instance's, which is the one card's when there is one.
            if (r.cards().size() == 1 && r.networkMbps() != null) {
                c.baselineBandwidthInGbps(gbps(r.networkMbps()));
            }
            cards.add(c.build());
        }
        boolean ipv6 = !NO_IPV6.contains(family);
        NetworkInfo.Builder n = NetworkInfo.builder()
                .networkPerformance(networkPerformance(r))
                .maximumNetworkInterfaces(r.enis())
                .maximumNetworkCards(Math.max(1, cards.size()))
                .defaultNetworkCardIndex(r.defaultCard())
                .networkCards(cards)
                .ipv4AddressesPerInterface(r.ipv4PerEni())
                .ipv6AddressesPerInterface(ipv6 ? r.ipv4PerEni() : 0)
                .ipv6Supported(ipv6)
                .enaSupport(nitro ? "required" : XEN_ENA.contains(family) ? "supported" : "unsupported")
                .efaSupported(r.efa() != null)
                .encryptionInTransitSupported(r.encryptionInTransit());
        if (r.efa() != null) {
            n.efaInfo(EfaInfo.builder().maximumEfaInterfaces(r.efa()).build());
        }
        return n.build();
    }

    /**
     * AWS's words where the source has them ("Low to Moderate", "High" …), else left out. For the other
     * types the source has only the baseline bandwidth, while AWS words many of them with the burst
     * figure ("Up to 12.5 Gigabit" for m6i.4xlarge, whose baseline is 6.25): rather than print a
     * string AWS never answers, the baseline goes where AWS puts it, NetworkCards[].BaselineBandwidthInGbps.
     */
    static String networkPerformance(CatalogueRow r) {
        return r.networkWords();
    }

    private static double gbps(int mbps) {
        return BigDecimal.valueOf(mbps).movePointLeft(3).doubleValue();
    }

    private static String maker(String source) {
        if (source == null || source.isEmpty()) {
            return null;
        }
        return switch (source) {
            case "intel" -> "Intel";
            case "amd" -> "AMD";
            case "aws" -> "AWS";
            case "nvidia" -> "NVIDIA";
            default -> source;
        };
    }

    /** {@code a100} → {@code A100}; {@code radeon-pro-v520} → {@code Radeon Pro V520}. */
    private static String gpuName(String source) {
        if (!source.contains("-")) {
            return source.toUpperCase(Locale.ROOT);
        }
        StringBuilder out = new StringBuilder();
        for (String word : source.split("-")) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(Character.isDigit(word.charAt(word.length() - 1)) ? word.toUpperCase(Locale.ROOT)
                    : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return out.toString();
    }
}
