package io.gureum.vpc;

import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.CidrAssociation;
import io.gureum.vpc.model.Ipv6Association;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.net.Cidr;
import io.gureum.vpc.net.IpBlock;
import io.gureum.vpc.net.Ipv6;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.ec2.model.AssociateVpcCidrBlockRequest;
import software.amazon.awssdk.services.ec2.model.AssociateVpcCidrBlockResponse;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.CreateDefaultVpcRequest;
import software.amazon.awssdk.services.ec2.model.CreateDefaultVpcResponse;
import software.amazon.awssdk.services.ec2.model.CreateVpcRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpcRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateVpcCidrBlockRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateVpcCidrBlockResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcAttributeResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcTenancyRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcTenancyResponse;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockState;
import software.amazon.awssdk.services.ec2.model.VpcIpv6CidrBlockAssociation;

/**
 * VPCs: IPv4 blocks from /16 to /28 (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html),
 * up to five IPv4 blocks, an Amazon-provided IPv6 /56, DNS attributes, and the main route table,
 * default network ACL and default security group created with every VPC.
 */
public final class Vpcs {
    static final int MAX_IPV4_BLOCKS = 5;
    private final Network net;
    private final Filters<Vpc> filters = new Filters<Vpc>()
            .on("vpc-id", v -> v.id)
            .on("cidr", v -> v.primaryCidr.toString())
            .on("cidr-block-association.cidr-block", v -> v.cidrs.stream().map(c -> c.cidr.toString()).toList())
            .on("cidr-block-association.association-id", v -> v.cidrs.stream().map(c -> c.associationId).toList())
            .on("cidr-block-association.state", v -> v.cidrs.stream().map(c -> c.state).toList())
            .on("ipv6-cidr-block-association.ipv6-cidr-block", v -> v.ipv6Cidrs.stream().map(c -> c.cidr).toList())
            .on("ipv6-cidr-block-association.association-id",
                    v -> v.ipv6Cidrs.stream().map(c -> c.associationId).toList())
            .on("ipv6-cidr-block-association.state", v -> v.ipv6Cidrs.stream().map(c -> c.state).toList())
            .on("ipv6-cidr-block-association.ipv6-pool", v -> v.ipv6Cidrs.isEmpty() ? null : "Amazon")
            .on("dhcp-options-id", v -> v.dhcpOptionsId)
            .on("is-default", v -> v.isDefault)
            .on("isDefault", v -> v.isDefault)
            .on("owner-id", v -> v.ownerId)
            .on("state", v -> "available");

    Vpcs(Network net) {
        this.net = net;
    }

    Vpc require(VpcStore s, String id) {
        return Ids.require(s.vpcs, "vpc", id);
    }

    static Cidr parseCidr(String text, String parameter) {
        Cidr c = Cidr.tryParse(text);
        if (c == null) {
            throw Ec2Errors.invalidValue(text, parameter, "This is not a valid CIDR block.");
        }
        return c;
    }

    /** IPv6 blocks from IPAM pools are not emulated (only IPv4 pools give VPCs their blocks). */
    private static void noIpv6Pool(String poolId) {
        if (poolId != null) {
            throw new io.gureum.core.error.AwsException("NotImplemented", "Gureum does not emulate IPv6 blocks from "
                    + "IPAM pools (Ipv6IpamPoolId); IPv4 pools (Ipv4IpamPoolId) are emulated.", 501);
        }
    }

    public CreateVpcResponse createVpc(CreateVpcRequest r) {
        VpcStore s = net.store();
        noIpv6Pool(r.ipv6IpamPoolId());
        IpBlock fromPool = null;
        if (r.ipv4IpamPoolId() != null) {
            fromPool = net.ipamPools.pickForVpc(s, r.ipv4IpamPoolId(), r.cidrBlock(), r.ipv4NetmaskLength(),
                    io.gureum.ec2common.TagSpecifications.tagsOf(r.tagSpecifications()));
        } else if (r.ipv4NetmaskLength() != null) {
            throw Ec2Errors.missing("Ipv4IpamPoolId");
        } else if (r.cidrBlock() == null) {
            throw Ec2Errors.missing("cidrBlock");
        }
        String text = fromPool != null ? fromPool.toString() : r.cidrBlock();
        Cidr cidr = parseCidr(text, "cidrBlock");
        if (cidr.prefix() < 16 || cidr.prefix() > 28) {
            throw Ec2Error.INVALID_VPC_RANGE.of(text);
        }
        String tenancy = r.instanceTenancyAsString() == null ? "default" : r.instanceTenancyAsString();
        if (!tenancy.equals("default") && !tenancy.equals("dedicated")) {
            throw Ec2Errors.invalidValue(tenancy, "instanceTenancy", "Valid values are default and dedicated.");
        }
        Tags.validate(r.tagSpecifications(), "vpc");
        Ec2Errors.checkDryRun(r.dryRun());
        Vpc vpc = create(s, cidr, false);
        if (fromPool != null) {
            net.ipamPools.allocateToVpc(s, r.ipv4IpamPoolId(), fromPool, vpc.id);
        }
        vpc.instanceTenancy = tenancy;
        if (Boolean.TRUE.equals(r.amazonProvidedIpv6CidrBlock())) {
            addIpv6(s, vpc);
        }
        Tags.apply(r.tagSpecifications(), vpc);
        return CreateVpcResponse.builder().vpc(toSdk(vpc, "pending")).build();
    }

