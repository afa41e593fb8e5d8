package io.gureum.vpc;

import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.Address;
import io.gureum.vpc.model.NatGateway;
import io.gureum.vpc.model.NetworkInterface;
import io.gureum.vpc.model.Subnet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateNatGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateNatGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNatGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNatGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNatGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNatGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.NatGatewayAddress;

/**
 * NAT gateways (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html): public ones
 * need an Elastic IP and live in a (public) subnet; private ones need none. The state follows the core
 * clock: {@code pending} for {@link #TRANSITION} after creation, then {@code available}; after
 * DeleteNatGateway {@code deleting} for {@link #TRANSITION}, then {@code deleted}, which releases the
 * gateway's interface and Elastic IP association. A public gateway whose VPC has no internet gateway,
 * or whose Elastic IP is taken, goes from {@code pending} to {@code failed} with AWS's failure code. Deleted gateways stay visible for
 * {@link #VISIBLE_AFTER_DELETE}, as in AWS.
 */
public final class NatGateways {
    static final Duration TRANSITION = Duration.ofSeconds(60);
    static final Duration VISIBLE_AFTER_DELETE = Duration.ofHours(1);
    private final Network net;
    private final Filters<NatGateway> filters;

    NatGateways(Network net) {
        this.net = net;
        this.filters = new Filters<NatGateway>()
                .on("nat-gateway-id", n -> n.id)
                .on("subnet-id", n -> n.subnetId)
                .on("vpc-id", n -> n.vpcId)
                .on("state", this::state);
    }

    /** True while the gateway holds its subnet and interface (not deleted, not failed; an outage keeps them). */
    boolean holdsSubnet(NatGateway n) {
        return !state(n).equals("deleted") && n.failureCode == null;
    }

    /** The state at the clock's current time. */
    String state(NatGateway n) {
        Instant now = net.now();
        if (n.deleteRequested != null) {
            return now.isBefore(n.deleteRequested.plus(TRANSITION)) ? "deleting" : "deleted";
        }
        if (now.isBefore(n.created.plus(TRANSITION))) {
            return "pending";
        }
        return n.failureCode != null || inOutage(n) ? "failed" : "available";
    }

    /**
     * Whether the gateway's zone is in an outage ({@code /_gureum/faults/az-outage}): it reports {@code failed}
     * and routes through it turn {@code blackhole} until the outage is lifted.
     */
    private boolean inOutage(NatGateway n) {
        return n.availabilityZone != null && !net.ctx.zoneStates().isAvailable(n.availabilityZone);
    }

    /**
     * Applies what came due: deleted gateways give back their interface, address and Elastic IP
     * association, and vanish an hour later. Called before each operation on the store.
     */
    void settle(VpcStore s) {
        if (s.natGateways.isEmpty()) {
            return;
        }
        for (NatGateway n : List.copyOf(s.natGateways.values())) {
            if (n.failureCode != null && !net.now().isBefore(n.created.plus(TRANSITION).plus(VISIBLE_AFTER_DELETE))) {
                s.remove(s.natGateways, n.id);
                continue;
            }
            net.natGatewayAddresses.settle(s, n);
            if (n.deleteRequested == null || !state(n).equals("deleted")) {
                continue;
            }
            n.secondaryAddresses.clear();
            // Deleted: still described for an hour, but no longer a resource to tag.
            s.forget(n);
            if (n.networkInterfaceId != null) {
                NetworkInterface eni = s.networkInterfaces.get(n.networkInterfaceId);
                if (eni != null) {
                    for (Address a : s.addresses.values()) {
                        if (eni.id.equals(a.networkInterfaceId)) {
                            net.addresses.unmap(s, a);
                        }
                    }
                    net.networkInterfaces.destroy(s, eni);
                }
                n.networkInterfaceId = null;
            }
            if (!net.now().isBefore(n.deleteRequested.plus(TRANSITION).plus(VISIBLE_AFTER_DELETE))) {
                s.remove(s.natGateways, n.id);
            }
        }
    }

