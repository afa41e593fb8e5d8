package io.gureum.vpc;

import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.NetworkInterface;
import io.gureum.vpc.model.SecurityGroup;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.ec2.model.AssignPrivateIpAddressesRequest;
import software.amazon.awssdk.services.ec2.model.AssignPrivateIpAddressesResponse;
import software.amazon.awssdk.services.ec2.model.AssignedPrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.AttachNetworkInterfaceRequest;
import software.amazon.awssdk.services.ec2.model.AttachNetworkInterfaceResponse;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInterfaceRequest;
import software.amazon.awssdk.services.ec2.model.CreateNetworkInterfaceResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInterfaceRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkInterfaceResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkInterfacesResponse;
import software.amazon.awssdk.services.ec2.model.DetachNetworkInterfaceRequest;
import software.amazon.awssdk.services.ec2.model.DetachNetworkInterfaceResponse;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.ModifyNetworkInterfaceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyNetworkInterfaceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAssociation;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAttachment;
import software.amazon.awssdk.services.ec2.model.NetworkInterfacePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.UnassignPrivateIpAddressesRequest;
import software.amazon.awssdk.services.ec2.model.UnassignPrivateIpAddressesResponse;

/**
 * Elastic network interfaces (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-eni.html):
 * a private address from the subnet (counted out of AvailableIpAddressCount until deleted), security
 * groups of the same VPC, at most one attachment. Interfaces AWS creates for NAT gateways and
 * interface endpoints are requester-managed.
 */
public final class NetworkInterfaces {
    private final Network net;
    private final Filters<NetworkInterface> filters;

    NetworkInterfaces(Network net) {
        this.net = net;
        this.filters = new Filters<NetworkInterface>()
                .on("network-interface-id", e -> e.id)
                .on("subnet-id", e -> e.subnetId)
                .on("vpc-id", e -> e.vpcId)
                .on("availability-zone", e -> e.availabilityZone)
                .on("description", e -> e.description)
                .on("status", NetworkInterfaces::status)
                .on("private-ip-address", e -> e.privateIp)
                .on("addresses.private-ip-address", e -> addresses(e))
                .on("ipv6-addresses.ipv6-address", e -> e.ipv6Addresses)
                .on("group-id", e -> e.groupIds)
                .on("interface-type", e -> e.interfaceType)
                .on("requester-managed", e -> e.requesterManaged)
                .on("requester-id", e -> e.requesterId)
                .on("mac-address", e -> e.macAddress)
                .on("owner-id", e -> e.ownerId)
                .on("source-dest-check", e -> e.sourceDestCheck)
                .on("association.public-ip", e -> e.publicIp)
                .on("association.allocation-id", e -> e.publicIpAllocationId)
                .on("attachment.attachment-id", e -> e.attachmentId)
                .on("attachment.instance-id", e -> e.attachedInstanceId)
                .on("attachment.device-index", e -> e.deviceIndex)
                .on("attachment.status", e -> e.attachmentStatus);
    }

    private static List<String> addresses(NetworkInterface e) {
        List<String> out = new ArrayList<>();
        out.add(e.privateIp);
        out.addAll(e.secondaryPrivateIps);
        return out;
    }

    private static String status(NetworkInterface e) {
        return e.attachmentId != null || e.requesterManaged ? "in-use" : "available";
    }

    NetworkInterface require(VpcStore s, String id) {
        return Ids.require(s.networkInterfaces, "eni", id);
    }

    private NetworkInterface create(VpcStore s, Subnet sn, String privateIp, List<String> groups) {
        long ip = net.subnets.allocateIp(sn, privateIp);
        NetworkInterface e = new NetworkInterface(net.id("eni"), s.account, net.now());
        e.subnetId = sn.id;
        e.vpcId = sn.vpcId;
        e.availabilityZone = sn.availabilityZone;
        e.privateIp = Cidr.formatAddress(ip);
        e.macAddress = mac();
        e.groupIds.addAll(groups);
        return s.put(s.networkInterfaces, e);
    }

    /** An interface AWS creates and manages for a NAT gateway or an interface endpoint. */
    NetworkInterface createManaged(VpcStore s, Subnet sn, String privateIp, String type, String description,
            List<String> groups) {
        NetworkInterface e = create(s, sn, privateIp, groups);
        e.interfaceType = type;
        e.description = description;
        e.requesterManaged = true;
        // AWS reports the managing service's internal principal here; Gureum has none to show.
        e.requesterId = null;
        e.sourceDestCheck = false;
        return e;
    }

