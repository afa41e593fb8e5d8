package io.gureum.ec2.instances;

import io.gureum.core.error.AwsException;
import io.gureum.core.spi.Caller;
import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2common.Ec2Errors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.EbsBlockDevice;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsRequest;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.Placement;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * What RunInstances names that other parts of the EC2 API (key pairs, launch templates, placement
 * groups) or IAM own, looked up through their public operations in-process.
 */
final class LaunchReferences {
    record Profile(String arn, String id, String roleName, String roleArn) {
    }

    private final Compute compute;

    LaunchReferences(Compute compute) {
        this.compute = compute;
    }

    private Ec2Client ec2(ComputeStore s) {
        return compute.network(s);
    }

    /** KeyName must name one of the account's key pairs (DescribeKeyPairs' InvalidKeyPair.NotFound passes through). */
    String keyName(ComputeStore s, String name) {
        if (name == null) {
            return null;
        }
        ec2(s).describeKeyPairs(b -> b.keyNames(name));
        return name;
    }

    /** Placement.GroupName must name a placement group (DescribePlacementGroups' error passes through). */
    String placementGroup(ComputeStore s, Placement placement) {
        if (placement == null || placement.groupName() == null || placement.groupName().isEmpty()) {
            return null;
        }
        ec2(s).describePlacementGroups(b -> b.groupNames(placement.groupName()));
        return placement.groupName();
    }

    /** The Dedicated Host an instance goes on and how many more instances of its type fit there. */
    record HostChoice(String hostId, int room) {
    }

    /**
     * A launch naming Placement.HostId: the host is read with DescribeHosts (its errors pass through) and,
     * when neither a zone nor a subnet is given, its zone becomes the launch's, so the default subnet is
     * that zone's. The tenancy becomes {@code host}, as EC2 sets it for a launch onto a host.
     */
    RunInstancesRequest onHost(ComputeStore s, RunInstancesRequest r) {
        Placement p = r.placement();
        if (p == null || p.hostId() == null) {
            return r;
        }
        if (p.tenancyAsString() != null && !p.tenancyAsString().equals("host")) {
            throw Ec2Errors.combination("Placement.HostId requires the tenancy host, not " + p.tenancyAsString() + ".");
        }
        var host = ec2(s).describeHosts(b -> b.hostIds(p.hostId())).hosts().get(0);
        boolean subnetGiven = r.subnetId() != null || (r.hasNetworkInterfaces() && r.networkInterfaces().stream()
                .anyMatch(n -> n.subnetId() != null));
        Placement.Builder placed = p.toBuilder().tenancy("host");
        if (p.availabilityZone() == null && !subnetGiven) {
            placed.availabilityZone(host.availabilityZone());
        }
        return r.toBuilder().placement(placed.build()).build();
    }

    /**
     * Where an instance of tenancy {@code host} goes in {@code zone}: the host named (it must be available, in
     * that zone and configured for the type), or else the first available host with auto-placement on that
     * has room for the type (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/dedicated-hosts-understanding.html).
     * Null for another tenancy.
     */
    HostChoice host(ComputeStore s, RunInstancesRequest r, String type, String zone, int minCount) {
        Placement p = r.placement();
        if (p == null || !"host".equals(p.tenancyAsString())) {
            return null;
        }
        if (p.hostId() != null) {
            var h = ec2(s).describeHosts(b -> b.hostIds(p.hostId())).hosts().get(0);
            if (!"available".equals(h.stateAsString())) {
                throw new AwsException("InvalidHostID.NotFound", "The host ID '" + h.hostId() + "' does not exist", 400);
            }
            if (!h.availabilityZone().equals(zone)) {
                throw Ec2Errors.invalidValue(zone, "availabilityZone", "Dedicated Host " + h.hostId()
                        + " is in the availability zone '" + h.availabilityZone() + "'");
            }
            int room = room(h, type);
            if (room < 0) {
                throw Ec2Errors.combination("Instance type " + type + " is not supported by Dedicated Host "
                        + h.hostId() + ".");
            }
            if (room < minCount) {
                throw new AwsException("InsufficientCapacityOnHost", "Dedicated host " + h.hostId()
                        + " has insufficient capacity to launch the instances in this request.", 400);
            }
            return new HostChoice(h.hostId(), room);
        }
        var candidates = ec2(s).describeHosts(b -> b.filter(f -> f.name("availability-zone").values(zone),
                f -> f.name("state").values("available"), f -> f.name("auto-placement").values("on"))).hosts();
        for (var h : candidates) {
            int room = room(h, type);
            if (room >= minCount) {
                return new HostChoice(h.hostId(), room);
            }
        }
        throw new AwsException("InsufficientHostCapacity", "There is no Dedicated Host capacity available for "
                + "the requested configuration: no host with auto-placement on has room for " + minCount + " "
                + type + " in " + zone + ".", 400);
    }

