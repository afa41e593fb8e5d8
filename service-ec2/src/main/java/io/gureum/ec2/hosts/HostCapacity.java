package io.gureum.ec2.hosts;

import io.gureum.ec2.types.InstanceTypeCatalogue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AvailableCapacity;
import software.amazon.awssdk.services.ec2.model.HostProperties;
import software.amazon.awssdk.services.ec2.model.InstanceCapacity;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

/**
 * How many instances a host holds. AWS publishes a capacity table per family
 * (https://docs.aws.amazon.com/ec2/latest/dedicatedhosts/dh-instance-capacity.html); Gureum derives it with one
 * rule that matches that table for the Nitro families: a host has the vCPUs of its family's largest size in
 * the catalogue (an m5 host 96 vCPUs, 48 cores, 2 sockets). A host of one instance type holds
 * {@code host vCPUs / type vCPUs} instances (48 {@code m5.large}); a host of a whole family holds any mix
 * of its sizes whose vCPUs add up to at most the host's.
 */
final class HostCapacity {
    private static final InstanceTypeCatalogue CATALOGUE = InstanceTypeCatalogue.standard();

    private HostCapacity() {
    }

    static String familyOf(String type) {
        int dot = type == null ? -1 : type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }

    /** The family's sizes in the catalogue, smallest first. */
    static List<InstanceTypeInfo> sizes(String family) {
        List<InstanceTypeInfo> out = new ArrayList<>();
        for (InstanceTypeInfo i : CATALOGUE.all()) {
            if (familyOf(i.instanceTypeAsString()).equals(family)) {
                out.add(i);
            }
        }
        out.sort((a, b) -> Integer.compare(a.vCpuInfo().defaultVCpus(), b.vCpuInfo().defaultVCpus()));
        return out;
    }

    /** Whether Dedicated Hosts exist for the family: it has sizes, none of them burstable T2 (AWS offers no T2 hosts). */
    static boolean supported(String family) {
        return family != null && !family.equals("t2") && !family.equals("t1") && !sizes(family).isEmpty();
    }

    static int hostVcpus(String family) {
        List<InstanceTypeInfo> sizes = sizes(family);
        return sizes.isEmpty() ? 0 : sizes.get(sizes.size() - 1).vCpuInfo().defaultVCpus();
    }

    static int vcpus(String type) {
        InstanceTypeInfo info = CATALOGUE.info(type);
        return info == null ? 0 : info.vCpuInfo().defaultVCpus();
    }

    static HostProperties properties(Host h) {
        int total = hostVcpus(h.family());
        List<InstanceTypeInfo> sizes = sizes(h.family());
        int threads = sizes.isEmpty() || sizes.get(sizes.size() - 1).vCpuInfo().defaultThreadsPerCore() == null ? 2
                : sizes.get(sizes.size() - 1).vCpuInfo().defaultThreadsPerCore();
        return HostProperties.builder().instanceType(h.instanceType).instanceFamily(h.instanceFamily)
                .totalVCpus(total).cores(Math.max(1, total / threads)).sockets(total >= 4 ? 2 : 1).build();
    }

    /** Whether the host may hold an instance of {@code type}. */
    static boolean accepts(Host h, String type) {
        return h.instanceType != null ? h.instanceType.equals(type) : h.instanceFamily.equals(familyOf(type));
    }

    /** How many more instances of {@code type} fit, given the vCPUs the host's instances use. */
    static int room(Host h, String type, int usedVcpus) {
        if (!accepts(h, type)) {
            return 0;
        }
        int size = vcpus(type);
        return size == 0 ? 0 : Math.max(0, (hostVcpus(h.family()) - usedVcpus) / size);
    }

    /** AvailableCapacity: per type, how many more fit and how many the empty host holds. */
    static AvailableCapacity available(Host h, Map<String, Integer> runningByType) {
        int used = 0;
        for (var e : runningByType.entrySet()) {
            used += vcpus(e.getKey()) * e.getValue();
        }
        int total = hostVcpus(h.family());
        List<InstanceCapacity> per = new ArrayList<>();
        List<String> types = h.instanceType != null ? List.of(h.instanceType)
                : sizes(h.family()).stream().map(InstanceTypeInfo::instanceTypeAsString).toList();
        for (String t : types) {
            int size = vcpus(t);
            per.add(InstanceCapacity.builder().instanceType(t).totalCapacity(total / size)
                    .availableCapacity(Math.max(0, (total - used) / size)).build());
        }
        return AvailableCapacity.builder().availableInstanceCapacity(per).availableVCpus(Math.max(0, total - used))
                .build();
    }
}