    public CreateNatGatewayResponse createNatGateway(CreateNatGatewayRequest r) {
        VpcStore s = net.store();
        Subnet sn = net.subnets.require(s, r.subnetId());
        String type = r.connectivityTypeAsString() == null ? "public" : r.connectivityTypeAsString();
        Address eip = null;
        String failureCode = null;
        String failureMessage = null;
        if (type.equals("public")) {
            if (r.allocationId() == null) {
                throw Ec2Errors.missing("AllocationId");
            }
            eip = net.addresses.require(s, r.allocationId());
            boolean hasIgw = s.internetGateways.values().stream().anyMatch(g -> sn.vpcId.equals(g.attachedVpcId));
            // These two are not refused by the call: the gateway is created and then fails, with the
            // failure code and message AWS documents for DescribeNatGateways.
            if (eip.associationId != null) {
                failureCode = "Resource.AlreadyAssociated";
                failureMessage = "Elastic IP address " + eip.id + " is already associated";
            } else if (!hasIgw) {
                failureCode = "Gateway.NotAttached";
                failureMessage = "Network " + sn.vpcId + " has no Internet gateway attached";
            }
        } else if (!type.equals("private")) {
            throw Ec2Errors.invalidValue(type, "connectivityType", "Valid values are public and private.");
        } else if (r.allocationId() != null) {
            throw Ec2Errors.combination("Private NAT gateways cannot have an Elastic IP address");
        }
        List<String> secondaryIds = r.hasSecondaryAllocationIds() ? r.secondaryAllocationIds() : List.of();
        List<String> secondaryIps = r.hasSecondaryPrivateIpAddresses() ? r.secondaryPrivateIpAddresses() : List.of();
        Integer secondaryCount = r.secondaryPrivateIpAddressCount();
        List<Address> secondaryEips = List.of();
        if (type.equals("private") && !secondaryIds.isEmpty()) {
            throw Ec2Errors.combination("Private NAT gateways cannot have an Elastic IP address");
        }
        if (type.equals("public") && secondaryCount != null) {
            throw Ec2Errors.combination("SecondaryPrivateIpAddressCount applies to private NAT gateways only.");
        }
        if (!secondaryIps.isEmpty() && secondaryCount != null) {
            throw Ec2Errors.combination("The parameters SecondaryPrivateIpAddresses and SecondaryPrivateIpAddressCount "
                    + "cannot be used together.");
        }
        if (type.equals("public") && !secondaryIps.isEmpty() && secondaryIds.isEmpty()) {
            throw Ec2Errors.combination("A public NAT gateway's secondary private IP addresses are paired with "
                    + "SecondaryAllocationIds.");
        }
        if (type.equals("public") && !secondaryIds.isEmpty()) {
            if (secondaryIds.contains(r.allocationId())) {
                throw Ec2Errors.invalidParameterValue("The allocation ID " + r.allocationId() + " is both the "
                        + "primary and a secondary Elastic IP address.");
            }
            secondaryEips = net.natGatewayAddresses.checkElasticIps(s, secondaryIds, secondaryIps);
        }
        Tags.validate(r.tagSpecifications(), "natgateway");
        Ec2Errors.checkDryRun(r.dryRun());
        NatGateway n = new NatGateway(net.id("nat"), s.account, net.now());
        n.vpcId = sn.vpcId;
        n.subnetId = sn.id;
        n.availabilityZone = sn.availabilityZone;
        n.connectivityType = type;
        if (failureCode != null) {
            n.failureCode = failureCode;
            n.failureMessage = failureMessage;
            n.allocationId = eip.id;
        } else {
            NetworkInterface eni = net.networkInterfaces.createManaged(s, sn, r.privateIpAddress(), "nat_gateway",
                    "Interface for NAT Gateway " + n.id, List.of());
            n.networkInterfaceId = eni.id;
            n.privateIp = eni.privateIp;
            if (eip != null) {
                net.addresses.mapToNat(s, eip, eni);
                n.allocationId = eip.id;
                n.publicIp = eip.publicIp;
            }
            if (!secondaryEips.isEmpty() || !secondaryIps.isEmpty() || secondaryCount != null) {
                try {
                    net.natGatewayAddresses.add(s, n, secondaryEips, secondaryIps,
                            secondaryCount == null ? 0 : secondaryCount);
                } catch (RuntimeException ex) {
                    if (eip != null) {
                        net.addresses.unmap(s, eip);
                    }
                    net.networkInterfaces.destroy(s, eni);
                    throw ex;
                }
            }
        }
        s.put(s.natGateways, n);
        Tags.apply(r.tagSpecifications(), n);
        return CreateNatGatewayResponse.builder().natGateway(toSdk(n)).clientToken(r.clientToken()).build();
    }

