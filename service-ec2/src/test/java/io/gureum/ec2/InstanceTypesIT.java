package io.gureum.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;

class InstanceTypesIT extends Ec2ApiTestBase {

    private static List<String> names(Ec2Client ec2, Consumer<DescribeInstanceTypesRequest.Builder> request) {
        return ec2.describeInstanceTypesPaginator(request).instanceTypes().stream()
                .map(InstanceTypeInfo::instanceTypeAsString).toList();
    }

    private static Filter f(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    @Test
    void describesTheRealSpecificationsOfAType() {
        try (Ec2Client ec2 = ec2()) {
            InstanceTypeInfo t2 = ec2.describeInstanceTypes(b -> b.instanceTypesWithStrings("t2.micro"))
                    .instanceTypes().get(0);
            assertEquals(1, t2.vCpuInfo().defaultVCpus());
            assertEquals(1024L, t2.memoryInfo().sizeInMiB());
            assertEquals(List.of("i386", "x86_64"), t2.processorInfo().supportedArchitecturesAsStrings());
            assertEquals("xen", t2.hypervisorAsString());
            assertEquals("Low to Moderate", t2.networkInfo().networkPerformance());
            assertTrue(t2.freeTierEligible());
            assertTrue(t2.currentGeneration());
            assertTrue(t2.burstablePerformanceSupported());
            assertFalse(t2.bareMetal());

            InstanceTypeInfo graviton = ec2.describeInstanceTypes(b -> b.instanceTypesWithStrings("c7g.medium"))
                    .instanceTypes().get(0);
            assertEquals(List.of("arm64"), graviton.processorInfo().supportedArchitecturesAsStrings());
            assertEquals("AWS", graviton.processorInfo().manufacturer());
            assertEquals(2048L, graviton.memoryInfo().sizeInMiB());
            assertEquals("nitro", graviton.hypervisorAsString());
            assertEquals(2, graviton.networkInfo().maximumNetworkInterfaces());
            assertEquals(4, graviton.networkInfo().ipv4AddressesPerInterface());
            assertNotNull(graviton.ebsInfo().ebsOptimizedInfo().maximumBandwidthInMbps());

            // The source has m5.large's baseline, not AWS's "Up to 10 Gigabit": the baseline is given
            // where AWS gives it, and NetworkPerformance is left out rather than worded wrong.
            InstanceTypeInfo m5 = ec2.describeInstanceTypes(b -> b.instanceTypesWithStrings("m5.large"))
                    .instanceTypes().get(0);
            assertEquals(0.75, m5.networkInfo().networkCards().get(0).baselineBandwidthInGbps());
            assertNull(m5.networkInfo().networkPerformance());

            InstanceTypeInfo gpu = ec2.describeInstanceTypes(b -> b.instanceTypesWithStrings("p4d.24xlarge"))
                    .instanceTypes().get(0);
            assertEquals(96, gpu.vCpuInfo().defaultVCpus());
            assertEquals(8, gpu.gpuInfo().gpus().get(0).count());
            assertEquals("NVIDIA", gpu.gpuInfo().gpus().get(0).manufacturer());
            assertTrue(gpu.networkInfo().efaSupported());
            assertTrue(gpu.instanceStorageSupported());
            assertEquals(8000L, gpu.instanceStorageInfo().totalSizeInGB());
        }
    }

    @Test
    void anUnknownInstanceTypeIsInvalidInstanceTypeNamingIt() {
        try (Ec2Client ec2 = ec2()) {
            String message = fails("InvalidInstanceType", 400,
                    () -> ec2.describeInstanceTypes(b -> b.instanceTypesWithStrings("t3.micro", "t3.gigantic")));
            assertEquals("The following supplied instance types do not exist: [t3.gigantic]", message);
        }
    }

    @Test
    void instanceTypeFilterTakesWildcards() {
        try (Ec2Client ec2 = ec2()) {
            assertEquals(Set.of("t3.nano", "t3.micro", "t3.small", "t3.medium", "t3.large", "t3.xlarge", "t3.2xlarge"),
                    Set.copyOf(names(ec2, b -> b.filters(f("instance-type", "t3.*")))));
            assertEquals(List.of("t3.micro"), names(ec2, b -> b.filters(f("instance-type", "t3.mic?o"))));
        }
    }

    @Test
    void filtersOnTheCatalogueFacts() {
        try (Ec2Client ec2 = ec2()) {
            assertEquals(Set.of("t2.micro", "t3.micro"), Set.copyOf(names(ec2, b -> b.filters(f("free-tier-eligible", "true")))));

            List<String> previous = names(ec2, b -> b.filters(f("current-generation", "false")));
            assertTrue(previous.contains("m1.small"), previous.toString());
            assertFalse(previous.contains("m5.large"));

            List<String> bigArm = names(ec2, b -> b.filters(f("processor-info.supported-architecture", "arm64"),
                    f("vcpu-info.default-vcpus", "64"), f("memory-info.size-in-mib", "131072")));
            assertTrue(bigArm.contains("c7g.16xlarge"), bigArm.toString());
            assertFalse(bigArm.contains("c5.18xlarge"));

            List<String> moderate = names(ec2, b -> b.filters(f("network-info.network-performance", "Low to Moderate")));
            assertTrue(moderate.contains("t2.micro"), moderate.toString());

            List<String> metal = names(ec2, b -> b.filters(f("bare-metal", "true")));
            assertFalse(metal.isEmpty());
            assertTrue(metal.stream().allMatch(n -> n.contains(".metal")), metal.toString());

            List<String> xen = names(ec2, b -> b.filters(f("hypervisor", "xen")));
            assertTrue(xen.contains("m4.large") && !xen.contains("m5.large"), xen.toString());

            List<String> burstable = names(ec2, b -> b.filters(f("burstable-performance-supported", "true")));
            assertTrue(burstable.contains("t4g.nano"));
            assertTrue(burstable.stream().allMatch(n -> n.startsWith("t")), burstable.toString());
        }
    }

    @Test
    void anUnknownFilterIsInvalidParameterValue() {
        try (Ec2Client ec2 = ec2()) {
            fails("InvalidParameterValue", 400, () -> ec2.describeInstanceTypes(b -> b.filters(f("colour", "red"))));
        }
    }

    @Test
    void pagesOfAtMostMaxResultsWalkTheWholeCatalogueOnce() {
        try (Ec2Client ec2 = ec2()) {
            var first = ec2.describeInstanceTypes(b -> b.maxResults(5));
            assertEquals(5, first.instanceTypes().size());
            assertNotNull(first.nextToken());
            Set<String> seen = new HashSet<>();
            int pages = 0;
            String token = null;
            do {
                String t = token;
                var page = ec2.describeInstanceTypes(b -> b.maxResults(100).nextToken(t));
                assertTrue(page.instanceTypes().size() <= 100);
                page.instanceTypes().forEach(i -> assertTrue(seen.add(i.instanceTypeAsString()), "twice: " + i));
                token = page.nextToken();
                pages++;
            } while (token != null);
            assertTrue(seen.size() > 1000, "the real catalogue has over a thousand types: " + seen.size());
            assertEquals((seen.size() + 99) / 100, pages);
            assertNull(ec2.describeInstanceTypes(b -> b.instanceTypesWithStrings("t3.micro")).nextToken());
        }
    }

    @Test
    void maxResultsOutsideFiveToAHundredIsRefused() {
        try (Ec2Client ec2 = ec2()) {
            fails("InvalidParameterValue", 400, () -> ec2.describeInstanceTypes(b -> b.maxResults(4)));
            fails("InvalidParameterValue", 400, () -> ec2.describeInstanceTypes(b -> b.maxResults(101)));
            fails("InvalidPaginationToken", 400, () -> ec2.describeInstanceTypes(b -> b.maxResults(5).nextToken("nope")));
        }
    }

    @Test
    void dryRunAnswersDryRunOperationAfterValidation() {
        try (Ec2Client ec2 = ec2()) {
            fails("DryRunOperation", 412, () -> ec2.describeInstanceTypes(b -> b.dryRun(true)));
            fails("InvalidInstanceType", 400,
                    () -> ec2.describeInstanceTypes(b -> b.dryRun(true).instanceTypesWithStrings("x9.huge")));
        }
    }
}
