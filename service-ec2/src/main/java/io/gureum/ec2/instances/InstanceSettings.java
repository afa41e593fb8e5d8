package io.gureum.ec2.instances;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.GetInstanceMetadataDefaultsRequest;
import software.amazon.awssdk.services.ec2.model.GetInstanceMetadataDefaultsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataDefaultsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceCpuOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceCpuOptionsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMaintenanceOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMaintenanceOptionsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMetadataDefaultsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMetadataDefaultsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyInstancePlacementRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstancePlacementResponse;
import software.amazon.awssdk.services.ec2.model.ReportInstanceStatusRequest;
import software.amazon.awssdk.services.ec2.model.ReportInstanceStatusResponse;
import software.amazon.awssdk.services.ec2.model.ResetInstanceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ResetInstanceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * Settings of an instance beyond its attributes: ResetInstanceAttribute, placement (tenancy, host, affinity,
 * placement group), CPU options, maintenance options, the account's instance metadata defaults and
 * ReportInstanceStatus.
 */
public final class InstanceSettings {
    private static final Set<String> REASONS = Set.of("instance-stuck-in-state", "unresponsive",
            "not-accepting-credentials", "password-not-available", "performance-network", "performance-instance-store",
            "performance-ebs-volume", "performance-other", "other");

    private final Compute compute;
    private final InstanceNetwork network;
    private final LaunchReferences references;
    private final MetadataDefaults defaults;

    public InstanceSettings(Compute compute, Instances instances) {
        this.compute = compute;
        this.network = instances.network();
        this.references = new LaunchReferences(compute);
        this.defaults = instances.metadataDefaults();
    }

    private static void requireStopped(Instance i, InstanceState st) {
        if (st != InstanceState.STOPPED) {
            throw Ec2Error.INCORRECT_INSTANCE_STATE.withMessage("The instance '" + i.id + "' is not in the "
                    + "'stopped' state.");
        }
    }

    private static void requireAlive(Instance i, InstanceState st) {
        if (st == InstanceState.TERMINATED || st == InstanceState.SHUTTING_DOWN) {
            throw Ec2Error.INCORRECT_INSTANCE_STATE.withMessage("The instance '" + i.id + "' is not in a state from "
                    + "which it can be modified.");
        }
    }

