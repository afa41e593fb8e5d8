package io.gureum.vpc;

import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.SecurityGroup;
import io.gureum.vpc.model.SecurityGroupRule;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.model.VpcPeeringConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupEgressRequest;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupEgressResponse;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupRulesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupRulesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.ModifySecurityGroupRulesRequest;
import software.amazon.awssdk.services.ec2.model.ModifySecurityGroupRulesResponse;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.ReferencedSecurityGroup;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupEgressRequest;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupEgressResponse;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.RevokeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRuleRequest;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRuleUpdate;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UpdateSecurityGroupRuleDescriptionsEgressRequest;
import software.amazon.awssdk.services.ec2.model.UpdateSecurityGroupRuleDescriptionsEgressResponse;
import software.amazon.awssdk.services.ec2.model.UpdateSecurityGroupRuleDescriptionsIngressRequest;
import software.amazon.awssdk.services.ec2.model.UpdateSecurityGroupRuleDescriptionsIngressResponse;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Security groups (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html):
 * stateful allow-lists. A new group allows all outbound IPv4 and no inbound; a VPC's default group
 * also allows inbound from itself and cannot be deleted. Each (protocol, ports, peer) is one rule with
 * an {@code sgr-} ID; a group referenced by another group's rule, or used by a network interface,
 * cannot be deleted.
 */
public final class SecurityGroups {
    private final Network net;
    private final Filters<SecurityGroup> filters;
    private final Filters<RuleView> ruleFilters = new Filters<RuleView>()
            .on("group-id", v -> v.groupId)
            .on("security-group-rule-id", v -> v.rule.id);

    /** A rule with its group, filterable like a resource. */
    static final class RuleView extends io.gureum.vpc.model.Resource {
        final String groupId;
        final SecurityGroupRule rule;

        RuleView(SecurityGroup g, SecurityGroupRule rule) {
            super(rule.id, g.ownerId, g.created);
            this.groupId = g.id;
            this.rule = rule;
            tags.putAll(rule.tags);
        }

        @Override
        public String resourceType() {
            return "security-group-rule";
        }
    }

    SecurityGroups(Network net) {
        this.net = net;
        this.filters = new Filters<SecurityGroup>()
                .on("group-id", g -> g.id)
                .on("group-name", g -> g.groupName)
                .on("description", g -> g.description)
                .on("vpc-id", g -> g.vpcId)
                .on("owner-id", g -> g.ownerId);
        for (boolean egress : new boolean[] {false, true}) {
            String p = egress ? "egress.ip-permission." : "ip-permission.";
            filters.on(p + "cidr", g -> rules(g, egress).stream().map(r -> r.cidrIpv4).toList())
                    .on(p + "ipv6-cidr", g -> rules(g, egress).stream().map(r -> r.cidrIpv6).toList())
                    .on(p + "prefix-list-id", g -> rules(g, egress).stream().map(r -> r.prefixListId).toList())
                    .on(p + "group-id", g -> rules(g, egress).stream().map(r -> r.referencedGroupId).toList())
                    .on(p + "protocol", g -> rules(g, egress).stream().map(r -> r.protocol).toList())
                    .on(p + "from-port", g -> rules(g, egress).stream().map(r -> r.fromPort).toList())
                    .on(p + "to-port", g -> rules(g, egress).stream().map(r -> r.toPort).toList())
                    .on(p + "user-id", g -> rules(g, egress).stream().map(r -> r.referencedGroupOwnerId).toList());
        }
    }

    private static List<SecurityGroupRule> rules(SecurityGroup g, boolean egress) {
        return g.rules.stream().filter(r -> r.egress == egress).toList();
    }

    SecurityGroup require(VpcStore s, String id) {
        return Ids.require(s.securityGroups, "sg", id);
    }

    private SecurityGroup newGroup(VpcStore s, Vpc vpc, String name, String description) {
        SecurityGroup g = new SecurityGroup(net.id("sg"), s.account, net.now());
        g.groupName = name;
        g.description = description;
        g.vpcId = vpc.id;
        g.rules.add(new SecurityGroupRule(net.id("sgr"), true, "-1", null, null, "0.0.0.0/0", null, null, null,
                null, null));
        s.put(s.securityGroups, g);
        s.registerRules(g.rules);
        return g;
    }

