package io.gureum.vpc;

import io.gureum.core.topology.AvailabilityZone;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Ec2Filters;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.Ipv6Association;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.net.Cidr;
import io.gureum.vpc.net.IpAllocator;
import io.gureum.vpc.net.Ipv6;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.AssociateSubnetCidrBlockRequest;
import software.amazon.awssdk.services.ec2.model.AssociateSubnetCidrBlockResponse;
import software.amazon.awssdk.services.ec2.model.CreateSubnetRequest;
import software.amazon.awssdk.services.ec2.model.CreateSubnetResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSubnetRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSubnetResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateSubnetCidrBlockRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateSubnetCidrBlockResponse;
import software.amazon.awssdk.services.ec2.model.ModifySubnetAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifySubnetAttributeResponse;
import software.amazon.awssdk.services.ec2.model.SubnetCidrBlockState;
import software.amazon.awssdk.services.ec2.model.SubnetIpv6CidrBlockAssociation;

/**
 * Subnets: a block inside one of the VPC's blocks, /16 to /28, overlapping no other subnet of the VPC
 * (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html), in one Availability Zone.
 * AvailableIpAddressCount is the size minus AWS's 5 reserved addresses minus the addresses in use.
 */
public final class Subnets {
    private final Network net;
    private final Filters<Subnet> filters;

    Subnets(Network net) {
        this.net = net;
        this.filters = new Filters<Subnet>()
                .on("subnet-id", x -> x.id)
                .on("vpc-id", x -> x.vpcId)
                .on("vpcId", x -> x.vpcId)
                .on("availability-zone", x -> x.availabilityZone)
                .on("availabilityZone", x -> x.availabilityZone)
                .on("availability-zone-id", x -> x.availabilityZoneId)
                .on("availabilityZoneId", x -> x.availabilityZoneId)
                .on("available-ip-address-count", x -> x.ips.available())
                .on("cidr-block", x -> x.cidrText)
                .on("cidr", x -> x.cidrText)
                .on("cidrBlock", x -> x.cidrText)
                .on("default-for-az", x -> x.defaultForAz)
                .on("defaultForAz", x -> x.defaultForAz)
                .on("map-public-ip-on-launch", x -> x.mapPublicIpOnLaunch)
                .on("ipv6-cidr-block-association.ipv6-cidr-block", x -> x.ipv6Cidrs.stream().map(a -> a.cidr).toList())
                .on("ipv6-cidr-block-association.association-id",
                        x -> x.ipv6Cidrs.stream().map(a -> a.associationId).toList())
                .on("ipv6-cidr-block-association.state", x -> x.ipv6Cidrs.stream().map(a -> a.state).toList())
                .on("ipv6-native", x -> false)
                .on("owner-id", x -> x.ownerId)
                .on("state", x -> x.state)
                .on("subnet-arn", x -> x.arn);
    }

    Subnet require(VpcStore s, String id) {
        return Ids.require(s.subnets, "subnet", id);
    }

    /** Creates a subnet whose block has been validated, associated with the VPC's default NACL. */
    Subnet create(VpcStore s, Vpc vpc, Cidr cidr, AvailabilityZone zone) {
        Subnet sn = new Subnet(net.id("subnet"), s.account, net.now());
        sn.vpcId = vpc.id;
        sn.cidr = cidr;
        sn.cidrText = cidr.toString();
        sn.availabilityZone = zone.zoneName();
        sn.availabilityZoneId = zone.zoneId();
        sn.ips = new IpAllocator(cidr);
        sn.arn = net.arn(s, "subnet/" + sn.id);
        vpc.subnetIndex.add(cidr, sn);
        vpc.subnets.put(sn.id, sn);
        s.put(s.subnets, sn);
        net.networkAcls.associateDefault(s, vpc, sn);
        return sn;
    }