    public DeleteNatGatewayResponse deleteNatGateway(DeleteNatGatewayRequest r) {
        VpcStore s = net.store();
        NatGateway n = Ids.require(s.natGateways, "nat", r.natGatewayId());
        if (state(n).equals("deleted")) {
            throw Ids.notFound("nat", n.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (n.deleteRequested == null) {
            n.deleteRequested = net.now();
        }
        return DeleteNatGatewayResponse.builder().natGatewayId(n.id).build();
    }

    public DescribeNatGatewaysResponse describeNatGateways(DescribeNatGatewaysRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<NatGateway> found = new ArrayList<>();
        if (r.hasNatGatewayIds() && !r.natGatewayIds().isEmpty()) {
            for (String id : r.natGatewayIds()) {
                found.add(Ids.require(s.natGateways, "nat", id));
            }
        } else {
            found.addAll(s.natGateways.values());
        }
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filter())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeNatGatewaysResponse.builder().natGateways(page.items().stream().map(this::toSdk).toList())
                .nextToken(page.nextToken()).build();
    }

    private List<NatGatewayAddress> addresses(NatGateway n, NatGatewayAddress primary) {
        List<NatGatewayAddress> out = new ArrayList<>();
        out.add(primary);
        n.secondaryAddresses.forEach(a -> out.add(net.natGatewayAddresses.toSdk(n, a)));
        return out;
    }

    software.amazon.awssdk.services.ec2.model.NatGateway toSdk(NatGateway n) {
        String state = state(n);
        var address = NatGatewayAddress.builder().privateIp(n.privateIp).isPrimary(true)
                .networkInterfaceId(n.networkInterfaceId);
        if (n.allocationId != null) {
            Address eip = net.store().addresses.get(n.allocationId);
            address.allocationId(n.allocationId).publicIp(n.publicIp).associationId(eip != null
                    && n.networkInterfaceId != null && n.networkInterfaceId.equals(eip.networkInterfaceId)
                    ? eip.associationId : null);
        }
        address.status(state.equals("deleted") ? "succeeded" : state.equals("deleting") ? "disassociating"
                : state.equals("pending") ? "associating" : "succeeded");
        var b = software.amazon.awssdk.services.ec2.model.NatGateway.builder()
                .natGatewayId(n.id).vpcId(n.vpcId).subnetId(n.subnetId).connectivityType(n.connectivityType)
                .state(state).createTime(n.created).natGatewayAddresses(addresses(n, address.build()))
                .tags(Tags.toSdk(n.tags));
        if (state.equals("failed") && n.failureCode != null) {
            b.failureCode(n.failureCode).failureMessage(n.failureMessage);
        } else if (state.equals("failed")) {
            b.failureCode("InternalError").failureMessage("The NAT gateway's Availability Zone (" + n.availabilityZone
                    + ") is impaired.");
        }
        if (n.deleteRequested != null && state.equals("deleted")) {
            b.deleteTime(n.deleteRequested.plus(TRANSITION));
        }
        return b.build();
    }
}
