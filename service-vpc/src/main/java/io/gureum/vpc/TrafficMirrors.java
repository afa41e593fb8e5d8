package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.NetworkInterface;
import io.gureum.vpc.model.Resource;
import io.gureum.vpc.model.TrafficMirrorFilter;
import io.gureum.vpc.model.TrafficMirrorFilterRule;
import io.gureum.vpc.model.TrafficMirrorSession;
import io.gureum.vpc.model.TrafficMirrorTarget;
import io.gureum.vpc.model.VpcEndpoint;
import io.gureum.vpc.net.Cidr;
import io.gureum.vpc.net.Ipv6;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.CreateTrafficMirrorFilterRequest;
import software.amazon.awssdk.services.ec2.model.CreateTrafficMirrorFilterResponse;
import software.amazon.awssdk.services.ec2.model.CreateTrafficMirrorFilterRuleRequest;
import software.amazon.awssdk.services.ec2.model.CreateTrafficMirrorFilterRuleResponse;
import software.amazon.awssdk.services.ec2.model.CreateTrafficMirrorSessionRequest;
import software.amazon.awssdk.services.ec2.model.CreateTrafficMirrorSessionResponse;
import software.amazon.awssdk.services.ec2.model.CreateTrafficMirrorTargetRequest;
import software.amazon.awssdk.services.ec2.model.CreateTrafficMirrorTargetResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTrafficMirrorFilterRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTrafficMirrorFilterResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTrafficMirrorFilterRuleRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTrafficMirrorFilterRuleResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTrafficMirrorSessionRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTrafficMirrorSessionResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTrafficMirrorTargetRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTrafficMirrorTargetResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTrafficMirrorFilterRulesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTrafficMirrorFilterRulesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTrafficMirrorFiltersRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTrafficMirrorFiltersResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTrafficMirrorSessionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTrafficMirrorSessionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTrafficMirrorTargetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTrafficMirrorTargetsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyTrafficMirrorFilterNetworkServicesRequest;
import software.amazon.awssdk.services.ec2.model.ModifyTrafficMirrorFilterNetworkServicesResponse;
import software.amazon.awssdk.services.ec2.model.ModifyTrafficMirrorFilterRuleRequest;
import software.amazon.awssdk.services.ec2.model.ModifyTrafficMirrorFilterRuleResponse;
import software.amazon.awssdk.services.ec2.model.ModifyTrafficMirrorSessionRequest;
import software.amazon.awssdk.services.ec2.model.ModifyTrafficMirrorSessionResponse;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorPortRange;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorPortRangeRequest;

/**
 * Traffic Mirroring (https://docs.aws.amazon.com/vpc/latest/mirroring/what-is-traffic-mirroring.html): targets,
 * filters with their rules and network services, and sessions that tie a source network interface to a target
 * through a filter. Everything is configuration: Gureum moves no packets, so nothing is ever mirrored. The
 * quotas are AWS's (https://docs.aws.amazon.com/vpc/latest/mirroring/traffic-mirroring-quotas.html): 10,000
 * targets, filters and sessions per account, 10 rules per filter, 3 sessions per source interface. A Network
 * Load Balancer target is refused as AWS refuses one that does not exist (Gureum serves no Elastic Load
 * Balancing), and so is a Gateway Load Balancer endpoint (no endpoint of that type can be made here).
 */
public final class TrafficMirrors {
    static final int ACCOUNT_LIMIT = 10_000;
    static final int RULES_PER_FILTER = 10;
    static final int SESSIONS_PER_INTERFACE = 3;
    private static final List<String> NETWORK_SERVICES = List.of("amazon-dns");

    private final Network net;
    private final Filters<TrafficMirrorTarget> targetFilters;
    private final Filters<TrafficMirrorFilter> filterFilters;
    private final Filters<TrafficMirrorFilterRule> ruleFilters;
    private final Filters<TrafficMirrorSession> sessionFilters;

    TrafficMirrors(Network net) {
        this.net = net;
        this.targetFilters = new Filters<TrafficMirrorTarget>()
                .on("description", t -> t.description)
                .on("network-interface-id", t -> t.networkInterfaceId)
                .on("network-load-balancer-arn", t -> t.networkLoadBalancerArn)
                .on("owner-id", t -> t.ownerId)
                .on("traffic-mirror-target-id", t -> t.id);
        this.filterFilters = new Filters<TrafficMirrorFilter>()
                .on("description", f -> f.description)
                .on("traffic-mirror-filter-id", f -> f.id);
        this.ruleFilters = new Filters<TrafficMirrorFilterRule>()
                .on("traffic-mirror-filter-rule-id", r -> r.id)
                .on("traffic-mirror-filter-id", r -> r.filterId)
                .on("rule-number", r -> r.ruleNumber)
                .on("rule-action", r -> r.action)
                .on("traffic-direction", r -> r.direction)
                .on("protocol", r -> r.protocol)
                .on("source-cidr-block", r -> r.sourceCidr)
                .on("destination-cidr-block", r -> r.destinationCidr)
                .on("description", r -> r.description);
        this.sessionFilters = new Filters<TrafficMirrorSession>()
                .on("description", x -> x.description)
                .on("network-interface-id", x -> x.networkInterfaceId)
                .on("owner-id", x -> x.ownerId)
                .on("packet-length", x -> x.packetLength)
                .on("session-number", x -> x.sessionNumber)
                .on("traffic-mirror-filter-id", x -> x.filterId)
                .on("traffic-mirror-session-id", x -> x.id)
                .on("traffic-mirror-target-id", x -> x.targetId)
                .on("virtual-network-id", x -> x.virtualNetworkId);
    }

