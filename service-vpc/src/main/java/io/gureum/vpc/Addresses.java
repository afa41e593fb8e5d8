package io.gureum.vpc;

import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.vpc.model.Address;
import io.gureum.vpc.model.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AllocateAddressRequest;
import software.amazon.awssdk.services.ec2.model.AllocateAddressResponse;
import software.amazon.awssdk.services.ec2.model.AssociateAddressRequest;
import software.amazon.awssdk.services.ec2.model.AssociateAddressResponse;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAddressesResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateAddressRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateAddressResponse;
import software.amazon.awssdk.services.ec2.model.ReleaseAddressRequest;
import software.amazon.awssdk.services.ec2.model.ReleaseAddressResponse;

/**
 * Elastic IP addresses (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html):
 * a public IPv4 address, unique in its region, that stays with the account until released; associated
 * with one network interface (or an instance's primary one) at a time; released only when not
 * associated.
 */
public final class Addresses {
    private final Network net;
    private final Filters<Address> filters = new Filters<Address>()
            .on("allocation-id", a -> a.id)
            .on("association-id", a -> a.associationId)
            .on("domain", a -> "vpc")
            .on("instance-id", a -> a.instanceId)
            .on("network-border-group", a -> a.networkBorderGroup)
            .on("network-interface-id", a -> a.networkInterfaceId)
            .on("network-interface-owner-id", a -> a.networkInterfaceId == null ? null : a.ownerId)
            .on("private-ip-address", a -> a.privateIpAddress)
            .on("public-ip", a -> a.publicIp);

    Addresses(Network net) {
        this.net = net;
    }

    Address require(VpcStore s, String id) {
        return Ids.require(s.addresses, "eipalloc", id);
    }

    /** True when an address is mapped to an interface in the VPC (which keeps its internet gateway attached). */
    boolean hasMappedAddresses(VpcStore s, String vpcId) {
        for (Address a : s.addresses.values()) {
            if (a.networkInterfaceId != null) {
                NetworkInterface eni = s.networkInterfaces.get(a.networkInterfaceId);
                if (eni != null && eni.vpcId.equals(vpcId)) {
                    return true;
                }
            }
        }
        return false;
    }

    public AllocateAddressResponse allocateAddress(AllocateAddressRequest r) {
        VpcStore s = net.store();
        if (r.domainAsString() != null && !r.domainAsString().equals("vpc") && !r.domainAsString().equals("standard")) {
            throw Ec2Errors.invalidValue(r.domainAsString(), "domain", "Valid values are vpc and standard.");
        }
        if (r.networkBorderGroup() != null && !r.networkBorderGroup().equals(s.region)) {
            throw Ec2Error.INVALID_PARAMETER_VALUE.withMessage("The network border group '" + r.networkBorderGroup() + "' is invalid.");
        }
        if (r.ipamPoolId() != null) {
            // Elastic IPs from an IPAM pool need a public-scope pool with BYOIP or Amazon-provided CIDRs, which
            // Gureum's IPAM does not provision.
            throw new io.gureum.core.error.AwsException("NotImplemented", "Gureum does not emulate Elastic IP "
                    + "addresses from IPAM pools (IpamPoolId).", 501);
        }
        Tags.validate(r.tagSpecifications(), "elastic-ip");
        Ec2Errors.checkDryRun(r.dryRun());
        Address a = new Address(net.id("eipalloc"), s.account, net.now());
        a.publicIp = net.publicIps.allocate(s.region);
        a.networkBorderGroup = s.region;
        s.put(s.addresses, a);
        Tags.apply(r.tagSpecifications(), a);
        return AllocateAddressResponse.builder().allocationId(a.id).publicIp(a.publicIp).domain("vpc")
                .publicIpv4Pool("amazon").networkBorderGroup(a.networkBorderGroup).build();
    }