    /** A VPC with its main route table, default network ACL and default security group. */
    Vpc create(VpcStore s, Cidr cidr, boolean isDefault) {
        Vpc vpc = new Vpc(net.id("vpc"), s.account, net.now());
        vpc.primaryCidr = cidr;
        vpc.cidrs.add(new CidrAssociation(net.id("vpc-cidr-assoc"), cidr));
        vpc.dhcpOptionsId = net.dhcpOptions.forNewVpc(s);
        vpc.isDefault = isDefault;
        vpc.enableDnsHostnames = isDefault;
        s.put(s.vpcs, vpc);
        vpc.mainRouteTableId = net.routeTables.createMain(s, vpc).id;
        vpc.defaultNetworkAclId = net.networkAcls.createDefault(s, vpc).id;
        vpc.defaultSecurityGroupId = net.securityGroups.createDefault(s, vpc).id;
        return vpc;
    }

    private Ipv6Association addIpv6(VpcStore s, Vpc vpc) {
        Ipv6Association a = new Ipv6Association(net.id("vpc-cidr-assoc"),
                Ipv6.amazonProvided56(ThreadLocalRandom.current()).toString(), s.region);
        vpc.ipv6Cidrs.add(a);
        net.routeTables.addLocalRoutes(s, vpc, null, a.cidr);
        return a;
    }