    /**
     * Only kernel, ramdisk and sourceDestCheck can be reset
     * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ResetInstanceAttribute.html); kernel and ramdisk
     * only while stopped. HVM instances (every instance here) have neither, so resetting them changes nothing.
     */
    public ResetInstanceAttributeResponse resetInstanceAttribute(ResetInstanceAttributeRequest r) {
        ComputeStore s = compute.store();
        String attribute = r.attributeAsString();
        if (attribute == null || attribute.isEmpty()) {
            throw Ec2Errors.missing("Attribute");
        }
        Instance i = Instances.require(s, r.instanceId());
        InstanceState st = i.state(compute.now());
        requireAlive(i, st);
        switch (attribute) {
            case "kernel", "ramdisk" -> requireStopped(i, st);
            case "sourceDestCheck" -> {
            }
            default -> throw Ec2Errors.invalidValue(attribute, "attribute", "Only kernel, ramdisk and sourceDestCheck "
                    + "can be reset.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (attribute.equals("sourceDestCheck")) {
            network.sourceDestCheck(s, i.primaryEniId, true);
        }
        return ResetInstanceAttributeResponse.builder().build();
    }

    /**
     * ModifyInstancePlacement (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyInstancePlacement.html):
     * host, tenancy, placement group and partition only while stopped; affinity alone at any time. Tenancy
     * {@code host} cannot go back to {@code dedicated} or {@code default} (InvalidRequest).
     */
    public ModifyInstancePlacementResponse modifyInstancePlacement(ModifyInstancePlacementRequest r) {
        ComputeStore s = compute.store();
        Instance i = Instances.require(s, r.instanceId());
        Instant now = compute.now();
        InstanceState st = i.state(now);
        String tenancy = r.tenancyAsString();
        String affinity = r.affinityAsString();
        String hostId = r.hostId();
        String group = r.groupName();
        String groupId = r.groupId();
        Integer partition = r.partitionNumber();
        if (tenancy == null && affinity == null && hostId == null && group == null && groupId == null
                && partition == null && r.hostResourceGroupArn() == null) {
            throw Ec2Errors.missing("At least one of Affinity, HostId, Tenancy, GroupName or PartitionNumber");
        }
        requireAlive(i, st);
        if (r.hostResourceGroupArn() != null) {
            throw Ec2Errors.invalidParameterValue("Host resource groups (AWS License Manager) are not emulated: "
                    + r.hostResourceGroupArn() + " does not exist.");
        }
        if (tenancy != null && !Set.of("default", "dedicated", "host").contains(tenancy)) {
            throw Ec2Errors.invalidValue(tenancy, "tenancy", "Valid values are default, dedicated and host.");
        }
        if (affinity != null && !Set.of("default", "host").contains(affinity)) {
            throw new io.gureum.core.error.AwsException("InvalidAffinity", "The specified affinity '" + affinity
                    + "' is not valid: valid values are default and host.", 400);
        }
        if ((tenancy != null || hostId != null || group != null || groupId != null || partition != null)
                && st != InstanceState.STOPPED) {
            // AWS's error-code page names InvalidInstanceState for placement changes of an instance not stopped.
            throw new io.gureum.core.error.AwsException("InvalidInstanceState", "The instance '" + i.id + "' is not in "
                    + "the 'stopped' state: its placement can be modified only while it is stopped.", 400);
        }
        if (tenancy != null && i.tenancy.equals("host") && !tenancy.equals("host")) {
            throw new io.gureum.core.error.AwsException("InvalidRequest", "The tenancy of instance '" + i.id
                    + "' cannot be changed from host to " + tenancy + ".", 400);
        }
        String newTenancy = hostId != null ? "host" : tenancy != null ? tenancy : i.tenancy;
        if (hostId != null && tenancy != null && !tenancy.equals("host")) {
            throw Ec2Errors.combination("HostId requires the tenancy host, not " + tenancy + ".");
        }
        if (affinity != null && affinity.equals("host") && !newTenancy.equals("host")) {
            throw Ec2Errors.combination("Affinity host requires the tenancy host.");
        }
        String placedNow = i.placementGroup;
        String strategy = null;
        if (groupId != null || (group != null && !group.isEmpty())) {
            var found = compute.network(s).describePlacementGroups(b -> {
                if (groupId != null) {
                    b.groupIds(groupId);
                } else {
                    b.groupNames(group);
                }
            }).placementGroups().get(0);
            placedNow = found.groupName();
            strategy = found.strategyAsString();
            if (strategy.equals("spread") && !newTenancy.equals("default")) {
                throw Ec2Errors.combination("Spread placement groups take instances of tenancy default only.");
            }
            if (newTenancy.equals("host")) {
                throw Ec2Errors.combination("Instances of tenancy host cannot be placed in a placement group.");
            }
        } else if (group != null) {
            placedNow = null;
        }
        String placed = placedNow;
        if (partition != null) {
            var target = placed == null ? null : compute.network(s).describePlacementGroups(b -> b.groupNames(
                    placed)).placementGroups().get(0);
            if (target == null || !"partition".equals(target.strategyAsString())) {
                throw Ec2Errors.combination("PartitionNumber is valid only for a partition placement group.");
            }
            int count = target.partitionCount() == null ? 2 : target.partitionCount();
            if (partition < 1 || partition > count) {
                throw Ec2Errors.invalidValue(String.valueOf(partition), "partitionNumber", "The partition number must "
                        + "be between 1 and " + count + ".");
            }
        }
        String newHost = i.hostId;
        if (hostId != null) {
            RunInstancesRequest probe = RunInstancesRequest.builder().placement(p -> p.tenancy("host").hostId(hostId))
                    .build();
            newHost = references.host(s, probe, i.instanceType, i.availabilityZone, 1).hostId();
        } else if (!newTenancy.equals("host")) {
            newHost = null;
        } else if (newHost == null) {
            // Tenancy host without a host ID: an available host with auto-placement on, as at launch.
            RunInstancesRequest probe = RunInstancesRequest.builder().placement(p -> p.tenancy("host")).build();
            newHost = references.host(s, probe, i.instanceType, i.availabilityZone, 1).hostId();
        }
        i.tenancy = newTenancy;
        i.hostId = newHost;
        if (affinity != null) {
            i.affinity = affinity;
        }
        if (group != null || groupId != null) {
            i.placementGroup = placed;
            i.partitionNumber = null;
        }
        if (partition != null) {
            i.partitionNumber = partition;
        }
        return ModifyInstancePlacementResponse.builder().returnValue(true).build();
    }

    /** ModifyInstanceCpuOptions: a stopped instance, within its type's cores and threads ({@link InstanceCpu}). */
    public ModifyInstanceCpuOptionsResponse modifyInstanceCpuOptions(ModifyInstanceCpuOptionsRequest r) {
        ComputeStore s = compute.store();
        Instance i = Instances.require(s, r.instanceId());
        if (r.coreCount() == null && r.threadsPerCore() == null && r.nestedVirtualization() == null) {
            throw Ec2Errors.missing("CoreCount");
        }
        if (r.nestedVirtualization() != null) {
            throw new io.gureum.core.error.AwsException("NotImplemented", "Gureum does not emulate nested "
                    + "virtualization: the instance types that support it are not in its catalogue.", 501, false);
        }
        InstanceState st = i.state(compute.now());
        requireAlive(i, st);
        requireStopped(i, st);
        InstanceCpu.check(i.instanceType, r.coreCount(), r.threadsPerCore());
        Ec2Errors.checkDryRun(r.dryRun());
        if (r.coreCount() != null) {
            i.coreCount = r.coreCount();
        }
        if (r.threadsPerCore() != null) {
            i.threadsPerCore = r.threadsPerCore();
        }
        var now = InstanceCpu.options(i);
        return ModifyInstanceCpuOptionsResponse.builder().instanceId(i.id).coreCount(now.coreCount())
                .threadsPerCore(now.threadsPerCore()).build();
    }

    /** ModifyInstanceMaintenanceOptions: simplified automatic recovery and reboot migration, {@code default}/{@code disabled}. */
    public ModifyInstanceMaintenanceOptionsResponse modifyInstanceMaintenanceOptions(
            ModifyInstanceMaintenanceOptionsRequest r) {
        ComputeStore s = compute.store();
        Instance i = Instances.require(s, r.instanceId());
        String recovery = r.autoRecoveryAsString();
        String migration = r.rebootMigrationAsString();
        if (recovery != null && !Set.of("default", "disabled").contains(recovery)) {
            throw Ec2Errors.invalidValue(recovery, "autoRecovery", "Valid values are default and disabled.");
        }
        if (migration != null && !Set.of("default", "disabled").contains(migration)) {
            throw Ec2Errors.invalidValue(migration, "rebootMigration", "Valid values are default and disabled.");
        }
        if (recovery == null && migration == null) {
            throw Ec2Errors.missing("AutoRecovery");
        }
        requireAlive(i, i.state(compute.now()));
        Ec2Errors.checkDryRun(r.dryRun());
        if (recovery != null) {
            i.autoRecovery = recovery;
        }
        if (migration != null) {
            i.rebootMigration = migration;
        }
        return ModifyInstanceMaintenanceOptionsResponse.builder().instanceId(i.id).autoRecovery(i.autoRecovery)
                .rebootMigration(i.rebootMigration).build();
    }

    public GetInstanceMetadataDefaultsResponse getInstanceMetadataDefaults(GetInstanceMetadataDefaultsRequest r) {
        ComputeStore s = compute.store();
        Ec2Errors.checkDryRun(r.dryRun());
        MetadataDefaults.Settings d = defaults.of(s);
        return GetInstanceMetadataDefaultsResponse.builder().accountLevel(InstanceMetadataDefaultsResponse.builder()
                .httpTokens(d.httpTokens).httpPutResponseHopLimit(d.httpPutResponseHopLimit)
                .httpEndpoint(d.httpEndpoint).instanceMetadataTags(d.instanceMetadataTags)
                .httpTokensEnforced(d.httpTokensEnforced).managedBy("account").build()).build();
    }

    /** {@code no-preference} (or -1 for the hop limit) clears a default; what is not given stays. */
    public ModifyInstanceMetadataDefaultsResponse modifyInstanceMetadataDefaults(ModifyInstanceMetadataDefaultsRequest r) {
        ComputeStore s = compute.store();
        String tokens = choice(r.httpTokensAsString(), "HttpTokens", "optional", "required");
        String endpoint = choice(r.httpEndpointAsString(), "HttpEndpoint", "enabled", "disabled");
        String tags = choice(r.instanceMetadataTagsAsString(), "InstanceMetadataTags", "enabled", "disabled");
        String enforced = choice(r.httpTokensEnforcedAsString(), "HttpTokensEnforced", "enabled", "disabled");
        Integer hop = r.httpPutResponseHopLimit();
        if (hop != null && hop != -1 && (hop < 1 || hop > 64)) {
            throw Ec2Errors.invalidValue(String.valueOf(hop), "HttpPutResponseHopLimit", "Possible values are "
                    + "integers from 1 to 64, and -1 for no preference.");
        }
        if (tokens == null && endpoint == null && tags == null && enforced == null && hop == null) {
            throw Ec2Errors.missing("HttpTokens");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        MetadataDefaults.Settings d = defaults.of(s);
        if (tokens != null) {
            d.httpTokens = tokens.equals("no-preference") ? null : tokens;
        }
        if (endpoint != null) {
            d.httpEndpoint = endpoint.equals("no-preference") ? null : endpoint;
        }
        if (tags != null) {
            d.instanceMetadataTags = tags.equals("no-preference") ? null : tags;
        }
        if (enforced != null) {
            d.httpTokensEnforced = enforced.equals("no-preference") ? null : enforced;
        }
        if (hop != null) {
            d.httpPutResponseHopLimit = hop == -1 ? null : hop;
        }
        return ModifyInstanceMetadataDefaultsResponse.builder().returnValue(true).build();
    }

    private static String choice(String value, String name, String a, String b) {
        if (value != null && !value.equals(a) && !value.equals(b) && !value.equals("no-preference")) {
            throw Ec2Errors.invalidValue(value, name, "Valid values are " + a + ", " + b + " and no-preference.");
        }
        return value;
    }

    /**
     * ReportInstanceStatus: feedback that AWS collects without changing DescribeInstanceStatus
     * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ReportInstanceStatus.html), so it is checked and
     * kept nowhere.
     */
    public ReportInstanceStatusResponse reportInstanceStatus(ReportInstanceStatusRequest r) {
        ComputeStore s = compute.store();
        List<Instance> found = Instances.require(s, r.instances());
        String status = r.statusAsString();
        if (status == null) {
            throw Ec2Errors.missing("Status");
        }
        if (!status.equals("ok") && !status.equals("impaired")) {
            throw Ec2Errors.invalidValue(status, "status", "Valid values are ok and impaired.");
        }
        if (!r.hasReasonCodes() || r.reasonCodes().isEmpty()) {
            throw Ec2Errors.missing("ReasonCodes");
        }
        for (String code : r.reasonCodesAsStrings()) {
            if (!REASONS.contains(code)) {
                throw Ec2Errors.invalidValue(code, "reasonCode", "Valid values are " + String.join(", ",
                        new java.util.TreeSet<>(REASONS)) + ".");
            }
        }
        if (r.description() != null && r.description().length() > 255) {
            throw Ec2Errors.invalidValue(r.description(), "description", "The description may have up to 255 "
                    + "characters.");
        }
        if (r.startTime() != null && r.endTime() != null && r.endTime().isBefore(r.startTime())) {
            throw Ec2Errors.invalidParameterValue("The end time must not be before the start time.");
        }
        Instant now = compute.now();
        for (Instance i : found) {
            if (i.state(now) != InstanceState.RUNNING) {
                throw Ec2Error.INCORRECT_INSTANCE_STATE.withMessage("The instance '" + i.id + "' is not in the "
                        + "'running' state.");
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        return ReportInstanceStatusResponse.builder().build();
    }
}