    /** Removes an interface and gives its addresses back to the subnet. */
    void destroy(VpcStore s, NetworkInterface e) {
        e.autoPublicIp = false;
        net.addresses.refreshAutoPublicIp(s, e);
        Subnet sn = s.subnets.get(e.subnetId);
        if (sn != null) {
            sn.ips.release(Cidr.parseAddress(e.privateIp));
            e.secondaryPrivateIps.forEach(ip -> sn.ips.release(Cidr.parseAddress(ip)));
        }
        s.remove(s.networkInterfaces, e.id);
    }

    /** A random address in a subnet's /64 (the low 64 bits random, never all zero). */
    static String ipv6Address(io.gureum.vpc.net.Ipv6.Block block) {
        long host = ThreadLocalRandom.current().nextLong() | 1;
        java.math.BigInteger a = block.start().or(new java.math.BigInteger(Long.toUnsignedString(host)));
        StringBuilder sb = new StringBuilder();
        for (int i = 7; i >= 0; i--) {
            sb.append(Integer.toHexString(a.shiftRight(i * 16).intValue() & 0xffff));
            if (i > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    private static String mac() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder("02");
        for (int i = 0; i < 5; i++) {
            sb.append(':').append(String.format("%02x", r.nextInt(256)));
        }
        return sb.toString();
    }

    private List<String> groups(VpcStore s, Vpc vpc, List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of(vpc.defaultSecurityGroupId);
        }
        for (String id : ids) {
            SecurityGroup g = net.securityGroups.require(s, id);
            if (!net.securityGroupVpcAssociations.usableIn(g, vpc.id)) {
                throw Ec2Errors.invalidParameterValue("The security group '" + id + "' does not belong to VPC '"
                        + vpc.id + "'");
            }
        }
        return List.copyOf(ids);
    }

    public CreateNetworkInterfaceResponse createNetworkInterface(CreateNetworkInterfaceRequest r) {
        VpcStore s = net.store();
        Subnet sn = net.subnets.require(s, r.subnetId());
        Vpc vpc = s.vpcs.get(sn.vpcId);
        List<String> groups = groups(s, vpc, r.groups());
        Tags.validate(r.tagSpecifications(), "network-interface");
        Ec2Errors.checkDryRun(r.dryRun());
        NetworkInterface e = create(s, sn, r.privateIpAddress(), groups);
        if (r.description() != null) {
            e.description = r.description();
        }
        try {
            net.interfaceAttributes.assign(s, e, r.hasIpv6Addresses() ? r.ipv6Addresses().stream()
                    .map(x -> x.ipv6Address()).toList() : List.of(), r.ipv6AddressCount(),
                    r.hasIpv6Prefixes() ? r.ipv6Prefixes().stream().map(x -> x.ipv6Prefix()).toList() : List.of(),
                    r.ipv6PrefixCount());
        } catch (RuntimeException ex) {
            destroy(s, e);
            throw ex;
        }
        int secondary = r.secondaryPrivateIpAddressCount() == null ? 0 : r.secondaryPrivateIpAddressCount();
        for (int i = 0; i < secondary; i++) {
            e.secondaryPrivateIps.add(Cidr.formatAddress(net.subnets.allocateIp(sn, null)));
        }
        Tags.apply(r.tagSpecifications(), e);
        return CreateNetworkInterfaceResponse.builder().networkInterface(toSdk(s, e)).build();
    }

    public DeleteNetworkInterfaceResponse deleteNetworkInterface(DeleteNetworkInterfaceRequest r) {
        VpcStore s = net.store();
        NetworkInterface e = require(s, r.networkInterfaceId());
        if (e.attachmentId != null || e.requesterManaged) {
            throw Ec2Error.INVALID_NETWORK_INTERFACE_IN_USE.of(e.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        s.addresses.values().stream().filter(a -> e.id.equals(a.networkInterfaceId)).toList()
                .forEach(a -> net.addresses.unmap(s, a));
        destroy(s, e);
        return DeleteNetworkInterfaceResponse.builder().build();
    }

    /**
     * Attaches to an instance. Instances are emulated by the EC2 compute module; until then any
     * {@code i-} ID is accepted, one interface per device index.
     */
    public AttachNetworkInterfaceResponse attachNetworkInterface(AttachNetworkInterfaceRequest r) {
        VpcStore s = net.store();
        NetworkInterface e = require(s, r.networkInterfaceId());
        if (r.instanceId() == null) {
            throw Ec2Errors.missing("instanceId");
        }
        if (r.deviceIndex() == null) {
            throw Ec2Errors.missing("deviceIndex");
        }
        if (e.attachmentId != null) {
            throw Ec2Error.INVALID_NETWORK_INTERFACE_IN_USE.of(e.id);
        }
        for (NetworkInterface other : s.networkInterfaces.values()) {
            if (r.instanceId().equals(other.attachedInstanceId) && r.deviceIndex().equals(other.deviceIndex)) {
                throw Ec2Error.INVALID_PARAMETER_VALUE.withMessage("Instance '" + r.instanceId()
                        + "' already has an interface attached at device index '" + r.deviceIndex() + "'.");
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        e.attachmentId = net.id("eni-attach");
        e.attachedInstanceId = r.instanceId();
        e.deviceIndex = r.deviceIndex();
        e.attachTime = net.now();
        e.attachmentStatus = "attached";
        return AttachNetworkInterfaceResponse.builder().attachmentId(e.attachmentId).networkCardIndex(0).build();
    }

    public DetachNetworkInterfaceResponse detachNetworkInterface(DetachNetworkInterfaceRequest r) {
        VpcStore s = net.store();
        NetworkInterface e = s.networkInterfaces.values().stream()
                .filter(x -> r.attachmentId() != null && r.attachmentId().equals(x.attachmentId)).findFirst()
                .orElseThrow(() -> Ec2Error.INVALID_ATTACHMENT_ID_NOT_FOUND.of(r.attachmentId()));
        // The EC2 compute module detaches a terminating instance's primary interface (ADR 0009); no one else may.
        boolean byEc2 = "ec2.amazonaws.com".equals(io.gureum.core.protocol.RequestContext.current().principal());
        if (Integer.valueOf(0).equals(e.deviceIndex) && !byEc2) {
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("The network interface at device index 0 cannot be detached.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        e.attachmentId = null;
        e.attachedInstanceId = null;
        e.deviceIndex = null;
        e.attachTime = null;
        e.attachmentStatus = null;
        return DetachNetworkInterfaceResponse.builder().build();
    }

    public ModifyNetworkInterfaceAttributeResponse modifyNetworkInterfaceAttribute(ModifyNetworkInterfaceAttributeRequest r) {
        VpcStore s = net.store();
        NetworkInterface e = require(s, r.networkInterfaceId());
        List<String> groups = r.hasGroups() && !r.groups().isEmpty() ? groups(s, s.vpcs.get(e.vpcId), r.groups()) : null;
        Ec2Errors.checkDryRun(r.dryRun());
        if (groups != null) {
            e.groupIds.clear();
            e.groupIds.addAll(groups);
        }
        if (r.description() != null && r.description().value() != null) {
            e.description = r.description().value();
        }
        if (r.sourceDestCheck() != null && r.sourceDestCheck().value() != null) {
            e.sourceDestCheck = r.sourceDestCheck().value();
        }
        if (r.attachment() != null && r.attachment().deleteOnTermination() != null) {
            if (e.attachmentId == null || !e.attachmentId.equals(r.attachment().attachmentId())) {
                throw Ec2Error.INVALID_ATTACHMENT_ID_NOT_FOUND.of(r.attachment().attachmentId());
            }
            e.deleteOnTermination = r.attachment().deleteOnTermination();
        }
        if (r.associatePublicIpAddress() != null) {
            e.autoPublicIp = r.associatePublicIpAddress();
            net.addresses.refreshAutoPublicIp(s, e);
        }
        return ModifyNetworkInterfaceAttributeResponse.builder().build();
    }

    public AssignPrivateIpAddressesResponse assignPrivateIpAddresses(AssignPrivateIpAddressesRequest r) {
        VpcStore s = net.store();
        NetworkInterface e = require(s, r.networkInterfaceId());
        Subnet sn = s.subnets.get(e.subnetId);
        List<String> wanted = r.hasPrivateIpAddresses() ? r.privateIpAddresses() : List.of();
        int count = r.secondaryPrivateIpAddressCount() == null ? 0 : r.secondaryPrivateIpAddressCount();
        if (wanted.isEmpty() == (count == 0)) {
            throw Ec2Errors.combination("Exactly one of privateIpAddresses or secondaryPrivateIpAddressCount "
                    + "must be specified");
        }
        List<String> added = new ArrayList<>();
        try {
            for (String ip : wanted) {
                added.add(Cidr.formatAddress(net.subnets.allocateIp(sn, ip)));
            }
            for (int i = 0; i < count; i++) {
                added.add(Cidr.formatAddress(net.subnets.allocateIp(sn, null)));
            }
        } catch (RuntimeException ex) {
            added.forEach(ip -> sn.ips.release(Cidr.parseAddress(ip)));
            throw ex;
        }
        e.secondaryPrivateIps.addAll(added);
        return AssignPrivateIpAddressesResponse.builder().networkInterfaceId(e.id)
                .assignedPrivateIpAddresses(added.stream().map(ip -> AssignedPrivateIpAddress.builder()
                        .privateIpAddress(ip).build()).toList()).build();
    }

    public UnassignPrivateIpAddressesResponse unassignPrivateIpAddresses(UnassignPrivateIpAddressesRequest r) {
        VpcStore s = net.store();
        NetworkInterface e = require(s, r.networkInterfaceId());
        for (String ip : r.privateIpAddresses()) {
            if (!e.secondaryPrivateIps.contains(ip)) {
                throw Ec2Errors.invalidParameterValue("Some of the specified addresses are not assigned to interface "
                        + e.id);
            }
        }
        Subnet sn = s.subnets.get(e.subnetId);
        for (String ip : r.privateIpAddresses()) {
            e.secondaryPrivateIps.remove(ip);
            sn.ips.release(Cidr.parseAddress(ip));
        }
        return UnassignPrivateIpAddressesResponse.builder().build();
    }

    public DescribeNetworkInterfacesResponse describeNetworkInterfaces(DescribeNetworkInterfacesRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<NetworkInterface> found = new ArrayList<>();
        if (r.hasNetworkInterfaceIds() && !r.networkInterfaceIds().isEmpty()) {
            for (String id : r.networkInterfaceIds()) {
                found.add(require(s, id));
            }
        } else {
            found.addAll(s.networkInterfaces.values());
        }
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeNetworkInterfacesResponse.builder()
                .networkInterfaces(page.items().stream().map(e -> toSdk(s, e)).toList())
                .nextToken(page.nextToken()).build();
    }

    software.amazon.awssdk.services.ec2.model.NetworkInterface toSdk(VpcStore s, NetworkInterface e) {
        NetworkInterfaceAssociation assoc = e.publicIp == null ? null : NetworkInterfaceAssociation.builder()
                .publicIp(e.publicIp).allocationId(e.publicIpAllocationId)
                .ipOwnerId(e.publicIpAllocationId == null ? "amazon" : e.ownerId).build();
        List<NetworkInterfacePrivateIpAddress> ips = new ArrayList<>();
        ips.add(NetworkInterfacePrivateIpAddress.builder().privateIpAddress(e.privateIp).primary(true)
                .association(assoc).build());
        e.secondaryPrivateIps.forEach(ip -> ips.add(NetworkInterfacePrivateIpAddress.builder()
                .privateIpAddress(ip).primary(false).build()));
        return software.amazon.awssdk.services.ec2.model.NetworkInterface.builder()
                .networkInterfaceId(e.id).subnetId(e.subnetId).vpcId(e.vpcId).availabilityZone(e.availabilityZone)
                .description(e.description).ownerId(e.ownerId).macAddress(e.macAddress)
                .privateIpAddress(e.privateIp).privateIpAddresses(ips).association(assoc)
                .interfaceType(e.interfaceType).requesterManaged(e.requesterManaged)
                .ipv6Prefixes(e.ipv6Prefixes.stream().map(p -> software.amazon.awssdk.services.ec2.model
                        .Ipv6PrefixSpecification.builder().ipv6Prefix(p).build()).toList())
                .ipv6Addresses(e.ipv6Addresses.stream().map(a -> software.amazon.awssdk.services.ec2.model
                        .NetworkInterfaceIpv6Address.builder().ipv6Address(a).build()).toList())
                .requesterId(e.requesterManaged ? e.requesterId : null)
                .sourceDestCheck(e.sourceDestCheck).status(status(e))
                .groups(e.groupIds.stream().map(id -> {
                    SecurityGroup g = s.securityGroups.get(id);
                    return GroupIdentifier.builder().groupId(id).groupName(g == null ? null : g.groupName).build();
                }).toList())
                .attachment(e.attachmentId == null ? null : NetworkInterfaceAttachment.builder()
                        .attachmentId(e.attachmentId).instanceId(e.attachedInstanceId).deviceIndex(e.deviceIndex)
                        .attachTime(e.attachTime).status(e.attachmentStatus)
                        .deleteOnTermination(e.deleteOnTermination).instanceOwnerId(e.ownerId).build())
                .tagSet(Tags.toSdk(e.tags)).build();
    }
}