    SecurityGroup createDefault(VpcStore s, Vpc vpc) {
        SecurityGroup g = newGroup(s, vpc, "default", "default VPC security group");
        g.rules.add(0, new SecurityGroupRule(net.id("sgr"), false, "-1", null, null, null, null, null, g.id,
                s.account, null));
        s.registerRules(g.rules);
        return g;
    }

    /** Names as AWS prints them in rules: tcp, udp, icmp, icmpv6, -1 (all), or the number. */
    static String normalizeSgProtocol(String p) {
        String lower = p.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            case "58" -> "icmpv6";
            case "all" -> "-1";
            default -> lower;
        };
    }

    /** NACL entries carry protocol numbers: 6, 17, 1, 58, -1. */
    static String normalizeProtocol(String p) {
        return switch (p.toLowerCase(Locale.ROOT)) {
            case "tcp" -> "6";
            case "udp" -> "17";
            case "icmp" -> "1";
            case "icmpv6" -> "58";
            case "all" -> "-1";
            default -> p;
        };
    }

    public CreateSecurityGroupResponse createSecurityGroup(CreateSecurityGroupRequest r) {
        VpcStore s = net.store();
        if (r.groupName() == null) {
            throw Ec2Errors.missing("GroupName");
        }
        if (r.description() == null) {
            throw Ec2Errors.missing("GroupDescription");
        }
        if (r.groupName().equals("default")) {
            throw Ec2Errors.invalidParameterValue("Cannot use reserved security group name: default");
        }
        if (r.groupName().startsWith("sg-")) {
            throw Ec2Errors.invalidParameterValue("Group names may not be in the format sg-*.");
        }
        if (r.groupName().length() > 255) {
            throw Ec2Errors.invalidValue(r.groupName(), "groupName", "Group names may be at most 255 characters.");
        }
        Vpc vpc = r.vpcId() != null ? net.vpcs.require(s, r.vpcId()) : defaultVpc(s);
        for (SecurityGroup g : s.securityGroups.values()) {
            if (g.vpcId.equals(vpc.id) && g.groupName.equals(r.groupName())) {
                throw Ec2Error.INVALID_GROUP_DUPLICATE.of(r.groupName(), vpc.id);
            }
        }
        Tags.validate(r.tagSpecifications(), "security-group");
        Ec2Errors.checkDryRun(r.dryRun());
        SecurityGroup g = newGroup(s, vpc, r.groupName(), r.description());
        Tags.apply(r.tagSpecifications(), g);
        return CreateSecurityGroupResponse.builder().groupId(g.id).tags(Tags.toSdk(g.tags))
                .securityGroupArn(net.arn(s, "security-group/" + g.id)).build();
    }

    private Vpc defaultVpc(VpcStore s) {
        return s.vpcs.values().stream().filter(v -> v.isDefault).findFirst()
                .orElseThrow(() -> Ec2Error.VPC_ID_NOT_SPECIFIED.of());
    }

    /** GroupName alone names a group of the default VPC. */
    private SecurityGroup byIdOrName(VpcStore s, String id, String name) {
        if (id != null) {
            return require(s, id);
        }
        if (name == null) {
            throw Ec2Errors.missing("GroupId");
        }
        Vpc vpc = defaultVpc(s);
        return s.securityGroups.values().stream().filter(g -> g.vpcId.equals(vpc.id) && g.groupName.equals(name))
                .findFirst().orElseThrow(() -> Ec2Error.INVALID_GROUP_NOT_FOUND.withMessage("The security group '" + name + "' does not exist in default VPC '" + vpc.id + "'"));
    }

    public DescribeSecurityGroupsResponse describeSecurityGroups(DescribeSecurityGroupsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<SecurityGroup> found = new ArrayList<>();
        if (r.hasGroupIds() && !r.groupIds().isEmpty()) {
            for (String id : r.groupIds()) {
                found.add(require(s, id));
            }
        }
        if (r.hasGroupNames() && !r.groupNames().isEmpty()) {
            for (String name : r.groupNames()) {
                found.add(byIdOrName(s, null, name));
            }
        }
        if (found.isEmpty() && !(r.hasGroupIds() && !r.groupIds().isEmpty())) {
            found.addAll(s.securityGroups.values());
        }
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeSecurityGroupsResponse.builder()
                .securityGroups(page.items().stream().map(g -> toSdk(s, g)).toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteSecurityGroupResponse deleteSecurityGroup(DeleteSecurityGroupRequest r) {
        VpcStore s = net.store();
        SecurityGroup g = byIdOrName(s, r.groupId(), r.groupName());
        if (g.groupName.equals("default")) {
            throw Ec2Error.CANNOT_DELETE.of(g.id);
        }
        boolean referenced = s.securityGroups.values().stream().anyMatch(o -> o != g
                && o.rules.stream().anyMatch(x -> g.id.equals(x.referencedGroupId)));
        boolean used = s.networkInterfaces.values().stream().anyMatch(e -> e.groupIds.contains(g.id))
                || s.vpcEndpoints.values().stream().anyMatch(e -> e.groupIds.contains(g.id))
                || net.vaEndpoints.usesSecurityGroup(s, g.id)
                || net.clientVpnEndpoints.usesSecurityGroup(s, g.id);
        if (referenced || used || net.securityGroupVpcAssociations.hasAssociations(g)) {
            throw Ec2Error.DEPENDENCY_VIOLATION.withMessage("resource " + g.id + " has a dependent object");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        s.remove(s.securityGroups, g.id);
        return DeleteSecurityGroupResponse.builder().returnValue(true).groupId(g.id).build();
    }

    /** Expands IpPermissions into one rule per peer, validating each. */
    private List<SecurityGroupRule> expand(VpcStore s, SecurityGroup g, boolean egress, List<IpPermission> perms) {
        List<SecurityGroupRule> out = new ArrayList<>();
        for (IpPermission p : perms) {
            if (p.ipProtocol() == null) {
                throw Ec2Errors.missing("IpPermissions.IpProtocol");
            }
            String protocol = normalizeSgProtocol(p.ipProtocol());
            Integer from = p.fromPort();
            Integer to = p.toPort();
            switch (protocol) {
                case "-1" -> {
                    from = null;
                    to = null;
                }
                case "tcp", "udp" -> {
                    if (from == null || to == null) {
                        throw Ec2Errors.invalidParameterValue(
                                "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange");
                    }
                    if (from < 0 || to > 65535 || from > to) {
                        throw Ec2Errors.invalidParameterValue("Invalid " + protocol.toUpperCase(Locale.ROOT)
                                + " port range " + from + "-" + to);
                    }
                }
                case "icmp", "icmpv6" -> {
                    from = from == null ? -1 : from;
                    to = to == null ? -1 : to;
                }
                default -> {
                    try {
                        int n = Integer.parseInt(protocol);
                        if (n < 0 || n > 255) {
                            throw new NumberFormatException();
                        }
                    } catch (NumberFormatException e) {
                        throw Ec2Errors.invalidParameterValue("Invalid value '" + p.ipProtocol() + "' for IP protocol. "
                                + "Unknown protocol.");
                    }
                    from = null;
                    to = null;
                }
            }
            for (IpRange range : p.ipRanges()) {
                Vpcs.parseCidr(range.cidrIp(), "cidrIp");
                out.add(rule(s, egress, protocol, from, to, range.cidrIp(), null, null, null, range.description()));
            }
            for (Ipv6Range range : p.ipv6Ranges()) {
                out.add(rule(s, egress, protocol, from, to, null, range.cidrIpv6(), null, null, range.description()));
            }
            for (PrefixListId pl : p.prefixListIds()) {
                net.prefixLists.require(s, pl.prefixListId());
                out.add(rule(s, egress, protocol, from, to, null, null, pl.prefixListId(), null, pl.description()));
            }
            for (UserIdGroupPair pair : p.userIdGroupPairs()) {
                SecurityGroup ref = referenced(s, g, pair);
                out.add(new SecurityGroupRule(net.id("sgr"), egress, protocol, from, to, null, null, null, ref.id,
                        ref.ownerId, pair.description()));
            }
        }
        return out;
    }

    /**
     * The group a rule references: one of the group's own VPC, or one of a VPC peered with it by an active
     * connection in the same Region, also in another account (UserId)
     * (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html).
     */
    private SecurityGroup referenced(VpcStore s, SecurityGroup g, UserIdGroupPair pair) {
        String owner = pair.userId() == null || pair.userId().isEmpty() ? s.account : pair.userId();
        SecurityGroup ref;
        if (owner.equals(s.account)) {
            ref = byIdOrName(s, pair.groupId(), pair.groupName());
        } else {
            if (pair.groupId() == null) {
                // A group of another account is named by its ID (group names identify only default-VPC groups).
                throw Ec2Errors.missing("GroupId");
            }
            if (!owner.matches("\\d{12}")) {
                throw Ids.notFoundFor(pair.groupId());
            }
            ref = require(net.store(owner, s.region), pair.groupId());
        }
        if (!ref.vpcId.equals(g.vpcId) && peeringBetween(s, g.vpcId, ref.vpcId) == null) {
            throw Ec2Errors.invalidParameterValue("You have specified two resources that belong to different networks.");
        }
        return ref;
    }

    /** The active peering connection in this Region between the two VPCs, or null. */
    private VpcPeeringConnection peeringBetween(VpcStore s, String a, String b) {
        for (VpcPeeringConnection p : s.peerings.values()) {
            boolean joins = a.equals(p.requesterVpcId) && b.equals(p.accepterVpcId)
                    || b.equals(p.requesterVpcId) && a.equals(p.accepterVpcId);
            if (joins && s.region.equals(p.requesterRegion) && s.region.equals(p.accepterRegion)
                    && "active".equals(net.peering.status(p))) {
                return p;
            }
        }
        return null;
    }

    private SecurityGroupRule rule(VpcStore s, boolean egress, String protocol, Integer from, Integer to, String cidr,
            String ipv6, String pl, String group, String description) {
        return new SecurityGroupRule(net.id("sgr"), egress, protocol, from, to, cidr, ipv6, pl, group,
                group == null ? null : s.account, description);
    }

    private static String describeRule(SecurityGroupRule r) {
        if (r.protocol.chars().allMatch(Character::isDigit)) {
            return "peer: " + r.peer() + ", protocol: " + r.protocol + ", ALLOW";
        }
        String proto = r.protocol.equals("-1") ? "ALL" : r.protocol.toUpperCase(Locale.ROOT);
        String ports = r.fromPort == null ? "" : ", from port: " + r.fromPort + ", to port: " + r.toPort;
        return "peer: " + r.peer() + ", " + proto + ports + ", ALLOW";
    }

    private List<SecurityGroupRule> authorize(VpcStore s, SecurityGroup g, boolean egress, List<IpPermission> perms,
            List<TagSpecification> tagSpecs, Boolean dryRun) {
        List<SecurityGroupRule> add = expand(s, g, egress, perms);
        if (add.isEmpty()) {
            throw Ec2Errors.missing("IpPermissions");
        }
        for (int i = 0; i < add.size(); i++) {
            SecurityGroupRule n = add.get(i);
            for (SecurityGroupRule existing : g.rules) {
                if (existing.sameAs(n)) {
                    throw Ec2Error.INVALID_PERMISSION_DUPLICATE.of(describeRule(n));
                }
            }
            for (int j = 0; j < i; j++) {
                if (add.get(j).sameAs(n)) {
                    throw Ec2Error.INVALID_PERMISSION_DUPLICATE.of(describeRule(n));
                }
            }
        }
        Tags.validate(tagSpecs, "security-group-rule");
        Ec2Errors.checkDryRun(dryRun);
        for (SecurityGroupRule n : add) {
            if (tagSpecs != null) {
                tagSpecs.forEach(t -> t.tags().forEach(tag -> n.tags.put(tag.key(), tag.value())));
            }
        }
        g.rules.addAll(add);
        s.registerRules(add);
        return add;
    }

    public AuthorizeSecurityGroupIngressResponse authorizeSecurityGroupIngress(AuthorizeSecurityGroupIngressRequest r) {
        VpcStore s = net.store();
        SecurityGroup g = byIdOrName(s, r.groupId(), r.groupName());
        List<IpPermission> perms = new ArrayList<>(r.ipPermissions());
        if (r.ipProtocol() != null) {
            // The flat (legacy) parameters describe one permission.
            perms.add(IpPermission.builder().ipProtocol(r.ipProtocol()).fromPort(r.fromPort()).toPort(r.toPort())
                    .ipRanges(r.cidrIp() == null ? List.of() : List.of(IpRange.builder().cidrIp(r.cidrIp()).build()))
                    .userIdGroupPairs(r.sourceSecurityGroupName() == null ? List.of()
                            : List.of(UserIdGroupPair.builder().groupName(r.sourceSecurityGroupName()).build()))
                    .build());
        }
        List<SecurityGroupRule> added = authorize(s, g, false, perms, r.tagSpecifications(), r.dryRun());
        return AuthorizeSecurityGroupIngressResponse.builder().returnValue(true)
                .securityGroupRules(added.stream().map(x -> ruleToSdk(s, g, x)).toList()).build();
    }

    public AuthorizeSecurityGroupEgressResponse authorizeSecurityGroupEgress(AuthorizeSecurityGroupEgressRequest r) {
        VpcStore s = net.store();
        SecurityGroup g = require(s, r.groupId());
        List<IpPermission> perms = new ArrayList<>(r.ipPermissions());
        if (r.ipProtocol() != null) {
            perms.add(IpPermission.builder().ipProtocol(r.ipProtocol()).fromPort(r.fromPort()).toPort(r.toPort())
                    .ipRanges(r.cidrIp() == null ? List.of() : List.of(IpRange.builder().cidrIp(r.cidrIp()).build()))
                    .build());
        }
        List<SecurityGroupRule> added = authorize(s, g, true, perms, r.tagSpecifications(), r.dryRun());
        return AuthorizeSecurityGroupEgressResponse.builder().returnValue(true)
                .securityGroupRules(added.stream().map(x -> ruleToSdk(s, g, x)).toList()).build();
    }

    private List<SecurityGroupRule> revoke(VpcStore s, SecurityGroup g, boolean egress, List<IpPermission> perms,
            List<String> ruleIds, Boolean dryRun) {
        List<SecurityGroupRule> remove = new ArrayList<>();
        if (ruleIds != null && !ruleIds.isEmpty()) {
            for (String id : ruleIds) {
                SecurityGroupRule x = g.rules.stream().filter(r -> r.id.equals(id) && r.egress == egress).findFirst()
                        .orElseThrow(() -> Ec2Error.INVALID_SECURITY_GROUP_RULE_ID_NOT_FOUND.of(id));
                remove.add(x);
            }
        } else {
            for (SecurityGroupRule wanted : expand(s, g, egress, perms)) {
                SecurityGroupRule x = g.rules.stream().filter(r -> r.sameAs(wanted)).findFirst()
                        .orElseThrow(() -> Ec2Error.INVALID_PERMISSION_NOT_FOUND.of());
                remove.add(x);
            }
        }
        if (remove.isEmpty()) {
            throw Ec2Errors.missing("IpPermissions");
        }
        Ec2Errors.checkDryRun(dryRun);
        g.rules.removeAll(remove);
        remove.forEach(s::forgetRule);
        return remove;
    }

    public RevokeSecurityGroupIngressResponse revokeSecurityGroupIngress(RevokeSecurityGroupIngressRequest r) {
        VpcStore s = net.store();
        SecurityGroup g = byIdOrName(s, r.groupId(), r.groupName());
        List<IpPermission> perms = withLegacyRule(r.ipPermissions(), r.ipProtocol(), r.fromPort(), r.toPort(),
                r.cidrIp());
        List<SecurityGroupRule> removed = revoke(s, g, false, perms, r.securityGroupRuleIds(), r.dryRun());
        return RevokeSecurityGroupIngressResponse.builder().returnValue(true)
                .revokedSecurityGroupRules(revoked(g, false, removed)).build();
    }

    public RevokeSecurityGroupEgressResponse revokeSecurityGroupEgress(RevokeSecurityGroupEgressRequest r) {
        VpcStore s = net.store();
        SecurityGroup g = require(s, r.groupId());
        List<IpPermission> perms = withLegacyRule(r.ipPermissions(), r.ipProtocol(), r.fromPort(), r.toPort(),
                r.cidrIp());
        List<SecurityGroupRule> removed = revoke(s, g, true, perms, r.securityGroupRuleIds(), r.dryRun());
        return RevokeSecurityGroupEgressResponse.builder().returnValue(true)
                .revokedSecurityGroupRules(revoked(g, true, removed)).build();
    }

    /** The permissions of a revoke, with the rule its top-level IpProtocol/FromPort/ToPort/CidrIp name if given. */
    private static List<IpPermission> withLegacyRule(List<IpPermission> given, String protocol, Integer from,
            Integer to, String cidr) {
        List<IpPermission> perms = new ArrayList<>(given);
        if (protocol != null) {
            perms.add(IpPermission.builder().ipProtocol(protocol).fromPort(from).toPort(to)
                    .ipRanges(cidr == null ? List.of() : List.of(IpRange.builder().cidrIp(cidr).build())).build());
        }
        return perms;
    }

    private static List<software.amazon.awssdk.services.ec2.model.RevokedSecurityGroupRule> revoked(SecurityGroup g,
            boolean egress, List<SecurityGroupRule> removed) {
        return removed.stream().map(x -> software.amazon.awssdk.services.ec2.model.RevokedSecurityGroupRule.builder()
                .securityGroupRuleId(x.id).groupId(g.id).isEgress(egress).ipProtocol(x.protocol)
                .fromPort(x.fromPort).toPort(x.toPort).cidrIpv4(x.cidrIpv4).cidrIpv6(x.cidrIpv6)
                .prefixListId(x.prefixListId).referencedGroupId(x.referencedGroupId)
                .description(x.description).build()).toList();
    }

    /** Replaces rules in place, keeping their IDs and tags (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifySecurityGroupRules.html). */
    public ModifySecurityGroupRulesResponse modifySecurityGroupRules(ModifySecurityGroupRulesRequest r) {
        VpcStore s = net.store();
        SecurityGroup g = require(s, r.groupId());
        if (!r.hasSecurityGroupRules() || r.securityGroupRules().isEmpty()) {
            throw Ec2Errors.missing("SecurityGroupRule");
        }
        List<SecurityGroupRule> replaced = new ArrayList<>();
        List<SecurityGroupRule> replacements = new ArrayList<>();
        for (SecurityGroupRuleUpdate u : r.securityGroupRules()) {
            SecurityGroupRule old = g.rules.stream().filter(x -> x.id.equals(u.securityGroupRuleId())).findFirst()
                    .orElseThrow(() -> Ec2Error.INVALID_SECURITY_GROUP_RULE_ID_NOT_FOUND.of(u.securityGroupRuleId()));
            SecurityGroupRuleRequest q = u.securityGroupRule();
            if (q == null || q.ipProtocol() == null) {
                throw Ec2Errors.missing("SecurityGroupRule.IpProtocol");
            }
            IpPermission.Builder p = IpPermission.builder().ipProtocol(q.ipProtocol()).fromPort(q.fromPort())
                    .toPort(q.toPort());
            if (q.cidrIpv4() != null) {
                p.ipRanges(IpRange.builder().cidrIp(q.cidrIpv4()).description(q.description()).build());
            } else if (q.cidrIpv6() != null) {
                p.ipv6Ranges(Ipv6Range.builder().cidrIpv6(q.cidrIpv6()).description(q.description()).build());
            } else if (q.prefixListId() != null) {
                p.prefixListIds(PrefixListId.builder().prefixListId(q.prefixListId()).description(q.description()).build());
            } else if (q.referencedGroupId() != null) {
                p.userIdGroupPairs(UserIdGroupPair.builder().groupId(q.referencedGroupId())
                        .description(q.description()).build());
            } else {
                throw Ec2Errors.missing("SecurityGroupRule.CidrIpv4");
            }
            SecurityGroupRule expanded = expand(s, g, old.egress, List.of(p.build())).get(0);
            SecurityGroupRule n = new SecurityGroupRule(old.id, old.egress, expanded.protocol, expanded.fromPort,
                    expanded.toPort, expanded.cidrIpv4, expanded.cidrIpv6, expanded.prefixListId,
                    expanded.referencedGroupId, expanded.referencedGroupOwnerId, expanded.description);
            n.tags = old.tags;
            for (SecurityGroupRule other : g.rules) {
                if (other != old && other.sameAs(n)) {
                    throw Ec2Error.INVALID_PERMISSION_DUPLICATE.of(describeRule(n));
                }
            }
            replaced.add(old);
            replacements.add(n);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        for (int i = 0; i < replaced.size(); i++) {
            g.rules.set(g.rules.indexOf(replaced.get(i)), replacements.get(i));
        }
        return ModifySecurityGroupRulesResponse.builder().returnValue(true).build();
    }

    /**
     * Sets descriptions of existing rules, matched by their permission (or by rule ID); AWS refuses an
     * unmatched permission with InvalidPermission.NotFound.
     */
    private void updateDescriptions(VpcStore s, SecurityGroup g, boolean egress, List<IpPermission> perms,
            List<software.amazon.awssdk.services.ec2.model.SecurityGroupRuleDescription> byId, Boolean dryRun) {
        java.util.Map<SecurityGroupRule, String> changes = new java.util.LinkedHashMap<>();
        if (byId != null && !byId.isEmpty()) {
            for (var d : byId) {
                SecurityGroupRule x = g.rules.stream().filter(r -> r.id.equals(d.securityGroupRuleId()) && r.egress == egress)
                        .findFirst().orElseThrow(() -> Ec2Error.INVALID_SECURITY_GROUP_RULE_ID_NOT_FOUND.of(d.securityGroupRuleId()));
                changes.put(x, d.description());
            }
        } else {
            for (SecurityGroupRule wanted : expand(s, g, egress, perms)) {
                SecurityGroupRule x = g.rules.stream().filter(r -> r.sameAs(wanted)).findFirst()
                        .orElseThrow(() -> Ec2Error.INVALID_PERMISSION_NOT_FOUND.of());
                changes.put(x, wanted.description);
            }
        }
        Ec2Errors.checkDryRun(dryRun);
        changes.forEach((rule, description) -> rule.description = description);
    }

    public UpdateSecurityGroupRuleDescriptionsIngressResponse updateSecurityGroupRuleDescriptionsIngress(UpdateSecurityGroupRuleDescriptionsIngressRequest r) {
        VpcStore s = net.store();
        SecurityGroup g = byIdOrName(s, r.groupId(), r.groupName());
        updateDescriptions(s, g, false, r.ipPermissions(), r.securityGroupRuleDescriptions(), r.dryRun());
        return UpdateSecurityGroupRuleDescriptionsIngressResponse.builder().returnValue(true).build();
    }

    public UpdateSecurityGroupRuleDescriptionsEgressResponse updateSecurityGroupRuleDescriptionsEgress(UpdateSecurityGroupRuleDescriptionsEgressRequest r) {
        VpcStore s = net.store();
        SecurityGroup g = byIdOrName(s, r.groupId(), r.groupName());
        updateDescriptions(s, g, true, r.ipPermissions(), r.securityGroupRuleDescriptions(), r.dryRun());
        return UpdateSecurityGroupRuleDescriptionsEgressResponse.builder().returnValue(true).build();
    }

    public DescribeSecurityGroupRulesResponse describeSecurityGroupRules(DescribeSecurityGroupRulesRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<RuleView> all = new ArrayList<>();
        for (SecurityGroup g : s.securityGroups.values()) {
            for (SecurityGroupRule x : g.rules) {
                all.add(new RuleView(g, x));
            }
        }
        if (r.hasSecurityGroupRuleIds() && !r.securityGroupRuleIds().isEmpty()) {
            List<RuleView> picked = new ArrayList<>();
            for (String id : r.securityGroupRuleIds()) {
                picked.add(all.stream().filter(v -> v.rule.id.equals(id)).findFirst()
                        .orElseThrow(() -> Ec2Error.INVALID_SECURITY_GROUP_RULE_ID_NOT_FOUND.of(id)));
            }
            all = picked;
        }
        var page = Pagination.page(all.stream().filter(ruleFilters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeSecurityGroupRulesResponse.builder()
                .securityGroupRules(page.items().stream().map(v -> ruleToSdk(s, s.securityGroups.get(v.groupId), v.rule))
                        .toList())
                .nextToken(page.nextToken()).build();
    }

    private software.amazon.awssdk.services.ec2.model.SecurityGroupRule ruleToSdk(VpcStore s, SecurityGroup g,
            SecurityGroupRule x) {
        return software.amazon.awssdk.services.ec2.model.SecurityGroupRule.builder()
                .securityGroupRuleId(x.id).groupId(g.id).groupOwnerId(g.ownerId).isEgress(x.egress)
                .ipProtocol(x.protocol).fromPort(x.fromPort == null ? -1 : x.fromPort)
                .toPort(x.toPort == null ? -1 : x.toPort)
                .cidrIpv4(x.cidrIpv4).cidrIpv6(x.cidrIpv6).prefixListId(x.prefixListId)
                .referencedGroupInfo(x.referencedGroupId == null ? null : referencedGroupInfo(s, g, x))
                .description(x.description)
                .securityGroupRuleArn(net.arn(s, "security-group-rule/" + x.id))
                .tags(Tags.toSdk(x.tags))
                .build();
    }

    private ReferencedSecurityGroup referencedGroupInfo(VpcStore s, SecurityGroup g, SecurityGroupRule x) {
        Peered peered = peered(s, g, x);
        return ReferencedSecurityGroup.builder().groupId(x.referencedGroupId).userId(x.referencedGroupOwnerId)
                .vpcId(peered == null ? null : peered.vpcId())
                .vpcPeeringConnectionId(peered == null ? null : peered.peering().id)
                .peeringStatus(peered == null ? null : peered.status()).build();
    }

    /** A reference to a group of a peered VPC: that VPC, the connection and its status now. */
    private record Peered(String vpcId, VpcPeeringConnection peering, String status) {
    }

    /** The peering a rule's group reference goes through (the group is in a peered VPC), or null. */
    private Peered peered(VpcStore s, SecurityGroup g, SecurityGroupRule x) {
        if (x.referencedGroupId == null) {
            return null;
        }
        String owner = x.referencedGroupOwnerId == null ? s.account : x.referencedGroupOwnerId;
        VpcStore refStore = owner.equals(s.account) ? s : net.store(owner, s.region);
        SecurityGroup ref = refStore.securityGroups.get(x.referencedGroupId);
        if (ref == null || ref.vpcId.equals(g.vpcId)) {
            return null;
        }
        for (VpcPeeringConnection p : s.peerings.values()) {
            if (g.vpcId.equals(p.requesterVpcId) && ref.vpcId.equals(p.accepterVpcId)
                    || ref.vpcId.equals(p.requesterVpcId) && g.vpcId.equals(p.accepterVpcId)) {
                return new Peered(ref.vpcId, p, net.peering.status(p));
            }
        }
        return null;
    }

    /** AWS groups rules with the same protocol and ports into one IpPermission. */
    private List<IpPermission> permissions(VpcStore s, SecurityGroup g, boolean egress) {
        Map<String, IpPermission.Builder> byKey = new LinkedHashMap<>();
        Map<String, List<IpRange>> v4 = new LinkedHashMap<>();
        Map<String, List<Ipv6Range>> v6 = new LinkedHashMap<>();
        Map<String, List<PrefixListId>> pls = new LinkedHashMap<>();
        Map<String, List<UserIdGroupPair>> groups = new LinkedHashMap<>();
        for (SecurityGroupRule x : g.rules) {
            if (x.egress != egress) {
                continue;
            }
            String key = x.protocol + "/" + x.fromPort + "/" + x.toPort;
            byKey.computeIfAbsent(key, k -> IpPermission.builder().ipProtocol(x.protocol).fromPort(x.fromPort)
                    .toPort(x.toPort));
            if (x.cidrIpv4 != null) {
                v4.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(IpRange.builder().cidrIp(x.cidrIpv4).description(x.description).build());
            } else if (x.cidrIpv6 != null) {
                v6.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(Ipv6Range.builder().cidrIpv6(x.cidrIpv6).description(x.description).build());
            } else if (x.prefixListId != null) {
                pls.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(PrefixListId.builder().prefixListId(x.prefixListId).description(x.description).build());
            } else {
                Peered peered = peered(s, g, x);
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(UserIdGroupPair.builder()
                        .groupId(x.referencedGroupId).userId(x.referencedGroupOwnerId).description(x.description)
                        .vpcId(peered == null ? null : peered.vpcId())
                        .vpcPeeringConnectionId(peered == null ? null : peered.peering().id)
                        .peeringStatus(peered == null ? null : peered.status()).build());
            }
        }
        List<IpPermission> out = new ArrayList<>();
        byKey.forEach((k, b) -> out.add(b.ipRanges(v4.getOrDefault(k, List.of()))
                .ipv6Ranges(v6.getOrDefault(k, List.of())).prefixListIds(pls.getOrDefault(k, List.of()))
                .userIdGroupPairs(groups.getOrDefault(k, List.of())).build()));
        return out;
    }

    software.amazon.awssdk.services.ec2.model.SecurityGroup toSdk(VpcStore s, SecurityGroup g) {
        return software.amazon.awssdk.services.ec2.model.SecurityGroup.builder()
                .groupId(g.id).groupName(g.groupName).description(g.description).vpcId(g.vpcId).ownerId(g.ownerId)
                .securityGroupArn(net.arn(s, "security-group/" + g.id))
                .ipPermissions(permissions(s, g, false)).ipPermissionsEgress(permissions(s, g, true))
                .tags(Tags.toSdk(g.tags)).build();
    }
}
