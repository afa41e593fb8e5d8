package io.gureum.elb;

import io.gureum.core.ids.Arn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeRulesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.OperationNotPermittedException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PriorityInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleTransform;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetRulePrioritiesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetRulePrioritiesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TooManyRulesException;

/**
 * Listener rules of Application Load Balancers
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html): conditions
 * with AWS's limits (each of host-header, http-request-method, path-pattern and source-ip at most once, five
 * condition values per rule), priorities 1-50000 unique per listener, 100 rules per load balancer, and the
 * listener's default rule (its default actions, last, never deleted).
 */
public final class Rules {
    static final int MAX_RULES = 100;
    static final int MAX_CONDITION_VALUES = 5;
    private static final Set<String> ONCE = Set.of("host-header", "http-request-method", "path-pattern", "source-ip");
    private static final Set<String> FIELDS = Set.of("host-header", "http-request-method", "path-pattern",
            "source-ip", "http-header", "query-string");

    private final ElbState state;

    Rules(ElbState state) {
        this.state = state;
    }

    public CreateRuleResponse createRule(CreateRuleRequest r) {
        Map<String, String> tags = ElbTags.of(r.hasTags() ? r.tags() : List.of());
        return state.write(place -> {
            StoredListener l = Listeners.find(place, r.listenerArn());
            StoredLoadBalancer lb = LoadBalancers.find(place, l.loadBalancerArn);
            if (!lb.type.equals("application")) {
                throw ElbErrors.validation("Rules can only be created for listeners of Application Load Balancers");
            }
            checkConditions(r.conditions());
            Actions.check(place, lb, l.protocol, r.actions());
            for (StoredRule other : place.rules.values()) {
                if (other.listenerArn.equals(l.arn) && other.priority == r.priority()) {
                    throw ElbErrors.of(PriorityInUseException.class, "Priority '" + r.priority()
                            + "' is currently in use");
                }
            }
            long onLb = place.rules.values().stream()
                    .filter(x -> lb.arn.equals(place.listeners.get(x.listenerArn).loadBalancerArn)).count();
            if (onLb >= MAX_RULES) {
                throw ElbErrors.of(TooManyRulesException.class, "You've reached the limit on the number of rules per "
                        + "load balancer");
            }
            StoredRule rule = new StoredRule();
            String listenerPath = l.arn.substring(l.arn.indexOf(":listener/") + ":listener/".length());
            rule.arn = Arn.of(ElbTags.SERVICE, place.region, place.account,
                    "listener-rule/" + listenerPath + "/" + state.context.ids().hex(16)).toString();
            rule.listenerArn = l.arn;
            rule.priority = r.priority();
            rule.conditions = Shapes.toJson(r.conditions());
            rule.actions = Shapes.toJson(r.actions());
            rule.transforms = Shapes.toJson(r.hasTransforms() ? r.transforms() : List.of());
            place.rules.put(rule.arn, rule);
            ElbTags.register(state.context.registry(), place, rule.arn, tags);
            return CreateRuleResponse.builder().rules(view(rule)).build();
        });
    }

    public DescribeRulesResponse describeRules(DescribeRulesRequest r) {
        List<String> arns = r.hasRuleArns() ? r.ruleArns() : List.of();
        if (arns.isEmpty() == (r.listenerArn() == null)) {
            throw ElbErrors.validation(arns.isEmpty() ? "You must specify either rule ARNs or a listener ARN"
                    : "Rule ARNs and a listener ARN cannot be specified at the same time");
        }
        List<Rule> found = state.read(place -> {
            List<Rule> out = new ArrayList<>();
            if (!arns.isEmpty()) {
                for (String arn : arns) {
                    StoredListener owner = defaultRuleOwner(place, arn);
                    out.add(owner != null ? defaultView(owner) : view(find(place, arn)));
                }
            } else {
                StoredListener l = Listeners.find(place, r.listenerArn());
                place.rules.values().stream().filter(x -> x.listenerArn.equals(l.arn))
                        .sorted(Comparator.comparingInt(x -> x.priority)).forEach(x -> out.add(view(x)));
                out.add(defaultView(l));
            }
            return out;
        });
        Pages.Page<Rule> page = Pages.page(found, r.marker(), r.pageSize(), "rule");
        return DescribeRulesResponse.builder().rules(page.items()).nextMarker(page.nextMarker()).build();
    }

