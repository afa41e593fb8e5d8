package io.gureum.vpc;

import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.vpc.model.Address;
import io.gureum.vpc.model.NatGateway;
import io.gureum.vpc.model.NatGatewaySecondaryAddress;
import io.gureum.vpc.model.NetworkInterface;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.net.Cidr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AssignPrivateNatGatewayAddressRequest;
import software.amazon.awssdk.services.ec2.model.AssignPrivateNatGatewayAddressResponse;
import software.amazon.awssdk.services.ec2.model.AssociateNatGatewayAddressRequest;
import software.amazon.awssdk.services.ec2.model.AssociateNatGatewayAddressResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateNatGatewayAddressRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateNatGatewayAddressResponse;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;
import software.amazon.awssdk.services.ec2.model.UnassignPrivateNatGatewayAddressRequest;
import software.amazon.awssdk.services.ec2.model.UnassignPrivateNatGatewayAddressResponse;

/**
 * Secondary addresses of NAT gateways (https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-working-with.html):
 * a public gateway takes further Elastic IPs, each mapped to a further private address of its interface
 * (AssociateNatGatewayAddress, DisassociateNatGatewayAddress); a private gateway takes further private addresses
 * (AssignPrivateNatGatewayAddress, UnassignPrivateNatGatewayAddress). The private addresses come from the subnet
 * (given, or the lowest free). An address is {@code associating}/{@code assigning} for {@link #TRANSITION} on the
 * clock (and while its gateway is {@code pending}), then {@code succeeded}; a removed one is
 * {@code disassociating}/{@code unassigning} for {@link #TRANSITION} (no connection is ever open, so nothing
 * drains: {@code MaxDrainDurationSeconds} is checked and not waited), then gone, its private address back in the
 * subnet and its Elastic IP free. While a removal runs, the gateway takes no other change, as AWS documents.
 */
public final class NatGatewayAddresses {
    static final Duration TRANSITION = Duration.ofSeconds(2);
    private final Network net;

    NatGatewayAddresses(Network net) {
        this.net = net;
    }

    private boolean removing(NatGatewaySecondaryAddress a) {
        return a.removeRequested != null;
    }

    String status(NatGateway n, NatGatewaySecondaryAddress a) {
        boolean pub = a.allocationId != null;
        String gateway = net.natGateways.state(n);
        if (a.removeRequested != null || gateway.equals("deleting")) {
            return pub ? "disassociating" : "unassigning";
        }
        if (gateway.equals("pending") || net.now().isBefore(a.added.plus(TRANSITION))) {
            return pub ? "associating" : "assigning";
        }
        return "succeeded";
    }

    /** Ends the removals whose time has come: the private address goes back to the subnet, the Elastic IP is free. */
    void settle(VpcStore s, NatGateway n) {
        for (NatGatewaySecondaryAddress a : List.copyOf(n.secondaryAddresses)) {
            if (a.removeRequested != null && !net.now().isBefore(a.removeRequested.plus(TRANSITION))) {
                release(s, n, a);
                n.secondaryAddresses.remove(a);
            }
        }
    }

    private void release(VpcStore s, NatGateway n, NatGatewaySecondaryAddress a) {
        if (a.allocationId != null) {
            Address eip = s.addresses.get(a.allocationId);
            if (eip != null && a.associationId.equals(eip.associationId)) {
                net.addresses.unmap(s, eip);
            }
        }
        NetworkInterface eni = n.networkInterfaceId == null ? null : s.networkInterfaces.get(n.networkInterfaceId);
        if (eni != null && eni.secondaryPrivateIps.remove(a.privateIp)) {
            Subnet sn = s.subnets.get(eni.subnetId);
            if (sn != null) {
                sn.ips.release(Cidr.parseAddress(a.privateIp));
            }
        }
    }

