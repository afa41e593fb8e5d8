package io.gureum.lambda;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;

/**
 * An SQS or DynamoDB stream event source mapping. Mutable; guard reads and writes with {@code synchronized (mapping)}.
 * {@link #busy} keeps one poll of a mapping at a time; {@link #buffer} holds messages received while a
 * batching window is open, {@link #pending} the stream records read and not yet processed.
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
    /** Event filtering: the patterns of {@code FilterCriteria}, each as its JSON text. */
    List<String> filterPatterns = List.of();

    // DynamoDB streams (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html)
    String startingPosition;
    boolean bisectBatchOnFunctionError;
    int maximumRetryAttempts = -1;
    int maximumRecordAgeInSeconds = -1;
    int parallelizationFactor = 1;
    /** {@code DestinationConfig.OnFailure}: where discarded batches' records go. */
    String onFailure;
    /** The stream's shard being read. */
    String shardId;
    /** The sequence number of the last record processed (or discarded): polling resumes after it. */
    String checkpoint;
    /** The {@code eventID} of the record at {@link #checkpoint}: after a restart it tells whether the stream still holds it. */
    String checkpointEventId;
    String lastProcessingResult = "No records processed";
    // the poller's, not recorded
    String iterator;
    /** The sequence number of the last record read; a new iterator starts after it. */
    String lastRead;
    String lastReadEventId;
    final List<software.amazon.awssdk.services.dynamodb.model.Record> pending = new ArrayList<>();
    /** Failed attempts of the batch at the head of {@link #pending}. */
    int attempts;
    /** The size of the batch at the head after bisecting; 0 for the batch size. */
    int bisected;

    EventSourceMapping(String uuid, String arn, String account, String region, String eventSourceArn) {
        this.uuid = uuid;
        this.arn = arn;
        this.account = account;
        this.region = region;
        this.eventSourceArn = eventSourceArn;
    }

    boolean stream() {
        return eventSourceArn.startsWith("arn:") && eventSourceArn.split(":", 4)[2].equals("dynamodb");
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
        if (!filterPatterns.isEmpty()) {
            b.filterCriteria(f -> f.filters(filterPatterns.stream()
                    .map(p -> software.amazon.awssdk.services.lambda.model.Filter.builder().pattern(p).build()).toList()));
        }
        if (stream()) {
            b.startingPosition(startingPosition).parallelizationFactor(parallelizationFactor)
                    .bisectBatchOnFunctionError(bisectBatchOnFunctionError).maximumRetryAttempts(maximumRetryAttempts)
                    .maximumRecordAgeInSeconds(maximumRecordAgeInSeconds).lastProcessingResult(lastProcessingResult)
                    .destinationConfig(d -> d.onFailure(o -> o.destination(onFailure)));
        }
        return b.build();
    }
}
