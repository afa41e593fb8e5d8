package io.gureum.lambda;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;

/**
 * An SQS event source mapping. Mutable; guard reads and writes with {@code synchronized (mapping)}.
 * {@link #busy} keeps one poll of a mapping at a time; {@link #buffer} holds messages received while a
 * batching window is open.
 */
final class EventSourceMapping {
    final String uuid;
    final String arn;
    final String account;
    final String region;
    final String eventSourceArn;
    String functionArn;
    int batchSize;
    int maximumBatchingWindowInSeconds;
    boolean enabled;
    List<String> functionResponseTypes;
    Integer maximumConcurrency;
    Instant lastModified;
    boolean deleted;
    boolean busy;
    final List<SqsSource.Received> buffer = new ArrayList<>();
    Instant windowStart;

    EventSourceMapping(String uuid, String arn, String account, String region, String eventSourceArn) {
        this.uuid = uuid;
        this.arn = arn;
        this.account = account;
        this.region = region;
        this.eventSourceArn = eventSourceArn;
    }

    boolean reportsBatchItemFailures() {
        return functionResponseTypes != null && functionResponseTypes.contains("ReportBatchItemFailures");
    }

    /** The API's view; {@code state} is the settled state unless an operation reports a transition. */
    synchronized EventSourceMappingConfiguration toConfiguration(String stateOverride) {
        EventSourceMappingConfiguration.Builder b = EventSourceMappingConfiguration.builder()
                .uuid(uuid)
                .eventSourceMappingArn(arn)
                .batchSize(batchSize)
                .maximumBatchingWindowInSeconds(maximumBatchingWindowInSeconds)
                .eventSourceArn(eventSourceArn)
                .functionArn(functionArn)
                .lastModified(lastModified)
                .state(stateOverride != null ? stateOverride : enabled ? "Enabled" : "Disabled")
                .stateTransitionReason("USER_INITIATED")
                .functionResponseTypesWithStrings(functionResponseTypes == null ? List.of() : functionResponseTypes);
        if (maximumConcurrency != null) {
            b.scalingConfig(s -> s.maximumConcurrency(maximumConcurrency));
        }
        return b.build();
    }
}
