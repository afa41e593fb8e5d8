package io.gureum.vpc;

import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.SecurityGroup;
import io.gureum.vpc.model.SecurityGroupRule;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.model.VpcPeeringConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupReferencesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupReferencesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeStaleSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeStaleSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.GetSecurityGroupsForVpcRequest;
import software.amazon.awssdk.services.ec2.model.GetSecurityGroupsForVpcResponse;
import software.amazon.awssdk.services.ec2.model.SecurityGroupForVpc;
import software.amazon.awssdk.services.ec2.model.SecurityGroupReference;
import software.amazon.awssdk.services.ec2.model.StaleIpPermission;
import software.amazon.awssdk.services.ec2.model.StaleSecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * What security groups say about each other across VPCs
 * (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html): DescribeStaleSecurityGroups
 * lists the rules of a VPC's groups that reference a group which is gone, or a group of another VPC no
 * {@code active} peering connection joins any more (the connection was deleted, rejected or expired);
 * DescribeSecurityGroupReferences the VPCs across a peering connection whose groups reference the caller's
 * groups; GetSecurityGroupsForVpc the groups interfaces of a VPC may use (its own and those associated with it by
 * AssociateSecurityGroupVpc). Transit gateway security group referencing is not emulated: no rule references a
 * group through a transit gateway.
 */
public final class SecurityGroupReferences {
    private final Network net;
    private final Filters<SecurityGroup> vpcFilters = new Filters<SecurityGroup>()
            .on("group-id", g -> g.id)
            .on("description", g -> g.description)
            .on("group-name", g -> g.groupName)
            .on("owner-id", g -> g.ownerId)
            .on("primary-vpc-id", g -> g.vpcId);

    SecurityGroupReferences(Network net) {
        this.net = net;
    }

    /** The group a rule references, wherever it lives (null once deleted). */
    private SecurityGroup referenced(VpcStore s, SecurityGroupRule x) {
        String owner = x.referencedGroupOwnerId == null ? s.account : x.referencedGroupOwnerId;
        VpcStore refStore = owner.equals(s.account) ? s : net.store(owner, s.region);
        return refStore.securityGroups.get(x.referencedGroupId);
    }

    /** The active peering connection between the two VPCs, else the latest one of any status, or null. */
    private VpcPeeringConnection peering(VpcStore s, String a, String b) {
        VpcPeeringConnection found = null;
        for (VpcPeeringConnection p : s.peerings.values()) {
            if (a.equals(p.requesterVpcId) && b.equals(p.accepterVpcId)
                    || b.equals(p.requesterVpcId) && a.equals(p.accepterVpcId)) {
                if ("active".equals(net.peering.status(p))) {
                    return p;
                }
                if (found == null || p.created.isAfter(found.created)) {
                    found = p;
                }
            }
        }
        return found;
    }

    /** The stale pair of a rule, or null when the rule is not stale. */
    private UserIdGroupPair stalePair(VpcStore s, SecurityGroup g, SecurityGroupRule x) {
        if (x.referencedGroupId == null) {
            return null;
        }
        SecurityGroup ref = referenced(s, x);
        if (ref == null) {
            return UserIdGroupPair.builder().groupId(x.referencedGroupId).description(x.description).build();
        }
        if (ref.vpcId.equals(g.vpcId) || net.securityGroupVpcAssociations.usableIn(ref, g.vpcId)) {
            return null;
        }
        VpcPeeringConnection p = peering(s, g.vpcId, ref.vpcId);
        String status = p == null ? null : net.peering.status(p);
        if ("active".equals(status)) {
            return null;
        }
        return UserIdGroupPair.builder().groupId(ref.id).userId(ref.ownerId).vpcId(ref.vpcId)
                .vpcPeeringConnectionId(p == null ? null : p.id).peeringStatus(status).description(x.description)
                .build();
    }

    private static List<StaleIpPermission> group(Map<String, List<UserIdGroupPair>> byKey,
            Map<String, SecurityGroupRule> first) {
        List<StaleIpPermission> out = new ArrayList<>();
        byKey.forEach((k, pairs) -> {
            SecurityGroupRule x = first.get(k);
            out.add(StaleIpPermission.builder().ipProtocol(x.protocol).fromPort(x.fromPort).toPort(x.toPort)
                    .userIdGroupPairs(pairs).build());
        });
        return out;
    }

