package io.gureum.ec2.instances;

import io.gureum.core.error.AwsException;
import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2.images.AllowedImages;
import io.gureum.ec2.images.Image;
import io.gureum.ec2.types.InstanceTypeCatalogue;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.ec2common.TagSpecifications;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceImageMetadataRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceImageMetadataResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTopologyRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTopologyResponse;
import software.amazon.awssdk.services.ec2.model.GetInstanceTypesFromInstanceRequirementsRequest;
import software.amazon.awssdk.services.ec2.model.GetInstanceTypesFromInstanceRequirementsResponse;
import software.amazon.awssdk.services.ec2.model.ImageMetadata;
import software.amazon.awssdk.services.ec2.model.InstanceImageMetadata;
import software.amazon.awssdk.services.ec2.model.InstanceRequirementsRequest;
import software.amazon.awssdk.services.ec2.model.InstanceTopology;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfoFromInstanceRequirements;

/** Read-only views over instances and the instance-type catalogue: topology, image metadata, attribute-based type selection. */
public final class InstanceQueries {
    /**
     * The types whose topology AWS describes, with the number of network node layers
     * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-topology-prerequisites.html).
     */
    private static final Pattern TOPOLOGY_3 = Pattern.compile("g6e\\.(x|2x|4x|8x|12x|16x|24x|48x)large"
            + "|g7e\\.(2x|4x|8x|12x|24x|48x)large|hpc6a\\.48xlarge|hpc6id\\.32xlarge|hpc7g\\.(4x|8x|16x)large"
            + "|hpc7a\\.(12x|24x|48x|96x)large|p3dn\\.24xlarge|p4d\\.24xlarge|p4de\\.24xlarge|p5\\.48xlarge"
            + "|p5e\\.48xlarge|p5en\\.48xlarge|p6e-gb200\\.36xlarge|trn1\\.(2x|32x)large|trn1n\\.32xlarge"
            + "|trn2\\.48xlarge|trn2u\\.48xlarge");
    private static final Pattern TOPOLOGY_4 = Pattern.compile("p6-b200\\.48xlarge|p6-b300\\.48xlarge");

    private final Compute compute;
    private final InstanceTypeCatalogue types = InstanceTypeCatalogue.standard();

    public InstanceQueries(Compute compute) {
        this.compute = compute;
    }

    private String zoneId(String zone) {
        return compute.ctx.topology().zoneByName(zone).map(z -> z.zoneId()).orElse(null);
    }

    private static int layers(String type) {
        return TOPOLOGY_4.matcher(type).matches() ? 4 : TOPOLOGY_3.matcher(type).matches() ? 3 : 0;
    }

    /**
     * DescribeInstanceTopology: running instances of the supported types. The network nodes are derived, the same
     * on every run: the top layer from the zone, the next from the placement group (or the instance), the last from
     * the instance, so instances of one cluster group share their upper nodes as they would on AWS.
     */
    public DescribeInstanceTopologyResponse describeInstanceTopology(DescribeInstanceTopologyRequest r) {
        ComputeStore s = compute.store();
        boolean byId = r.hasInstanceIds() && !r.instanceIds().isEmpty();
        if (byId && r.maxResults() != null) {
            throw Ec2Errors.combination("The parameter instanceIds cannot be used with the parameter maxResults");
        }
        if (byId && r.instanceIds().size() > 100) {
            throw Ec2Errors.invalidParameterValue("You can specify at most 100 instance IDs.");
        }
        if (r.hasGroupNames() && r.groupNames().size() > 100) {
            throw Ec2Errors.invalidParameterValue("You can specify at most 100 placement group names.");
        }
        Ec2Filters<Instance> filters = new Ec2Filters<Instance>()
                .on("availability-zone", i -> i.availabilityZone)
                .on("instance-type", i -> i.instanceType)
                .on("zone-id", i -> zoneId(i.availabilityZone));
        Predicate<Instance> keep = filters.predicate(r.filters());
        List<Instance> candidates = byId ? Instances.require(s, r.instanceIds()) : new ArrayList<>(s.instances.values());
        Set<String> groups = r.hasGroupNames() && !r.groupNames().isEmpty() ? Set.copyOf(r.groupNames()) : null;
        Instant now = compute.now();
        Ec2Errors.checkDryRun(r.dryRun());
        List<InstanceTopology> out = new ArrayList<>();
        for (Instance i : candidates) {
            int layers = layers(i.instanceType);
            if (layers == 0 || i.state(now) != InstanceState.RUNNING || !keep.test(i)
                    || (groups != null && !groups.contains(i.placementGroup))) {
                continue;
            }
            List<String> nodes = new ArrayList<>();
            nodes.add(node(s.account, i.availabilityZone));
            String middle = i.placementGroup != null ? "group/" + i.placementGroup : "instance/" + i.id;
            nodes.add(node(s.account, i.availabilityZone, middle));
            if (layers == 4) {
                nodes.add(node(s.account, i.availabilityZone, middle, "block"));
            }
            nodes.add(node(s.account, i.availabilityZone, i.id));
            out.add(InstanceTopology.builder().instanceId(i.id).instanceType(i.instanceType)
                    .groupName(i.placementGroup).networkNodes(nodes).availabilityZone(i.availabilityZone)
                    .zoneId(zoneId(i.availabilityZone)).build());
        }
        var page = Pagination.page(out, byId ? null : r.maxResults() == null ? 20 : r.maxResults(), r.nextToken(), 1,
                100);
        return DescribeInstanceTopologyResponse.builder().instances(page.items()).nextToken(page.nextToken()).build();
    }

