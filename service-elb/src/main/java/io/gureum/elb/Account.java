package io.gureum.elb;

import io.gureum.core.ids.Arn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeAccountLimitsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeAccountLimitsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeSslPoliciesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeSslPoliciesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Limit;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicy;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicyNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TooManyTagsException;

/** Tags on every resource type (load balancers, target groups, listeners, rules, trust stores), DescribeAccountLimits (AWS's default quotas) and DescribeSSLPolicies. */
public final class Account {
    /**
     * The default quotas AWS documents ("Quotas for your Application/Network/Gateway Load Balancers"); Gureum
     * enforces those marked in {@link LoadBalancers}, {@link TargetGroups}, {@link Listeners}, {@link Rules}
     * and {@link Targets}.
     */
    static final Map<String, Integer> LIMITS = new LinkedHashMap<>();

    static {
        LIMITS.put("application-load-balancers", 50);
        LIMITS.put("condition-values-per-alb-rule", 5);
        LIMITS.put("condition-wildcards-per-alb-rule", 5);
        LIMITS.put("gateway-load-balancers", 100);
        LIMITS.put("gateway-load-balancers-per-vpc", 100);
        LIMITS.put("geneve-target-groups", 100);
        LIMITS.put("listeners-per-application-load-balancer", 50);
        LIMITS.put("listeners-per-network-load-balancer", 50);
        LIMITS.put("network-load-balancer-enis-per-vpc", 1200);
        LIMITS.put("network-load-balancers", 50);
        LIMITS.put("rules-per-application-load-balancer", 100);
        LIMITS.put("target-groups", 3000);
        LIMITS.put("target-groups-per-action-on-application-load-balancer", 5);
        LIMITS.put("target-groups-per-action-on-network-load-balancer", 1);
        LIMITS.put("target-groups-per-application-load-balancer", 100);
        LIMITS.put("targets-per-application-load-balancer", 1000);
        LIMITS.put("targets-per-availability-zone-per-gateway-load-balancer", 300);
        LIMITS.put("targets-per-availability-zone-per-network-load-balancer", 500);
        LIMITS.put("targets-per-network-load-balancer", 3000);
        LIMITS.put("certificates-per-application-load-balancer", 25);
        LIMITS.put("certificates-per-network-load-balancer", 25);
    }

    private final ElbState state;

    Account(ElbState state) {
        this.state = state;
    }

    public AddTagsResponse addTags(AddTagsRequest r) {
        Map<String, String> tags = ElbTags.of(r.tags());
        return state.write(place -> {
            for (String arn : r.resourceArns()) {
                exists(place, arn);
                Map<String, String> next = new LinkedHashMap<>(state.context.registry().tags(Arn.parse(arn)));
                next.putAll(tags);
                if (next.size() > ElbTags.MAX_TAGS) {
                    throw ElbErrors.of(TooManyTagsException.class, "The quota for the number of tags that can be "
                            + "assigned to a resource has been reached");
                }
            }
            r.resourceArns().forEach(arn -> state.context.registry().tag(Arn.parse(arn), tags));
            return AddTagsResponse.builder().build();
        });
    }

    public RemoveTagsResponse removeTags(RemoveTagsRequest r) {
        return state.write(place -> {
            r.resourceArns().forEach(arn -> exists(place, arn));
            r.resourceArns().forEach(arn -> state.context.registry().untag(Arn.parse(arn), r.tagKeys()));
            return RemoveTagsResponse.builder().build();
        });
    }

    public DescribeTagsResponse describeTags(DescribeTagsRequest r) {
        return state.read(place -> {
            List<TagDescription> out = new ArrayList<>();
            for (String arn : r.resourceArns()) {
                exists(place, arn);
                out.add(TagDescription.builder().resourceArn(arn).tags(ElbTags.list(state.context.registry(), arn))
                        .build());
            }
            return DescribeTagsResponse.builder().tagDescriptions(out).build();
        });
    }

    public DescribeAccountLimitsResponse describeAccountLimits(DescribeAccountLimitsRequest r) {
        List<Limit> all = LIMITS.entrySet().stream()
                .map(e -> Limit.builder().name(e.getKey()).max(String.valueOf(e.getValue())).build()).toList();
        Pages.Page<Limit> page = Pages.page(all, r.marker(), r.pageSize(), "limit");
        return DescribeAccountLimitsResponse.builder().limits(page.items()).nextMarker(page.nextMarker()).build();
    }

    public DescribeSslPoliciesResponse describeSSLPolicies(DescribeSslPoliciesRequest r) {
        List<SslPolicy> all = SslPolicies.all(r.loadBalancerTypeAsString());
        if (r.hasNames() && !r.names().isEmpty()) {
            for (String name : r.names()) {
                if (!SslPolicies.names().contains(name)) {
                    throw ElbErrors.of(SslPolicyNotFoundException.class, "SSL policy '" + name + "' not found");
                }
            }
            all = all.stream().filter(p -> r.names().contains(p.name())).toList();
        }
        Pages.Page<SslPolicy> page = Pages.page(all, r.marker(), r.pageSize(), "policy");
        return DescribeSslPoliciesResponse.builder().sslPolicies(page.items()).nextMarker(page.nextMarker()).build();
    }

    /** The resource an ARN names, or the error of its type. */
    private static void exists(ElbState.Place place, String arn) {
        if (arn.contains(":loadbalancer/")) {
            LoadBalancers.find(place, arn);
        } else if (arn.contains(":targetgroup/")) {
            TargetGroups.find(place, arn);
        } else if (arn.contains(":listener-rule/")) {
            boolean isDefault = place.listeners.values().stream().anyMatch(l -> arn.equals(l.defaultRuleArn));
            if (!isDefault && !place.rules.containsKey(arn)) {
                throw ElbErrors.of(RuleNotFoundException.class, "One or more rules not found");
            }
        } else if (arn.contains(":listener/")) {
            Listeners.find(place, arn);
        } else if (arn.contains(":truststore/")) {
            TrustStores.find(place, arn);
        } else {
            throw ElbErrors.validation("'" + arn + "' is not a valid resource ARN");
        }
    }
}