    private StaleSecurityGroup stale(VpcStore s, SecurityGroup g) {
        Map<String, List<UserIdGroupPair>> in = new LinkedHashMap<>();
        Map<String, List<UserIdGroupPair>> out = new LinkedHashMap<>();
        Map<String, SecurityGroupRule> first = new LinkedHashMap<>();
        for (SecurityGroupRule x : g.rules) {
            UserIdGroupPair pair = stalePair(s, g, x);
            if (pair != null) {
                String key = x.protocol + "/" + x.fromPort + "/" + x.toPort;
                first.putIfAbsent(key, x);
                (x.egress ? out : in).computeIfAbsent(key, k -> new ArrayList<>()).add(pair);
            }
        }
        if (in.isEmpty() && out.isEmpty()) {
            return null;
        }
        return StaleSecurityGroup.builder().groupId(g.id).groupName(g.groupName).description(g.description)
                .vpcId(g.vpcId).staleIpPermissions(group(in, first)).staleIpPermissionsEgress(group(out, first))
                .build();
    }

    public DescribeStaleSecurityGroupsResponse describeStaleSecurityGroups(DescribeStaleSecurityGroupsRequest r) {
        VpcStore s = net.store();
        Vpc vpc = net.vpcs.require(s, r.vpcId());
        Ec2Errors.checkDryRun(r.dryRun());
        List<StaleSecurityGroup> found = new ArrayList<>();
        for (SecurityGroup g : s.securityGroups.values()) {
            if (g.vpcId.equals(vpc.id)) {
                StaleSecurityGroup x = stale(s, g);
                if (x != null) {
                    found.add(x);
                }
            }
        }
        var page = Pagination.page(found, r.maxResults(), r.nextToken(), 5, 255);
        return DescribeStaleSecurityGroupsResponse.builder().staleSecurityGroupSet(page.items())
                .nextToken(page.nextToken()).build();
    }

    public DescribeSecurityGroupReferencesResponse describeSecurityGroupReferences(
            DescribeSecurityGroupReferencesRequest r) {
        VpcStore s = net.store();
        List<String> ids = r.hasGroupId() ? r.groupId() : List.of();
        if (ids.isEmpty()) {
            throw Ec2Errors.missing("GroupId");
        }
        List<SecurityGroup> groups = new ArrayList<>();
        for (String id : new LinkedHashSet<>(ids)) {
            groups.add(net.securityGroups.require(s, id));
        }
        Ec2Errors.checkDryRun(r.dryRun());
        List<SecurityGroupReference> out = new ArrayList<>();
        for (SecurityGroup g : groups) {
            for (VpcPeeringConnection p : s.peerings.values()) {
                if (!"active".equals(net.peering.status(p)) || !p.requesterRegion.equals(p.accepterRegion)) {
                    continue;
                }
                boolean requesterSide = g.vpcId.equals(p.requesterVpcId) && s.account.equals(p.requesterOwnerId);
                boolean accepterSide = g.vpcId.equals(p.accepterVpcId) && s.account.equals(p.accepterOwnerId);
                if (!requesterSide && !accepterSide) {
                    continue;
                }
                String otherVpc = requesterSide ? p.accepterVpcId : p.requesterVpcId;
                String otherAccount = requesterSide ? p.accepterOwnerId : p.requesterOwnerId;
                VpcStore other = otherAccount.equals(s.account) ? s : net.store(otherAccount, s.region);
                boolean referencing = other.securityGroups.values().stream()
                        .filter(x -> x.vpcId.equals(otherVpc))
                        .anyMatch(x -> x.rules.stream().anyMatch(rule -> g.id.equals(rule.referencedGroupId)));
                if (referencing) {
                    out.add(SecurityGroupReference.builder().groupId(g.id).referencingVpcId(otherVpc)
                            .vpcPeeringConnectionId(p.id).build());
                }
            }
        }
        return DescribeSecurityGroupReferencesResponse.builder().securityGroupReferenceSet(out).build();
    }

    public GetSecurityGroupsForVpcResponse getSecurityGroupsForVpc(GetSecurityGroupsForVpcRequest r) {
        VpcStore s = net.store();
        Vpc vpc = net.vpcs.require(s, r.vpcId());
        Ec2Errors.checkDryRun(r.dryRun());
        List<SecurityGroup> usable = s.securityGroups.values().stream()
                .filter(g -> net.securityGroupVpcAssociations.usableIn(g, vpc.id))
                .filter(vpcFilters.predicate(r.filters())).toList();
        var page = Pagination.page(usable, r.maxResults(), r.nextToken(), 5, 1000);
        return GetSecurityGroupsForVpcResponse.builder().securityGroupForVpcs(page.items().stream()
                .map(g -> SecurityGroupForVpc.builder().groupId(g.id).groupName(g.groupName)
                        .description(g.description).ownerId(g.ownerId).primaryVpcId(g.vpcId)
                        .tags(Tags.toSdk(g.tags)).build()).toList())
                .nextToken(page.nextToken()).build();
    }
}