    private static String node(String... parts) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(String.join("|", parts)
                    .getBytes(StandardCharsets.UTF_8));
            return "nn-" + HexFormat.of().formatHex(d).substring(0, 17);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DescribeInstanceImageMetadata: each instance with what is known of the AMI it was launched from. */
    public DescribeInstanceImageMetadataResponse describeInstanceImageMetadata(DescribeInstanceImageMetadataRequest r) {
        ComputeStore s = compute.store();
        boolean byId = r.hasInstanceIds() && !r.instanceIds().isEmpty();
        List<Instance> candidates = byId ? Instances.require(s, r.instanceIds()) : new ArrayList<>(s.instances.values());
        Instant now = compute.now();
        Ec2Filters<Instance> filters = new Ec2Filters<Instance>(i -> i.tags)
                .on("availability-zone", i -> i.availabilityZone)
                .on("instance-id", i -> i.id)
                .on("image-allowed", i -> {
                    Image image = compute.images(s.region).image(i.imageId);
                    return image == null ? null : String.valueOf(AllowedImages.allowed(s, image, now));
                })
                .on("instance-state-name", i -> i.state(now).label)
                .on("instance-type", i -> i.instanceType)
                .on("launch-time", i -> i.launchTime.toString())
                .on("owner-alias", i -> {
                    Image image = compute.images(s.region).image(i.imageId);
                    return image == null ? null : image.ownerAlias;
                })
                .on("owner-id", i -> {
                    Image image = compute.images(s.region).image(i.imageId);
                    return image == null ? null : image.ownerId;
                })
                .on("zone-id", i -> zoneId(i.availabilityZone));
        Predicate<Instance> keep = filters.predicate(r.filters());
        Ec2Errors.checkDryRun(r.dryRun());
        List<Instance> matched = candidates.stream().filter(keep).toList();
        var page = Pagination.page(matched, r.maxResults(), r.nextToken(), 1, 1000);
        List<InstanceImageMetadata> out = new ArrayList<>();
        for (Instance i : page.items()) {
            Image image = compute.images(s.region).image(i.imageId);
            ImageMetadata.Builder meta = ImageMetadata.builder().imageId(i.imageId);
            if (image != null) {
                meta.name(image.name).ownerId(image.ownerId).state(image.state(now)).imageOwnerAlias(image.ownerAlias)
                        .creationDate(image.creationDate == null ? null : image.creationDate.toString())
                        .isPublic(image.isPublic).imageAllowed(s.allowedImagesState.equals("disabled") ? null
                                : AllowedImages.allowed(s, image, now));
            }
            out.add(InstanceImageMetadata.builder().instanceId(i.id).instanceType(i.instanceType)
                    .launchTime(i.launchTime).availabilityZone(i.availabilityZone).zoneId(zoneId(i.availabilityZone))
                    .state(i.state(now).toSdk()).ownerId(i.ownerId).tags(TagSpecifications.toSdk(i.tags))
                    .imageMetadata(meta.build()).build());
        }
        return DescribeInstanceImageMetadataResponse.builder().instanceImageMetadata(out).nextToken(page.nextToken())
                .build();
    }

