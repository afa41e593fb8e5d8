package io.gureum.events;

import io.gureum.core.error.AwsException;
import io.gureum.core.error.ModeledErrors;
import software.amazon.awssdk.services.eventbridge.model.IllegalStatusException;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.LimitExceededException;
import software.amazon.awssdk.services.eventbridge.model.ManagedRuleException;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/**
 * EventBridge's errors with AWS's wording. {@code ValidationException} is not in the model (AWS's
 * validation layer answers it, 400), so it is built by code.
 */
public final class EventsErrors {
    private EventsErrors() {
    }

    public static AwsException validation(String message) {
        return new AwsException("ValidationException", message, 400);
    }

    public static ResourceNotFoundException notFound(String message) {
        return ModeledErrors.of(ResourceNotFoundException.class, message);
    }

    static ResourceNotFoundException busNotFound(String name) {
        return notFound("Event bus " + name + " does not exist.");
    }

    static ResourceNotFoundException ruleNotFound(String rule, String bus) {
        return notFound("Rule " + rule + " does not exist on EventBus " + bus + ".");
    }

    static ResourceAlreadyExistsException alreadyExists(String message) {
        return ModeledErrors.of(ResourceAlreadyExistsException.class, message);
    }

    static InvalidEventPatternException invalidPattern(String reason) {
        return ModeledErrors.of(InvalidEventPatternException.class, "Event pattern is not valid. Reason: " + reason);
    }

    static LimitExceededException limitExceeded(String message) {
        return ModeledErrors.of(LimitExceededException.class, message);
    }

    static ManagedRuleException managedRule(String rule) {
        return ModeledErrors.of(ManagedRuleException.class, "Rule " + rule
                + " is managed by an AWS service and can only be modified with Force=true.");
    }

    static IllegalStatusException illegalStatus(String message) {
        return ModeledErrors.of(IllegalStatusException.class, message);
    }

    static AwsException invalidSchedule() {
        return validation("Parameter ScheduleExpression is not valid.");
    }
}