    public CreateSubnetResponse createSubnet(CreateSubnetRequest r) {
        VpcStore s = net.store();
        Vpc vpc = net.vpcs.require(s, r.vpcId());
        if (r.ipv4IpamPoolId() != null || r.ipv6IpamPoolId() != null) {
            // Subnets take their blocks from resource planning pools (a pool with a VPC as SourceResource), which
            // Gureum does not emulate (https://docs.aws.amazon.com/vpc/latest/ipam/planning-subnets-ipam.html).
            throw new io.gureum.core.error.AwsException("NotImplemented", "Gureum does not emulate subnets whose "
                    + "blocks come from IPAM pools (Ipv4IpamPoolId, Ipv6IpamPoolId).", 501);
        }
        if (r.cidrBlock() == null) {
            throw Ec2Errors.missing("cidrBlock");
        }
        Cidr cidr = Vpcs.parseCidr(r.cidrBlock(), "cidrBlock");
        boolean inVpc = vpc.cidrs.stream().anyMatch(c -> c.state.equals("associated") && c.cidr.contains(cidr));
        if (cidr.prefix() < 16 || cidr.prefix() > 28 || !inVpc) {
            throw Ec2Error.INVALID_SUBNET_RANGE.withMessage("The CIDR '" + r.cidrBlock() + "' is invalid.");
        }
        if (vpc.subnetIndex.overlapping(cidr).isPresent()) {
            throw Ec2Error.INVALID_SUBNET_CONFLICT.of(r.cidrBlock());
        }
        AvailabilityZone zone = zone(s, r.availabilityZone(), r.availabilityZoneId());
        Ipv6.Block v6 = r.ipv6CidrBlock() == null ? null : checkIpv6(s, vpc, r.ipv6CidrBlock(), null);
        Tags.validate(r.tagSpecifications(), "subnet");
        Ec2Errors.checkDryRun(r.dryRun());
        Subnet sn = create(s, vpc, cidr, zone);
        if (v6 != null) {
            sn.ipv6Cidrs.add(new Ipv6Association(net.id("subnet-cidr-assoc"), v6.toString(), null));
        }
        Tags.apply(r.tagSpecifications(), sn);
        return CreateSubnetResponse.builder().subnet(toSdk(s, sn)).build();
    }

    AvailabilityZone zone(VpcStore s, String name, String zoneId) {
        List<AvailabilityZone> zones = net.zones(s.region);
        if (name != null && zoneId != null) {
            throw Ec2Errors.combination("The parameter availabilityZone cannot be used with the parameter "
                    + "availabilityZoneId");
        }
        if (name == null && zoneId == null) {
            if (zones.isEmpty()) {
                throw Ec2Error.INVALID_PARAMETER_VALUE.withMessage("No Availability Zone in region " + s.region);
            }
            return zones.get((int) (s.subnets.size() % zones.size()));
        }
        for (AvailabilityZone z : zones) {
            if (z.zoneName().equals(name) || z.zoneId().equals(zoneId)) {
                return z;
            }
        }
        String all = zones.stream().map(AvailabilityZone::zoneName).collect(Collectors.joining(", "));
        if (name != null) {
            throw Ec2Errors.invalidValue(name, "availabilityZone",
                    "Subnets can currently only be created in the following availability zones: " + all + ".");
        }
        throw Ec2Errors.invalidValue(zoneId, "availabilityZoneId",
                "Subnets can currently only be created in the following availability zones: " + all + ".");
    }

    /** A subnet's IPv6 block is a /64 inside the VPC's /56, overlapping no other subnet's. */
    private Ipv6.Block checkIpv6(VpcStore s, Vpc vpc, String text, Subnet self) {
        Ipv6.Block block;
        try {
            block = Ipv6.parse(text);
        } catch (IllegalArgumentException e) {
            throw Ec2Errors.invalidValue(text, "ipv6CidrBlock", "This is not a valid CIDR block.");
        }
        boolean inside = vpc.ipv6Cidrs.stream().anyMatch(a -> Ipv6.parse(a.cidr).contains(block));
        if (block.prefix() != 64 || !inside) {
            throw Ec2Error.INVALID_SUBNET_RANGE.withMessage("The IPv6 CIDR '" + text + "' is invalid.");
        }
        for (Subnet other : s.subnets.values()) {
            if (other.vpcId.equals(vpc.id) && other != self
                    && other.ipv6Cidrs.stream().anyMatch(a -> Ipv6.parse(a.cidr).equals(block))) {
                throw Ec2Error.INVALID_SUBNET_CONFLICT.of(text);
            }
        }
        return block;
    }