    /** How many more instances of the type fit on the host, or -1 when the host is not configured for it. */
    private static int room(software.amazon.awssdk.services.ec2.model.Host h, String type) {
        if (h.availableCapacity() == null) {
            return -1;
        }
        for (var c : h.availableCapacity().availableInstanceCapacity()) {
            if (type.equals(c.instanceType())) {
                return c.availableCapacity();
            }
        }
        return -1;
    }

    /** The instance profile by ARN or name, checked with IAM's GetInstanceProfile. */
    Profile instanceProfile(ComputeStore s, IamInstanceProfileSpecification spec) {
        if (spec == null || (spec.arn() == null && spec.name() == null)) {
            return null;
        }
        String name = spec.name();
        if (spec.arn() != null) {
            int slash = spec.arn().lastIndexOf('/');
            if (!spec.arn().startsWith("arn:") || !spec.arn().contains(":instance-profile/") || slash < 0) {
                throw Ec2Errors.invalidValue(spec.arn(), "iamInstanceProfile.arn", "Invalid IAM Instance Profile ARN");
            }
            name = spec.arn().substring(slash + 1);
        }
        if (!compute.ctx.clients().serves(IamClient.class)) {
            throw Ec2Errors.invalidValue(spec.arn() != null ? spec.arn() : name, spec.arn() != null
                    ? "iamInstanceProfile.arn" : "iamInstanceProfile.name", spec.arn() != null
                    ? "Invalid IAM Instance Profile ARN" : "Invalid IAM Instance Profile name");
        }
        IamClient iam = compute.ctx.clients().client(IamClient.class, Caller.service(Compute.PRINCIPAL, s.account,
                s.region, null));
        try {
            String profileName = name;
            InstanceProfile p = iam.getInstanceProfile(b -> b.instanceProfileName(profileName)).instanceProfile();
            if (spec.arn() != null && !spec.arn().equals(p.arn())) {
                throw new IllegalArgumentException();
            }
            var role = p.hasRoles() && !p.roles().isEmpty() ? p.roles().get(0) : null;
            return new Profile(p.arn(), p.instanceProfileId(), role == null ? null : role.roleName(),
                    role == null ? null : role.arn());
        } catch (NoSuchEntityException | IllegalArgumentException e) {
            if (spec.arn() != null) {
                throw Ec2Errors.invalidValue(spec.arn(), "iamInstanceProfile.arn", "Invalid IAM Instance Profile ARN");
            }
            throw Ec2Errors.invalidValue(name, "iamInstanceProfile.name", "Invalid IAM Instance Profile name");
        }
    }

