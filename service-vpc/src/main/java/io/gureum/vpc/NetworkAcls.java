package io.gureum.vpc;

import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.NetworkAcl;
import io.gureum.vpc.model.NetworkAclAssociation;
import io.gureum.vpc.model.NetworkAclEntry;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.Vpc;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateNetworkAclEntryRequest;
import software.amazon.awssdk.services.ec2.model.CreateNetworkAclEntryResponse;
import software.amazon.awssdk.services.ec2.model.CreateNetworkAclRequest;
import software.amazon.awssdk.services.ec2.model.CreateNetworkAclResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkAclEntryRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkAclEntryResponse;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkAclRequest;
import software.amazon.awssdk.services.ec2.model.DeleteNetworkAclResponse;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkAclsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeNetworkAclsResponse;
import software.amazon.awssdk.services.ec2.model.IcmpTypeCode;
import software.amazon.awssdk.services.ec2.model.PortRange;
import software.amazon.awssdk.services.ec2.model.ReplaceNetworkAclAssociationRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceNetworkAclAssociationResponse;
import software.amazon.awssdk.services.ec2.model.ReplaceNetworkAclEntryRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceNetworkAclEntryResponse;

/**
 * Network ACLs (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html): stateless,
 * numbered rules evaluated lowest first, ending in the unchangeable rule {@code *} (32767) that denies.
 * A VPC's default ACL allows everything (rule 100, plus 101 for IPv6); a custom ACL starts denying
 * everything. Every subnet is associated with exactly one ACL; new subnets get the default one.
 */
public final class NetworkAcls {
    static final int LAST_RULE = 32767;
    private final Network net;
    private final Filters<NetworkAcl> filters;

    NetworkAcls(Network net) {
        this.net = net;
        this.filters = new Filters<NetworkAcl>()
                .on("network-acl-id", a -> a.id)
                .on("vpc-id", a -> a.vpcId)
                .on("default", a -> a.isDefault)
                .on("owner-id", a -> a.ownerId)
                .on("association.association-id", a -> a.associations.stream().map(x -> x.associationId).toList())
                .on("association.network-acl-id", a -> a.associations.isEmpty() ? null : a.id)
                .on("association.subnet-id", a -> a.associations.stream().map(x -> x.subnetId).toList())
                .on("entry.cidr", a -> a.entries.stream().map(e -> e.cidrBlock).toList())
                .on("entry.ipv6-cidr", a -> a.entries.stream().map(e -> e.ipv6CidrBlock).toList())
                .on("entry.egress", a -> a.entries.stream().map(e -> e.egress).toList())
                .on("entry.protocol", a -> a.entries.stream().map(e -> e.protocol).toList())
                .on("entry.rule-action", a -> a.entries.stream().map(e -> e.ruleAction).toList())
                .on("entry.rule-number", a -> a.entries.stream().map(e -> e.ruleNumber).toList())
                .on("entry.port-range.from", a -> a.entries.stream().map(e -> e.portFrom).toList())
                .on("entry.port-range.to", a -> a.entries.stream().map(e -> e.portTo).toList());
    }

    NetworkAcl require(VpcStore s, String id) {
        return Ids.require(s.networkAcls, "acl", id);
    }

    private NetworkAcl newAcl(VpcStore s, Vpc vpc, boolean isDefault) {
        NetworkAcl acl = new NetworkAcl(net.id("acl"), s.account, net.now());
        acl.vpcId = vpc.id;
        acl.isDefault = isDefault;
        for (boolean egress : new boolean[] {false, true}) {
            if (isDefault) {
                acl.entries.add(entry(100, egress, "allow", "0.0.0.0/0", null));
            }
            acl.entries.add(entry(LAST_RULE, egress, "deny", "0.0.0.0/0", null));
        }
        return s.put(s.networkAcls, acl);
    }

    private static NetworkAclEntry entry(int number, boolean egress, String action, String cidr, String ipv6) {
        NetworkAclEntry e = new NetworkAclEntry();
        e.ruleNumber = number;
        e.egress = egress;
        e.protocol = "-1";
        e.ruleAction = action;
        e.cidrBlock = cidr;
        e.ipv6CidrBlock = ipv6;
        return e;
    }

    NetworkAcl createDefault(VpcStore s, Vpc vpc) {
        return newAcl(s, vpc, true);
    }

    void associateDefault(VpcStore s, Vpc vpc, Subnet sn) {
        s.networkAcls.get(vpc.defaultNetworkAclId).associations
                .add(new NetworkAclAssociation(net.id("aclassoc"), sn.id));
    }