    /**
     * GetInstanceTypesFromInstanceRequirements over the catalogue
     * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-fleet-attribute-based-instance-type-selection.html).
     * Price protection needs prices Gureum does not have and selects nothing here; hibernation support, local
     * storage types, accelerators other than GPUs and baseline performance factors are not in the catalogue and
     * answer NotImplemented when asked for.
     */
    public GetInstanceTypesFromInstanceRequirementsResponse getInstanceTypesFromInstanceRequirements(
            GetInstanceTypesFromInstanceRequirementsRequest r) {
        if (!r.hasArchitectureTypes() || r.architectureTypes().isEmpty()) {
            throw Ec2Errors.missing("ArchitectureTypes");
        }
        if (!r.hasVirtualizationTypes() || r.virtualizationTypes().isEmpty()) {
            throw Ec2Errors.missing("VirtualizationTypes");
        }
        InstanceRequirementsRequest q = r.instanceRequirements();
        if (q == null) {
            throw Ec2Errors.missing("InstanceRequirements");
        }
        if (q.vCpuCount() == null || q.vCpuCount().min() == null) {
            throw Ec2Errors.missing("InstanceRequirements.VCpuCount.Min");
        }
        if (q.memoryMiB() == null || q.memoryMiB().min() == null) {
            throw Ec2Errors.missing("InstanceRequirements.MemoryMiB.Min");
        }
        if (q.hasAllowedInstanceTypes() && !q.allowedInstanceTypes().isEmpty() && q.hasExcludedInstanceTypes()
                && !q.excludedInstanceTypes().isEmpty()) {
            throw Ec2Errors.combination("You can't specify both AllowedInstanceTypes and ExcludedInstanceTypes.");
        }
        range(q.vCpuCount().min(), q.vCpuCount().max(), "VCpuCount");
        range(q.memoryMiB().min(), q.memoryMiB().max(), "MemoryMiB");
        if (Boolean.TRUE.equals(q.requireHibernateSupport()) || (q.hasLocalStorageTypes()
                && !q.localStorageTypes().isEmpty()) || (q.hasAcceleratorTypes() && !q.acceleratorTypes().isEmpty()
                && !q.acceleratorTypesAsStrings().equals(List.of("gpu"))) || (q.hasAcceleratorNames()
                && !q.acceleratorNames().isEmpty()) || q.baselinePerformanceFactors() != null) {
            throw new AwsException("NotImplemented", "Gureum's instance-type catalogue has no hibernation support, "
                    + "local storage types, accelerator names, non-GPU accelerators or performance factors to select "
                    + "by.", 501, false);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        List<String> archs = r.architectureTypesAsStrings();
        List<String> virts = r.virtualizationTypesAsStrings();
        List<InstanceTypeInfoFromInstanceRequirements> out = new ArrayList<>();
        for (InstanceTypeInfo t : types.all()) {
            if (t.processorInfo().supportedArchitecturesAsStrings().stream().noneMatch(archs::contains)
                    || t.supportedVirtualizationTypesAsStrings().stream().noneMatch(virts::contains)
                    || !matches(t, q)) {
                continue;
            }
            out.add(InstanceTypeInfoFromInstanceRequirements.builder().instanceType(t.instanceTypeAsString()).build());
        }
        var page = Pagination.page(out, r.maxResults(), r.nextToken(), 1, Integer.MAX_VALUE);
        return GetInstanceTypesFromInstanceRequirementsResponse.builder().instanceTypes(page.items())
                .nextToken(page.nextToken()).build();
    }

    private static void range(Number min, Number max, String name) {
        if (min != null && min.doubleValue() < 0) {
            throw Ec2Errors.invalidValue(String.valueOf(min), name + ".Min", "The minimum must be 0 or more.");
        }
        if (min != null && max != null && max.doubleValue() < min.doubleValue()) {
            throw Ec2Errors.invalidValue(String.valueOf(max), name + ".Max", "The maximum must not be less than the "
                    + "minimum.");
        }
    }

    private static boolean within(double value, Number min, Number max) {
        return (min == null || value >= min.doubleValue()) && (max == null || value <= max.doubleValue());
    }

    private static boolean inclusion(String setting, boolean has, String byDefault) {
        String v = setting == null ? byDefault : setting;
        return switch (v) {
            case "required" -> has;
            case "excluded" -> !has;
            default -> true;
        };
    }

    private static boolean anyGlob(List<String> globs, String type) {
        return globs.stream().anyMatch(g -> Ec2Filters.glob(g).matcher(type).matches());
    }

    static boolean matches(InstanceTypeInfo t, InstanceRequirementsRequest q) {
        String type = t.instanceTypeAsString();
        int vcpus = t.vCpuInfo().defaultVCpus();
        long mib = t.memoryInfo().sizeInMiB();
        if (!within(vcpus, q.vCpuCount().min(), q.vCpuCount().max()) || !within(mib, q.memoryMiB().min(),
                q.memoryMiB().max())) {
            return false;
        }
        if (q.hasCpuManufacturers() && !q.cpuManufacturers().isEmpty()) {
            String maker = t.processorInfo().manufacturer() == null ? "" : switch (t.processorInfo().manufacturer()) {
                case "Intel" -> "intel";
                case "AMD" -> "amd";
                case "AWS" -> "amazon-web-services";
                case "Apple" -> "apple";
                default -> t.processorInfo().manufacturer().toLowerCase(java.util.Locale.ROOT);
            };
            if (!q.cpuManufacturersAsStrings().contains(maker)) {
                return false;
            }
        }
        if (q.memoryGiBPerVCpu() != null && !within(mib / 1024.0 / vcpus, q.memoryGiBPerVCpu().min(),
                q.memoryGiBPerVCpu().max())) {
            return false;
        }
        if (q.hasExcludedInstanceTypes() && anyGlob(q.excludedInstanceTypes(), type)) {
            return false;
        }
        if (q.hasAllowedInstanceTypes() && !q.allowedInstanceTypes().isEmpty()
                && !anyGlob(q.allowedInstanceTypes(), type)) {
            return false;
        }
        if (q.hasInstanceGenerations() && !q.instanceGenerations().isEmpty() && !q.instanceGenerationsAsStrings()
                .contains(Boolean.TRUE.equals(t.currentGeneration()) ? "current" : "previous")) {
            return false;
        }
        if (!inclusion(q.bareMetalAsString(), Boolean.TRUE.equals(t.bareMetal()), "excluded")
                || !inclusion(q.burstablePerformanceAsString(), Boolean.TRUE.equals(t.burstablePerformanceSupported()),
                        "excluded")
                || !inclusion(q.localStorageAsString(), Boolean.TRUE.equals(t.instanceStorageSupported()), "included")) {
            return false;
        }
        if (q.networkInterfaceCount() != null && !within(t.networkInfo().maximumNetworkInterfaces(),
                q.networkInterfaceCount().min(), q.networkInterfaceCount().max())) {
            return false;
        }
        if (q.totalLocalStorageGB() != null && !within(t.instanceStorageInfo() == null ? 0
                : t.instanceStorageInfo().totalSizeInGB(), q.totalLocalStorageGB().min(), q.totalLocalStorageGB().max())) {
            return false;
        }
        if (q.baselineEbsBandwidthMbps() != null) {
            var ebs = t.ebsInfo().ebsOptimizedInfo();
            if (ebs == null || !within(ebs.maximumBandwidthInMbps(), q.baselineEbsBandwidthMbps().min(),
                    q.baselineEbsBandwidthMbps().max())) {
                return false;
            }
        }
        int gpus = t.gpuInfo() == null ? 0 : t.gpuInfo().gpus().stream().mapToInt(g -> g.count()).sum();
        if (q.acceleratorCount() != null && !within(gpus, q.acceleratorCount().min(), q.acceleratorCount().max())) {
            return false;
        }
        if (q.hasAcceleratorTypes() && !q.acceleratorTypes().isEmpty() && gpus == 0) {
            return false;
        }
        if (q.hasAcceleratorManufacturers() && !q.acceleratorManufacturers().isEmpty()) {
            String maker = t.gpuInfo() == null || t.gpuInfo().gpus().isEmpty() ? null
                    : t.gpuInfo().gpus().get(0).manufacturer();
            if (maker == null || !q.acceleratorManufacturersAsStrings().contains(maker.equals("AWS")
                    ? "amazon-web-services" : maker.toLowerCase(java.util.Locale.ROOT))) {
                return false;
            }
        }
        if (q.acceleratorTotalMemoryMiB() != null && !within(t.gpuInfo() == null ? 0
                : t.gpuInfo().totalGpuMemoryInMiB(), q.acceleratorTotalMemoryMiB().min(),
                q.acceleratorTotalMemoryMiB().max())) {
            return false;
        }
        if (q.networkBandwidthGbps() != null) {
            var cards = t.networkInfo().networkCards();
            Double gbps = cards == null || cards.size() != 1 ? null : cards.get(0).baselineBandwidthInGbps();
            if (gbps == null || !within(gbps, q.networkBandwidthGbps().min(), q.networkBandwidthGbps().max())) {
                return false;
            }
        }
        if (Boolean.TRUE.equals(q.requireEncryptionInTransit())
                && !Boolean.TRUE.equals(t.networkInfo().encryptionInTransitSupported())) {
            return false;
        }
        return true;
    }
}