    /**
     * The request with its launch template's data applied under it: what the request gives wins
     * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-launch-instance-from-launch-template.html).
     */
    RunInstancesRequest applyLaunchTemplate(ComputeStore s, RunInstancesRequest r) {
        var lt = r.launchTemplate();
        if (lt == null) {
            return r;
        }
        if (lt.launchTemplateId() == null && lt.launchTemplateName() == null) {
            throw Ec2Errors.missing("LaunchTemplate.LaunchTemplateId");
        }
        String version = lt.version() == null ? "$Default" : lt.version();
        var versions = ec2(s).describeLaunchTemplateVersions(b -> b.launchTemplateId(lt.launchTemplateId())
                .launchTemplateName(lt.launchTemplateId() == null ? lt.launchTemplateName() : null).versions(version))
                .launchTemplateVersions();
        if (versions.isEmpty()) {
            throw Ec2Errors.invalidValue(version, "LaunchTemplate.Version", "The specified launch template version "
                    + "does not exist.");
        }
        ResponseLaunchTemplateData d = versions.get(0).launchTemplateData();
        RunInstancesRequest.Builder b = r.toBuilder();
        if (r.imageId() == null) {
            b.imageId(d.imageId());
        }
        if (r.instanceTypeAsString() == null && d.instanceTypeAsString() != null) {
            b.instanceType(d.instanceTypeAsString());
        }
        if (r.keyName() == null) {
            b.keyName(d.keyName());
        }
        if (r.userData() == null) {
            b.userData(d.userData());
        }
        if ((!r.hasSecurityGroupIds() || r.securityGroupIds().isEmpty()) && d.hasSecurityGroupIds()) {
            b.securityGroupIds(d.securityGroupIds());
        }
        if ((!r.hasSecurityGroups() || r.securityGroups().isEmpty()) && d.hasSecurityGroups()) {
            b.securityGroups(d.securityGroups());
        }
        if (r.iamInstanceProfile() == null && d.iamInstanceProfile() != null) {
            b.iamInstanceProfile(IamInstanceProfileSpecification.builder().arn(d.iamInstanceProfile().arn())
                    .name(d.iamInstanceProfile().name()).build());
        }
        if (r.disableApiTermination() == null) {
            b.disableApiTermination(d.disableApiTermination());
        }
        if (r.disableApiStop() == null) {
            b.disableApiStop(d.disableApiStop());
        }
        if (r.instanceInitiatedShutdownBehaviorAsString() == null) {
            b.instanceInitiatedShutdownBehavior(d.instanceInitiatedShutdownBehaviorAsString());
        }
        if (r.ebsOptimized() == null) {
            b.ebsOptimized(d.ebsOptimized());
        }
        if (r.monitoring() == null && d.monitoring() != null) {
            b.monitoring(m -> m.enabled(d.monitoring().enabled()));
        }
        if (r.placement() == null && d.placement() != null) {
            b.placement(Placement.builder().availabilityZone(d.placement().availabilityZone())
                    .groupName(d.placement().groupName()).tenancy(d.placement().tenancyAsString())
                    .hostId(d.placement().hostId()).build());
        }
        if (r.metadataOptions() == null && d.metadataOptions() != null) {
            var m = d.metadataOptions();
            b.metadataOptions(InstanceMetadataOptionsRequest.builder().httpTokens(m.httpTokensAsString())
                    .httpPutResponseHopLimit(m.httpPutResponseHopLimit()).httpEndpoint(m.httpEndpointAsString())
                    .httpProtocolIpv6(m.httpProtocolIpv6AsString()).instanceMetadataTags(m.instanceMetadataTagsAsString())
                    .build());
        }
        if (r.capacityReservationSpecification() == null && d.capacityReservationSpecification() != null) {
            var c = d.capacityReservationSpecification();
            b.capacityReservationSpecification(x -> x.capacityReservationPreference(
                    c.capacityReservationPreferenceAsString()).capacityReservationTarget(c.capacityReservationTarget()
                            == null ? null : software.amazon.awssdk.services.ec2.model.CapacityReservationTarget
                                    .builder().capacityReservationId(c.capacityReservationTarget().capacityReservationId())
                                    .capacityReservationResourceGroupArn(c.capacityReservationTarget()
                                            .capacityReservationResourceGroupArn()).build()));
        }
        if (r.creditSpecification() == null && d.creditSpecification() != null) {
            b.creditSpecification(c -> c.cpuCredits(d.creditSpecification().cpuCredits()));
        }
        if ((!r.hasTagSpecifications() || r.tagSpecifications().isEmpty()) && d.hasTagSpecifications()) {
            b.tagSpecifications(d.tagSpecifications().stream().map(t -> TagSpecification.builder()
                    .resourceType(t.resourceTypeAsString()).tags(t.tags()).build()).toList());
        }
        if ((!r.hasBlockDeviceMappings() || r.blockDeviceMappings().isEmpty()) && d.hasBlockDeviceMappings()) {
            b.blockDeviceMappings(d.blockDeviceMappings().stream().map(m -> {
                var mb = BlockDeviceMapping.builder().deviceName(m.deviceName()).virtualName(m.virtualName())
                        .noDevice(m.noDevice());
                if (m.ebs() != null) {
                    var e = m.ebs();
                    mb.ebs(EbsBlockDevice.builder().snapshotId(e.snapshotId()).volumeSize(e.volumeSize())
                            .volumeType(e.volumeTypeAsString()).iops(e.iops()).throughput(e.throughput())
                            .deleteOnTermination(e.deleteOnTermination()).encrypted(e.encrypted())
                            .kmsKeyId(e.kmsKeyId()).build());
                }
                return mb.build();
            }).toList());
        }
        if ((!r.hasNetworkInterfaces() || r.networkInterfaces().isEmpty()) && d.hasNetworkInterfaces()
                && r.subnetId() == null) {
            b.networkInterfaces(d.networkInterfaces().stream().map(n -> InstanceNetworkInterfaceSpecification
                    .builder().deviceIndex(n.deviceIndex()).subnetId(n.subnetId()).groups(n.groups())
                    .associatePublicIpAddress(n.associatePublicIpAddress()).privateIpAddress(n.privateIpAddress())
                    .deleteOnTermination(n.deleteOnTermination()).description(n.description())
                    .ipv6AddressCount(n.ipv6AddressCount()).build()).toList());
        }
        return b.build();
    }
}
