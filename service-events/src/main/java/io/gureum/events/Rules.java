package io.gureum.events;

import io.gureum.core.patterns.EventPattern;
import io.gureum.core.patterns.InvalidPatternException;
import io.gureum.events.schedule.ScheduleExpression;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.model.DeleteRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.DeleteRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.DisableRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.DisableRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.EnableRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.EnableRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.ListRuleNamesByTargetRequest;
import software.amazon.awssdk.services.eventbridge.model.ListRuleNamesByTargetResponse;
import software.amazon.awssdk.services.eventbridge.model.ListRulesRequest;
import software.amazon.awssdk.services.eventbridge.model.ListRulesResponse;
import software.amazon.awssdk.services.eventbridge.model.PutRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.PutRuleResponse;

/**
 * Rules of a bus: PutRule creates or updates one (an EventPattern, a ScheduleExpression — on the default
 * bus only — or both), the others read, list, enable, disable and delete them
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html).
 */
final class Rules {
    private final EventsStores stores;
    private final Schedules schedules;

    Rules(EventsStores stores, Schedules schedules) {
        this.stores = stores;
        this.schedules = schedules;
    }

    /** Parses a pattern as PutRule, CreateArchive and TestEventPattern do. */
    static EventPattern pattern(String text) {
        try {
            return EventPattern.parse(text);
        } catch (InvalidPatternException e) {
            throw EventsErrors.invalidPattern(e.getMessage());
        }
    }

    public PutRuleResponse putRule(PutRuleRequest request) {
        Bus bus = stores.ownBus(request.eventBusName());
        if (request.eventPattern() == null && request.scheduleExpression() == null) {
            throw EventsErrors.validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        ScheduleExpression schedule = null;
        if (request.scheduleExpression() != null) {
            if (!bus.isDefault()) {
                throw EventsErrors.validation("ScheduleExpression is supported only on the default event bus.");
            }
            try {
                schedule = ScheduleExpression.parse(request.scheduleExpression());
            } catch (IllegalArgumentException e) {
                throw EventsErrors.invalidSchedule();
            }
        }
        EventPattern pattern = request.eventPattern() == null ? null : pattern(request.eventPattern());
        Rule rule = bus.rules.get(request.name());
        boolean created = rule == null;
        if (created) {
            rule = new Rule(bus.account, bus.region, bus.name, request.name());
            if (request.hasTags()) {
                Rule r = rule;
                request.tags().forEach(t -> r.tags.put(t.key(), t.value()));
            }
        } else if (rule.managedBy != null) {
            throw EventsErrors.managedRule(rule.name);
        }
        boolean scheduleChanged = created || !java.util.Objects.equals(rule.scheduleText, request.scheduleExpression());
        rule.eventPatternText = request.eventPattern();
        rule.eventPattern = pattern;
        rule.scheduleText = request.scheduleExpression();
        rule.schedule = schedule;
        if (scheduleChanged) {
            rule.scheduleOrigin = stores.now();
        }
        // "If you omit arguments in PutRule, the old values for those arguments are not kept." (API_PutRule.html)
        rule.state = request.stateAsString() == null ? "ENABLED" : request.stateAsString();
        rule.description = request.description();
        rule.roleArn = request.roleArn();
        if (created) {
            stores.register(rule);
            bus.rules.put(rule.name, rule);
        }
        schedules.arm(rule);
        return PutRuleResponse.builder().ruleArn(rule.arn).build();
    }

    public DescribeRuleResponse describeRule(DescribeRuleRequest request) {
        Bus bus = stores.ownBus(request.eventBusName());
        Rule r = stores.current().rule(bus.name, request.name());
        return DescribeRuleResponse.builder().name(r.name).arn(r.arn).eventPattern(r.eventPatternText)
                .scheduleExpression(r.scheduleText).state(r.state).description(r.description).roleArn(r.roleArn)
                .managedBy(r.managedBy).eventBusName(r.busName).createdBy(r.account).build();
    }

    public ListRulesResponse listRules(ListRulesRequest request) {
        Bus bus = stores.ownBus(request.eventBusName());
        String prefix = request.namePrefix() == null ? "" : request.namePrefix();
        List<Rule> matching = bus.rules.values().stream().filter(r -> r.name.startsWith(prefix)).toList();
        Pages.Page<Rule> page = Pages.of("rules", matching, r -> r.name, request.nextToken(), request.limit());
        return ListRulesResponse.builder().rules(page.items().stream().map(Rules::summary).toList())
                .nextToken(page.nextToken()).build();
    }

    private static software.amazon.awssdk.services.eventbridge.model.Rule summary(Rule r) {
        return software.amazon.awssdk.services.eventbridge.model.Rule.builder().name(r.name).arn(r.arn)
                .eventPattern(r.eventPatternText).scheduleExpression(r.scheduleText).state(r.state)
                .description(r.description).roleArn(r.roleArn).managedBy(r.managedBy).eventBusName(r.busName).build();
    }

    public ListRuleNamesByTargetResponse listRuleNamesByTarget(ListRuleNamesByTargetRequest request) {
        Bus bus = stores.ownBus(request.eventBusName());
        List<String> names = bus.rules.values().stream()
                .filter(r -> r.targets.values().stream().anyMatch(t -> t.arn().equals(request.targetArn())))
                .map(r -> r.name).toList();
        Pages.Page<String> page = Pages.of("rule-names", names, n -> n, request.nextToken(), request.limit());
        return ListRuleNamesByTargetResponse.builder().ruleNames(page.items()).nextToken(page.nextToken()).build();
    }

    public EnableRuleResponse enableRule(EnableRuleRequest request) {
        Rule r = changeable(request.eventBusName(), request.name());
        r.state = "ENABLED";
        schedules.arm(r);
        return EnableRuleResponse.builder().build();
    }

    public DisableRuleResponse disableRule(DisableRuleRequest request) {
        Rule r = changeable(request.eventBusName(), request.name());
        r.state = "DISABLED";
        schedules.arm(r);
        return DisableRuleResponse.builder().build();
    }

    private Rule changeable(String busName, String name) {
        Bus bus = stores.ownBus(busName);
        Rule r = stores.current().rule(bus.name, name);
        if (r.managedBy != null) {
            throw EventsErrors.managedRule(name);
        }
        return r;
    }

    /**
     * Deleting a rule that does not exist succeeds (on a bus that does); a rule with targets cannot be
     * deleted; a managed rule only with Force.
     */
    public DeleteRuleResponse deleteRule(DeleteRuleRequest request) {
        Bus bus = stores.ownBus(request.eventBusName());
        Rule r = bus.rules.get(request.name());
        if (r == null) {
            return DeleteRuleResponse.builder().build();
        }
        if (r.managedBy != null && !Boolean.TRUE.equals(request.force())) {
            throw EventsErrors.managedRule(r.name);
        }
        if (!r.targets.isEmpty()) {
            throw EventsErrors.validation("Rule can't be deleted since it has targets.");
        }
        bus.rules.remove(r.name);
        r.deleted = true;
        r.tags.detach();
        schedules.arm(r);
        return DeleteRuleResponse.builder().build();
    }
}
