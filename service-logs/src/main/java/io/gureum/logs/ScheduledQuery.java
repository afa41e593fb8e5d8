package io.gureum.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * A scheduled query as stored (and recorded): its configuration, when it last ran and how, and its runs (the last
 * {@link #HISTORY} of them). {@code version} changes with each update, so a run armed for an older version is dropped.
 */
record ScheduledQuery(String arn, String name, String description, String queryLanguage, String queryString,
        List<String> logGroupIdentifiers, String scheduleExpression, String timezone, Long startTimeOffset,
        S3Destination s3, Long scheduleStartTime, Long scheduleEndTime, String executionRoleArn, String state,
        TagSet tags, long creationTime, long lastUpdatedTime, Long lastTriggeredTime,
        String lastExecutionStatus, List<Run> history, long version) {
    static final int HISTORY = 1000;

    record S3Destination(String destinationIdentifier, String roleArn, String ownerAccountId, String kmsKeyId) {
    }

    /** One run: a TriggerHistoryRecord. */
    record Run(String queryId, String executionStatus, long triggeredTimestamp, String errorMessage,
            List<Delivery> destinations) {
    }

    /** Where one run's results went: a ScheduledQueryDestination. */
    record Delivery(String destinationType, String destinationIdentifier, String status, String processedIdentifier,
            String errorMessage) {
    }

    ScheduledQuery ran(Run run) {
        List<Run> runs = new ArrayList<>(history);
        runs.add(run);
        if (runs.size() > HISTORY) {
            runs = new ArrayList<>(runs.subList(runs.size() - HISTORY, runs.size()));
        }
        return new ScheduledQuery(arn, name, description, queryLanguage, queryString, logGroupIdentifiers,
                scheduleExpression, timezone, startTimeOffset, s3, scheduleStartTime, scheduleEndTime,
                executionRoleArn, state, tags, creationTime, lastUpdatedTime, run.triggeredTimestamp(),
                run.executionStatus(), List.copyOf(runs), version);
    }
}