    public DescribeVpcsResponse describeVpcs(DescribeVpcsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<Vpc> found = new ArrayList<>();
        if (r.hasVpcIds() && !r.vpcIds().isEmpty()) {
            for (String id : r.vpcIds()) {
                found.add(require(s, id));
            }
        } else {
            found.addAll(s.vpcs.values());
        }
        var keep = filters.predicate(r.filters());
        var page = Pagination.page(found.stream().filter(keep).toList(), r.maxResults(), r.nextToken());
        return DescribeVpcsResponse.builder()
                .vpcs(page.items().stream().map(v -> toSdk(v, "available")).toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteVpcResponse deleteVpc(DeleteVpcRequest r) {
        VpcStore s = net.store();
        Vpc vpc = require(s, r.vpcId());
        Ec2Errors.checkDryRun(r.dryRun());
        // Everything the user created inside must go first; the main route table, default NACL and
        // default security group go with the VPC
        // (https://docs.aws.amazon.com/vpc/latest/userguide/delete-vpc.html).
        boolean dependents = s.subnets.values().stream().anyMatch(x -> x.vpcId.equals(vpc.id))
                || s.internetGateways.values().stream().anyMatch(x -> vpc.id.equals(x.attachedVpcId))
                || s.egressOnlyInternetGateways.values().stream().anyMatch(x -> vpc.id.equals(x.vpcId))
                || s.routeTables.values().stream().anyMatch(x -> x.vpcId.equals(vpc.id) && !x.id.equals(vpc.mainRouteTableId))
                || s.networkAcls.values().stream().anyMatch(x -> x.vpcId.equals(vpc.id) && !x.isDefault)
                || s.securityGroups.values().stream().anyMatch(x -> x.vpcId.equals(vpc.id) && !x.id.equals(vpc.defaultSecurityGroupId))
                || s.vpcEndpoints.values().stream().anyMatch(x -> x.vpcId.equals(vpc.id) && !x.state.equals("deleted"))
                || s.networkInterfaces.values().stream().anyMatch(x -> x.vpcId.equals(vpc.id))
                || s.natGateways.values().stream().anyMatch(x -> x.vpcId.equals(vpc.id)
                        && net.natGateways.holdsSubnet(x))
                || s.vpnGateways.values().stream().anyMatch(x -> x.attachments.containsKey(vpc.id))
                || s.tgwAttachments.values().stream().anyMatch(x -> vpc.id.equals(x.vpcId) && !x.state.equals("deleted"))
                || s.carrierGateways.values().stream().anyMatch(x -> x.vpcId.equals(vpc.id)
                        && net.carrierGateways.holdsVpc(x))
                || net.securityGroupVpcAssociations.associatedWith(s, vpc.id)
                || net.routeServers.associatedWith(s, vpc.id);
        if (dependents) {
            throw Ec2Errors.dependencyViolation("vpc", vpc.id);
        }
        // Peering connections of a deleted VPC are deleted with it.
        s.peerings.values().stream().filter(p -> vpc.id.equals(p.requesterVpcId) || vpc.id.equals(p.accepterVpcId))
                .filter(p -> p.status.equals("active") || p.status.equals("pending-acceptance"))
                .forEach(p -> net.peering.markDeleted(p, s.account));
        // Its encryption control goes with it.
        net.encryptionControls.vpcDeleted(s, vpc.id);
        s.remove(s.routeTables, vpc.mainRouteTableId);
        s.remove(s.networkAcls, vpc.defaultNetworkAclId);
        s.remove(s.securityGroups, vpc.defaultSecurityGroupId);
        s.remove(s.vpcs, vpc.id);
        net.ipamPools.releaseFromVpc(s, vpc.id, null);
        return DeleteVpcResponse.builder().build();
    }

    public DescribeVpcAttributeResponse describeVpcAttribute(DescribeVpcAttributeRequest r) {
        VpcStore s = net.store();
        if (r.attribute() == null) {
            throw Ec2Errors.missing("attribute");
        }
        Vpc vpc = require(s, r.vpcId());
        Ec2Errors.checkDryRun(r.dryRun());
        var b = DescribeVpcAttributeResponse.builder().vpcId(vpc.id);
        switch (r.attributeAsString()) {
            case "enableDnsSupport" -> b.enableDnsSupport(bool(vpc.enableDnsSupport));
            case "enableDnsHostnames" -> b.enableDnsHostnames(bool(vpc.enableDnsHostnames));
            case "enableNetworkAddressUsageMetrics" ->
                    b.enableNetworkAddressUsageMetrics(bool(vpc.enableNetworkAddressUsageMetrics));
            default -> throw Ec2Errors.invalidValue(r.attributeAsString(), "attribute",
                    "Valid values are enableDnsSupport, enableDnsHostnames and enableNetworkAddressUsageMetrics.");
        }
        return b.build();
    }

    private static AttributeBooleanValue bool(boolean v) {
        return AttributeBooleanValue.builder().value(v).build();
    }

    /** One attribute per call, as AWS requires. */
    public ModifyVpcAttributeResponse modifyVpcAttribute(ModifyVpcAttributeRequest r) {
        VpcStore s = net.store();
        Vpc vpc = require(s, r.vpcId());
        List<String> given = new ArrayList<>();
        if (r.enableDnsSupport() != null) {
            given.add("enableDnsSupport");
        }
        if (r.enableDnsHostnames() != null) {
            given.add("enableDnsHostnames");
        }
        if (r.enableNetworkAddressUsageMetrics() != null) {
            given.add("enableNetworkAddressUsageMetrics");
        }
        if (given.isEmpty()) {
            throw Ec2Errors.missing("attribute");
        }
        if (given.size() > 1) {
            throw Ec2Errors.combination("Fields for multiple attribute types specified: " + String.join(", ", given));
        }
        if (r.enableDnsSupport() != null && r.enableDnsSupport().value() != null) {
            vpc.enableDnsSupport = r.enableDnsSupport().value();
        }
        if (r.enableDnsHostnames() != null && r.enableDnsHostnames().value() != null) {
            vpc.enableDnsHostnames = r.enableDnsHostnames().value();
        }
        if (r.enableNetworkAddressUsageMetrics() != null && r.enableNetworkAddressUsageMetrics().value() != null) {
            vpc.enableNetworkAddressUsageMetrics = r.enableNetworkAddressUsageMetrics().value();
        }
        return ModifyVpcAttributeResponse.builder().build();
    }

    /** Only dedicated → default is allowed (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcTenancy.html). */
    public ModifyVpcTenancyResponse modifyVpcTenancy(ModifyVpcTenancyRequest r) {
        VpcStore s = net.store();
        Vpc vpc = require(s, r.vpcId());
        if (!"default".equals(r.instanceTenancyAsString())) {
            throw Ec2Errors.invalidValue(String.valueOf(r.instanceTenancyAsString()), "instanceTenancy",
                    "Valid values are default.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        vpc.instanceTenancy = "default";
        return ModifyVpcTenancyResponse.builder().returnValue(true).build();
    }

    public AssociateVpcCidrBlockResponse associateVpcCidrBlock(AssociateVpcCidrBlockRequest r) {
        VpcStore s = net.store();
        Vpc vpc = require(s, r.vpcId());
        var b = AssociateVpcCidrBlockResponse.builder().vpcId(vpc.id);
        if (Boolean.TRUE.equals(r.amazonProvidedIpv6CidrBlock())) {
            if (r.cidrBlock() != null) {
                throw Ec2Errors.combination("The parameter cidrBlock cannot be used with the parameter "
                        + "amazonProvidedIpv6CidrBlock");
            }
            if (!vpc.ipv6Cidrs.isEmpty()) {
                throw Ec2Error.CIDR_LIMIT_EXCEEDED.withMessage("This network '" + vpc.id + "' has met its maximum number of allowed CIDRs: 1");
            }
            Ipv6Association a = addIpv6(s, vpc);
            return b.ipv6CidrBlockAssociation(ipv6ToSdk(a, "associating")).build();
        }
        noIpv6Pool(r.ipv6IpamPoolId());
        IpBlock fromPool = null;
        if (r.ipv4IpamPoolId() != null) {
            fromPool = net.ipamPools.pickForVpc(s, r.ipv4IpamPoolId(), r.cidrBlock(), r.ipv4NetmaskLength(),
                    s.tagsOf(vpc));
        } else if (r.ipv4NetmaskLength() != null) {
            throw Ec2Errors.missing("Ipv4IpamPoolId");
        } else if (r.cidrBlock() == null) {
            throw Ec2Errors.missing("cidrBlock");
        }
        String text = fromPool != null ? fromPool.toString() : r.cidrBlock();
        Cidr cidr = parseCidr(text, "cidrBlock");
        if (cidr.prefix() < 16 || cidr.prefix() > 28) {
            throw Ec2Error.INVALID_VPC_RANGE.of(text);
        }
        List<CidrAssociation> live = vpc.cidrs.stream().filter(c -> c.state.equals("associated")).toList();
        for (CidrAssociation c : live) {
            if (c.cidr.overlaps(cidr)) {
                throw Ec2Error.INVALID_VPC_RANGE.of(text);
            }
        }
        if (live.size() >= MAX_IPV4_BLOCKS) {
            throw Ec2Error.CIDR_LIMIT_EXCEEDED.withMessage("This network '" + vpc.id
                    + "' has met its maximum number of allowed CIDRs: " + MAX_IPV4_BLOCKS);
        }
        CidrAssociation a = new CidrAssociation(net.id("vpc-cidr-assoc"), cidr);
        vpc.cidrs.add(a);
        if (fromPool != null) {
            net.ipamPools.allocateToVpc(s, r.ipv4IpamPoolId(), fromPool, vpc.id);
        }
        net.routeTables.addLocalRoutes(s, vpc, cidr.toString(), null);
        return b.cidrBlockAssociation(cidrToSdk(a, "associating")).build();
    }

    public DisassociateVpcCidrBlockResponse disassociateVpcCidrBlock(DisassociateVpcCidrBlockRequest r) {
        VpcStore s = net.store();
        String assoc = r.associationId();
        if (assoc == null) {
            throw Ec2Errors.missing("associationId");
        }
        for (Vpc vpc : s.vpcs.values()) {
            for (CidrAssociation c : vpc.cidrs) {
                if (c.associationId.equals(assoc) && c.state.equals("associated")) {
                    if (c.cidr.equals(vpc.primaryCidr)) {
                        throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("The vpc CIDR block with association ID "
                                + assoc + " may not be disassociated. It is the primary IPv4 CIDR block of the VPC");
                    }
                    boolean used = s.subnets.values().stream()
                            .anyMatch(sn -> sn.vpcId.equals(vpc.id) && c.cidr.contains(sn.cidr));
                    if (used) {
                        throw Ec2Error.DEPENDENCY_VIOLATION.withMessage("The vpc CIDR block with association ID "
                                + assoc + " has dependencies and cannot be disassociated.");
                    }
                    vpc.cidrs.remove(c);
                    net.routeTables.removeLocalRoutes(s, vpc, c.cidr.toString());
                    net.ipamPools.releaseFromVpc(s, vpc.id, c.cidr.toString());
                    return DisassociateVpcCidrBlockResponse.builder().vpcId(vpc.id)
                            .cidrBlockAssociation(cidrToSdk(c, "disassociating")).build();
                }
            }
            for (Ipv6Association c : vpc.ipv6Cidrs) {
                if (c.associationId.equals(assoc)) {
                    boolean used = s.subnets.values().stream()
                            .anyMatch(sn -> sn.vpcId.equals(vpc.id) && !sn.ipv6Cidrs.isEmpty());
                    if (used) {
                        throw Ec2Error.DEPENDENCY_VIOLATION.withMessage("The vpc CIDR block with association ID "
                                + assoc + " has dependencies and cannot be disassociated.");
                    }
                    vpc.ipv6Cidrs.remove(c);
                    net.routeTables.removeLocalRoutes(s, vpc, c.cidr);
                    return DisassociateVpcCidrBlockResponse.builder().vpcId(vpc.id)
                            .ipv6CidrBlockAssociation(ipv6ToSdk(c, "disassociating")).build();
                }
            }
        }
        throw Ec2Error.INVALID_VPC_CIDR_BLOCK_ASSOCIATION_ID_NOT_FOUND.of(assoc);
    }

    /**
     * A default VPC: 172.31.0.0/16, a default /20 subnet in every Availability Zone, an attached
     * internet gateway and a 0.0.0.0/0 route to it
     * (https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html).
     */
    Vpc createDefaultNetwork(VpcStore s) {
        Vpc vpc = create(s, Cidr.parse("172.31.0.0/16"), true);
        var zones = net.zones(s.region);
        for (int i = 0; i < zones.size(); i++) {
            Subnet sn = net.subnets.create(s, vpc, vpc.primaryCidr.subBlock(20, i), zones.get(i));
            sn.defaultForAz = true;
            sn.mapPublicIpOnLaunch = true;
        }
        String igw = net.internetGateways.createAttached(s, vpc).id;
        net.routeTables.addDefaultRoute(s, vpc.mainRouteTableId, igw);
        return vpc;
    }

    public CreateDefaultVpcResponse createDefaultVpc(CreateDefaultVpcRequest r) {
        VpcStore s = net.store();
        if (s.vpcs.values().stream().anyMatch(v -> v.isDefault)) {
            throw Ec2Error.DEFAULT_VPC_ALREADY_EXISTS.of();
        }
        Ec2Errors.checkDryRun(r.dryRun());
        return CreateDefaultVpcResponse.builder().vpc(toSdk(createDefaultNetwork(s), "pending")).build();
    }

    software.amazon.awssdk.services.ec2.model.Vpc toSdk(Vpc v, String state) {
        return software.amazon.awssdk.services.ec2.model.Vpc.builder()
                .vpcId(v.id)
                .ownerId(v.ownerId)
                .state(state)
                .cidrBlock(v.primaryCidr.toString())
                .cidrBlockAssociationSet(v.cidrs.stream().map(c -> cidrToSdk(c, c.state)).toList())
                .ipv6CidrBlockAssociationSet(v.ipv6Cidrs.isEmpty() ? null
                        : v.ipv6Cidrs.stream().map(c -> ipv6ToSdk(c, c.state)).toList())
                .dhcpOptionsId(v.dhcpOptionsId)
                .instanceTenancy(v.instanceTenancy)
                .isDefault(v.isDefault)
                .encryptionControl(net.encryptionControls.ofVpc(net.store(), v.id))
                .tags(Tags.toSdk(v.tags))
                .build();
    }

    private static VpcCidrBlockAssociation cidrToSdk(CidrAssociation c, String state) {
        return VpcCidrBlockAssociation.builder().associationId(c.associationId).cidrBlock(c.cidr.toString())
                .cidrBlockState(VpcCidrBlockState.builder().state(state).build()).build();
    }

    private static VpcIpv6CidrBlockAssociation ipv6ToSdk(Ipv6Association c, String state) {
        return VpcIpv6CidrBlockAssociation.builder().associationId(c.associationId).ipv6CidrBlock(c.cidr)
                .ipv6Pool("Amazon").networkBorderGroup(c.networkBorderGroup)
                .ipv6CidrBlockState(VpcCidrBlockState.builder().state(state).build()).build();
    }
}