    // The codes are AWS's (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html),
    // including the target's "NoFound".
    static AwsException targetNotFound(String id) {
        return new AwsException("InvalidTrafficMirrorTargetNoFound",
                "The traffic mirror target '" + id + "' does not exist.", 400);
    }

    static AwsException filterNotFound(String id) {
        return new AwsException("InvalidTrafficMirrorFilterNotFound",
                "The traffic mirror filter '" + id + "' does not exist.", 400);
    }

    static AwsException ruleNotFound(String id) {
        return new AwsException("InvalidTrafficMirrorFilterRuleNotFound",
                "The traffic mirror filter rule '" + id + "' does not exist.", 400);
    }

    static AwsException sessionNotFound(String id) {
        return new AwsException("InvalidTrafficMirrorSessionNotFound",
                "The traffic mirror session '" + id + "' does not exist.", 400);
    }

    private static <T> T find(Map<String, T> family, String id, String parameter, Function<String, AwsException> notFound) {
        if (id == null) {
            throw Ec2Errors.missing(parameter);
        }
        T found = family.get(id);
        if (found == null) {
            throw notFound.apply(id);
        }
        return found;
    }

    private static <T extends Resource> T byToken(Map<String, T> family, String token, Function<T, String> tokenOf) {
        if (token == null) {
            return null;
        }
        return family.values().stream().filter(x -> token.equals(tokenOf.apply(x))).findFirst().orElse(null);
    }

    private static AwsException mismatch(String token) {
        return Ec2Error.IDEMPOTENT_PARAMETER_MISMATCH.withMessage(
                "The client token " + token + " was used with different parameters.");
    }

    // ---- targets