    /**
     * Drops the subnet's association. Only its VPC's ACLs can hold one (associations never cross VPCs), so the other
     * VPCs' default ACLs, each associated with all of their VPC's subnets, are not scanned.
     */
    void forgetSubnet(VpcStore s, Subnet sn) {
        for (NetworkAcl acl : s.networkAcls.values()) {
            if (sn.vpcId.equals(acl.vpcId)) {
                acl.associations.removeIf(a -> a.subnetId.equals(sn.id));
            }
        }
    }

    public CreateNetworkAclResponse createNetworkAcl(CreateNetworkAclRequest r) {
        VpcStore s = net.store();
        Vpc vpc = net.vpcs.require(s, r.vpcId());
        Tags.validate(r.tagSpecifications(), "network-acl");
        Ec2Errors.checkDryRun(r.dryRun());
        NetworkAcl acl = newAcl(s, vpc, false);
        Tags.apply(r.tagSpecifications(), acl);
        return CreateNetworkAclResponse.builder().networkAcl(toSdk(acl)).build();
    }

    public DescribeNetworkAclsResponse describeNetworkAcls(DescribeNetworkAclsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<NetworkAcl> found = new ArrayList<>();
        if (r.hasNetworkAclIds() && !r.networkAclIds().isEmpty()) {
            for (String id : r.networkAclIds()) {
                found.add(require(s, id));
            }
        } else {
            found.addAll(s.networkAcls.values());
        }
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 100);
        return DescribeNetworkAclsResponse.builder().networkAcls(page.items().stream().map(this::toSdk).toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteNetworkAclResponse deleteNetworkAcl(DeleteNetworkAclRequest r) {
        VpcStore s = net.store();
        NetworkAcl acl = require(s, r.networkAclId());
        if (acl.isDefault) {
            throw Ec2Error.INVALID_PARAMETER_VALUE.withMessage("cannot delete default network ACL " + acl.id);
        }
        if (!acl.associations.isEmpty()) {
            throw Ec2Errors.dependencyViolation("networkAcl", acl.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        s.remove(s.networkAcls, acl.id);
        return DeleteNetworkAclResponse.builder().build();
    }

    private NetworkAclEntry entryFrom(Integer number, Boolean egress, String protocol, String action, String cidr,
            String ipv6, IcmpTypeCode icmp, PortRange ports) {
        if (number == null) {
            throw Ec2Errors.missing("ruleNumber");
        }
        if (number < 1 || number > 32766) {
            throw Ec2Errors.invalidValue(String.valueOf(number), "ruleNumber",
                    "Rule numbers must be between 1 and 32766.");
        }
        if (protocol == null) {
            throw Ec2Errors.missing("protocol");
        }
        if (action == null) {
            throw Ec2Errors.missing("ruleAction");
        }
        if (cidr == null && ipv6 == null) {
            throw Ec2Errors.missing("cidrBlock");
        }
        if (cidr != null) {
            Vpcs.parseCidr(cidr, "cidrBlock");
        }
        NetworkAclEntry e = entry(number, Boolean.TRUE.equals(egress), action, cidr, ipv6);
        e.protocol = SecurityGroups.normalizeProtocol(protocol);
        boolean ported = e.protocol.equals("6") || e.protocol.equals("17");
        if (ported) {
            if (ports == null || ports.from() == null || ports.to() == null) {
                throw Ec2Error.INVALID_PARAMETER_VALUE.withMessage("TCP and UDP rules require a port range (portRange.from and portRange.to)");
            }
            e.portFrom = ports.from();
            e.portTo = ports.to();
        }
        if (e.protocol.equals("1") && icmp != null) {
            e.icmpType = icmp.type();
            e.icmpCode = icmp.code();
        }
        return e;
    }

    public CreateNetworkAclEntryResponse createNetworkAclEntry(CreateNetworkAclEntryRequest r) {
        VpcStore s = net.store();
        NetworkAcl acl = require(s, r.networkAclId());
        NetworkAclEntry e = entryFrom(r.ruleNumber(), r.egress(), r.protocol(), r.ruleActionAsString(), r.cidrBlock(),
                r.ipv6CidrBlock(), r.icmpTypeCode(), r.portRange());
        for (NetworkAclEntry x : acl.entries) {
            if (x.ruleNumber == e.ruleNumber && x.egress == e.egress) {
                throw Ec2Error.NETWORK_ACL_ENTRY_ALREADY_EXISTS.of(e.ruleNumber);
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        acl.entries.add(e);
        return CreateNetworkAclEntryResponse.builder().build();
    }

    public ReplaceNetworkAclEntryResponse replaceNetworkAclEntry(ReplaceNetworkAclEntryRequest r) {
        VpcStore s = net.store();
        NetworkAcl acl = require(s, r.networkAclId());
        NetworkAclEntry e = entryFrom(r.ruleNumber(), r.egress(), r.protocol(), r.ruleActionAsString(), r.cidrBlock(),
                r.ipv6CidrBlock(), r.icmpTypeCode(), r.portRange());
        NetworkAclEntry old = acl.entries.stream().filter(x -> x.ruleNumber == e.ruleNumber && x.egress == e.egress)
                .findFirst().orElseThrow(() -> Ec2Error.INVALID_NETWORK_ACL_ENTRY_NOT_FOUND.of(e.ruleNumber));
        Ec2Errors.checkDryRun(r.dryRun());
        acl.entries.set(acl.entries.indexOf(old), e);
        return ReplaceNetworkAclEntryResponse.builder().build();
    }

    public DeleteNetworkAclEntryResponse deleteNetworkAclEntry(DeleteNetworkAclEntryRequest r) {
        VpcStore s = net.store();
        NetworkAcl acl = require(s, r.networkAclId());
        if (r.ruleNumber() == null) {
            throw Ec2Errors.missing("ruleNumber");
        }
        boolean egress = Boolean.TRUE.equals(r.egress());
        NetworkAclEntry old = acl.entries.stream()
                .filter(x -> x.ruleNumber == r.ruleNumber() && x.egress == egress && x.ruleNumber != LAST_RULE)
                .findFirst().orElseThrow(() -> Ec2Error.INVALID_NETWORK_ACL_ENTRY_NOT_FOUND.of(r.ruleNumber()));
        Ec2Errors.checkDryRun(r.dryRun());
        acl.entries.remove(old);
        return DeleteNetworkAclEntryResponse.builder().build();
    }

    public ReplaceNetworkAclAssociationResponse replaceNetworkAclAssociation(ReplaceNetworkAclAssociationRequest r) {
        VpcStore s = net.store();
        NetworkAcl target = require(s, r.networkAclId());
        if (r.associationId() == null) {
            throw Ec2Errors.missing("associationId");
        }
        for (NetworkAcl acl : s.networkAcls.values()) {
            for (NetworkAclAssociation a : acl.associations) {
                if (a.associationId.equals(r.associationId())) {
                    Subnet sn = s.subnets.get(a.subnetId);
                    if (!target.vpcId.equals(sn.vpcId)) {
                        throw Ec2Errors.invalidParameterValue("Network ACL " + target.id + " and subnet " + sn.id
                                + " belong to different networks");
                    }
                    Ec2Errors.checkDryRun(r.dryRun());
                    acl.associations.remove(a);
                    NetworkAclAssociation n = new NetworkAclAssociation(net.id("aclassoc"), sn.id);
                    target.associations.add(n);
                    return ReplaceNetworkAclAssociationResponse.builder().newAssociationId(n.associationId).build();
                }
            }
        }
        throw Ec2Error.INVALID_ASSOCIATION_ID_NOT_FOUND.of(r.associationId());
    }

    software.amazon.awssdk.services.ec2.model.NetworkAcl toSdk(NetworkAcl acl) {
        List<NetworkAclEntry> sorted = new ArrayList<>(acl.entries);
        sorted.sort(Comparator.comparing((NetworkAclEntry e) -> e.egress).thenComparingInt(e -> e.ruleNumber));
        return software.amazon.awssdk.services.ec2.model.NetworkAcl.builder()
                .networkAclId(acl.id).vpcId(acl.vpcId).isDefault(acl.isDefault).ownerId(acl.ownerId)
                .entries(sorted.stream().map(e -> software.amazon.awssdk.services.ec2.model.NetworkAclEntry.builder()
                        .ruleNumber(e.ruleNumber).egress(e.egress).protocol(e.protocol).ruleAction(e.ruleAction)
                        .cidrBlock(e.cidrBlock).ipv6CidrBlock(e.ipv6CidrBlock)
                        .portRange(e.portFrom == null ? null : PortRange.builder().from(e.portFrom).to(e.portTo).build())
                        .icmpTypeCode(e.icmpType == null ? null
                                : IcmpTypeCode.builder().type(e.icmpType).code(e.icmpCode).build())
                        .build()).toList())
                .associations(acl.associations.stream().map(a ->
                        software.amazon.awssdk.services.ec2.model.NetworkAclAssociation.builder()
                                .networkAclAssociationId(a.associationId).networkAclId(acl.id).subnetId(a.subnetId)
                                .build()).toList())
                .tags(Tags.toSdk(acl.tags)).build();
    }
}
