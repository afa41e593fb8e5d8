package io.gureum.lambda;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An event source mapping's record for {@code --data-dir}: its settings, filters, whether it is enabled, its tags, and
 * for a DynamoDB stream the position it has processed up to (polling resumes after it; a LATEST mapping that has
 * processed nothing yet starts at LATEST again). Messages a poll had taken but not yet handed to the function are not
 * recorded: SQS makes them visible again when their visibility timeout passes, as it does when a poller in AWS goes
 * away.
 */
record MappingRecord(String uuid, String arn, String eventSourceArn, String functionArn, int batchSize,
        int maximumBatchingWindowInSeconds, boolean enabled, List<String> functionResponseTypes,
        Integer maximumConcurrency, Instant lastModified, Map<String, String> tags, List<String> filterPatterns,
        Stream stream) {

    /** A DynamoDB stream mapping's settings and position: the sequence number of the last record processed. */
    record Stream(String startingPosition, boolean bisectBatchOnFunctionError, int maximumRetryAttempts,
            int maximumRecordAgeInSeconds, int parallelizationFactor, String onFailure, String shardId,
            String checkpoint, String checkpointEventId, String lastProcessingResult) {
    }

    /** Read under {@code synchronized (m)}. */
    static MappingRecord of(EventSourceMapping m, Map<String, String> tags) {
        return new MappingRecord(m.uuid, m.arn, m.eventSourceArn, m.functionArn, m.batchSize,
                m.maximumBatchingWindowInSeconds, m.enabled,
                m.functionResponseTypes == null ? List.of() : List.copyOf(m.functionResponseTypes),
                m.maximumConcurrency, m.lastModified, Map.copyOf(tags), m.filterPatterns,
                m.stream() ? new Stream(m.startingPosition, m.bisectBatchOnFunctionError, m.maximumRetryAttempts,
                        m.maximumRecordAgeInSeconds, m.parallelizationFactor, m.onFailure, m.shardId, m.checkpoint,
                        m.checkpointEventId, m.lastProcessingResult) : null);
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
        m.filterPatterns = filterPatterns == null ? List.of() : List.copyOf(filterPatterns);
        if (stream != null) {
            m.startingPosition = stream.startingPosition();
            m.bisectBatchOnFunctionError = stream.bisectBatchOnFunctionError();
            m.maximumRetryAttempts = stream.maximumRetryAttempts();
            m.maximumRecordAgeInSeconds = stream.maximumRecordAgeInSeconds();
            m.parallelizationFactor = stream.parallelizationFactor();
            m.onFailure = stream.onFailure();
            m.shardId = stream.shardId();
            m.checkpoint = stream.checkpoint();
            m.checkpointEventId = stream.checkpointEventId();
            m.lastProcessingResult = stream.lastProcessingResult();
        }
        return m;
    }
}
