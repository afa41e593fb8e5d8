package io.gureum.ec2.instances;

import io.gureum.ec2.compute.Compute;
import io.gureum.ec2.compute.ComputeStore;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAttachmentChanges;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * An instance's network, kept by service-vpc and reached only through the EC2 API in-process: the
 * subnet it launches into, its primary network interface (created, attached at device index 0, deleted
 * with the instance) and the Amazon public IPv4 address of that interface, which
 * {@code ModifyNetworkInterfaceAttribute(AssociatePublicIpAddress)} assigns and releases (see ADR 0009).
 */
final class InstanceNetwork {
    private final Compute compute;

    InstanceNetwork(Compute compute) {
        this.compute = compute;
    }

    private Ec2Client ec2(ComputeStore s) {
        return compute.network(s);
    }

    Subnet subnet(ComputeStore s, String subnetId) {
        return ec2(s).describeSubnets(b -> b.subnetIds(subnetId)).subnets().get(0);
    }

    /**
     * The default subnet of {@code zone}, or of the default VPC's first zone when no zone is given;
     * VPCIdNotSpecified when the account has no default VPC in the region.
     */
    Subnet defaultSubnet(ComputeStore s, String zone) {
        List<Filter> filters = new ArrayList<>();
        filters.add(Filter.builder().name("default-for-az").values("true").build());
        if (zone != null) {
            filters.add(Filter.builder().name("availability-zone").values(zone).build());
        }
        List<Subnet> subnets = ec2(s).describeSubnets(b -> b.filters(filters)).subnets();
        if (subnets.isEmpty()) {
            if (zone != null && !ec2(s).describeVpcs(b -> b.filters(Filter.builder().name("is-default").values("true")
                    .build())).vpcs().isEmpty()) {
                throw Ec2Errors.invalidParameterValue("Invalid availability zone: [" + zone + "]");
            }
            throw Ec2Error.VPC_ID_NOT_SPECIFIED.of();
        }
        return subnets.stream().min((a, b) -> a.availabilityZone().compareTo(b.availabilityZone())).get();
    }

    /** Security group IDs for group names in a (default) VPC: InvalidGroup.NotFound for an unknown name. */
    List<String> groupIdsByName(ComputeStore s, String vpcId, List<String> names) {
        List<String> ids = new ArrayList<>();
        List<SecurityGroup> groups = ec2(s).describeSecurityGroups(b -> b.filters(
                Filter.builder().name("vpc-id").values(vpcId).build(),
                Filter.builder().name("group-name").values(names).build())).securityGroups();
        for (String name : names) {
            ids.add(groups.stream().filter(g -> g.groupName().equals(name)).findFirst()
                    .orElseThrow(() -> Ec2Error.INVALID_GROUP_NOT_FOUND.withMessage("The security group '" + name
                            + "' does not exist in VPC '" + vpcId + "'")).groupId());
        }
        return ids;
    }

    /** Creates and attaches the instance's primary interface (deleted when the instance terminates). */
    NetworkInterface createPrimary(ComputeStore s, String instanceId, String subnetId, List<String> groupIds,
            String privateIp, Integer ipv6Count, String description, List<TagSpecification> tags) {
        NetworkInterface eni = ec2(s).createNetworkInterface(b -> b.subnetId(subnetId)
                .groups(groupIds.isEmpty() ? null : groupIds).privateIpAddress(privateIp).ipv6AddressCount(ipv6Count)
                .description(description == null ? "" : description).tagSpecifications(tags)).networkInterface();
        String attachmentId = ec2(s).attachNetworkInterface(b -> b.networkInterfaceId(eni.networkInterfaceId())
                .instanceId(instanceId).deviceIndex(0)).attachmentId();
        ec2(s).modifyNetworkInterfaceAttribute(b -> b.networkInterfaceId(eni.networkInterfaceId())
                .attachment(NetworkInterfaceAttachmentChanges.builder().attachmentId(attachmentId)
                        .deleteOnTermination(true).build()));
        return eni;
    }

    /** Gives the interface an Amazon public IPv4 address (none while an Elastic IP is associated), or takes it back. */
    void publicIp(ComputeStore s, String eniId, boolean assign) {
        ec2(s).modifyNetworkInterfaceAttribute(b -> b.networkInterfaceId(eniId).associatePublicIpAddress(assign));
    }

    /**
     * What a terminating instance does to its interfaces: each is detached; those marked delete-on-termination
     * (the primary one RunInstances made) are deleted, releasing their addresses and Elastic IP association.
     */
    void release(ComputeStore s, String instanceId) {
        for (NetworkInterface eni : interfacesOf(s, List.of(instanceId)).getOrDefault(instanceId, List.of())) {
            try {
                ec2(s).detachNetworkInterface(b -> b.attachmentId(eni.attachment().attachmentId()).force(true));
                if (Boolean.TRUE.equals(eni.attachment().deleteOnTermination())) {
                    ec2(s).deleteNetworkInterface(b -> b.networkInterfaceId(eni.networkInterfaceId()));
                }
            } catch (AwsServiceException e) {
                // Already gone (deleted through the API meanwhile): nothing left to release.
            }
        }
    }

    /** The interfaces attached to instances, by instance ID: one call for all of them. */
    Map<String, List<NetworkInterface>> interfacesOf(ComputeStore s, List<String> instanceIds) {
        Map<String, List<NetworkInterface>> out = new HashMap<>();
        if (instanceIds.isEmpty()) {
            return out;
        }
        List<String> values = instanceIds.size() <= 200 ? instanceIds : List.of("i-*");
        List<NetworkInterface> enis = ec2(s).describeNetworkInterfaces(b -> b.filters(Filter.builder()
                .name("attachment.instance-id").values(values).build())).networkInterfaces();
        for (NetworkInterface eni : enis) {
            out.computeIfAbsent(eni.attachment().instanceId(), k -> new ArrayList<>()).add(eni);
        }
        out.values().forEach(l -> l.sort((a, b) -> Integer.compare(a.attachment().deviceIndex(),
                b.attachment().deviceIndex())));
        return out;
    }

    void modifyGroups(ComputeStore s, String eniId, List<String> groups) {
        ec2(s).modifyNetworkInterfaceAttribute(b -> b.networkInterfaceId(eniId).groups(groups));
    }

    void sourceDestCheck(ComputeStore s, String eniId, boolean value) {
        ec2(s).modifyNetworkInterfaceAttribute(b -> b.networkInterfaceId(eniId)
                .sourceDestCheck(v -> v.value(value)));
    }
}
