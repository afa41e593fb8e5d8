package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.Ipam;
import io.gureum.vpc.model.IpamPool;
import io.gureum.vpc.model.IpamPrefixListResolver;
import io.gureum.vpc.model.IpamPrefixListResolver.Condition;
import io.gureum.vpc.model.IpamPrefixListResolver.Rule;
import io.gureum.vpc.model.IpamPrefixListResolverTarget;
import io.gureum.vpc.model.IpamScope;
import io.gureum.vpc.model.PrefixList;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.model.CreateIpamPrefixListResolverRequest;
import software.amazon.awssdk.services.ec2.model.CreateIpamPrefixListResolverResponse;
import software.amazon.awssdk.services.ec2.model.CreateIpamPrefixListResolverTargetRequest;
import software.amazon.awssdk.services.ec2.model.CreateIpamPrefixListResolverTargetResponse;
import software.amazon.awssdk.services.ec2.model.DeleteIpamPrefixListResolverRequest;
import software.amazon.awssdk.services.ec2.model.DeleteIpamPrefixListResolverResponse;
import software.amazon.awssdk.services.ec2.model.DeleteIpamPrefixListResolverTargetRequest;
import software.amazon.awssdk.services.ec2.model.DeleteIpamPrefixListResolverTargetResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpamPrefixListResolverTargetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpamPrefixListResolverTargetsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIpamPrefixListResolversRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIpamPrefixListResolversResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamPrefixListResolverRulesRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamPrefixListResolverRulesResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamPrefixListResolverVersionEntriesRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamPrefixListResolverVersionEntriesResponse;
import software.amazon.awssdk.services.ec2.model.GetIpamPrefixListResolverVersionsRequest;
import software.amazon.awssdk.services.ec2.model.GetIpamPrefixListResolverVersionsResponse;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverRuleConditionRequest;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverRuleRequest;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverVersion;
import software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverVersionEntry;
import software.amazon.awssdk.services.ec2.model.IpamResourceTag;
import software.amazon.awssdk.services.ec2.model.ModifyIpamPrefixListResolverRequest;
import software.amazon.awssdk.services.ec2.model.ModifyIpamPrefixListResolverResponse;
import software.amazon.awssdk.services.ec2.model.ModifyIpamPrefixListResolverTargetRequest;
import software.amazon.awssdk.services.ec2.model.ModifyIpamPrefixListResolverTargetResponse;

/**
 * IPAM prefix list resolvers (https://docs.aws.amazon.com/vpc/latest/ipam/automate-prefix-list-updates.html): CIDR
 * selection rules over what the IPAM knows, and targets that keep customer-managed prefix lists in step with them.
 * A rule selects a static CIDR, the provisioned CIDRs of the scope's pools ({@code ipam-pool-cidr}) or the VPC and
 * subnet CIDRs the IPAM sees in its home Region ({@code ipam-resource-cidr}, the same resources GetIpamResourceCidrs
 * lists), narrowed by conditions that must all hold. Before each operation on the store the rules are evaluated; when
 * the selected set differs from the last version's, a new version is made (version 1 at the first evaluation, empty
 * without rules), as the API reference's example shows. A target writes the version it follows (the latest, or its
 * desired one) into its prefix list, as a new prefix list version. States follow the clock as IPAM's do.
 */
public final class IpamPrefixListResolvers {
    private static final Set<String> RULE_TYPES = Set.of("static-cidr", "ipam-resource-cidr", "ipam-pool-cidr");
    private static final Set<String> RESOURCE_TYPES = Set.of("vpc", "subnet", "eip", "public-ipv4-pool", "ipv6-pool",
            "eni", "anycast-ip-list");
    private final Network net;
    private final Filters<IpamPrefixListResolver> filters;
    private final Filters<IpamPrefixListResolverTarget> targetFilters;

    IpamPrefixListResolvers(Network net) {
        this.net = net;
        this.filters = new Filters<IpamPrefixListResolver>()
                .on("ipam-prefix-list-resolver-id", x -> x.id)
                .on("ipam-id", x -> x.ipamId)
                .on("address-family", x -> x.addressFamily)
                .on("state", this::state)
                .on("description", x -> x.description)
                .on("owner-id", x -> x.ownerId);
        this.targetFilters = new Filters<IpamPrefixListResolverTarget>()
                .on("ipam-prefix-list-resolver-target-id", x -> x.id)
                .on("ipam-prefix-list-resolver-id", x -> x.resolverId)
                .on("prefix-list-id", x -> x.prefixListId)
                .on("prefix-list-region", x -> x.prefixListRegion)
                .on("track-latest-version", x -> String.valueOf(x.trackLatestVersion))
                .on("state", this::state)
                .on("owner-id", x -> x.ownerId);
    }

