package io.gureum.logs;

/** A subscription filter as PutSubscriptionFilter stored it, with its parsed pattern. */
record StoredSubscriptionFilter(String logGroupName, String filterName, String filterPattern, String destinationArn,
        String roleArn, String distribution, long creationTime, Boolean applyOnTransformedLogs, FilterPattern pattern) {
}
