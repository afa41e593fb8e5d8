package io.gureum.lambda;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An event source mapping's record for {@code --data-dir}: its settings, whether it is enabled, and its tags.
 * Messages a poll had taken but not yet handed to the function are not recorded: SQS makes them visible again
 * when their visibility timeout passes, as it does when a poller in AWS goes away.
 */
record MappingRecord(String uuid, String arn, String eventSourceArn, String functionArn, int batchSize,
        int maximumBatchingWindowInSeconds, boolean enabled, List<String> functionResponseTypes,
        Integer maximumConcurrency, Instant lastModified, Map<String, String> tags) {

    /** Read under {@code synchronized (m)}. */
    static MappingRecord of(EventSourceMapping m, Map<String, String> tags) {
        return new MappingRecord(m.uuid, m.arn, m.eventSourceArn, m.functionArn, m.batchSize,
                m.maximumBatchingWindowInSeconds, m.enabled,
                m.functionResponseTypes == null ? List.of() : List.copyOf(m.functionResponseTypes),
                m.maximumConcurrency, m.lastModified, Map.copyOf(tags));
    }

    EventSourceMapping toMapping(String account, String region) {
        EventSourceMapping m = new EventSourceMapping(uuid, arn, account, region, eventSourceArn);
        m.functionArn = functionArn;
        m.batchSize = batchSize;
        m.maximumBatchingWindowInSeconds = maximumBatchingWindowInSeconds;
        m.enabled = enabled;
        m.functionResponseTypes = functionResponseTypes == null ? List.of() : functionResponseTypes;
        m.maximumConcurrency = maximumConcurrency;
        m.lastModified = lastModified;
        return m;
    }
}
