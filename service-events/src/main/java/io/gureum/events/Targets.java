package io.gureum.events;

import io.gureum.core.ids.Arn;
import io.gureum.events.delivery.Envelope;
import io.gureum.events.delivery.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleRequest;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResultEntry;
import software.amazon.awssdk.services.eventbridge.model.RemoveTargetsRequest;
import software.amazon.awssdk.services.eventbridge.model.RemoveTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * A rule's targets, by Id: at most {@value #MAX_TARGETS}; a target of the same Id is replaced. Input,
 * InputPath and InputTransformer are mutually exclusive; a FIFO queue needs SqsParameters.MessageGroupId
 * (https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutTargets.html).
 */
final class Targets {
    /** "Targets per rule: 5" (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html). */
    static final int MAX_TARGETS = 5;

    private final EventsStores stores;

    Targets(EventsStores stores) {
        this.stores = stores;
    }

    public PutTargetsResponse putTargets(PutTargetsRequest request) {
        Bus bus = stores.ownBus(request.eventBusName());
        Rule rule = stores.current().rule(bus.name, request.rule());
        if (rule.managedBy != null) {
            throw EventsErrors.managedRule(rule.name);
        }
        List<Target> targets = request.hasTargets() ? request.targets() : List.of();
        targets.forEach(t -> validate(rule, t));
        long added = targets.stream().map(Target::id).distinct().filter(id -> !rule.targets.containsKey(id)).count();
        if (rule.targets.size() + added > MAX_TARGETS) {
            throw EventsErrors.limitExceeded("The requested resource exceeds the maximum number allowed.");
        }
        List<PutTargetsResultEntry> failed = new ArrayList<>();
        targets.forEach(rule::putTarget);
        return PutTargetsResponse.builder().failedEntryCount(failed.size()).failedEntries(failed).build();
    }

    private static void validate(Rule rule, Target t) {
        Arn arn;
        try {
            arn = Arn.parse(t.arn());
        } catch (IllegalArgumentException e) {
            throw EventsErrors.validation("Parameter " + t.arn() + " is not valid. Reason: Provided Arn is not in"
                    + " correct format.");
        }
        int inputs = (t.input() != null ? 1 : 0) + (t.inputPath() != null ? 1 : 0)
                + (t.inputTransformer() != null ? 1 : 0);
        if (inputs > 1) {
            throw EventsErrors.validation("Only one of Input, InputPath, or InputTransformer must be provided.");
        }
        if (t.input() != null) {
            try {
                Envelope.JSON.readTree(t.input());
            } catch (Exception e) {
                throw EventsErrors.validation("Parameter Input is not valid.");
            }
        }
        if (t.inputPath() != null && !JsonPath.valid(t.inputPath())) {
            throw EventsErrors.validation("Parameter InputPath is not valid.");
        }
        if (t.inputTransformer() != null && t.inputTransformer().hasInputPathsMap()) {
            for (Map.Entry<String, String> e : t.inputTransformer().inputPathsMap().entrySet()) {
                if (!JsonPath.valid(e.getValue())) {
                    throw EventsErrors.validation("Parameter InputPathsMap is not valid. Reason: Invalid JSONPath "
                            + e.getValue() + " for key " + e.getKey() + ".");
                }
            }
        }
        if (arn.service().equals("sqs") && arn.resource().endsWith(".fifo")
                && (t.sqsParameters() == null || t.sqsParameters().messageGroupId() == null)) {
            throw EventsErrors.validation("Parameter(s) SqsParameters must be specified for target: " + t.id() + ".");
        }
        if (arn.service().equals("events") && !arn.accountId().equals(rule.account) && inputs > 0) {
            throw EventsErrors.validation("Parameter(s) Input, InputPath, InputTransformer are not supported for"
                    + " target: " + t.id() + ".");
        }
    }

    public RemoveTargetsResponse removeTargets(RemoveTargetsRequest request) {
        Bus bus = stores.ownBus(request.eventBusName());
        Rule rule = stores.current().rule(bus.name, request.rule());
        if (rule.managedBy != null && !Boolean.TRUE.equals(request.force())) {
            throw EventsErrors.managedRule(rule.name);
        }
        if (request.hasIds()) {
            request.ids().forEach(rule::removeTarget);
        }
        return RemoveTargetsResponse.builder().failedEntryCount(0).failedEntries(List.of()).build();
    }

    public ListTargetsByRuleResponse listTargetsByRule(ListTargetsByRuleRequest request) {
        Bus bus = stores.ownBus(request.eventBusName());
        Rule rule = stores.current().rule(bus.name, request.rule());
        List<Target> all = new ArrayList<>(rule.targets.values());
        all.sort(java.util.Comparator.comparing(Target::id));
        Pages.Page<Target> page = Pages.of("targets", all, Target::id, request.nextToken(), request.limit());
        return ListTargetsByRuleResponse.builder().targets(page.items()).nextToken(page.nextToken()).build();
    }
}
