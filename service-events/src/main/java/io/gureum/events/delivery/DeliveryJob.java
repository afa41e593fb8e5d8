package io.gureum.events.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * One matched event on its way to one target of one rule.
 *
 * @param ruleAccount the account that owns the rule (the one EventBridge acts for)
 * @param ingested when EventBridge took the event: retries count the event's age from here
 */
public record DeliveryJob(String ruleAccount, String ruleRegion, String ruleArn, String ruleName, Target target,
        ObjectNode event, Instant ingested) {
}