    public ModifyRuleResponse modifyRule(ModifyRuleRequest r) {
        return state.write(place -> {
            StoredListener owner = defaultRuleOwner(place, r.ruleArn());
            if (owner != null) {
                if (r.hasConditions() && !r.conditions().isEmpty()) {
                    throw ElbErrors.of(OperationNotPermittedException.class,
                            "Conditions cannot be set on a default rule");
                }
                if (r.hasActions()) {
                    StoredLoadBalancer lb = LoadBalancers.find(place, owner.loadBalancerArn);
                    Actions.check(place, lb, owner.protocol, r.actions());
                    owner.defaultActions = Shapes.toJson(r.actions());
                }
                return ModifyRuleResponse.builder().rules(defaultView(owner)).build();
            }
            StoredRule rule = find(place, r.ruleArn());
            StoredListener l = Listeners.find(place, rule.listenerArn);
            if (r.hasConditions()) {
                checkConditions(r.conditions());
            }
            if (r.hasActions()) {
                Actions.check(place, LoadBalancers.find(place, l.loadBalancerArn), l.protocol, r.actions());
            }
            if (r.hasConditions()) {
                rule.conditions = Shapes.toJson(r.conditions());
            }
            if (r.hasActions()) {
                rule.actions = Shapes.toJson(r.actions());
            }
            if (Boolean.TRUE.equals(r.resetTransforms())) {
                rule.transforms = Shapes.toJson(List.of());
            } else if (r.hasTransforms()) {
                rule.transforms = Shapes.toJson(r.transforms());
            }
            return ModifyRuleResponse.builder().rules(view(rule)).build();
        });
    }

    public DeleteRuleResponse deleteRule(DeleteRuleRequest r) {
        return state.write(place -> {
            if (defaultRuleOwner(place, r.ruleArn()) != null) {
                throw ElbErrors.of(OperationNotPermittedException.class,
                        "Default rule '" + r.ruleArn() + "' cannot be deleted");
            }
            StoredRule rule = find(place, r.ruleArn());
            place.rules.remove(rule.arn);
            ElbTags.unregister(state.context.registry(), rule.arn);
            return DeleteRuleResponse.builder().build();
        });
    }

    public SetRulePrioritiesResponse setRulePriorities(SetRulePrioritiesRequest r) {
        return state.write(place -> {
            Map<StoredRule, Integer> wanted = new HashMap<>();
            Set<String> listeners = new HashSet<>();
            for (RulePriorityPair p : r.rulePriorities()) {
                if (defaultRuleOwner(place, p.ruleArn()) != null) {
                    throw ElbErrors.of(OperationNotPermittedException.class,
                            "The priority of default rule '" + p.ruleArn() + "' cannot be set");
                }
                StoredRule rule = find(place, p.ruleArn());
                if (p.priority() == null) {
                    throw ElbErrors.validation("A priority must be specified for rule '" + p.ruleArn() + "'");
                }
                wanted.put(rule, p.priority());
                listeners.add(rule.listenerArn);
            }
            for (String listener : listeners) {
                Map<Integer, StoredRule> taken = new HashMap<>();
                for (StoredRule x : place.rules.values()) {
                    if (!x.listenerArn.equals(listener)) {
                        continue;
                    }
                    int priority = wanted.getOrDefault(x, x.priority);
                    if (taken.put(priority, x) != null) {
                        throw ElbErrors.of(PriorityInUseException.class, "Priority '" + priority
                                + "' is currently in use");
                    }
                }
            }
            wanted.forEach((rule, priority) -> rule.priority = priority);
            return SetRulePrioritiesResponse.builder().rules(r.rulePriorities().stream()
                    .map(p -> view(place.rules.get(p.ruleArn()))).toList()).build();
        });
    }