    public DescribeSubnetsResponse describeSubnets(DescribeSubnetsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<Subnet> found = new ArrayList<>();
        if (r.hasSubnetIds() && !r.subnetIds().isEmpty()) {
            for (String id : r.subnetIds()) {
                found.add(require(s, id));
            }
        } else if (Ec2Filters.literalValues(r.filters(), "vpc-id") != null) {
            // A vpc-id filter narrows the candidates to those VPCs' subnets before the other filters run.
            for (String vpcId : Ec2Filters.literalValues(r.filters(), "vpc-id")) {
                var vpc = s.vpcs.get(vpcId);
                if (vpc != null) {
                    found.addAll(vpc.subnets.values());
                }
            }
        } else if (!byCidr(s, r.filters(), found)) {
            found.addAll(s.subnets.values());
        }
        var keep = filters.predicate(r.filters());
        List<Subnet> matching = new ArrayList<>();
        for (Subnet sn : found) {
            if (keep.test(sn)) {
                matching.add(sn);
            }
        }
        var page = Pagination.page(matching, r.maxResults(), r.nextToken());
        return DescribeSubnetsResponse.builder().subnets(page.items().stream().map(x -> toSdk(s, x)).toList())
                .nextToken(page.nextToken()).build();
    }

    /**
     * A {@code cidr-block} filter (literal values) narrows the candidates through each VPC's block index, O(VPCs) per
     * value rather than a pass over every subnet; the filters still run on what it finds. False (nothing added) when
     * the filter is absent or some subnet of this store is not in one of its VPCs' indexes.
     */
    private static boolean byCidr(VpcStore s, List<software.amazon.awssdk.services.ec2.model.Filter> filters,
            List<Subnet> found) {
        List<String> values = null;
        for (String name : List.of("cidr-block", "cidr", "cidrBlock")) {
            if (values == null) {
                values = Ec2Filters.literalValues(filters, name);
            }
        }
        if (values == null) {
            return false;
        }
        long indexed = 0;
        for (Vpc vpc : s.vpcs.values()) {
            indexed += vpc.subnetIndex.size();
        }
        if (indexed != s.subnets.size()) {
            return false;
        }
        java.util.Set<Subnet> out = new java.util.LinkedHashSet<>();
        for (String v : values) {
            Cidr c = Cidr.tryParse(v);
            if (c == null) {
                continue; // no subnet's block reads like this: the text comparison would match nothing either
            }
            for (Vpc vpc : s.vpcs.values()) {
                vpc.subnetIndex.overlapping(c).filter(sn -> sn.cidr.equals(c)).ifPresent(out::add);
            }
        }
        found.addAll(out);
        return true;
    }

    public DeleteSubnetResponse deleteSubnet(DeleteSubnetRequest r) {
        VpcStore s = net.store();
        Subnet sn = require(s, r.subnetId());
        Ec2Errors.checkDryRun(r.dryRun());
        // Network interfaces (of instances, NAT gateways, interface endpoints) keep a subnet alive.
        boolean inUse = s.networkInterfaces.values().stream().anyMatch(e -> e.subnetId.equals(sn.id))
                || s.natGateways.values().stream().anyMatch(n -> n.subnetId.equals(sn.id)
                        && net.natGateways.holdsSubnet(n))
                || net.clientVpnTargets.holdsSubnet(s, sn.id);
        if (inUse) {
            throw Ec2Errors.dependencyViolation("subnet", sn.id);
        }
        net.routeTables.forgetSubnet(s, sn.id);
        net.networkAcls.forgetSubnet(s, sn);
        net.subnetCidrReservations.forgetSubnet(s, sn.id);
        s.vpcs.get(sn.vpcId).subnetIndex.remove(sn.cidr);
        s.vpcs.get(sn.vpcId).subnets.remove(sn.id);
        s.remove(s.subnets, sn.id);
        return DeleteSubnetResponse.builder().build();
    }

    public ModifySubnetAttributeResponse modifySubnetAttribute(ModifySubnetAttributeRequest r) {
        VpcStore s = net.store();
        Subnet sn = require(s, r.subnetId());
        if (r.mapPublicIpOnLaunch() != null && r.mapPublicIpOnLaunch().value() != null) {
            sn.mapPublicIpOnLaunch = r.mapPublicIpOnLaunch().value();
        }
        if (r.assignIpv6AddressOnCreation() != null && r.assignIpv6AddressOnCreation().value() != null) {
            if (r.assignIpv6AddressOnCreation().value() && sn.ipv6Cidrs.isEmpty()) {
                throw Ec2Errors.invalidParameterValue("Subnet " + sn.id + " has no IPv6 CIDR block");
            }
            sn.assignIpv6AddressOnCreation = r.assignIpv6AddressOnCreation().value();
        }
        return ModifySubnetAttributeResponse.builder().build();
    }

