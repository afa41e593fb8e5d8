package io.gureum.cloudformation.engine;

import java.time.Instant;

/** One entry of DescribeStackEvents. */
public record StackEvent(String eventId, String stackId, String stackName, String logicalId, String physicalId,
        String resourceType, Instant timestamp, String status, String reason, String properties,
        String clientRequestToken) {
}