    static AwsException notFound(String id) {
        return new AwsException("InvalidIpamPrefixListResolverId.NotFound", "The ipam-prefix-list-resolver ID '" + id
                + "' does not exist", 400);
    }

    static AwsException targetNotFound(String id) {
        return new AwsException("InvalidIpamPrefixListResolverTargetId.NotFound",
                "The ipam-prefix-list-resolver-target ID '" + id + "' does not exist", 400);
    }

    String state(IpamPrefixListResolver x) {
        return IpamStates.of(net.now(), x.created, x.modified, x.deleteRequested);
    }

    String state(IpamPrefixListResolverTarget t) {
        String base = IpamStates.of(net.now(), t.created, t.modified, t.deleteRequested);
        if (base.endsWith("-in-progress") || t.deleteRequested != null) {
            return base;
        }
        if (t.stateMessage != null) {
            return "sync-failed";
        }
        return t.lastSyncedVersion != null ? "sync-complete" : base;
    }

    private IpamPrefixListResolver require(VpcStore s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("IpamPrefixListResolverId");
        }
        IpamPrefixListResolver x = s.prefixListResolvers.get(id);
        if (x == null || x.deleteRequested != null) {
            throw notFound(id);
        }
        return x;
    }

    private IpamPrefixListResolverTarget requireTarget(VpcStore s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("IpamPrefixListResolverTargetId");
        }
        IpamPrefixListResolverTarget t = s.prefixListResolverTargets.get(id);
        if (t == null || t.deleteRequested != null) {
            throw targetNotFound(id);
        }
        return t;
    }

    /** Whether a resolver not being deleted belongs to the IPAM. */
    boolean uses(VpcStore s, String ipamId) {
        return s.prefixListResolvers.values().stream().anyMatch(x -> x.deleteRequested == null
                && x.ipamId.equals(ipamId));
    }

    /** Whether a target not being deleted keeps the prefix list (an IPAM-managed prefix list). */
    boolean manages(VpcStore s, String prefixListId) {
        return s.prefixListResolverTargets.values().stream().anyMatch(t -> t.deleteRequested == null
                && t.prefixListId.equals(prefixListId));
    }

    /**
     * Called before each operation: deleted resolvers and targets go once their deletion completes, each live
     * resolver's rules are evaluated (a new version when the set changed), and each target writes its version.
     */
    void settle(VpcStore s) {
        if (s.prefixListResolvers.isEmpty() && s.prefixListResolverTargets.isEmpty()) {
            return;
        }
        for (IpamPrefixListResolverTarget t : List.copyOf(s.prefixListResolverTargets.values())) {
            if (IpamStates.gone(net.now(), t.deleteRequested)) {
                s.remove(s.prefixListResolverTargets, t.id);
            }
        }
        for (IpamPrefixListResolver x : List.copyOf(s.prefixListResolvers.values())) {
            if (IpamStates.gone(net.now(), x.deleteRequested)) {
                s.remove(s.prefixListResolvers, x.id);
            } else if (x.deleteRequested == null) {
                evaluate(s, x);
            }
        }
        for (IpamPrefixListResolverTarget t : s.prefixListResolverTargets.values()) {
            if (t.deleteRequested == null) {
                sync(s, t);
            }
        }
    }

    private void evaluate(VpcStore s, IpamPrefixListResolver x) {
        TreeSet<Cidr> selected = new TreeSet<>();
        for (Rule rule : x.rules) {
            selected.addAll(select(s, x, rule));
        }
        List<String> cidrs = selected.stream().map(Cidr::toString).toList();
        if (x.versions.isEmpty() || !x.versions.lastEntry().getValue().equals(cidrs)) {
            x.versions.put(x.versions.isEmpty() ? 1L : x.versions.lastKey() + 1, new ArrayList<>(cidrs));
        }
    }

    private List<Cidr> select(VpcStore s, IpamPrefixListResolver x, Rule rule) {
        List<Cidr> out = new ArrayList<>();
        switch (rule.ruleType) {
            case "static-cidr" -> out.add(Cidr.parse(rule.staticCidr));
            case "ipam-pool-cidr" -> {
                for (IpamPool p : s.ipamPools.values()) {
                    if (p.deleteRequested != null || !p.scopeId.equals(rule.ipamScopeId)) {
                        continue;
                    }
                    for (IpamPool.PoolCidr c : p.cidrs) {
                        Cidr cidr = Cidr.tryParse(c.cidr);
                        if (cidr != null && net.ipamPools.state(c).equals("provisioned") && rule.conditions.stream()
                                .allMatch(k -> holds(k, cidr, p.id, null, null, p.locale, Map.of()))) {
                            out.add(cidr);
                        }
                    }
                }
            }
            default -> {
                IpamScope scope = s.ipamScopes.get(rule.ipamScopeId);
                Ipam ipam = s.ipams.get(x.ipamId);
                if (scope == null || !"private".equals(scope.scopeType) || ipam == null
                        || !ipam.operatingRegions.contains(s.region)) {
                    break;
                }
                for (Vpc v : s.vpcs.values()) {
                    if (rule.resourceType.equals("vpc")) {
                        for (var c : v.cidrs) {
                            String pool = poolOf(s, scope.id, v.id, c.cidr.toString());
                            if (rule.conditions.stream().allMatch(k -> holds(k, c.cidr, pool, v.id, v.ownerId, s.region,
                                    s.tagsOf(v)))) {
                                out.add(c.cidr);
                            }
                        }
                    } else if (rule.resourceType.equals("subnet")) {
                        for (Subnet sn : v.subnets.values()) {
                            if (rule.conditions.stream().allMatch(k -> holds(k, sn.cidr, null, sn.id, sn.ownerId, s.region,
                                    s.tagsOf(sn)))) {
                                out.add(sn.cidr);
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The pool of the scope a VPC block was allocated from, or null. */
    private static String poolOf(VpcStore s, String scopeId, String vpcId, String cidr) {
        for (IpamPool p : s.ipamPools.values()) {
            if (p.scopeId.equals(scopeId) && p.deleteRequested == null && p.allocations.stream().anyMatch(a ->
                    "vpc".equals(a.resourceType) && vpcId.equals(a.resourceId) && cidr.equals(a.cidr))) {
                return p.id;
            }
        }
        return null;
    }

    /** Whether one condition holds for a CIDR and what it belongs to. */
    private static boolean holds(Condition k, Cidr cidr, String poolId, String resourceId, String owner, String region,
            Map<String, String> tags) {
        boolean match;
        if (k.cidr != null) {
            Cidr want = Cidr.parse(k.cidr);
            match = k.operation.equals("subnet-of") ? want.contains(cidr) : want.toString().equals(cidr.toString());
            return k.operation.equals("not-equals") ? !match : match;
        }
        if (k.ipamPoolId != null) {
            match = k.ipamPoolId.equals(poolId);
        } else if (k.resourceId != null) {
            match = k.resourceId.equals(resourceId);
        } else if (k.resourceOwner != null) {
            match = k.resourceOwner.equals(owner);
        } else if (k.resourceRegion != null) {
            match = k.resourceRegion.equals(region);
        } else {
            match = tags.containsKey(k.tagKey) && (k.tagValue == null || k.tagValue.equals(tags.get(k.tagKey)));
        }
        return k.operation.equals("not-equals") ? !match : match;
    }

    /** Writes the target's version into its prefix list when it is not there yet. */
    private void sync(VpcStore s, IpamPrefixListResolverTarget t) {
        IpamPrefixListResolver x = s.prefixListResolvers.get(t.resolverId);
        PrefixList p = s.prefixLists.get(t.prefixListId);
        if (x == null || p == null || x.versions.isEmpty()) {
            return;
        }
        long want = t.trackLatestVersion || t.desiredVersion == null ? x.versions.lastKey() : t.desiredVersion;
        List<String> cidrs = x.versions.get(want);
        if (cidrs == null || Long.valueOf(want).equals(t.lastSyncedVersion)) {
            return;
        }
        if (cidrs.size() > p.maxEntries) {
            t.stateMessage = "Version " + want + " has " + cidrs.size() + " CIDRs, more than the " + p.maxEntries
                    + " entries prefix list " + p.id + " allows.";
            return;
        }
        t.stateMessage = null;
        if (!p.cidrs.equals(cidrs)) {
            p.cidrs.clear();
            p.cidrs.addAll(cidrs);
            p.descriptions.clear();
            p.version++;
            PrefixListVersions.remember(p);
        }
        t.lastSyncedVersion = want;
    }

    // --- resolvers ---

    private List<Rule> rules(VpcStore s, Ipam ipam, String family, List<IpamPrefixListResolverRuleRequest> requests) {
        List<Rule> out = new ArrayList<>();
        for (IpamPrefixListResolverRuleRequest q : requests) {
            Rule rule = new Rule();
            rule.ruleType = q.ruleTypeAsString();
            if (rule.ruleType == null) {
                throw Ec2Errors.missing("RuleType");
            }
            if (!RULE_TYPES.contains(rule.ruleType)) {
                throw Ec2Errors.invalidValue(rule.ruleType, "RuleType",
                        "Valid values are static-cidr | ipam-resource-cidr | ipam-pool-cidr.");
            }
            List<IpamPrefixListResolverRuleConditionRequest> conditions = q.hasConditions() ? q.conditions() : List.of();
            if (rule.ruleType.equals("static-cidr")) {
                if (q.staticCidr() == null) {
                    throw Ec2Errors.missing("StaticCidr");
                }
                if (!conditions.isEmpty() || q.ipamScopeId() != null || q.resourceTypeAsString() != null) {
                    throw Ec2Errors.invalidParameterValue("A static-cidr rule takes a StaticCidr only: no IpamScopeId, "
                            + "ResourceType or Conditions.");
                }
                rule.staticCidr = Vpcs.parseCidr(q.staticCidr(), "StaticCidr").toString();
            } else {
                IpamScope scope = net.ipams.requireScope(s, q.ipamScopeId());
                if (!scope.ipamId.equals(ipam.id)) {
                    throw Ec2Errors.invalidParameterValue("The scope " + scope.id + " is not a scope of " + ipam.id + ".");
                }
                rule.ipamScopeId = scope.id;
                if (rule.ruleType.equals("ipam-resource-cidr")) {
                    if (q.resourceTypeAsString() == null) {
                        throw Ec2Errors.missing("ResourceType");
                    }
                    if (!RESOURCE_TYPES.contains(q.resourceTypeAsString())) {
                        throw Ec2Errors.invalidValue(q.resourceTypeAsString(), "ResourceType", "Valid values are vpc | "
                                + "subnet | eip | public-ipv4-pool | ipv6-pool | eni | anycast-ip-list.");
                    }
                    rule.resourceType = q.resourceTypeAsString();
                } else if (q.resourceTypeAsString() != null) {
                    throw Ec2Errors.invalidParameterValue("ResourceType is for rules of type ipam-resource-cidr.");
                }
                for (IpamPrefixListResolverRuleConditionRequest c : conditions) {
                    rule.conditions.add(condition(rule.ruleType, c));
                }
            }
            out.add(rule);
        }
        return out;
    }

    private static Condition condition(String ruleType, IpamPrefixListResolverRuleConditionRequest c) {
        Condition k = new Condition();
        k.operation = c.operationAsString();
        if (k.operation == null) {
            throw Ec2Errors.missing("Operation");
        }
        if (!Set.of("equals", "not-equals", "subnet-of").contains(k.operation)) {
            throw Ec2Errors.invalidValue(k.operation, "Operation", "Valid values are equals | not-equals | subnet-of.");
        }
        k.ipamPoolId = c.ipamPoolId();
        k.resourceId = c.resourceId();
        k.resourceOwner = c.resourceOwner();
        k.resourceRegion = c.resourceRegion();
        if (c.resourceTag() != null) {
            k.tagKey = c.resourceTag().key();
            k.tagValue = c.resourceTag().value();
        }
        k.cidr = c.cidr() == null ? null : Vpcs.parseCidr(c.cidr(), "Cidr").toString();
        int given = (k.ipamPoolId != null ? 1 : 0) + (k.resourceId != null ? 1 : 0) + (k.resourceOwner != null ? 1 : 0)
                + (k.resourceRegion != null ? 1 : 0) + (k.tagKey != null ? 1 : 0) + (k.cidr != null ? 1 : 0);
        if (given != 1) {
            throw Ec2Errors.invalidParameterValue("A condition names exactly one of IpamPoolId, ResourceId, "
                    + "ResourceOwner, ResourceRegion, ResourceTag and Cidr.");
        }
        if (k.operation.equals("subnet-of") && k.cidr == null) {
            throw Ec2Errors.invalidParameterValue("The subnet-of operation applies to a Cidr condition only.");
        }
        boolean poolRule = ruleType.equals("ipam-pool-cidr");
        if (poolRule && (k.resourceId != null || k.resourceOwner != null || k.tagKey != null)) {
            throw Ec2Errors.invalidParameterValue("An ipam-pool-cidr rule's conditions name an IpamPoolId, a "
                    + "ResourceRegion or a Cidr.");
        }
        return k;
    }

    public CreateIpamPrefixListResolverResponse createIpamPrefixListResolver(CreateIpamPrefixListResolverRequest r) {
        VpcStore s = net.store();
        if (r.addressFamilyAsString() == null) {
            throw Ec2Errors.missing("AddressFamily");
        }
        Ipam ipam = net.ipams.requireIpam(s, r.ipamId());
        if (r.clientToken() != null) {
            for (IpamPrefixListResolver x : s.prefixListResolvers.values()) {
                if (r.clientToken().equals(x.clientToken) && x.deleteRequested == null) {
                    if (!x.ipamId.equals(ipam.id) || !x.addressFamily.equals(r.addressFamilyAsString())) {
                        throw Ec2Error.IDEMPOTENT_PARAMETER_MISMATCH.withMessage("The client token "
                                + r.clientToken() + " was used with different parameters.");
                    }
                    return CreateIpamPrefixListResolverResponse.builder().ipamPrefixListResolver(toSdk(s, x)).build();
                }
            }
        }
        if (!"ipv4".equals(r.addressFamilyAsString()) && !"ipv6".equals(r.addressFamilyAsString())) {
            throw Ec2Errors.invalidValue(r.addressFamilyAsString(), "AddressFamily", "Valid values are ipv4 | ipv6.");
        }
        if (r.addressFamilyAsString().equals("ipv6")) {
            throw new AwsException("NotImplemented", "Gureum does not emulate IPv6 IPAM prefix list resolvers (IPv6 "
                    + "pool and resource CIDRs are not emulated by its IPAM); ipv4 resolvers are.", 501, false);
        }
        if (!"advanced".equals(ipam.tier)) {
            throw Ec2Errors.invalidParameterValue("IPAM " + ipam.id + " is in the " + ipam.tier + " tier: prefix list "
                    + "resolvers need the Advanced tier.");
        }
        List<Rule> rules = rules(s, ipam, r.addressFamilyAsString(), r.hasRules() ? r.rules() : List.of());
        Tags.validate(r.tagSpecifications(), "ipam-prefix-list-resolver");
        Ec2Errors.checkDryRun(r.dryRun());
        IpamPrefixListResolver x = new IpamPrefixListResolver(net.id("ipam-prl"), s.account, net.now());
        x.ipamId = ipam.id;
        x.description = r.description();
        x.addressFamily = r.addressFamilyAsString();
        x.clientToken = r.clientToken();
        x.rules.addAll(rules);
        Tags.apply(r.tagSpecifications(), x);
        s.put(s.prefixListResolvers, x);
        evaluate(s, x);
        return CreateIpamPrefixListResolverResponse.builder().ipamPrefixListResolver(toSdk(s, x)).build();
    }

    public ModifyIpamPrefixListResolverResponse modifyIpamPrefixListResolver(ModifyIpamPrefixListResolverRequest r) {
        VpcStore s = net.store();
        IpamPrefixListResolver x = require(s, r.ipamPrefixListResolverId());
        Ipam ipam = net.ipams.requireIpam(s, x.ipamId);
        List<Rule> rules = r.hasRules() ? rules(s, ipam, x.addressFamily, r.rules()) : null;
        Ec2Errors.checkDryRun(r.dryRun());
        if (r.description() != null) {
            x.description = r.description();
        }
        if (rules != null) {
            x.rules.clear();
            x.rules.addAll(rules);
            evaluate(s, x);
        }
        x.modified = net.now();
        return ModifyIpamPrefixListResolverResponse.builder().ipamPrefixListResolver(toSdk(s, x)).build();
    }

    public DeleteIpamPrefixListResolverResponse deleteIpamPrefixListResolver(DeleteIpamPrefixListResolverRequest r) {
        VpcStore s = net.store();
        IpamPrefixListResolver x = require(s, r.ipamPrefixListResolverId());
        if (s.prefixListResolverTargets.values().stream().anyMatch(t -> t.deleteRequested == null
                && t.resolverId.equals(x.id))) {
            throw Ec2Errors.dependencyViolation("ipam-prefix-list-resolver", x.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        x.deleteRequested = net.now();
        if (s.registered(x)) {
            s.forget(x);
        }
        return DeleteIpamPrefixListResolverResponse.builder().ipamPrefixListResolver(toSdk(s, x)).build();
    }

    public DescribeIpamPrefixListResolversResponse describeIpamPrefixListResolvers(
            DescribeIpamPrefixListResolversRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<IpamPrefixListResolver> found = Selected.byIds(s.prefixListResolvers, r.ipamPrefixListResolverIds(), id -> notFound(id));
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeIpamPrefixListResolversResponse.builder()
                .ipamPrefixListResolvers(page.items().stream().map(x -> toSdk(s, x)).toList())
                .nextToken(page.nextToken()).build();
    }

    public GetIpamPrefixListResolverRulesResponse getIpamPrefixListResolverRules(GetIpamPrefixListResolverRulesRequest r) {
        VpcStore s = net.store();
        IpamPrefixListResolver x = require(s, r.ipamPrefixListResolverId());
        Ec2Errors.checkDryRun(r.dryRun());
        var ruleFilters = new io.gureum.ec2common.Ec2Filters<Rule>().on("rule-type", k -> k.ruleType)
                .on("ipam-scope-id", k -> k.ipamScopeId).on("resource-type", k -> k.resourceType)
                .on("static-cidr", k -> k.staticCidr);
        var page = Pagination.page(x.rules.stream().filter(ruleFilters.predicate(r.filters())).toList(),
                r.maxResults(), r.nextToken(), 5, 1000);
        return GetIpamPrefixListResolverRulesResponse.builder().rules(page.items().stream().map(k ->
                software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverRule.builder().ruleType(k.ruleType)
                        .staticCidr(k.staticCidr).ipamScopeId(k.ipamScopeId).resourceType(k.resourceType)
                        .conditions(k.conditions.stream().map(c -> software.amazon.awssdk.services.ec2.model
                                .IpamPrefixListResolverRuleCondition.builder().operation(c.operation)
                                .ipamPoolId(c.ipamPoolId).resourceId(c.resourceId).resourceOwner(c.resourceOwner)
                                .resourceRegion(c.resourceRegion).cidr(c.cidr)
                                .resourceTag(c.tagKey == null ? null
                                        : IpamResourceTag.builder().key(c.tagKey).value(c.tagValue).build())
                                .build()).toList())
                        .build()).toList()).nextToken(page.nextToken()).build();
    }

    public GetIpamPrefixListResolverVersionsResponse getIpamPrefixListResolverVersions(
            GetIpamPrefixListResolverVersionsRequest r) {
        VpcStore s = net.store();
        IpamPrefixListResolver x = require(s, r.ipamPrefixListResolverId());
        Ec2Errors.checkDryRun(r.dryRun());
        List<Long> versions = new ArrayList<>(x.versions.keySet());
        if (r.hasIpamPrefixListResolverVersions() && !r.ipamPrefixListResolverVersions().isEmpty()) {
            versions.retainAll(r.ipamPrefixListResolverVersions());
        }
        var versionFilters = new io.gureum.ec2common.Ec2Filters<Long>().on("version", String::valueOf);
        var page = Pagination.page(versions.stream().filter(versionFilters.predicate(r.filters())).toList(),
                r.maxResults(), r.nextToken(), 5, 1000);
        return GetIpamPrefixListResolverVersionsResponse.builder().ipamPrefixListResolverVersions(page.items().stream()
                .map(v -> IpamPrefixListResolverVersion.builder().version(v).build()).toList())
                .nextToken(page.nextToken()).build();
    }

    public GetIpamPrefixListResolverVersionEntriesResponse getIpamPrefixListResolverVersionEntries(
            GetIpamPrefixListResolverVersionEntriesRequest r) {
        VpcStore s = net.store();
        if (r.ipamPrefixListResolverVersion() == null) {
            throw Ec2Errors.missing("IpamPrefixListResolverVersion");
        }
        IpamPrefixListResolver x = require(s, r.ipamPrefixListResolverId());
        List<String> cidrs = x.versions.get(r.ipamPrefixListResolverVersion());
        if (cidrs == null) {
            throw Ec2Errors.invalidValue(String.valueOf(r.ipamPrefixListResolverVersion()),
                    "IpamPrefixListResolverVersion", "Resolver " + x.id + " has no such version.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        var page = Pagination.page(cidrs, r.maxResults(), r.nextToken(), 5, 1000);
        return GetIpamPrefixListResolverVersionEntriesResponse.builder().entries(page.items().stream()
                .map(c -> IpamPrefixListResolverVersionEntry.builder().cidr(c).build()).toList())
                .nextToken(page.nextToken()).build();
    }

    // --- targets ---

    public CreateIpamPrefixListResolverTargetResponse createIpamPrefixListResolverTarget(
            CreateIpamPrefixListResolverTargetRequest r) {
        VpcStore s = net.store();
        if (r.prefixListId() == null) {
            throw Ec2Errors.missing("PrefixListId");
        }
        if (r.prefixListRegion() == null) {
            throw Ec2Errors.missing("PrefixListRegion");
        }
        if (r.trackLatestVersion() == null) {
            throw Ec2Errors.missing("TrackLatestVersion");
        }
        IpamPrefixListResolver x = require(s, r.ipamPrefixListResolverId());
        if (r.clientToken() != null) {
            for (IpamPrefixListResolverTarget t : s.prefixListResolverTargets.values()) {
                if (r.clientToken().equals(t.clientToken) && t.deleteRequested == null) {
                    if (!t.resolverId.equals(x.id) || !t.prefixListId.equals(r.prefixListId())) {
                        throw Ec2Error.IDEMPOTENT_PARAMETER_MISMATCH.withMessage("The client token "
                                + r.clientToken() + " was used with different parameters.");
                    }
                    return CreateIpamPrefixListResolverTargetResponse.builder()
                            .ipamPrefixListResolverTarget(toSdk(s, t)).build();
                }
            }
        }
        if (!r.prefixListRegion().equals(s.region)) {
            throw new AwsException("NotImplemented", "Gureum does not emulate IPAM prefix list resolver targets in "
                    + "another Region than the resolver's (" + s.region + ").", 501, false);
        }
        PrefixList p = net.prefixLists.require(s, r.prefixListId());
        if (p.awsManaged) {
            throw Ec2Errors.invalidParameterValue("Prefix list " + p.id + " is AWS-managed: a resolver target needs a "
                    + "customer-managed prefix list.");
        }
        if (!p.addressFamily.equalsIgnoreCase(x.addressFamily)) {
            throw Ec2Errors.invalidParameterValue("Prefix list " + p.id + " is " + p.addressFamily + ", resolver "
                    + x.id + " is " + x.addressFamily + ".");
        }
        if (manages(s, p.id)) {
            throw Ec2Errors.invalidParameterValue("Prefix list " + p.id + " is already the target of a prefix list "
                    + "resolver.");
        }
        if (r.desiredVersion() != null && !x.versions.containsKey(r.desiredVersion())) {
            throw Ec2Errors.invalidValue(String.valueOf(r.desiredVersion()), "DesiredVersion", "Resolver " + x.id
                    + " has no such version.");
        }
        Tags.validate(r.tagSpecifications(), "ipam-prefix-list-resolver-target");
        Ec2Errors.checkDryRun(r.dryRun());
        IpamPrefixListResolverTarget t = new IpamPrefixListResolverTarget(net.id("ipam-prlt"), s.account, net.now());
        t.resolverId = x.id;
        t.prefixListId = p.id;
        t.prefixListRegion = s.region;
        t.trackLatestVersion = r.trackLatestVersion();
        t.desiredVersion = r.desiredVersion();
        t.clientToken = r.clientToken();
        Tags.apply(r.tagSpecifications(), t);
        s.put(s.prefixListResolverTargets, t);
        sync(s, t);
        return CreateIpamPrefixListResolverTargetResponse.builder().ipamPrefixListResolverTarget(toSdk(s, t)).build();
    }

    public ModifyIpamPrefixListResolverTargetResponse modifyIpamPrefixListResolverTarget(
            ModifyIpamPrefixListResolverTargetRequest r) {
        VpcStore s = net.store();
        IpamPrefixListResolverTarget t = requireTarget(s, r.ipamPrefixListResolverTargetId());
        IpamPrefixListResolver x = s.prefixListResolvers.get(t.resolverId);
        if (r.desiredVersion() != null && (x == null || !x.versions.containsKey(r.desiredVersion()))) {
            throw Ec2Errors.invalidValue(String.valueOf(r.desiredVersion()), "DesiredVersion", "Resolver "
                    + t.resolverId + " has no such version.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (r.trackLatestVersion() != null) {
            t.trackLatestVersion = r.trackLatestVersion();
        }
        if (r.desiredVersion() != null) {
            t.desiredVersion = r.desiredVersion();
        }
        t.modified = net.now();
        sync(s, t);
        return ModifyIpamPrefixListResolverTargetResponse.builder().ipamPrefixListResolverTarget(toSdk(s, t)).build();
    }

    public DeleteIpamPrefixListResolverTargetResponse deleteIpamPrefixListResolverTarget(
            DeleteIpamPrefixListResolverTargetRequest r) {
        VpcStore s = net.store();
        IpamPrefixListResolverTarget t = requireTarget(s, r.ipamPrefixListResolverTargetId());
        Ec2Errors.checkDryRun(r.dryRun());
        t.deleteRequested = net.now();
        if (s.registered(t)) {
            s.forget(t);
        }
        return DeleteIpamPrefixListResolverTargetResponse.builder().ipamPrefixListResolverTarget(toSdk(s, t)).build();
    }

    public DescribeIpamPrefixListResolverTargetsResponse describeIpamPrefixListResolverTargets(
            DescribeIpamPrefixListResolverTargetsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        if (r.ipamPrefixListResolverId() != null) {
            require(s, r.ipamPrefixListResolverId());
        }
        List<IpamPrefixListResolverTarget> found = Selected.byIds(s.prefixListResolverTargets, r.ipamPrefixListResolverTargetIds(), id -> targetNotFound(id));
        var page = Pagination.page(found.stream().filter(t -> r.ipamPrefixListResolverId() == null
                || r.ipamPrefixListResolverId().equals(t.resolverId)).filter(targetFilters.predicate(r.filters()))
                .toList(), r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeIpamPrefixListResolverTargetsResponse.builder()
                .ipamPrefixListResolverTargets(page.items().stream().map(t -> toSdk(s, t)).toList())
                .nextToken(page.nextToken()).build();
    }

    private software.amazon.awssdk.services.ec2.model.IpamPrefixListResolver toSdk(VpcStore s, IpamPrefixListResolver x) {
        return software.amazon.awssdk.services.ec2.model.IpamPrefixListResolver.builder().ownerId(x.ownerId)
                .ipamPrefixListResolverId(x.id).ipamPrefixListResolverArn(s.arnOf(x).toString())
                .ipamArn(net.ipams.arnOfIpam(x.ipamId)).ipamRegion(s.region).description(x.description)
                .addressFamily(x.addressFamily).state(state(x)).tags(Tags.toSdk(s.tagsOf(x)))
                .lastVersionCreationStatus(x.versions.isEmpty() ? "pending" : "success").build();
    }

    private software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverTarget toSdk(VpcStore s,
            IpamPrefixListResolverTarget t) {
        return software.amazon.awssdk.services.ec2.model.IpamPrefixListResolverTarget.builder()
                .ipamPrefixListResolverTargetId(t.id).ipamPrefixListResolverTargetArn(s.arnOf(t).toString())
                .ipamPrefixListResolverId(t.resolverId).ownerId(t.ownerId).prefixListId(t.prefixListId)
                .prefixListRegion(t.prefixListRegion).desiredVersion(t.desiredVersion)
                .lastSyncedVersion(t.lastSyncedVersion).trackLatestVersion(t.trackLatestVersion)
                .stateMessage(t.stateMessage).state(state(t)).tags(Tags.toSdk(s.tagsOf(t))).build();
    }
}