    public AssociateSubnetCidrBlockResponse associateSubnetCidrBlock(AssociateSubnetCidrBlockRequest r) {
        VpcStore s = net.store();
        Subnet sn = require(s, r.subnetId());
        if (r.ipv6CidrBlock() == null) {
            throw Ec2Errors.missing("ipv6CidrBlock");
        }
        Vpc vpc = s.vpcs.get(sn.vpcId);
        if (!sn.ipv6Cidrs.isEmpty()) {
            throw Ec2Error.CIDR_LIMIT_EXCEEDED.withMessage("This network '" + sn.id + "' has met its maximum number of allowed CIDRs: 1");
        }
        Ipv6.Block block = checkIpv6(s, vpc, r.ipv6CidrBlock(), sn);
        Ipv6Association a = new Ipv6Association(net.id("subnet-cidr-assoc"), block.toString(), null);
        sn.ipv6Cidrs.add(a);
        return AssociateSubnetCidrBlockResponse.builder().subnetId(sn.id)
                .ipv6CidrBlockAssociation(ipv6ToSdk(a, "associating")).build();
    }

    public DisassociateSubnetCidrBlockResponse disassociateSubnetCidrBlock(DisassociateSubnetCidrBlockRequest r) {
        VpcStore s = net.store();
        for (Subnet sn : s.subnets.values()) {
            for (Ipv6Association a : sn.ipv6Cidrs) {
                if (a.associationId.equals(r.associationId())) {
                    sn.ipv6Cidrs.remove(a);
                    sn.assignIpv6AddressOnCreation = false;
                    return DisassociateSubnetCidrBlockResponse.builder().subnetId(sn.id)
                            .ipv6CidrBlockAssociation(ipv6ToSdk(a, "disassociating")).build();
                }
            }
        }
        throw Ec2Error.INVALID_SUBNET_CIDR_BLOCK_ASSOCIATION_ID_NOT_FOUND.of(r.associationId());
    }

    /** Takes a private address: the requested one, or the lowest free. */
    long allocateIp(Subnet sn, String requested) {
        if (requested != null) {
            long a;
            try {
                a = Cidr.parseAddress(requested);
            } catch (IllegalArgumentException e) {
                throw Ec2Errors.invalidValue(requested, "privateIpAddress", "This is not a valid IP address.");
            }
            if (!sn.ips.isUsable(a)) {
                throw Ec2Errors.invalidParameterValue("Address " + requested + " does not fall within the subnet's "
                        + "address range");
            }
            if (!sn.ips.take(a)) {
                throw Ec2Error.INVALID_IP_ADDRESS_IN_USE.of(requested);
            }
            return a;
        }
        List<Cidr> reserved = net.subnetCidrReservations.reservedIpv4(sn);
        long a = reserved.isEmpty() ? sn.ips.allocate() : sn.ips.allocateOutside(reserved);
        if (a < 0) {
            throw Ec2Error.INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET.of(sn.id);
        }
        return a;
    }

    software.amazon.awssdk.services.ec2.model.Subnet toSdk(VpcStore s, Subnet x) {
        return software.amazon.awssdk.services.ec2.model.Subnet.builder()
                .subnetId(x.id)
                .subnetArn(x.arn)
                .vpcId(x.vpcId)
                .ownerId(x.ownerId)
                .state(x.state)
                .cidrBlock(x.cidr.toString())
                .availabilityZone(x.availabilityZone)
                .availabilityZoneId(x.availabilityZoneId)
                .availableIpAddressCount((int) x.ips.available())
                .defaultForAz(x.defaultForAz)
                .mapPublicIpOnLaunch(x.mapPublicIpOnLaunch)
                .mapCustomerOwnedIpOnLaunch(false)
                .assignIpv6AddressOnCreation(x.assignIpv6AddressOnCreation)
                .ipv6Native(false)
                .ipv6CidrBlockAssociationSet(x.ipv6Cidrs.isEmpty() ? null
                        : x.ipv6Cidrs.stream().map(a -> ipv6ToSdk(a, a.state)).toList())
                .tags(Tags.toSdk(x.tags))
                .build();
    }

    private static SubnetIpv6CidrBlockAssociation ipv6ToSdk(Ipv6Association a, String state) {
        return SubnetIpv6CidrBlockAssociation.builder().associationId(a.associationId).ipv6CidrBlock(a.cidr)
                .ipv6CidrBlockState(SubnetCidrBlockState.builder().state(state).build()).build();
    }
}