    public AssociateAddressResponse associateAddress(AssociateAddressRequest r) {
        VpcStore s = net.store();
        Address a;
        if (r.allocationId() != null) {
            a = require(s, r.allocationId());
        } else if (r.publicIp() != null) {
            a = byPublicIp(s, r.publicIp());
        } else {
            throw Ec2Errors.missing("AllocationId");
        }
        NetworkInterface eni;
        if (r.networkInterfaceId() != null) {
            eni = net.networkInterfaces.require(s, r.networkInterfaceId());
        } else if (r.instanceId() != null) {
            eni = s.networkInterfaces.values().stream()
                    .filter(e -> r.instanceId().equals(e.attachedInstanceId) && Integer.valueOf(0).equals(e.deviceIndex))
                    .findFirst().orElseThrow(() -> Ec2Error.INVALID_INSTANCE_ID_NOT_FOUND.of(r.instanceId()));
        } else {
            throw Ec2Errors.missing("InstanceId");
        }
        boolean hasIgw = s.internetGateways.values().stream().anyMatch(g -> eni.vpcId.equals(g.attachedVpcId));
        if (!hasIgw) {
            throw Ec2Error.GATEWAY_NOT_ATTACHED.withMessage("Network " + eni.vpcId + " is not attached to any internet gateway");
        }
        String privateIp = r.privateIpAddress() != null ? r.privateIpAddress() : eni.privateIp;
        if (!privateIp.equals(eni.privateIp) && !eni.secondaryPrivateIps.contains(privateIp)) {
            throw Ec2Errors.invalidParameterValue("The specified private IP address '" + privateIp
                    + "' is not assigned to network interface " + eni.id);
        }
        if (a.associationId != null && !Boolean.TRUE.equals(r.allowReassociation())) {
            throw Ec2Error.RESOURCE_ALREADY_ASSOCIATED.withMessage("resource " + a.id + " is already associated with associate-id " + a.associationId);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        // An interface address holds one Elastic IP: associating another replaces it.
        for (Address other : s.addresses.values()) {
            if (other != a && eni.id.equals(other.networkInterfaceId) && privateIp.equals(other.privateIpAddress)) {
                unmap(s, other);
            }
        }
        unmap(s, a);
        a.associationId = net.id("eipassoc");
        a.networkInterfaceId = eni.id;
        a.instanceId = eni.attachedInstanceId;
        a.privateIpAddress = privateIp;
        if (privateIp.equals(eni.privateIp)) {
            if (eni.publicIp != null && eni.publicIpAllocationId == null) {
                net.publicIps.release(s.region, eni.publicIp);
            }
            eni.publicIp = a.publicIp;
            eni.publicIpAllocationId = a.id;
        }
        return AssociateAddressResponse.builder().associationId(a.associationId).build();
    }

    /** Maps an address to a NAT gateway's interface (done by CreateNatGateway). */
    void mapToNat(VpcStore s, Address a, NetworkInterface eni) {
        a.associationId = net.id("eipassoc");
        a.networkInterfaceId = eni.id;
        a.privateIpAddress = eni.privateIp;
        a.serviceManaged = null;
        eni.publicIp = a.publicIp;
        eni.publicIpAllocationId = a.id;
    }

    /**
     * Gives an interface that asked for one an Amazon public IPv4 address while no Elastic IP is mapped to its
     * primary address, and takes it back otherwise: an Elastic IP replaces an instance's public IP, and
     * disassociating it brings a new one (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html#concepts-public-addresses).
     */
    void refreshAutoPublicIp(VpcStore s, NetworkInterface eni) {
        if (eni.publicIpAllocationId != null) {
            return;
        }
        if (eni.autoPublicIp && eni.publicIp == null) {
            eni.publicIp = net.publicIps.allocate(s.region);
        } else if (!eni.autoPublicIp && eni.publicIp != null) {
            net.publicIps.release(s.region, eni.publicIp);
            eni.publicIp = null;
        }
    }

    void unmap(VpcStore s, Address a) {
        if (a.networkInterfaceId != null) {
            NetworkInterface eni = s.networkInterfaces.get(a.networkInterfaceId);
            if (eni != null && a.id.equals(eni.publicIpAllocationId)) {
                eni.publicIp = null;
                eni.publicIpAllocationId = null;
                refreshAutoPublicIp(s, eni);
            }
        }
        a.associationId = null;
        a.networkInterfaceId = null;
        a.instanceId = null;
        a.privateIpAddress = null;
    }

    private Address byPublicIp(VpcStore s, String ip) {
        return s.addresses.values().stream().filter(a -> a.publicIp.equals(ip)).findFirst()
                .orElseThrow(() -> Ec2Error.INVALID_ADDRESS_NOT_FOUND.of(ip));
    }

    public DisassociateAddressResponse disassociateAddress(DisassociateAddressRequest r) {
        VpcStore s = net.store();
        Address a;
        if (r.associationId() != null) {
            a = s.addresses.values().stream().filter(x -> r.associationId().equals(x.associationId)).findFirst()
                    .orElseThrow(() -> Ec2Error.INVALID_ASSOCIATION_ID_NOT_FOUND.of(r.associationId()));
        } else if (r.publicIp() != null) {
            a = byPublicIp(s, r.publicIp());
        } else {
            throw Ec2Errors.missing("AssociationId");
        }
        if (isNatAddress(s, a)) {
            throw Ec2Error.AUTH_FAILURE.of();
        }
        Ec2Errors.checkDryRun(r.dryRun());
        unmap(s, a);
        return DisassociateAddressResponse.builder().build();
    }

    private static boolean isNatAddress(VpcStore s, Address a) {
        NetworkInterface eni = a.networkInterfaceId == null ? null : s.networkInterfaces.get(a.networkInterfaceId);
        return eni != null && "nat_gateway".equals(eni.interfaceType);
    }

    public ReleaseAddressResponse releaseAddress(ReleaseAddressRequest r) {
        VpcStore s = net.store();
        Address a;
        if (r.allocationId() != null) {
            a = require(s, r.allocationId());
        } else if (r.publicIp() != null) {
            a = byPublicIp(s, r.publicIp());
        } else {
            throw Ec2Errors.missing("AllocationId");
        }
        if (a.associationId != null) {
            throw Ec2Error.INVALID_IP_ADDRESS_IN_USE.of(a.publicIp);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        s.remove(s.addresses, a.id);
        net.publicIps.release(s.region, a.publicIp);
        return ReleaseAddressResponse.builder().build();
    }

    public DescribeAddressesResponse describeAddresses(DescribeAddressesRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<Address> found = new ArrayList<>();
        if (r.hasAllocationIds() && !r.allocationIds().isEmpty()) {
            for (String id : r.allocationIds()) {
                found.add(require(s, id));
            }
        }
        if (r.hasPublicIps() && !r.publicIps().isEmpty()) {
            for (String ip : r.publicIps()) {
                found.add(byPublicIp(s, ip));
            }
        }
        if (found.isEmpty()) {
            found.addAll(s.addresses.values());
        }
        return DescribeAddressesResponse.builder().addresses(found.stream().filter(filters.predicate(r.filters()))
                .map(a -> software.amazon.awssdk.services.ec2.model.Address.builder()
                        .allocationId(a.id).publicIp(a.publicIp).domain("vpc").publicIpv4Pool("amazon")
                        .networkBorderGroup(a.networkBorderGroup).associationId(a.associationId)
                        .instanceId(a.instanceId).networkInterfaceId(a.networkInterfaceId)
                        .networkInterfaceOwnerId(a.networkInterfaceId == null ? null : a.ownerId)
                        .privateIpAddress(a.privateIpAddress).tags(Tags.toSdk(a.tags)).build())
                .toList()).build();
    }
}