    /** The gateway a change names: one that is available and not in the middle of a removal. */
    private NatGateway changeable(VpcStore s, String id) {
        NatGateway n = Ids.require(s.natGateways, "nat", id);
        String state = net.natGateways.state(n);
        if (state.equals("deleted")) {
            throw Ids.notFound("nat", n.id);
        }
        if (!state.equals("available")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The NAT gateway " + n.id + " is in state " + state
                    + "; its addresses can change only while it is available.");
        }
        if (n.secondaryAddresses.stream().anyMatch(this::removing)) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The NAT gateway " + n.id + " is still releasing addresses; "
                    + "try again once that is done.");
        }
        return n;
    }

    /**
     * Checks Elastic IPs for a public gateway (they exist, are free, are not named twice) and the private
     * addresses to pair with them (as many, when given).
     */
    List<Address> checkElasticIps(VpcStore s, List<String> allocationIds, List<String> privateIps) {
        List<Address> out = new ArrayList<>();
        for (String id : new LinkedHashSet<>(allocationIds)) {
            Address a = net.addresses.require(s, id);
            if (a.associationId != null) {
                throw Ec2Error.RESOURCE_ALREADY_ASSOCIATED.withMessage("resource " + a.id
                        + " is already associated with associate-id " + a.associationId);
            }
            out.add(a);
        }
        if (!privateIps.isEmpty() && privateIps.size() != allocationIds.size()) {
            throw Ec2Errors.invalidParameterValue("The number of private IP addresses must match the number of "
                    + "allocation IDs.");
        }
        return out;
    }

    /** Adds secondary addresses to the gateway's interface: with Elastic IPs (public) or without (private). */
    List<NatGatewaySecondaryAddress> add(VpcStore s, NatGateway n, List<Address> eips, List<String> privateIps,
            int count) {
        NetworkInterface eni = s.networkInterfaces.get(n.networkInterfaceId);
        Subnet sn = s.subnets.get(eni.subnetId);
        int wanted = eips.isEmpty() ? (privateIps.isEmpty() ? count : privateIps.size()) : eips.size();
        List<String> ips = new ArrayList<>();
        try {
            for (int i = 0; i < wanted; i++) {
                String requested = i < privateIps.size() ? privateIps.get(i) : null;
                ips.add(Cidr.formatAddress(net.subnets.allocateIp(sn, requested)));
            }
        } catch (RuntimeException ex) {
            ips.forEach(ip -> sn.ips.release(Cidr.parseAddress(ip)));
            throw ex;
        }
        List<NatGatewaySecondaryAddress> added = new ArrayList<>();
        for (int i = 0; i < wanted; i++) {
            NatGatewaySecondaryAddress a = new NatGatewaySecondaryAddress();
            a.privateIp = ips.get(i);
            a.added = net.now();
            eni.secondaryPrivateIps.add(a.privateIp);
            if (!eips.isEmpty()) {
                Address eip = eips.get(i);
                eip.associationId = net.id("eipassoc");
                eip.networkInterfaceId = eni.id;
                eip.privateIpAddress = a.privateIp;
                a.allocationId = eip.id;
                a.publicIp = eip.publicIp;
                a.associationId = eip.associationId;
            }
            n.secondaryAddresses.add(a);
            added.add(a);
        }
        return added;
    }

    public AssociateNatGatewayAddressResponse associateNatGatewayAddress(AssociateNatGatewayAddressRequest r) {
        VpcStore s = net.store();
        NatGateway n = changeable(s, r.natGatewayId());
        if (!n.connectivityType.equals("public")) {
            throw Ec2Errors.invalidParameterValue("Elastic IP addresses can only be associated with a public NAT "
                    + "gateway; " + n.id + " is private.");
        }
        if (r.availabilityZone() != null || r.availabilityZoneId() != null) {
            throw Ec2Errors.invalidParameterValue("AvailabilityZone and AvailabilityZoneId apply to regional NAT "
                    + "gateways only; " + n.id + " is zonal.");
        }
        List<String> ids = r.hasAllocationIds() ? r.allocationIds() : List.of();
        if (ids.isEmpty()) {
            throw Ec2Errors.missing("AllocationId");
        }
        List<Address> eips = checkElasticIps(s, ids, r.hasPrivateIpAddresses() ? r.privateIpAddresses() : List.of());
        Ec2Errors.checkDryRun(r.dryRun());
        List<NatGatewaySecondaryAddress> added = add(s, n, eips,
                r.hasPrivateIpAddresses() ? r.privateIpAddresses() : List.of(), 0);
        return AssociateNatGatewayAddressResponse.builder().natGatewayId(n.id)
                .natGatewayAddresses(added.stream().map(a -> toSdk(n, a)).toList()).build();
    }

    public DisassociateNatGatewayAddressResponse disassociateNatGatewayAddress(DisassociateNatGatewayAddressRequest r) {
        VpcStore s = net.store();
        NatGateway n = changeable(s, r.natGatewayId());
        List<String> ids = r.hasAssociationIds() ? r.associationIds() : List.of();
        if (ids.isEmpty()) {
            throw Ec2Errors.missing("AssociationId");
        }
        Address primary = n.allocationId == null ? null : s.addresses.get(n.allocationId);
        List<NatGatewaySecondaryAddress> removed = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            if (primary != null && id.equals(primary.associationId)) {
                throw Ec2Errors.invalidParameterValue("The primary Elastic IP address of NAT gateway " + n.id
                        + " cannot be disassociated.");
            }
            removed.add(n.secondaryAddresses.stream().filter(a -> id.equals(a.associationId)).findFirst()
                    .orElseThrow(() -> Ec2Error.INVALID_ASSOCIATION_ID_NOT_FOUND.of(id)));
        }
        Ec2Errors.checkDryRun(r.dryRun());
        removed.forEach(a -> a.removeRequested = net.now());
        return DisassociateNatGatewayAddressResponse.builder().natGatewayId(n.id)
                .natGatewayAddresses(removed.stream().map(a -> toSdk(n, a)).toList()).build();
    }

    public AssignPrivateNatGatewayAddressResponse assignPrivateNatGatewayAddress(AssignPrivateNatGatewayAddressRequest r) {
        VpcStore s = net.store();
        NatGateway n = changeable(s, r.natGatewayId());
        if (!n.connectivityType.equals("private")) {
            throw Ec2Errors.invalidParameterValue("Private IP addresses are assigned to private NAT gateways only; "
                    + n.id + " is public (use AssociateNatGatewayAddress).");
        }
        List<String> ips = r.hasPrivateIpAddresses() ? r.privateIpAddresses() : List.of();
        if (!ips.isEmpty() && r.privateIpAddressCount() != null) {
            throw Ec2Errors.combination("The parameters PrivateIpAddresses and PrivateIpAddressCount cannot be "
                    + "used together.");
        }
        if (ips.isEmpty() && r.privateIpAddressCount() == null) {
            throw Ec2Errors.missing("PrivateIpAddressCount");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        List<NatGatewaySecondaryAddress> added = add(s, n, List.of(), List.copyOf(new LinkedHashSet<>(ips)),
                r.privateIpAddressCount() == null ? 0 : r.privateIpAddressCount());
        return AssignPrivateNatGatewayAddressResponse.builder().natGatewayId(n.id)
                .natGatewayAddresses(added.stream().map(a -> toSdk(n, a)).toList()).build();
    }

    public UnassignPrivateNatGatewayAddressResponse unassignPrivateNatGatewayAddress(
            UnassignPrivateNatGatewayAddressRequest r) {
        VpcStore s = net.store();
        NatGateway n = changeable(s, r.natGatewayId());
        List<String> ips = r.hasPrivateIpAddresses() ? r.privateIpAddresses() : List.of();
        if (ips.isEmpty()) {
            throw Ec2Errors.missing("PrivateIpAddress");
        }
        List<NatGatewaySecondaryAddress> removed = new ArrayList<>();
        for (String ip : new LinkedHashSet<>(ips)) {
            if (ip.equals(n.privateIp)) {
                throw Ec2Errors.invalidParameterValue("The primary private IP address of NAT gateway " + n.id
                        + " cannot be unassigned.");
            }
            NatGatewaySecondaryAddress a = n.secondaryAddresses.stream().filter(x -> ip.equals(x.privateIp))
                    .findFirst().orElseThrow(() -> Ec2Errors.invalidParameterValue("The private IP address " + ip
                            + " is not assigned to NAT gateway " + n.id + "."));
            if (a.allocationId != null) {
                throw Ec2Errors.invalidParameterValue("The private IP address " + ip + " is mapped to Elastic IP "
                        + a.allocationId + "; disassociate it with DisassociateNatGatewayAddress.");
            }
            removed.add(a);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        removed.forEach(a -> a.removeRequested = net.now());
        return UnassignPrivateNatGatewayAddressResponse.builder().natGatewayId(n.id)
                .natGatewayAddresses(removed.stream().map(a -> toSdk(n, a)).toList()).build();
    }

    NatGatewayAddress toSdk(NatGateway n, NatGatewaySecondaryAddress a) {
        return NatGatewayAddress.builder().allocationId(a.allocationId).publicIp(a.publicIp)
                .associationId(a.associationId).privateIp(a.privateIp).networkInterfaceId(n.networkInterfaceId)
                .isPrimary(false).status(status(n, a)).build();
    }
}
