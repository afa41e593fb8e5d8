package io.gureum.ec2.instances;

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
                    .groupName(d.placement().groupName()).tenancy(d.placement().tenancyAsString()).build());
        }
        if (r.metadataOptions() == null && d.metadataOptions() != null) {
            var m = d.metadataOptions();
            b.metadataOptions(InstanceMetadataOptionsRequest.builder().httpTokens(m.httpTokensAsString())
                    .httpPutResponseHopLimit(m.httpPutResponseHopLimit()).httpEndpoint(m.httpEndpointAsString())
                    .httpProtocolIpv6(m.httpProtocolIpv6AsString()).instanceMetadataTags(m.instanceMetadataTagsAsString())
                    .build());
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
