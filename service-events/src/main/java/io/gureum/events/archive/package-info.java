/**
 * Archives (events a bus kept, by pattern, for RetentionDays on the clock) and replays (an archive's
 * events of a time window put back on their bus, marked with {@code replay-name})
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-archive.html).
 */
package io.gureum.events.archive;