    public CreateTrafficMirrorTargetResponse createTrafficMirrorTarget(CreateTrafficMirrorTargetRequest r) {
        VpcStore s = net.store();
        TrafficMirrorTarget earlier = byToken(s.mirrorTargets, r.clientToken(), t -> t.clientToken);
        if (earlier != null) {
            if (!Objects.equals(earlier.networkInterfaceId, r.networkInterfaceId())
                    || !Objects.equals(earlier.networkLoadBalancerArn, r.networkLoadBalancerArn())
                    || !Objects.equals(earlier.gatewayLoadBalancerEndpointId, r.gatewayLoadBalancerEndpointId())) {
                throw mismatch(r.clientToken());
            }
            return CreateTrafficMirrorTargetResponse.builder().trafficMirrorTarget(toSdk(s, earlier))
                    .clientToken(r.clientToken()).build();
        }
        int given = (r.networkInterfaceId() != null ? 1 : 0) + (r.networkLoadBalancerArn() != null ? 1 : 0)
                + (r.gatewayLoadBalancerEndpointId() != null ? 1 : 0);
        if (given == 0) {
            throw Ec2Errors.missing("NetworkInterfaceId, NetworkLoadBalancerArn or GatewayLoadBalancerEndpointId");
        }
        if (given > 1) {
            throw Ec2Errors.combination("Specify only one of NetworkInterfaceId, NetworkLoadBalancerArn and "
                    + "GatewayLoadBalancerEndpointId.");
        }
        String type;
        if (r.networkInterfaceId() != null) {
            net.networkInterfaces.require(s, r.networkInterfaceId());
            type = "network-interface";
        } else if (r.networkLoadBalancerArn() != null) {
            // Gureum serves no Elastic Load Balancing: no Network Load Balancer exists.
            throw new AwsException("NetworkLoadBalancerNotFoundException",
                    "The specified Network Load Balancer '" + r.networkLoadBalancerArn() + "' does not exist.", 400);
        } else {
            VpcEndpoint e = s.vpcEndpoints.get(r.gatewayLoadBalancerEndpointId());
            if (e == null) {
                throw new AwsException("InvalidVpcEndpointId.NotFound",
                        "The Vpc Endpoint Id '" + r.gatewayLoadBalancerEndpointId() + "' does not exist", 400);
            }
            if (!"GatewayLoadBalancer".equals(e.type)) {
                throw Ec2Errors.invalidParameterValue("The VPC endpoint " + e.id
                        + " is not a Gateway Load Balancer endpoint.");
            }
            type = "gateway-load-balancer-endpoint";
        }
        Tags.validate(r.tagSpecifications(), "traffic-mirror-target");
        if (s.mirrorTargets.size() >= ACCOUNT_LIMIT) {
            throw new AwsException("TrafficMirrorTargetLimitExceeded",
                    "The maximum number of traffic mirror targets (" + ACCOUNT_LIMIT + ") has been reached.", 400);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        TrafficMirrorTarget t = new TrafficMirrorTarget(net.id("tmt"), s.account, net.now());
        t.networkInterfaceId = r.networkInterfaceId();
        t.gatewayLoadBalancerEndpointId = r.gatewayLoadBalancerEndpointId();
        t.type = type;
        t.description = r.description();
        t.clientToken = r.clientToken();
        Tags.apply(r.tagSpecifications(), t);
        s.put(s.mirrorTargets, t);
        return CreateTrafficMirrorTargetResponse.builder().trafficMirrorTarget(toSdk(s, t)).clientToken(r.clientToken())
                .build();
    }

    public DeleteTrafficMirrorTargetResponse deleteTrafficMirrorTarget(DeleteTrafficMirrorTargetRequest r) {
        VpcStore s = net.store();
        TrafficMirrorTarget t = find(s.mirrorTargets, r.trafficMirrorTargetId(), "TrafficMirrorTargetId",
                TrafficMirrors::targetNotFound);
        if (s.mirrorSessions.values().stream().anyMatch(x -> x.targetId.equals(t.id))) {
            throw new AwsException("TrafficMirrorTargetInUseException",
                    "The traffic mirror target " + t.id + " is in use by a traffic mirror session.", 400);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        s.remove(s.mirrorTargets, t.id);
        return DeleteTrafficMirrorTargetResponse.builder().trafficMirrorTargetId(t.id).build();
    }

    public DescribeTrafficMirrorTargetsResponse describeTrafficMirrorTargets(DescribeTrafficMirrorTargetsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<TrafficMirrorTarget> found = Selected.byIds(s.mirrorTargets, r.hasTrafficMirrorTargetIds() ? r.trafficMirrorTargetIds()
                : null, TrafficMirrors::targetNotFound);
        var page = Pagination.page(found.stream().filter(targetFilters.predicate(r.filters())).toList(),
                r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeTrafficMirrorTargetsResponse.builder()
                .trafficMirrorTargets(page.items().stream().map(t -> toSdk(s, t)).toList())
                .nextToken(page.nextToken()).build();
    }

    software.amazon.awssdk.services.ec2.model.TrafficMirrorTarget toSdk(VpcStore s, TrafficMirrorTarget t) {
        return software.amazon.awssdk.services.ec2.model.TrafficMirrorTarget.builder().trafficMirrorTargetId(t.id)
                .networkInterfaceId(t.networkInterfaceId).networkLoadBalancerArn(t.networkLoadBalancerArn)
                .gatewayLoadBalancerEndpointId(t.gatewayLoadBalancerEndpointId).type(t.type)
                .description(t.description).ownerId(t.ownerId).tags(Tags.toSdk(s.tagsOf(t))).build();
    }

    // ---- filters

    public CreateTrafficMirrorFilterResponse createTrafficMirrorFilter(CreateTrafficMirrorFilterRequest r) {
        VpcStore s = net.store();
        TrafficMirrorFilter earlier = byToken(s.mirrorFilters, r.clientToken(), f -> f.clientToken);
        if (earlier != null) {
            if (!Objects.equals(earlier.description, r.description())) {
                throw mismatch(r.clientToken());
            }
            return CreateTrafficMirrorFilterResponse.builder().trafficMirrorFilter(toSdk(s, earlier))
                    .clientToken(r.clientToken()).build();
        }
        Tags.validate(r.tagSpecifications(), "traffic-mirror-filter");
        if (s.mirrorFilters.size() >= ACCOUNT_LIMIT) {
            throw new AwsException("TrafficMirrorFilterLimitExceeded",
                    "The maximum number of traffic mirror filters (" + ACCOUNT_LIMIT + ") has been reached.", 400);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        TrafficMirrorFilter f = new TrafficMirrorFilter(net.id("tmf"), s.account, net.now());
        f.description = r.description();
        f.clientToken = r.clientToken();
        Tags.apply(r.tagSpecifications(), f);
        s.put(s.mirrorFilters, f);
        return CreateTrafficMirrorFilterResponse.builder().trafficMirrorFilter(toSdk(s, f)).clientToken(r.clientToken())
                .build();
    }

    public DeleteTrafficMirrorFilterResponse deleteTrafficMirrorFilter(DeleteTrafficMirrorFilterRequest r) {
        VpcStore s = net.store();
        TrafficMirrorFilter f = find(s.mirrorFilters, r.trafficMirrorFilterId(), "TrafficMirrorFilterId",
                TrafficMirrors::filterNotFound);
        if (s.mirrorSessions.values().stream().anyMatch(x -> x.filterId.equals(f.id))) {
            throw new AwsException("TrafficMirrorFilterInUse",
                    "The traffic mirror filter " + f.id + " is in use by a traffic mirror session.", 400);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        for (TrafficMirrorFilterRule rule : rulesOf(s, f.id)) {
            s.remove(s.mirrorFilterRules, rule.id);
        }
        s.remove(s.mirrorFilters, f.id);
        return DeleteTrafficMirrorFilterResponse.builder().trafficMirrorFilterId(f.id).build();
    }

    public DescribeTrafficMirrorFiltersResponse describeTrafficMirrorFilters(DescribeTrafficMirrorFiltersRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<TrafficMirrorFilter> found = Selected.byIds(s.mirrorFilters, r.hasTrafficMirrorFilterIds()
                ? r.trafficMirrorFilterIds() : null, TrafficMirrors::filterNotFound);
        var page = Pagination.page(found.stream().filter(filterFilters.predicate(r.filters())).toList(),
                r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeTrafficMirrorFiltersResponse.builder()
                .trafficMirrorFilters(page.items().stream().map(f -> toSdk(s, f)).toList())
                .nextToken(page.nextToken()).build();
    }

    public ModifyTrafficMirrorFilterNetworkServicesResponse modifyTrafficMirrorFilterNetworkServices(
            ModifyTrafficMirrorFilterNetworkServicesRequest r) {
        VpcStore s = net.store();
        TrafficMirrorFilter f = find(s.mirrorFilters, r.trafficMirrorFilterId(), "TrafficMirrorFilterId",
                TrafficMirrors::filterNotFound);
        List<String> add = r.hasAddNetworkServices() ? r.addNetworkServicesAsStrings() : List.of();
        List<String> remove = r.hasRemoveNetworkServices() ? r.removeNetworkServicesAsStrings() : List.of();
        for (String service : concat(add, remove)) {
            if (!NETWORK_SERVICES.contains(service)) {
                throw Ec2Errors.invalidValue(service, "NetworkService", "Valid values: " + NETWORK_SERVICES);
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        for (String service : add) {
            if (!f.networkServices.contains(service)) {
                f.networkServices.add(service);
            }
        }
        f.networkServices.removeAll(remove);
        return ModifyTrafficMirrorFilterNetworkServicesResponse.builder().trafficMirrorFilter(toSdk(s, f)).build();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<TrafficMirrorFilterRule> rulesOf(VpcStore s, String filterId) {
        return s.mirrorFilterRules.values().stream().filter(x -> x.filterId.equals(filterId))
                .sorted(Comparator.comparingInt(x -> x.ruleNumber)).toList();
    }

    software.amazon.awssdk.services.ec2.model.TrafficMirrorFilter toSdk(VpcStore s, TrafficMirrorFilter f) {
        List<TrafficMirrorFilterRule> rules = rulesOf(s, f.id);
        return software.amazon.awssdk.services.ec2.model.TrafficMirrorFilter.builder().trafficMirrorFilterId(f.id)
                .description(f.description).networkServicesWithStrings(f.networkServices)
                .ingressFilterRules(rules.stream().filter(x -> x.direction.equals("ingress")).map(x -> toSdk(s, x, true))
                        .toList())
                .egressFilterRules(rules.stream().filter(x -> x.direction.equals("egress")).map(x -> toSdk(s, x, true))
                        .toList())
                .tags(Tags.toSdk(s.tagsOf(f))).build();
    }

    // ---- filter rules

    public CreateTrafficMirrorFilterRuleResponse createTrafficMirrorFilterRule(CreateTrafficMirrorFilterRuleRequest r) {
        VpcStore s = net.store();
        TrafficMirrorFilter f = find(s.mirrorFilters, r.trafficMirrorFilterId(), "TrafficMirrorFilterId",
                TrafficMirrors::filterNotFound);
        TrafficMirrorFilterRule earlier = byToken(s.mirrorFilterRules, r.clientToken(), x -> x.clientToken);
        if (earlier != null) {
            if (!earlier.filterId.equals(f.id) || earlier.ruleNumber != r.ruleNumber()
                    || !earlier.direction.equals(r.trafficDirectionAsString())) {
                throw mismatch(r.clientToken());
            }
            return CreateTrafficMirrorFilterRuleResponse.builder().trafficMirrorFilterRule(toSdk(s, earlier, true))
                    .clientToken(r.clientToken()).build();
        }
        TrafficMirrorFilterRule rule = new TrafficMirrorFilterRule(net.id("tmfr"), s.account, net.now());
        rule.filterId = f.id;
        rule.direction = direction(r.trafficDirectionAsString());
        rule.ruleNumber = ruleNumber(r.ruleNumber());
        rule.action = action(r.ruleActionAsString());
        rule.protocol = protocol(r.protocol());
        setPorts(rule, r.destinationPortRange(), true);
        setPorts(rule, r.sourcePortRange(), false);
        rule.destinationCidr = r.destinationCidrBlock();
        rule.sourceCidr = r.sourceCidrBlock();
        rule.description = r.description();
        rule.clientToken = r.clientToken();
        check(s, rule);
        if (rulesOf(s, f.id).size() >= RULES_PER_FILTER) {
            throw new AwsException("TrafficMirrorFilterRuleLimitExceeded", "The traffic mirror filter " + f.id
                    + " already has the maximum number of rules (" + RULES_PER_FILTER + ").", 400);
        }
        Tags.validate(r.tagSpecifications(), "traffic-mirror-filter-rule");
        Ec2Errors.checkDryRun(r.dryRun());
        Tags.apply(r.tagSpecifications(), rule);
        s.put(s.mirrorFilterRules, rule);
        return CreateTrafficMirrorFilterRuleResponse.builder().trafficMirrorFilterRule(toSdk(s, rule, true))
                .clientToken(r.clientToken()).build();
    }

    public ModifyTrafficMirrorFilterRuleResponse modifyTrafficMirrorFilterRule(ModifyTrafficMirrorFilterRuleRequest r) {
        VpcStore s = net.store();
        TrafficMirrorFilterRule old = find(s.mirrorFilterRules, r.trafficMirrorFilterRuleId(), "TrafficMirrorFilterRuleId",
                TrafficMirrors::ruleNotFound);
        TrafficMirrorFilterRule rule = new TrafficMirrorFilterRule(old.id, old.ownerId, old.created);
        rule.filterId = old.filterId;
        rule.clientToken = old.clientToken;
        rule.direction = r.trafficDirection() == null && r.trafficDirectionAsString() == null ? old.direction
                : direction(r.trafficDirectionAsString());
        rule.ruleNumber = r.ruleNumber() == null ? old.ruleNumber : ruleNumber(r.ruleNumber());
        rule.action = r.ruleActionAsString() == null ? old.action : action(r.ruleActionAsString());
        rule.protocol = r.protocol() == null ? old.protocol : protocol(r.protocol());
        rule.destinationFromPort = old.destinationFromPort;
        rule.destinationToPort = old.destinationToPort;
        rule.sourceFromPort = old.sourceFromPort;
        rule.sourceToPort = old.sourceToPort;
        if (r.destinationPortRange() != null) {
            setPorts(rule, r.destinationPortRange(), true);
        }
        if (r.sourcePortRange() != null) {
            setPorts(rule, r.sourcePortRange(), false);
        }
        rule.destinationCidr = r.destinationCidrBlock() == null ? old.destinationCidr : r.destinationCidrBlock();
        rule.sourceCidr = r.sourceCidrBlock() == null ? old.sourceCidr : r.sourceCidrBlock();
        rule.description = r.description() == null ? old.description : r.description();
        for (String field : r.hasRemoveFields() ? r.removeFieldsAsStrings() : List.<String>of()) {
            switch (field) {
                case "destination-port-range" -> {
                    rule.destinationFromPort = null;
                    rule.destinationToPort = null;
                }
                case "source-port-range" -> {
                    rule.sourceFromPort = null;
                    rule.sourceToPort = null;
                }
                case "protocol" -> rule.protocol = null;
                case "description" -> rule.description = null;
                default -> throw Ec2Errors.invalidValue(field, "RemoveField",
                        "Valid values: destination-port-range, source-port-range, protocol, description");
            }
        }
        check(s, rule);
        Ec2Errors.checkDryRun(r.dryRun());
        old.direction = rule.direction;
        old.ruleNumber = rule.ruleNumber;
        old.action = rule.action;
        old.protocol = rule.protocol;
        old.destinationFromPort = rule.destinationFromPort;
        old.destinationToPort = rule.destinationToPort;
        old.sourceFromPort = rule.sourceFromPort;
        old.sourceToPort = rule.sourceToPort;
        old.destinationCidr = rule.destinationCidr;
        old.sourceCidr = rule.sourceCidr;
        old.description = rule.description;
        // "Tags are not returned for ModifyTrafficMirrorFilterRule" (the API reference).
        return ModifyTrafficMirrorFilterRuleResponse.builder().trafficMirrorFilterRule(toSdk(s, old, false)).build();
    }

    public DeleteTrafficMirrorFilterRuleResponse deleteTrafficMirrorFilterRule(DeleteTrafficMirrorFilterRuleRequest r) {
        VpcStore s = net.store();
        TrafficMirrorFilterRule rule = find(s.mirrorFilterRules, r.trafficMirrorFilterRuleId(),
                "TrafficMirrorFilterRuleId", TrafficMirrors::ruleNotFound);
        Ec2Errors.checkDryRun(r.dryRun());
        s.remove(s.mirrorFilterRules, rule.id);
        return DeleteTrafficMirrorFilterRuleResponse.builder().trafficMirrorFilterRuleId(rule.id).build();
    }

    public DescribeTrafficMirrorFilterRulesResponse describeTrafficMirrorFilterRules(
            DescribeTrafficMirrorFilterRulesRequest r) {
        VpcStore s = net.store();
        if (r.trafficMirrorFilterId() != null && !s.mirrorFilters.containsKey(r.trafficMirrorFilterId())) {
            throw filterNotFound(r.trafficMirrorFilterId());
        }
        Ec2Errors.checkDryRun(r.dryRun());
        List<TrafficMirrorFilterRule> found = Selected.byIds(s.mirrorFilterRules, r.hasTrafficMirrorFilterRuleIds()
                ? r.trafficMirrorFilterRuleIds() : null, TrafficMirrors::ruleNotFound);
        var page = Pagination.page(found.stream()
                .filter(x -> r.trafficMirrorFilterId() == null || x.filterId.equals(r.trafficMirrorFilterId()))
                .filter(ruleFilters.predicate(r.filters())).toList(), r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeTrafficMirrorFilterRulesResponse.builder()
                .trafficMirrorFilterRules(page.items().stream().map(x -> toSdk(s, x, true)).toList())
                .nextToken(page.nextToken()).build();
    }

    private static String direction(String value) {
        if (value == null) {
            throw Ec2Errors.missing("TrafficDirection");
        }
        if (!value.equals("ingress") && !value.equals("egress")) {
            throw Ec2Errors.invalidValue(value, "TrafficDirection", "Valid values: ingress, egress");
        }
        return value;
    }

    private static String action(String value) {
        if (value == null) {
            throw Ec2Errors.missing("RuleAction");
        }
        if (!value.equals("accept") && !value.equals("reject")) {
            throw Ec2Errors.invalidValue(value, "RuleAction", "Valid values: accept, reject");
        }
        return value;
    }

    private static int ruleNumber(Integer value) {
        if (value == null) {
            throw Ec2Errors.missing("RuleNumber");
        }
        if (value < 1 || value > 32766) {
            throw Ec2Errors.invalidValue(String.valueOf(value), "RuleNumber", "Valid values are 1-32766.");
        }
        return value;
    }

    private static Integer protocol(Integer value) {
        if (value != null && (value < 0 || value > 255)) {
            throw Ec2Errors.invalidValue(String.valueOf(value), "Protocol", "Valid values are 0-255.");
        }
        return value;
    }

    private static void setPorts(TrafficMirrorFilterRule rule, TrafficMirrorPortRangeRequest range, boolean destination) {
        Integer from = range == null ? null : range.fromPort();
        Integer to = range == null ? null : range.toPort();
        if (range != null) {
            String name = destination ? "DestinationPortRange" : "SourcePortRange";
            if (from == null || to == null) {
                throw Ec2Errors.missing(name + (from == null ? ".FromPort" : ".ToPort"));
            }
            if (from < 0 || from > 65535 || to < 0 || to > 65535 || from > to) {
                throw Ec2Errors.invalidValue(from + "-" + to, name,
                        "Ports are 0-65535 and FromPort may not exceed ToPort.");
            }
        }
        if (destination) {
            rule.destinationFromPort = from;
            rule.destinationToPort = to;
        } else {
            rule.sourceFromPort = from;
            rule.sourceToPort = to;
        }
    }

    /** The checks of a rule as it would be after a create or a modify. */
    private static void check(VpcStore s, TrafficMirrorFilterRule rule) {
        if (rule.destinationCidr == null) {
            throw Ec2Errors.missing("DestinationCidrBlock");
        }
        if (rule.sourceCidr == null) {
            throw Ec2Errors.missing("SourceCidrBlock");
        }
        boolean dst6 = family(rule.destinationCidr, "DestinationCidrBlock");
        boolean src6 = family(rule.sourceCidr, "SourceCidrBlock");
        if (dst6 != src6) {
            // "DestinationCidrBlock and SourceCidrBlock must both be an IPv4 range or an IPv6 range."
            throw Ec2Errors.invalidParameterValue(
                    "DestinationCidrBlock and SourceCidrBlock must both be an IPv4 range or an IPv6 range.");
        }
        boolean ports = rule.destinationFromPort != null || rule.sourceFromPort != null;
        if (ports && (rule.protocol == null || (rule.protocol != 6 && rule.protocol != 17))) {
            // Port ranges apply to TCP and UDP only (TrafficMirrorPortRangeRequest).
            throw Ec2Errors.invalidParameterValue("Port ranges can be specified only for the TCP (6) and UDP (17) "
                    + "protocols.");
        }
        for (TrafficMirrorFilterRule other : rulesOf(s, rule.filterId)) {
            if (!other.id.equals(rule.id) && other.direction.equals(rule.direction) && other.ruleNumber == rule.ruleNumber) {
                throw new AwsException("TrafficMirrorFilterRuleAlreadyExists", "The traffic mirror filter "
                        + rule.filterId + " already has an " + rule.direction + " rule with rule number "
                        + rule.ruleNumber + ".", 400);
            }
        }
    }

    /** Whether the CIDR is IPv6; refuses one that is neither form. */
    private static boolean family(String cidr, String parameter) {
        if (cidr.contains(":")) {
            try {
                Ipv6.parse(cidr);
                return true;
            } catch (IllegalArgumentException e) {
                throw Ec2Errors.invalidValue(cidr, parameter, "The CIDR block is not valid.");
            }
        }
        if (Cidr.tryParse(cidr) == null) {
            throw Ec2Errors.invalidValue(cidr, parameter, "The CIDR block is not valid.");
        }
        return false;
    }

    software.amazon.awssdk.services.ec2.model.TrafficMirrorFilterRule toSdk(VpcStore s, TrafficMirrorFilterRule x,
            boolean tags) {
        var b = software.amazon.awssdk.services.ec2.model.TrafficMirrorFilterRule.builder()
                .trafficMirrorFilterRuleId(x.id).trafficMirrorFilterId(x.filterId).trafficDirection(x.direction)
                .ruleNumber(x.ruleNumber).ruleAction(x.action).protocol(x.protocol)
                .destinationCidrBlock(x.destinationCidr).sourceCidrBlock(x.sourceCidr).description(x.description);
        if (x.destinationFromPort != null) {
            b.destinationPortRange(TrafficMirrorPortRange.builder().fromPort(x.destinationFromPort)
                    .toPort(x.destinationToPort).build());
        }
        if (x.sourceFromPort != null) {
            b.sourcePortRange(TrafficMirrorPortRange.builder().fromPort(x.sourceFromPort).toPort(x.sourceToPort).build());
        }
        if (tags) {
            b.tags(Tags.toSdk(s.tagsOf(x)));
        }
        return b.build();
    }

    // ---- sessions

    public CreateTrafficMirrorSessionResponse createTrafficMirrorSession(CreateTrafficMirrorSessionRequest r) {
        VpcStore s = net.store();
        TrafficMirrorSession earlier = byToken(s.mirrorSessions, r.clientToken(), x -> x.clientToken);
        if (earlier != null) {
            if (!earlier.networkInterfaceId.equals(r.networkInterfaceId()) || !earlier.targetId.equals(r.trafficMirrorTargetId())
                    || !earlier.filterId.equals(r.trafficMirrorFilterId())
                    || !Objects.equals(earlier.sessionNumber, r.sessionNumber())) {
                throw mismatch(r.clientToken());
            }
            return CreateTrafficMirrorSessionResponse.builder().trafficMirrorSession(toSdk(s, earlier))
                    .clientToken(r.clientToken()).build();
        }
        if (r.networkInterfaceId() == null) {
            throw Ec2Errors.missing("NetworkInterfaceId");
        }
        NetworkInterface source = net.networkInterfaces.require(s, r.networkInterfaceId());
        TrafficMirrorTarget target = find(s.mirrorTargets, r.trafficMirrorTargetId(), "TrafficMirrorTargetId",
                TrafficMirrors::targetNotFound);
        TrafficMirrorFilter filter = find(s.mirrorFilters, r.trafficMirrorFilterId(), "TrafficMirrorFilterId",
                TrafficMirrors::filterNotFound);
        if (r.sessionNumber() == null) {
            throw Ec2Errors.missing("SessionNumber");
        }
        int number = sessionNumber(r.sessionNumber());
        Integer length = packetLength(r.packetLength());
        Integer vni = virtualNetworkId(r.virtualNetworkId());
        if (source.id.equals(target.networkInterfaceId)) {
            throw Ec2Errors.invalidParameterValue("The traffic mirror source and target cannot be the same network "
                    + "interface.");
        }
        if (s.mirrorSessions.values().stream().filter(x -> x.networkInterfaceId.equals(source.id)).count()
                >= SESSIONS_PER_INTERFACE) {
            throw new AwsException("TrafficMirrorSessionsPerInterfaceLimitExceeded", "The network interface "
                    + source.id + " already has the maximum number of traffic mirror sessions ("
                    + SESSIONS_PER_INTERFACE + ").", 400);
        }
        if (s.mirrorSessions.size() >= ACCOUNT_LIMIT) {
            throw new AwsException("TrafficMirrorSessionLimitExceeded",
                    "The maximum number of traffic mirror sessions (" + ACCOUNT_LIMIT + ") has been reached.", 400);
        }
        Tags.validate(r.tagSpecifications(), "traffic-mirror-session");
        Ec2Errors.checkDryRun(r.dryRun());
        TrafficMirrorSession x = new TrafficMirrorSession(net.id("tms"), s.account, net.now());
        x.networkInterfaceId = source.id;
        x.targetId = target.id;
        x.filterId = filter.id;
        x.sessionNumber = number;
        x.packetLength = length;
        x.virtualNetworkId = vni != null ? vni : randomVni(s);
        x.description = r.description();
        x.clientToken = r.clientToken();
        Tags.apply(r.tagSpecifications(), x);
        s.put(s.mirrorSessions, x);
        return CreateTrafficMirrorSessionResponse.builder().trafficMirrorSession(toSdk(s, x))
                .clientToken(r.clientToken()).build();
    }

    public ModifyTrafficMirrorSessionResponse modifyTrafficMirrorSession(ModifyTrafficMirrorSessionRequest r) {
        VpcStore s = net.store();
        TrafficMirrorSession x = find(s.mirrorSessions, r.trafficMirrorSessionId(), "TrafficMirrorSessionId",
                TrafficMirrors::sessionNotFound);
        TrafficMirrorTarget target = r.trafficMirrorTargetId() == null ? null
                : find(s.mirrorTargets, r.trafficMirrorTargetId(), "TrafficMirrorTargetId", TrafficMirrors::targetNotFound);
        TrafficMirrorFilter filter = r.trafficMirrorFilterId() == null ? null
                : find(s.mirrorFilters, r.trafficMirrorFilterId(), "TrafficMirrorFilterId", TrafficMirrors::filterNotFound);
        Integer number = r.sessionNumber() == null ? null : sessionNumber(r.sessionNumber());
        Integer length = packetLength(r.packetLength());
        Integer vni = virtualNetworkId(r.virtualNetworkId());
        List<String> remove = r.hasRemoveFields() ? r.removeFieldsAsStrings() : List.of();
        for (String field : remove) {
            if (!List.of("packet-length", "description", "virtual-network-id").contains(field)) {
                throw Ec2Errors.invalidValue(field, "RemoveField",
                        "Valid values: packet-length, description, virtual-network-id");
            }
        }
        if (target != null && x.networkInterfaceId.equals(target.networkInterfaceId)) {
            throw Ec2Errors.invalidParameterValue("The traffic mirror source and target cannot be the same network "
                    + "interface.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (target != null) {
            x.targetId = target.id;
        }
        if (filter != null) {
            x.filterId = filter.id;
        }
        if (number != null) {
            x.sessionNumber = number;
        }
        if (length != null) {
            x.packetLength = length;
        }
        if (vni != null) {
            x.virtualNetworkId = vni;
        }
        if (r.description() != null) {
            x.description = r.description();
        }
        if (remove.contains("packet-length")) {
            x.packetLength = null;
        }
        if (remove.contains("description")) {
            x.description = null;
        }
        if (remove.contains("virtual-network-id")) {
            x.virtualNetworkId = randomVni(s);
        }
        return ModifyTrafficMirrorSessionResponse.builder().trafficMirrorSession(toSdk(s, x)).build();
    }

    public DeleteTrafficMirrorSessionResponse deleteTrafficMirrorSession(DeleteTrafficMirrorSessionRequest r) {
        VpcStore s = net.store();
        TrafficMirrorSession x = find(s.mirrorSessions, r.trafficMirrorSessionId(), "TrafficMirrorSessionId",
                TrafficMirrors::sessionNotFound);
        Ec2Errors.checkDryRun(r.dryRun());
        s.remove(s.mirrorSessions, x.id);
        return DeleteTrafficMirrorSessionResponse.builder().trafficMirrorSessionId(x.id).build();
    }

    public DescribeTrafficMirrorSessionsResponse describeTrafficMirrorSessions(DescribeTrafficMirrorSessionsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<TrafficMirrorSession> found = Selected.byIds(s.mirrorSessions, r.hasTrafficMirrorSessionIds()
                ? r.trafficMirrorSessionIds() : null, TrafficMirrors::sessionNotFound);
        var page = Pagination.page(found.stream().filter(sessionFilters.predicate(r.filters())).toList(),
                r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeTrafficMirrorSessionsResponse.builder()
                .trafficMirrorSessions(page.items().stream().map(x -> toSdk(s, x)).toList())
                .nextToken(page.nextToken()).build();
    }

    private static int sessionNumber(int value) {
        if (value < 1 || value > 32766) {
            throw Ec2Errors.invalidValue(String.valueOf(value), "SessionNumber", "Valid values are 1-32766.");
        }
        return value;
    }

    private static Integer packetLength(Integer value) {
        if (value != null && (value < 1 || value > 8500)) {
            throw Ec2Errors.invalidValue(String.valueOf(value), "PacketLength", "Valid values are 1-8500.");
        }
        return value;
    }

    /** A VXLAN network identifier is 24 bits (RFC 7348). */
    private static Integer virtualNetworkId(Integer value) {
        if (value != null && (value < 0 || value > 0xFFFFFF)) {
            throw Ec2Errors.invalidValue(String.valueOf(value), "VirtualNetworkId", "Valid values are 0-16777215.");
        }
        return value;
    }

    /** "If you do not specify a VirtualNetworkId, an account-wide unique ID is chosen at random." */
    private int randomVni(VpcStore s) {
        while (true) {
            int vni = Integer.parseInt(net.ctx.ids().hex(6), 16) & 0xFFFFFF;
            if (vni != 0 && s.mirrorSessions.values().stream().noneMatch(x -> x.virtualNetworkId == vni)) {
                return vni;
            }
        }
    }

    software.amazon.awssdk.services.ec2.model.TrafficMirrorSession toSdk(VpcStore s, TrafficMirrorSession x) {
        return software.amazon.awssdk.services.ec2.model.TrafficMirrorSession.builder().trafficMirrorSessionId(x.id)
                .trafficMirrorTargetId(x.targetId).trafficMirrorFilterId(x.filterId)
                .networkInterfaceId(x.networkInterfaceId).ownerId(x.ownerId).packetLength(x.packetLength)
                .sessionNumber(x.sessionNumber).virtualNetworkId(x.virtualNetworkId).description(x.description)
                .tags(Tags.toSdk(s.tagsOf(x))).build();
    }
}