    private static void checkConditions(List<RuleCondition> conditions) {
        if (conditions.isEmpty()) {
            throw ElbErrors.validation("A rule must have at least one condition");
        }
        Set<String> seen = new HashSet<>();
        int values = 0;
        for (RuleCondition c : conditions) {
            String field = c.field();
            if (field == null || !FIELDS.contains(field)) {
                throw ElbErrors.validation("Condition field '" + field + "' is not supported");
            }
            if (ONCE.contains(field) && !seen.add(field)) {
                throw ElbErrors.validation("A rule can contain at most one condition of type '" + field + "'");
            }
            List<String> own = switch (field) {
                case "host-header" -> c.hostHeaderConfig() != null ? c.hostHeaderConfig().values() : c.values();
                case "path-pattern" -> c.pathPatternConfig() != null ? c.pathPatternConfig().values() : c.values();
                case "http-header" -> c.httpHeaderConfig() != null ? c.httpHeaderConfig().values() : List.of();
                case "http-request-method" -> c.httpRequestMethodConfig() != null
                        ? c.httpRequestMethodConfig().values() : List.of();
                case "source-ip" -> c.sourceIpConfig() != null ? c.sourceIpConfig().values() : List.of();
                default -> c.queryStringConfig() != null
                        ? c.queryStringConfig().values().stream().map(v -> v.value()).toList() : List.of();
            };
            List<String> regex = switch (field) {
                case "host-header" -> c.hostHeaderConfig() != null ? c.hostHeaderConfig().regexValues() : List.of();
                case "path-pattern" -> c.pathPatternConfig() != null ? c.pathPatternConfig().regexValues() : List.of();
                case "http-header" -> c.httpHeaderConfig() != null ? c.httpHeaderConfig().regexValues() : List.of();
                default -> List.of();
            };
            if (own.isEmpty() && regex.isEmpty() && c.regexValues().isEmpty()) {
                throw ElbErrors.validation("A condition of type '" + field + "' must have at least one value");
            }
            if (field.equals("http-header") && (c.httpHeaderConfig() == null
                    || c.httpHeaderConfig().httpHeaderName() == null)) {
                throw ElbErrors.validation("An http-header condition must name a header");
            }
            for (String v : own) {
                if (v.length() > 128) {
                    throw ElbErrors.validation("Condition value '" + v + "' cannot be longer than 128 characters");
                }
            }
            values += own.size() + regex.size();
        }
        if (values > MAX_CONDITION_VALUES) {
            throw ElbErrors.validation("A rule can only have '" + MAX_CONDITION_VALUES + "' condition values");
        }
    }

    private static StoredListener defaultRuleOwner(ElbState.Place place, String ruleArn) {
        for (StoredListener l : place.listeners.values()) {
            if (ruleArn.equals(l.defaultRuleArn)) {
                return l;
            }
        }
        return null;
    }

    static StoredRule find(ElbState.Place place, String arn) {
        StoredRule rule = place.rules.get(arn);
        if (rule == null) {
            if (!arn.startsWith("arn:") || !arn.contains(":listener-rule/")) {
                throw ElbErrors.validation("'" + arn + "' is not a valid listener rule ARN");
            }
            throw ElbErrors.of(RuleNotFoundException.class, "One or more rules not found");
        }
        return rule;
    }

    static Rule view(StoredRule rule) {
        return Rule.builder().ruleArn(rule.arn).priority(String.valueOf(rule.priority))
                .conditions(Shapes.fromJson(rule.conditions, RuleCondition.class))
                .actions(Shapes.fromJson(rule.actions, Action.class)).isDefault(false)
                .transforms(Shapes.fromJson(rule.transforms, RuleTransform.class)).build();
    }

    static Rule defaultView(StoredListener l) {
        return Rule.builder().ruleArn(l.defaultRuleArn).priority("default").conditions(List.of())
                .actions(Shapes.fromJson(l.defaultActions, Action.class)).isDefault(true).build();
    }
}
